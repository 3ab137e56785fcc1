"""Objections raised during the public notice (公示异议), handled as cases by city staff."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from evaluation.privacy import crypto
from evaluation.workflows.notice import ObjectionOutcome, ObjectionStatus
from portal.storage import private_storage

from .nominations import TRACKING_ALPHABET


def new_case_number():
    return "YY" + timezone.localdate().strftime("%y%m") + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))


class ObjectionQuerySet(models.QuerySet):
    def unresolved(self):
        """Cases not yet closed: they hold their candidate back from publication."""
        return self.filter(status__in=ObjectionStatus.unresolved())

    def overdue(self, today=None):
        """Unresolved cases past their deadline."""
        return self.unresolved().filter(deadline__lt=today or timezone.localdate())


class Objection(models.Model):
    """One objection to one candidate on the public notice; the objector's identity stays private."""

    number = models.CharField("案件编号", max_length=20, unique=True, default=new_case_number, editable=False)
    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="objections"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="objections"
    )
    objector_name = models.CharField("异议人姓名", max_length=30)
    contact_hash = models.CharField(max_length=64, editable=False, db_index=True)
    contact_masked = models.CharField("联系电话", max_length=20, editable=False)
    contact_cipher = models.TextField(editable=False)
    facts = models.TextField("异议事实")
    status = models.CharField(
        "状态", max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN, editable=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField("办结期限", null=True, blank=True)
    investigation_notes = models.TextField("核查情况", blank=True)
    outcome = models.CharField("核查结论", max_length=20, choices=ObjectionOutcome.choices, blank=True)
    public_result = models.TextField(
        "公开答复（匿名）", blank=True, help_text="在公示页面公开，不得包含异议人姓名、联系方式等个人信息。"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("提出时间", auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"

    def __str__(self):
        return f"{self.number}（{self.nomination.nominee_name}）"

    def set_contact(self, phone):
        self.contact_hash = crypto.keyed_hash(phone)
        self.contact_masked = crypto.mask_phone(phone)
        self.contact_cipher = crypto.encrypt(phone)

    def reveal_contact(self):
        return crypto.decrypt(self.contact_cipher, record=self, field="contact")

    @property
    def is_resolved(self):
        return self.status == ObjectionStatus.CLOSED


def evidence_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evaluation/objections/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


class ObjectionEvidence(models.Model):
    """A file the objector attached (image or PDF), kept in private storage."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("证据材料", upload_to=evidence_path, storage=private_storage)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "异议证据"
        verbose_name_plural = "异议证据"

    def __str__(self):
        return f"证据{self.pk}"
