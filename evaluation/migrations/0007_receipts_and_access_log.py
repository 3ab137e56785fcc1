import secrets

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import evaluation.models.nominations

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def give_receipts(apps, schema_editor):
    """The first nominator keeps the tracking number as receipt; later ones get a number of their own."""
    Nominator = apps.get_model("evaluation", "Nominator")
    seen = set()
    for nominator in Nominator.objects.select_related("nomination").order_by("nomination_id", "created_at", "pk"):
        if nominator.nomination_id not in seen:
            seen.add(nominator.nomination_id)
            nominator.receipt_number = nominator.nomination.tracking_number
        else:
            prefix = nominator.created_at.strftime("%y%m")
            nominator.receipt_number = prefix + "".join(secrets.choice(ALPHABET) for _ in range(8))
        nominator.save(update_fields=["receipt_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0006_captcha_challenge"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="nominator",
            name="receipt_number",
            field=models.CharField(editable=False, max_length=20, null=True, verbose_name="回执编号"),
        ),
        migrations.RunPython(give_receipts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="nominator",
            name="receipt_number",
            field=models.CharField(
                default=evaluation.models.nominations.new_tracking_number,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="回执编号",
            ),
        ),
        migrations.CreateModel(
            name="PrivateDataAccess",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "purpose",
                    models.CharField(
                        choices=[("inspect", "查看推荐详情"), ("export", "导出推荐名单"), ("api", "审核接口")],
                        max_length=20,
                        verbose_name="场景",
                    ),
                ),
                ("model", models.CharField(max_length=50, verbose_name="数据类型")),
                ("record_ids", models.JSONField(default=list, verbose_name="记录编号")),
                ("record_count", models.PositiveIntegerField(default=0, verbose_name="记录数")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="时间")),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="查看人",
                    ),
                ),
            ],
            options={
                "verbose_name": "个人信息查看记录",
                "verbose_name_plural": "个人信息查看记录",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
