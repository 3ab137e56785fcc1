"""Disqualification (取消资格) of a candidate whose supporters were found brushing (seed 000 §3.3)."""

from django.conf import settings
from django.db import models


class DisqualificationQuerySet(models.QuerySet):
    def nomination_ids(self, campaign):
        """Ids of the campaign's disqualified candidates: kept out of the ranking, the notice and approval."""
        return self.filter(campaign=campaign).values_list("nomination_id", flat=True)


class Disqualification(models.Model):
    """Staff's recorded decision that a candidate leaves the campaign, with its grounds and the findings behind it."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="disqualifications"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="disqualifications"
    )
    grounds = models.TextField("取消资格理由", help_text="写明核查的事实和依据，例如确认的刷票预警。")
    suspicions = models.ManyToManyField(
        "evaluation.VoteSuspicion", verbose_name="依据的刷票预警", blank=True, related_name="disqualifications"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("决定时间", auto_now_add=True)

    objects = DisqualificationQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = "取消候选资格"
        verbose_name_plural = "取消候选资格"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "nomination"], name="one_disqualification_per_candidate")
        ]

    def __str__(self):
        return f"{self.nomination.nominee_name}（{self.campaign}）"
