"""A channel's RSS feed (its `feed/` route): the newest of what it lists."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

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
