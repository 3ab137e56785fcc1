"""Expert scoring and the shortlist (初步拟定) cut from it."""

from django.db import models


class ShortlistEntry(models.Model):
    """A candidate on a campaign's shortlist, in rank order; written only by the scoring service."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", on_delete=models.CASCADE, related_name="shortlist", verbose_name="评选活动"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", on_delete=models.CASCADE, related_name="shortlist_entries", verbose_name="候选人"
    )
    rank = models.PositiveIntegerField("名次")
    combined_score = models.FloatField("综合得分")
    created_at = models.DateTimeField("拟定时间", auto_now_add=True)

    class Meta:
        ordering = ["campaign", "rank"]
        verbose_name = "初步拟定名单"
        verbose_name_plural = "初步拟定名单"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "nomination"], name="unique_shortlist_nomination"),
            models.UniqueConstraint(fields=["campaign", "rank"], name="unique_shortlist_rank"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.nomination}"
