"""RSS feeds: one per channel (news, notices), linked from each channel page, and one for the whole site."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Page, Site

from portal.models.articles import ArticlePage
from portal.models.notices import NoticePage
from portal.models.stories import StoryPage

FEED_LENGTH = 30


class ChannelFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, channel):
        super().__init__()
        self.channel = channel

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.channel.title} - {self.channel.get_site().site_name or '文明网'}"

    def link(self):
        return self.channel.get_full_url(self.request)

    def description(self):
        return self.channel.intro or self.channel.title

    def items(self):
        return list(self.channel.listed_content()[:FEED_LENGTH].specific())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "")

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at


class SiteFeed(ChannelFeed):
    """The latest news, notices and stories of the whole site (/feed/), linked from the home page."""

    def __init__(self):
        Feed.__init__(self)

    def title(self):
        site = Site.find_for_request(self.request)
        return f"{(site and site.site_name) or '文明网'} - 最新发布"

    def link(self):
        return self.request.build_absolute_uri("/")

    def description(self):
        return "本站最新发布的新闻、通知公告和身边故事。"

    def items(self):
        pages = Page.objects.live().public().type(ArticlePage, NoticePage, StoryPage)
        return list(pages.order_by("-first_published_at", "-pk")[:FEED_LENGTH].specific())
