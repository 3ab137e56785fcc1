"""The home page's channel links: the "更多" link of each section and the channel navigation."""

import re

from tests.factories.portal import ArticlePageFactory, ChannelPageFactory


def nav_titles(html):
    nav = re.search(r'<nav class="home-block channel-links".*?</nav>', html, re.S)
    return re.findall(r'class="channel-links__link" href="[^"]+">([^<]+)</a>', nav.group(0)) if nav else []


def test_the_navigation_lists_the_live_channels_below_home_marked_to_show_in_tree_order(client, home, channel):
    second = ChannelPageFactory(parent=home, title="第二栏目", slug="second")
    ChannelPageFactory(parent=home, title="不在首页", slug="hidden", show_on_home=False)
    ChannelPageFactory(parent=channel, title="下级栏目", slug="sub")  # a grandchild of home
    draft = ChannelPageFactory(parent=home, title="未发布栏目", slug="draft")
    draft.unpublish()
    html = client.get(home.url).content.decode()
    assert nav_titles(html) == [channel.title, second.title]


def test_each_section_links_to_its_channel_even_one_hidden_from_the_navigation(client, home, channel):
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices", show_on_home=False)
    home.news_channel, home.notice_channel = channel, notices
    home.save_revision().publish()
    ArticlePageFactory(parent=channel, title="一条要闻")
    html = client.get(home.url).content.decode()
    assert f'href="{channel.url}">更多<span class="visually-hidden">要闻</span>' in html
    assert f'href="{notices.url}">更多<span class="visually-hidden">通知公告</span>' in html
    assert "一条要闻" in html
    assert nav_titles(html) == [channel.title]
