from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import TopicSectionBlock

from .mixins import FragmentCacheMixin, SegmentedSearchMixin


class TopicPage(FragmentCacheMixin, SegmentedSearchMixin, Page):
    """A special topic (专题): hand-picked pages grouped into sections."""

    page_description = "专题页：把相关文章、通知和故事按板块集中展示，用于主题活动。"

    lead = models.TextField("导语", blank=True)
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="专题头图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sections = StreamField([("section", TopicSectionBlock())], verbose_name="专题板块", blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("banner_image"), FieldPanel("sections")]
    search_fields = Page.search_fields + SegmentedSearchMixin.search_fields

    parent_page_types = ["home.HomePage", "portal.ChannelPage"]
    subpage_types = []

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"

    def get_search_source(self):
        return [self.title, self.lead]
