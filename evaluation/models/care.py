"""Negative list (负面清单) and care and courtesy (关爱帮扶, 礼遇) records of an honour."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.storage import private_storage


class NegativeKind(models.TextChoices):
    WARNING_TALK = "warning_talk", "诫勉谈话"
    RECTIFICATION = "rectification", "责令整改"
    REVOCATION = "revocation", "撤销荣誉称号"


def negative_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evaluation/negative/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


class NegativeRecord(models.Model):
    """A warning or a revocation, with the nominating unit's report (谁推荐谁负责)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="negative_records"
    )
    kind = models.CharField("类型", max_length=20, choices=NegativeKind.choices)
    reason = models.TextField("事由")
    decided_on = models.DateField("决定日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    reporting_unit = models.ForeignKey(
        "evaluation.Jurisdiction",
        verbose_name="推荐单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_report = models.TextField("推荐单位情况报告")
    evidence = models.FileField("证据材料", upload_to=negative_file_path, storage=private_storage, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "负面清单"
        verbose_name_plural = "负面清单"

    def __str__(self):
        return f"{self.honour.name}·{self.get_kind_display()}"


class CareKind(models.TextChoices):
    CONTACT = "contact", "联系回访"
    VISIT = "visit", "走访慰问"
    JOB_CHANGE = "job_change", "工作变动"
    RESIDENCE_CHANGE = "residence_change", "居住地变动"
    DECEASED = "deceased", "去世"
    AID = "aid", "帮扶救助"
    BENEFIT = "benefit", "礼遇待遇"


class CareRecord(models.Model):
    """One entry of an honouree's care log; staff-only (it may hold addresses and health)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="care_records"
    )
    kind = models.CharField("类型", max_length=20, choices=CareKind.choices)
    happened_on = models.DateField("日期", default=timezone.localdate)
    note = models.TextField("情况记录", blank=True)
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    card_number = models.CharField("好人卡号", max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = "关爱帮扶记录"
        verbose_name_plural = "关爱帮扶记录"

    def __str__(self):
        return f"{self.honour.name}·{self.get_kind_display()}（{self.happened_on:%Y-%m-%d}）"
