from django.conf import settings
from django.db import models


class NominationEvent(models.Model):
    """Append-only audit trail of a nomination: who, when, from, to, why.

    A database trigger refuses UPDATE (and on PostgreSQL DELETE) of these rows
    (migration 0004), so neither a nomination nor an actor with events can be deleted.
    """

    nomination = models.ForeignKey("evaluation.Nomination", on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=40)
    from_status = models.CharField("原状态", max_length=30, blank=True)
    to_status = models.CharField("新状态", max_length=30, blank=True)
    reason = models.TextField("理由", blank=True)
    data = models.JSONField("参数", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("操作记录只能新增，不能修改。")
        super().save(*args, **kwargs)


class CampaignEvent(models.Model):
    """Append-only record of a campaign's own milestones: notice opened/closed, approval, publication."""

    campaign = models.ForeignKey("evaluation.Campaign", on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=40)
    data = models.JSONField("参数", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "活动记录"
        verbose_name_plural = "活动记录"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("操作记录只能新增，不能修改。")
        super().save(*args, **kwargs)
