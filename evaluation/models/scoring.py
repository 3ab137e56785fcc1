"""Expert scoring: per-campaign settings, the rubric, declarations, locked scores and the shortlist (初步拟定)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from evaluation.choices import DeclarationDecision, VoteTransform

QUOTA_FLOOR, QUOTA_CEILING = 20, 40
PANEL_MIN, PANEL_MAX = 5, 10
CRITERION_MAX_POINTS = 10


class ExpertReviewSettings(models.Model):
    """How a campaign's expert review combines with the public vote, and how many make the shortlist."""

    campaign = models.OneToOneField(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.CASCADE, related_name="review_settings"
    )
    expert_weight = models.PositiveSmallIntegerField("专家评分权重（%）", default=70)
    vote_weight = models.PositiveSmallIntegerField("网络投票权重（%）", default=30)
    vote_transform = models.CharField(
        "票数换算方式", max_length=10, choices=VoteTransform.choices, default=VoteTransform.CAPPED
    )
    vote_cap = models.PositiveIntegerField("票数封顶值", default=1000, help_text="仅“票数封顶”方式使用。")
    honouree_quota = models.PositiveSmallIntegerField(
        "入选名额",
        default=QUOTA_FLOOR,
        validators=[MinValueValidator(QUOTA_FLOOR), MaxValueValidator(QUOTA_CEILING)],
        help_text="初步拟定名单的人数，20至40人，且在活动的名额上下限之内。",
    )
    panel_size = models.PositiveSmallIntegerField(
        "评议组人数", default=7, validators=[MinValueValidator(PANEL_MIN), MaxValueValidator(PANEL_MAX)]
    )
    max_per_type = models.PositiveSmallIntegerField("每个界别最多人数", default=2, validators=[MinValueValidator(1)])

    panels = [
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("expert_weight"), FieldPanel("vote_weight")]),
        FieldRowPanel([FieldPanel("vote_transform"), FieldPanel("vote_cap")]),
        FieldPanel("honouree_quota"),
        FieldRowPanel([FieldPanel("panel_size"), FieldPanel("max_per_type")]),
    ]

    class Meta:
        verbose_name = "专家评审设置"
        verbose_name_plural = "专家评审设置"

    def __str__(self):
        return f"{self.campaign}·专家{self.expert_weight}%／投票{self.vote_weight}%"

    def clean(self):
        errors = {}
        if self.expert_weight + self.vote_weight != 100:
            errors["vote_weight"] = "专家评分权重与网络投票权重之和必须为100。"
        if self.vote_transform == VoteTransform.CAPPED and not self.vote_cap:
            errors["vote_cap"] = "请填写票数封顶值。"
        campaign = getattr(self, "campaign", None) if self.campaign_id else None
        if campaign is not None and self.honouree_quota is not None:
            low = max(QUOTA_FLOOR, campaign.honouree_quota_min)
            high = min(QUOTA_CEILING, campaign.honouree_quota_max)
            if not low <= self.honouree_quota <= high:
                errors["honouree_quota"] = f"入选名额须在{low}至{high}人之间。"
        if errors:
            raise ValidationError(errors)


class Rubric(ClusterableModel):
    """The criteria experts score a campaign's candidates on; weights sum to 100."""

    campaign = models.OneToOneField(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.CASCADE, related_name="rubric"
    )
    guidance = models.TextField("评分说明", blank=True)

    panels = [FieldPanel("campaign"), FieldPanel("guidance"), InlinePanel("criteria", label="评分项", min_num=1)]

    class Meta:
        verbose_name = "评分细则"
        verbose_name_plural = "评分细则"

    def __str__(self):
        return f"{self.campaign}·评分细则"

    @property
    def total_weight(self):
        return sum(c.weight for c in self.criteria.all())


class Criterion(Orderable):
    """One scored item; each is marked 0–10 points and counts `weight` percent of the total."""

    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("评分项", max_length=100)
    description = models.CharField("说明", max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField("权重（%）", validators=[MinValueValidator(1), MaxValueValidator(100)])

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "评分项"
        verbose_name_plural = "评分项"

    def __str__(self):
        return f"{self.name}（{self.weight}%）"


class ConflictDeclaration(models.Model):
    """An expert's declaration about one candidate before scoring; a recusal bars the score."""

    draw = models.ForeignKey(
        "evaluation.ExpertDraw", verbose_name="抽取轮次", on_delete=models.PROTECT, related_name="declarations"
    )
    expert = models.ForeignKey(
        "evaluation.Expert", verbose_name="专家", on_delete=models.PROTECT, related_name="declarations"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="declarations"
    )
    decision = models.CharField("声明", max_length=20, choices=DeclarationDecision.choices)
    reason = models.CharField("回避理由", max_length=300, blank=True)
    automatic = models.BooleanField("系统检出", default=False)
    declared_at = models.DateTimeField("声明时间", auto_now_add=True)

    class Meta:
        verbose_name = "利害关系声明"
        verbose_name_plural = "利害关系声明"
        constraints = [
            models.UniqueConstraint(fields=["draw", "expert", "nomination"], name="one_declaration_per_candidate")
        ]

    def __str__(self):
        return f"{self.expert}·{self.nomination_id}·{self.get_decision_display()}"

    @property
    def is_recusal(self):
        return self.decision == DeclarationDecision.RECUSE


class ExpertScore(models.Model):
    """A submitted score: points per criterion and the weighted total (0–100).

    Never changed once saved: save() and delete() refuse, and a trigger refuses UPDATE (migration 0011).
    """

    draw = models.ForeignKey(
        "evaluation.ExpertDraw", verbose_name="抽取轮次", on_delete=models.PROTECT, related_name="scores"
    )
    expert = models.ForeignKey(
        "evaluation.Expert", verbose_name="专家", on_delete=models.PROTECT, related_name="scores"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="expert_scores"
    )
    points = models.JSONField("各项得分", default=dict)
    total = models.FloatField("加权总分")
    comment = models.CharField("评语", max_length=500, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "专家评分"
        verbose_name_plural = "专家评分"
        constraints = [models.UniqueConstraint(fields=["draw", "expert", "nomination"], name="one_score_per_candidate")]

    def __str__(self):
        return f"{self.expert}·{self.nomination_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("评分已提交，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("评分已提交，不能删除。")


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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
