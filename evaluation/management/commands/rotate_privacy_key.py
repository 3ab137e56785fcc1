"""Re-encrypt every stored ID number, phone and contact with the current privacy key.

Run after raising PRIVACY_KEY_VERSION or changing PRIVACY_KEY (see evaluation/crypto.py).
Keyed hashes are recomputed from the clear text too, which carries data over when the
secret itself changed.  All or nothing: one undecryptable record rolls the whole run back.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from evaluation.models import HeldTitle, Nomination, Nominator, Objection, ReserveEntry
from evaluation.privacy import crypto

# model: [(cipher field, keyed-hash field it feeds or None)]
PROTECTED = {
    Nomination: [("id_number_cipher", "id_number_hash")],
    Nominator: [("phone_cipher", "phone_hash")],
    ReserveEntry: [("id_number_cipher", "id_number_hash"), ("contact_cipher", None)],
    HeldTitle: [("id_number_cipher", "id_number_hash")],
    Objection: [("contact_cipher", "contact_hash")],
}


class Command(BaseCommand):
    help = "用当前个人信息密钥重新加密全部身份证号、手机号和联系方式（密钥轮换后运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="每批处理的记录数（默认500）。")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不保存。")

    def handle(self, *args, batch_size, dry_run, **options):
        version = crypto.current_version()
        try:
            with transaction.atomic():
                for model, fields in PROTECTED.items():
                    counts = self.rotate(model, fields, batch_size)
                    self.stdout.write(
                        f"{model._meta.verbose_name}：共{counts['records']}条记录，重新加密{counts['values']}项，"
                        f"其中{counts['older']}项原为旧版本密钥，更新匹配哈希{counts['rehashed']}项。"
                    )
                if dry_run:
                    transaction.set_rollback(True)
        except crypto.UndecryptableRecord as exc:
            raise CommandError(f"{exc}已全部回滚，未做任何修改。") from None
        done = "试运行结束，未保存任何修改。" if dry_run else f"完成：全部个人信息已使用第{version}版密钥加密。"
        self.stdout.write(self.style.SUCCESS(done))

    def rotate(self, model, fields, batch_size):
        names = [name for pair in fields for name in pair if name]
        counts = dict.fromkeys(("records", "values", "older", "rehashed"), 0)
        current, last_pk = crypto.current_version(), 0
        while True:
            batch = list(model.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", *names)[:batch_size])
            if not batch:
                return counts
            for record in batch:
                for cipher_field, hash_field in fields:
                    token = getattr(record, cipher_field)
                    if not token:
                        continue
                    clear = crypto.decrypt(token, record=record, field=cipher_field)
                    counts["older"] += crypto.token_version(token) != current
                    setattr(record, cipher_field, crypto.encrypt(clear))
                    counts["values"] += 1
                    if hash_field and getattr(record, hash_field) != (digest := crypto.keyed_hash(clear)):
                        setattr(record, hash_field, digest)
                        counts["rehashed"] += 1
            # bulk_update leaves save() alone: rotation must not touch search text or "updated at".
            model.objects.bulk_update(batch, names)
            counts["records"] += len(batch)
            last_pk = batch[-1].pk
