import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from evaluation.choices import CampaignKind, Category, Level, Period, StageKind
from evaluation.models.fields import MultipleChoiceJSONField

PHOTO_FORMATS = [("JPEG", "JPEG"), ("PNG", "PNG"), ("WEBP", "WebP")]
DEFAULT_DEPARTMENTS = "纪检监察\n公安\n税务\n市场监管\n卫生健康"


NOTICE_DAYS = 7


class PublicationMode(models.TextChoices):
    DRAFT = "draft", "生成草稿，由编辑审核后发布"
    LIVE = "live", "直接发布"


def default_categories():
    return list(Category.values)


def default_formats():
    return ["JPEG", "PNG"]


class CampaignQuerySet(models.QuerySet):
    def open_for_nomination(self, today=None):
        """Campaigns whose nomination stage is switched on and running today."""
        today = today or timezone.localdate()
        return self.filter(
            stages__kind=StageKind.NOMINATION,
            stages__enabled=True,
            stages__starts_on__lte=today,
            stages__ends_on__gte=today,
        ).distinct()


class Campaign(ClusterableModel):
    """One round of evaluation (评选活动): kind, level, period, quotas, stages and material limits."""

    title = models.CharField("活动名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=CampaignKind.choices, default=CampaignKind.INDIVIDUAL)
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.CITY)
    period = models.CharField("周期", max_length=20, choices=Period.choices, default=Period.QUARTERLY)
    period_label = models.CharField("期次", max_length=50, help_text="例如：2026年第三季度")
    theme = models.CharField(
        "专题",
        max_length=100,
        blank=True,
        help_text="围绕重大宣传主题或突发事件开展的专题评选填写主题，例如：抗洪抢险；常规评选留空。",
    )
    categories = MultipleChoiceJSONField(
        "评选类别", item_choices=Category.choices, default=default_categories, help_text="默认五类全部开放。"
    )
    honouree_quota_min = models.PositiveSmallIntegerField("入选名额下限", default=20)
    honouree_quota_max = models.PositiveSmallIntegerField("入选名额上限", default=40)
    nomination_quota = models.PositiveSmallIntegerField(
        "每个县区/单位每期报送上限", default=2, help_text="县区或单位向市文明办报送的人数上限，按活动周期计算。"
    )
    departments = models.TextField(
        "征求意见部门", default=DEFAULT_DEPARTMENTS, help_text="县区审核时需记录意见的部门，每行一个。"
    )
    story_min_chars = models.PositiveIntegerField("事迹最少字数", default=100)
    story_max_chars = models.PositiveIntegerField("事迹最多字数", default=1500)
    max_photos = models.PositiveSmallIntegerField("照片数量上限", default=2)
    photo_max_bytes = models.PositiveIntegerField("单张照片大小上限（字节）", default=384 * 1024)
    photo_max_pixels = models.PositiveIntegerField("单张照片像素上限", default=12_000_000)
    photo_formats = MultipleChoiceJSONField("允许的照片格式", item_choices=PHOTO_FORMATS, default=default_formats)
    honour_title = models.CharField(
        "荣誉称号", max_length=100, default="身边好人", help_text="写入荣誉证书和好人档案，例如：清河好人。"
    )
    category_quota = models.PositiveSmallIntegerField(
        "每类入选上限", default=20, help_text="每个评选类别入选的人数上限（拟定名单和审批时检查）。"
    )
    inspection_optional = models.BooleanField(
        "实地考察可选",
        default=False,
        help_text="默认每名拟入选者都须经实地考察“通过”后才能审批；勾选后未考察的也可审批，考察“不通过”的仍不能。",
    )
    publication_mode = models.CharField(
        "发布方式", max_length=20, choices=PublicationMode.choices, default=PublicationMode.DRAFT
    )
    release_page = models.ForeignKey(
        "portal.ReleasePage",
        verbose_name="好人榜发布页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("period_label"), FieldPanel("theme")]),
        FieldPanel("categories"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("honouree_quota_min"), FieldPanel("honouree_quota_max")]),
                FieldRowPanel([FieldPanel("nomination_quota"), FieldPanel("category_quota")]),
            ],
            heading="名额",
        ),
        InlinePanel("stages", label="阶段"),
        InlinePanel("voting_rules", label="投票规则", max_num=1, help_text="网络投票阶段的身份方式、限制和票数显示。"),
        FieldPanel("departments"),
        FieldPanel("inspection_optional"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("story_min_chars"), FieldPanel("story_max_chars")]),
                FieldRowPanel(
                    [FieldPanel("max_photos"), FieldPanel("photo_max_bytes"), FieldPanel("photo_max_pixels")]
                ),
                FieldPanel("photo_formats"),
            ],
            heading="材料要求",
        ),
        MultiFieldPanel([FieldPanel("honour_title"), FieldPanel("publication_mode")], heading="发布"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "评选活动"
        verbose_name_plural = "评选活动"

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.honouree_quota_min > self.honouree_quota_max:
            errors["honouree_quota_max"] = "入选名额上限不能小于下限。"
        if self.story_min_chars > self.story_max_chars:
            errors["story_max_chars"] = "事迹最多字数不能小于最少字数。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_special_round(self):
        """A themed round (专题评选) around a major theme or an emergency."""
        return bool(self.theme.strip())

    @property
    def department_list(self):
        return [line.strip() for line in self.departments.splitlines() if line.strip()]

    @property
    def category_choices(self):
        return [(value, label) for value, label in Category.choices if value in (self.categories or [])]

    @property
    def honour_full_title(self):
        """The title as printed on certificates, e.g. 2026年第四季度“清河好人”."""
        return f"{self.period_label}“{self.honour_title}”"

    @property
    def is_published(self):
        """Published once its release page is live on the honour roll."""
        return self.release_page_id is not None and self.release_page.live

    def stage(self, kind):
        return next((s for s in self.stages.all() if s.kind == kind), None)

    def public_stage(self, today=None):
        """Where the campaign stands, as the API names it: `published` once published, else the open stage,
        else the latest stage already begun (between two stages the campaign is still in the earlier one)."""
        # published_at is set by a live publication; a draft release counts once editors publish it.
        if self.published_at is not None or self.is_published:
            return "published"
        today = today or timezone.localdate()
        stages = [s for s in self.stages.all() if s.enabled]
        open_now = [s for s in stages if s.is_open(today)]
        if open_now:
            return max(open_now, key=lambda s: s.starts_on).kind
        begun = [s for s in stages if s.starts_on <= today]
        if begun:
            return max(begun, key=lambda s: s.starts_on).kind
        return StageKind.NOMINATION

    def stage_is_open(self, kind, today=None):
        stage = self.stage(kind)
        return stage is not None and stage.is_open(today)

    def current_stages(self, today=None):
        return [s for s in self.stages.all() if s.is_open(today)]

    def quota_window(self, day):
        """First and last day of the quota period containing `day`."""
        if self.period == Period.MONTHLY:
            start = day.replace(day=1)
            end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        elif self.period == Period.QUARTERLY:
            first_month = 3 * ((day.month - 1) // 3) + 1
            start = day.replace(month=first_month, day=1)
            end = (start + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(days=1)
        elif self.period == Period.HALF_YEARLY:
            start = day.replace(month=1 if day.month <= 6 else 7, day=1)
            end = day.replace(month=6, day=30) if day.month <= 6 else day.replace(month=12, day=31)
        else:
            start, end = day.replace(month=1, day=1), day.replace(month=12, day=31)
        return start, end


class CampaignStageQuerySet(models.QuerySet):
    def running(self, today=None):
        """Stages switched on whose dates include `today`."""
        today = today or timezone.localdate()
        return self.filter(enabled=True, starts_on__lte=today, ends_on__gte=today)


class CampaignStage(Orderable):
    """A dated stage of a campaign; any stage can be switched off."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField("阶段", max_length=20, choices=StageKind.choices)
    enabled = models.BooleanField("启用", default=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", blank=True, help_text=f"网上公示留空时默认为{NOTICE_DAYS}天。")

    panels = [
        FieldPanel("kind"),
        FieldPanel("enabled"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    objects = CampaignStageQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "活动阶段"
        verbose_name_plural = "活动阶段"
        constraints = [models.UniqueConstraint(fields=["campaign", "kind"], name="unique_stage_per_campaign")]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.starts_on:%Y-%m-%d} 至 {self.ends_on:%Y-%m-%d}）"

    def clean(self):
        if self.ends_on is None and self.starts_on and self.kind == StageKind.NOTICE:
            self.ends_on = self.starts_on + datetime.timedelta(days=NOTICE_DAYS - 1)
        if self.ends_on is None:
            raise ValidationError({"ends_on": "请填写结束日期。"})
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期。"})

    def save(self, *args, **kwargs):
        if self.ends_on is None and self.kind == StageKind.NOTICE:
            self.ends_on = self.starts_on + datetime.timedelta(days=NOTICE_DAYS - 1)
        super().save(*args, **kwargs)

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.enabled and self.starts_on <= today <= self.ends_on
