from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock

from .listing import ListingPageManager
from .mixins import FragmentCacheMixin, LeadSummaryMixin, SegmentedSearchMixin, stream_text


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(LeadSummaryMixin, FragmentCacheMixin, SegmentedSearchMixin, Page):
    """A news article (要闻、暖新闻、文明播报…)."""

    page_description = "一篇新闻稿件，有发布日期、来源、题图和正文，放在栏目下。"
    # Its card in listings, and the fields that card shows (ListingQuerySet.for_cards).
    card_template = "includes/cards/article.html"
    card_fields = ("date", "source", "lead", "cover_image")

    date = models.DateField("发布日期", default=timezone.localdate)
    lead = models.TextField("导语", blank=True, help_text="列表和分享时显示的摘要。")
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured = models.BooleanField("图片新闻", default=False, help_text="勾选后在首页轮播中显示（需有封面图）。")
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    source = models.CharField("来源", max_length=100, blank=True)
    author = models.CharField("作者", max_length=100, blank=True)
    editor_in_charge = models.CharField("责任编辑", max_length=50, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name="标签")

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("source"),
                FieldPanel("author"),
                FieldPanel("editor_in_charge"),
                FieldPanel("featured"),
                FieldPanel("tags"),
            ],
            heading="发布信息",
        ),
    ]

    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.search_fields
        + [
            index.FilterField("date"),
        ]
    )

    parent_page_types = ["portal.ChannelPage"]
    subpage_types = []

    objects = ListingPageManager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def get_search_source(self):
        return [self.title, self.lead, stream_text(self.body), self.author, self.source]
