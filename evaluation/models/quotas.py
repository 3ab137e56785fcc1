"""Per-district quota raised by the city office for one campaign."""

from django.conf import settings
from django.db import models


class DistrictQuota(models.Model):
    """The nomination quota of one district-level jurisdiction in one campaign, when it differs from the campaign's."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", on_delete=models.CASCADE, related_name="district_quotas", verbose_name="评选活动"
    )
    jurisdiction = models.ForeignKey(
        "evaluation.Jurisdiction",
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name="县区/单位",
        limit_choices_to={"depth": 2},
        help_text="县区、党(工)委或驻市单位（城市下一级）。",
    )
    quota = models.PositiveSmallIntegerField("本期名额", help_text="该县区/单位在本活动每期可向市文明办报送的人数。")
    reason = models.CharField(
        "调整理由", max_length=200, help_text="例如：该区本月先进事迹集中，经分管领导同意增加名额。"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name="调整人",
    )
    changed_at = models.DateTimeField("调整时间", auto_now=True)

    class Meta:
        verbose_name = "县区名额"
        verbose_name_plural = "县区名额"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "jurisdiction"], name="one_quota_per_campaign_and_district")
        ]

    def __str__(self):
        return f"{self.jurisdiction}：{self.quota}人（{self.campaign}）"
