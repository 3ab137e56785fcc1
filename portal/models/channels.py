from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageQuerySet

from .articles import ArticlePage
from .channel_feed import ChannelFeed
from .listing import LIST_IMAGE_SPECS, ListingPageManager, cards_of, paginate, prefetch_renditions
from .mixins import FragmentCacheMixin
from .notices import NoticePage
from .stories import StoryPage

LISTED_TYPES = (ArticlePage, NoticePage, StoryPage)


class ContentQuerySet(PageQuerySet):
    def listed(self):
        """Live articles, notices and stories, newest first by their own date."""
        return (
            self.live()
            .type(*LISTED_TYPES)
            .annotate(sort_date=Coalesce("articlepage__date", "noticepage__date", "storypage__date"))
            .order_by("-sort_date", "-id")
        )


class ChannelPage(FragmentCacheMixin, RoutablePageMixin, Page):
    """A column of the site (栏目); channels nest, e.g. 县区频道 → 各县区."""

    page_description = "网站栏目（如要闻、县区频道），自动列出其下的文章、通知和故事，可以层层嵌套。"

    intro = models.TextField("栏目简介", blank=True)
    per_page = models.PositiveSmallIntegerField("每页条数", default=15)
    show_on_home = models.BooleanField("在首页显示栏目入口", default=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("per_page"), FieldPanel("show_on_home")]

    parent_page_types = ["home.HomePage", "portal.ChannelPage"]
    subpage_types = [
        "portal.ChannelPage",
        "portal.ArticlePage",
        "portal.NoticePage",
        "portal.StoryPage",
        "portal.TopicPage",
    ]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    objects = ListingPageManager()

    def listed_content(self):
        """Everything published under this channel, its sub-channels included."""
        return ContentQuerySet(Page).descendant_of(self).listed()

    def subchannels(self):
        """The live channels just below this one, in tree order."""
        return ChannelPage.objects.child_of(self).live().for_links().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = ChannelListing(self, request)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        return ChannelFeed(self)(request)


class ChannelListing:
    """What a channel's page lists, read by its template (inside the cached fragment: a hit runs no query)."""

    def __init__(self, channel, request):
        self.channel = channel
        self.request = request

    @cached_property
    def page_obj(self):
        # The page of rows needs only their ids and types; each type's card fields come next.
        listed = self.channel.listed_content().only("content_type")
        return paginate(self.request, listed, self.channel.per_page)

    @cached_property
    def items(self):
        (items,) = prefetch_renditions((cards_of(self.page_obj.object_list), "cover_image", LIST_IMAGE_SPECS))
        return items

    @cached_property
    def subchannels(self):
        return list(self.channel.subchannels())
