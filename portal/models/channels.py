from django.db import models
from django.db.models.functions import Coalesce
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageQuerySet

from portal.lazy_context import lazy

from .articles import ArticlePage
from .listing import attach_images, for_links, paginate, specific_cards
from .mixins import FragmentCacheMixin
from .notices import NoticePage
from .page_rows import ListedPageMixin
from .prepared import prepared_rows
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


class ChannelPage(ListedPageMixin, FragmentCacheMixin, RoutablePageMixin, Page):
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

    def listed_content(self):
        """Everything published under this channel, its sub-channels included."""
        return ContentQuerySet(Page).descendant_of(self).listed()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached content fragment runs none of these queries.
        # The page of rows needs only their ids and types; each type's card fields come next.
        listed = self.listed_content().only("content_type")
        page_obj = lazy(lambda: paginate(request, listed, self.per_page, key=("channel listing", self.path)))
        subchannels = lambda: for_links(self.get_children().live().type(ChannelPage)).order_by("path")  # noqa: E731
        context.update(
            page_obj=page_obj,
            items=lazy(lambda: attach_images(specific_cards(page_obj().object_list))),
            subchannels=lazy(lambda: prepared_rows(("subchannels", self.path), subchannels)),
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from portal.feeds import ChannelFeed

        return ChannelFeed(self)(request)
