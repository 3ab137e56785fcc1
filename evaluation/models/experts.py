"""The expert pool (社会代表评议组) and the recorded random draws of review panels."""

from django.conf import settings
from django.db import models

from evaluation.choices import AffiliationType


class ExpertQuerySet(models.QuerySet):
    def active(self):
        """Experts who may be drawn."""
        return self.filter(active=True)


class Expert(models.Model):
    """A member of the pool; `user` links the account that scores in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
    )
    name = models.CharField("姓名", max_length=50)
    affiliation_type = models.CharField("界别", max_length=20, choices=AffiliationType.choices)
    jurisdiction = models.ForeignKey(
        "evaluation.Jurisdiction", verbose_name="所属辖区/单位", on_delete=models.PROTECT, related_name="experts"
    )
    unit = models.CharField("工作单位", max_length=100)
    declared_ties = models.TextField(
        "申报的利害关系", blank=True, help_text="与本人有亲属、工作等关系的人名或单位名，每行一个；用于自动回避。"
    )
    active = models.BooleanField("在库（可抽取）", default=True)
    created_at = models.DateTimeField("入库时间", auto_now_add=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "评审专家"
        verbose_name_plural = "评审专家库"

    def __str__(self):
        return f"{self.name}（{self.get_affiliation_type_display()}）"

    @property
    def tie_list(self):
        return [line.strip() for line in self.declared_ties.splitlines() if line.strip()]


class ExpertDraw(models.Model):
    """One reproducible draw of a review panel: the seed's hash is published first, the seed after the draw.

    `sealed_seed` holds the seed between publishing its hash and the draw; it is
    copied into `seed` by the draw and never shown before.  The panel is the
    result of services.drawing.draw_panel over the recorded inputs.
    """

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="expert_draws"
    )
    round = models.PositiveSmallIntegerField("轮次")
    seed_hash = models.CharField("随机种子的SHA-256", max_length=64)
    sealed_seed = models.CharField(max_length=64, editable=False)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    pool = models.JSONField("专家库（编号）", default=list)
    types = models.JSONField("专家界别", default=dict)
    max_per_type = models.PositiveSmallIntegerField("每个界别最多人数")
    size = models.PositiveSmallIntegerField("评议组人数")
    excluded = models.JSONField("抽取前回避", default=list)
    panel = models.JSONField("抽取结果（编号）", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("公布种子哈希时间", auto_now_add=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    closed_at = models.DateTimeField("评审结束时间", null=True, blank=True)

    class Meta:
        ordering = ["campaign", "round"]
        verbose_name = "专家抽取"
        verbose_name_plural = "专家抽取"
        constraints = [models.UniqueConstraint(fields=["campaign", "round"], name="unique_draw_round")]

    def __str__(self):
        return f"{self.campaign}·第{self.round}轮专家抽取"

    @property
    def is_drawn(self):
        return self.drawn_at is not None

    @property
    def is_closed(self):
        return self.closed_at is not None

    @property
    def status_label(self):
        if self.is_closed:
            return "评审已结束"
        if self.is_drawn:
            return "评审进行中"
        return "已公布种子哈希，待抽取"
