"""The RSS feed of the whole site (/feed/), linked from the home page; each channel's is portal.models.channel_feed."""

from django.contrib.syndication.views import Feed
from wagtail.models import Page, Site

from portal.models.articles import ArticlePage
from portal.models.channel_feed import FEED_LENGTH, ChannelFeed
from portal.models.notices import NoticePage
from portal.models.stories import StoryPage


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
