from django.db import models
from django.shortcuts import render
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock

from .listing import ListingPageManager
from .mixins import FragmentCacheMixin, SegmentedSearchMixin, stream_text


class NoticePage(FragmentCacheMixin, SegmentedSearchMixin, RoutablePageMixin, Page):
    """An official notice (通知公告) with its document number and attachments."""

    page_description = "发布带文号和附件的通知公告，如评选通知、工作安排。"
    # Its card in listings, and the fields that card shows (ListingQuerySet.for_cards).
    card_template = "includes/cards/notice.html"
    card_fields = ("date", "document_number", "deadline", "lead")

    document_number = models.CharField("文号", max_length=100, blank=True, help_text="例如：文明办〔2026〕12号")
    issuer = models.CharField("发文单位", max_length=100, default="市文明办")
    date = models.DateField("发布日期", default=timezone.localdate)
    deadline = models.DateField("截止日期", null=True, blank=True)
    lead = models.TextField("摘要", blank=True)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("document_number"), FieldPanel("issuer"), FieldPanel("date"), FieldPanel("deadline")],
            heading="公文信息",
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
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
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"

    def get_search_source(self):
        return [self.title, self.document_number, self.issuer, self.lead, stream_text(self.body)]

    @property
    def summary(self):
        return self.lead or stream_text(self.body)[:120]

    @property
    def is_open(self):
        return self.deadline is None or self.deadline >= timezone.localdate()

    def get_attachments(self):
        return self.attachments.select_related("document")

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        return render(request, "portal/notice_page_print.html", {"page": self, "self": self})


class NoticeAttachment(Orderable):
    notice = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        return (self.document.file_extension or "").upper()

    @property
    def file_size(self):
        return self.document.get_file_size() or 0
