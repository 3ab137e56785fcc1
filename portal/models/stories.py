from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.choices import Category, SubjectKind

from .listing import ListingPageManager
from .mixins import FragmentCacheMixin, LeadSummaryMixin, SegmentedSearchMixin, stream_text


class StoryPage(LeadSummaryMixin, FragmentCacheMixin, SegmentedSearchMixin, Page):
    """A story from daily life (身边故事) about a person or a collective."""

    page_description = "讲述身边好人好事的故事，可配图片，供单位报送和展示。"
    # Its card in listings, and the fields that card shows (ListingQuerySet.for_cards).
    card_template = "includes/cards/story.html"
    card_fields = ("category", "subject_name", "date", "lead", "cover_image")

    subject_kind = models.CharField(
        "主人公类型", max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON
    )
    subject_name = models.CharField("主人公", max_length=100, help_text="个人姓名或集体名称。")
    category = models.CharField("类别", max_length=30, choices=Category.choices, default=Category.HELPING_OTHERS)
    unit = models.CharField("推荐单位", max_length=100, blank=True)
    district = models.ForeignKey(
        "portal.District", verbose_name="所在县区", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField("发布日期", default=timezone.localdate)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead = models.TextField("导语", blank=True)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("subject_kind"),
                FieldPanel("subject_name"),
                FieldPanel("category"),
                FieldPanel("district"),
                FieldPanel("unit"),
                FieldPanel("date"),
            ],
            heading="故事信息",
        ),
        FieldPanel("cover_image"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]

    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.search_fields
        + [
            index.FilterField("category"),
            index.FilterField("date"),
        ]
    )

    parent_page_types = ["portal.ChannelPage"]
    subpage_types = []

    objects = ListingPageManager()

    class Meta:
        verbose_name = "身边故事"
        verbose_name_plural = "身边故事"

    def get_search_source(self):
        district = self.district.name if self.district_id else ""
        return [self.title, self.subject_name, self.unit, district, self.lead, stream_text(self.body)]
