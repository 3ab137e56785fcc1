"""After publication: the honour itself, its certificate and its promotion to a higher list."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from evaluation.choices import Level

from .care import CareRecord
from .nominations import TRACKING_ALPHABET

VISIT_KINDS = ("contact", "visit")


class HonourStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    REVOKED = "revoked", "已撤销"


class HonourQuerySet(models.QuerySet):
    def active(self):
        """Honours not revoked."""
        return self.filter(status=HonourStatus.ACTIVE)

    def overdue_visits(self, today=None):
        """Living holders of an active honour whose last contact is older than their visit interval."""
        today = today or timezone.localdate()
        honours = self.active().filter(deceased_on__isnull=True).select_related("nomination")
        last = dict(
            CareRecord.objects.filter(honour__in=honours, kind__in=VISIT_KINDS)
            .values("honour_id")
            .annotate(last=models.Max("happened_on"))
            .values_list("honour_id", "last")
        )
        overdue = []
        for honour in honours:
            since = last.get(honour.pk) or honour.awarded_on
            due = since + datetime.timedelta(days=honour.visit_interval_days)
            if due < today:
                honour.last_contact_on = last.get(honour.pk)
                honour.visit_due_on = due
                overdue.append(honour)
        return sorted(overdue, key=lambda h: h.visit_due_on)


class Honour(models.Model):
    """A person the committee approved and the campaign published (入选者), with their care settings."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="honours"
    )
    nomination = models.OneToOneField(
        "evaluation.Nomination", verbose_name="推荐记录", on_delete=models.PROTECT, related_name="honour"
    )
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("荣誉称号", max_length=200)
    level = models.CharField("级别", max_length=20, choices=Level.choices)
    awarded_on = models.DateField("授予日期")
    page = models.ForeignKey(
        "portal.HonoureePage",
        verbose_name="好人档案页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    held_title = models.ForeignKey(
        "evaluation.HeldTitle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    status = models.CharField(
        "状态", max_length=20, choices=HonourStatus.choices, default=HonourStatus.ACTIVE, editable=False
    )
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)
    deceased_on = models.DateField("去世日期", null=True, blank=True, editable=False)
    visit_interval_days = models.PositiveSmallIntegerField(
        "回访周期（天）", default=90, help_text="超过该天数未联系回访，将在工作台提醒。"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HonourQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "name"]
        verbose_name = "入选者"
        verbose_name_plural = "入选者"

    def __str__(self):
        return f"{self.name}·{self.title}"

    @property
    def is_revoked(self):
        return self.status == HonourStatus.REVOKED


def new_certificate_number(year, campaign_id, seq):
    """Year, campaign and sequence (readable) plus four random characters (not guessable)."""
    suffix = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(4))
    return f"{year}{campaign_id:03d}{seq:03d}{suffix}"


class Certificate(models.Model):
    """The honour certificate (荣誉证书); its public verification page shows whether it still stands."""

    number = models.CharField("证书编号", max_length=30, unique=True)
    honour = models.OneToOneField(Honour, verbose_name="入选者", on_delete=models.PROTECT, related_name="certificate")
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("荣誉称号", max_length=200)
    issued_on = models.DateField("颁发日期")
    revoked_at = models.DateTimeField("收回时间", null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "荣誉证书"
        verbose_name_plural = "荣誉证书"

    def __str__(self):
        return self.number

    @property
    def status(self):
        return "revoked" if self.revoked_at else "valid"

    @property
    def status_label(self):
        return "已撤销" if self.revoked_at else "有效"


class PromotionStatus(models.TextChoices):
    PROPOSED = "proposed", "已推荐上级"
    AWARDED = "awarded", "上级已授予"
    NOT_AWARDED = "not_awarded", "上级未授予"


class Promotion(models.Model):
    """Lineage: an honour put forward to the next level (市 → 省 → 全国) and what became of it."""

    honour = models.ForeignKey(Honour, verbose_name="原荣誉", on_delete=models.PROTECT, related_name="promotions")
    target_level = models.CharField("推荐级别", max_length=20, choices=Level.choices)
    target_campaign = models.ForeignKey(
        "evaluation.Campaign",
        verbose_name="上级评选活动",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promotions_in",
    )
    higher_nomination = models.ForeignKey(
        "evaluation.Nomination",
        verbose_name="上级推荐记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_from",
    )
    status = models.CharField(
        "状态", max_length=20, choices=PromotionStatus.choices, default=PromotionStatus.PROPOSED, editable=False
    )
    awarded_title = models.CharField("上级授予称号", max_length=200, blank=True)
    awarded_on = models.DateField("授予日期", null=True, blank=True)
    held_title = models.ForeignKey(
        "evaluation.HeldTitle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    skips_level = models.BooleanField(
        "越级推荐", default=False, editable=False, help_text="市级入选者未获省级称号、经主任会议议定直接推荐全国。"
    )
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("推荐时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "推荐上级"
        verbose_name_plural = "推荐上级"
        constraints = [models.UniqueConstraint(fields=["honour", "target_level"], name="one_promotion_per_level")]

    def __str__(self):
        return f"{self.honour.name} → {self.get_target_level_display()}"


class DecisionKind(models.TextChoices):
    EXPERT_REVIEW = "expert_review", "专家评议"
    DIRECTORS_MEETING = "directors_meeting", "主任会议议定"


class DecisionOutcome(models.TextChoices):
    AGREED = "agreed", "同意推荐"
    DECLINED = "declined", "不同意推荐"


class PromotionDecision(models.Model):
    """The expert review or the directors' meeting behind a promotion (seed 000 §8): when, who, what was decided."""

    promotion = models.ForeignKey(
        Promotion, verbose_name="推荐上级", on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField("程序", max_length=20, choices=DecisionKind.choices)
    held_on = models.DateField("日期")
    participants = models.TextField("参加人员", help_text="每行一人，写明姓名和职务。")
    outcome = models.CharField("结论", max_length=20, choices=DecisionOutcome.choices)
    minutes_number = models.CharField("纪要或文件编号", max_length=100, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = "评议和议定记录"
        verbose_name_plural = "评议和议定记录"

    def __str__(self):
        return f"{self.get_kind_display()}（{self.held_on:%Y-%m-%d}，{self.get_outcome_display()}）"

    @property
    def participant_list(self):
        return [line.strip() for line in self.participants.splitlines() if line.strip()]
