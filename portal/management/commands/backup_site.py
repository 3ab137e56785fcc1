from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = "备份数据库、公开文件（MEDIA_ROOT）和非公开文件（PRIVATE_MEDIA_ROOT）到一个 tar.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", help="备份目录（默认 backups/，仅本人可读）")
        parser.add_argument("--output", help="备份文件路径（给出时忽略 --output-dir）")

    def handle(self, *args, **options):
        if options["output"]:
            path = Path(options["output"])
        else:
            directory = Path(options["output_dir"])
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = directory / backup.default_name()
        self.stdout.write(f"正在备份到 {path} ……")
        try:
            manifest = backup.create(path, log=self.stdout.write)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"备份完成：{path}（{total} 条记录，数据库 {manifest['engine']}）。"))
        self.stdout.write("提醒：密钥（PRIVACY_KEY / .privacy-key）不在备份中，请另行妥善保管，恢复时需要同一密钥。")
