"""robots.txt, the site-wide feed, JSON-LD, and the Chinese error pages of a public site."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories.portal import (
    ArticlePageFactory,
    HonoureePageFactory,
    ImageFactory,
    NoticePageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(response):
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_paths(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    for path in ["/admin/", "/django-admin/", "/api/", "/search/", "/jiucuo/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines, "the public pages stay open to crawlers"
    assert client.get("/sitemap.xml").status_code == 200


def test_site_feed_lists_the_latest_news_notices_and_stories_and_is_linked_from_home(client, home, channel):
    article = ArticlePageFactory(parent=channel, title="全市志愿服务推进会召开")
    notice = NoticePageFactory(parent=channel, title="关于推荐第三季度身边好人的通知")
    story = StoryPageFactory(parent=channel, title="守护一方平安的老党员", subject_name="王建国")
    draft = ArticlePageFactory(parent=channel, title="尚未发布的稿件")
    draft.unpublish()

    home_html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="文明网最新发布（RSS）" href="/feed/">' in home_html

    feed = client.get("/feed/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    channel_el = ET.fromstring(feed.content).find("channel")  # noqa: S314 - our own feed
    assert channel_el.findtext("title") == "文明网 - 最新发布"
    titles = [item.findtext("title") for item in channel_el.findall("item")]
    assert set(titles) == {article.title, notice.title, story.title}
    assert titles[0] == story.title, "newest first"
    links = [item.findtext("link") for item in channel_el.findall("item")]
    assert f"http://localhost{article.url}" in links, "absolute links on the site's own host"
    # The channel feeds are still there beside it.
    assert client.get(channel.url + "feed/").status_code == 200


def test_articles_notices_and_stories_carry_news_article_json_ld(client, channel):
    article = ArticlePageFactory(
        parent=channel,
        title="全市志愿服务推进会召开",
        lead="会议部署下半年志愿服务工作。",
        source="河东日报",
        editor_in_charge="李编辑",
        cover_image=ImageFactory(title="会议现场"),
    )
    data = json_ld(client.get(article.url))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "全市志愿服务推进会召开"
    assert data["description"] == "会议部署下半年志愿服务工作。"
    assert data["datePublished"] == article.date.isoformat()
    assert data["url"].endswith(article.url) and data["author"]["name"] == "河东日报"
    assert data["image"][0].startswith("http") and data["publisher"]["@type"] == "Organization"
    assert "李编辑" not in json.dumps(data, ensure_ascii=False), "internal fields stay out"

    notice = NoticePageFactory(parent=channel, title="关于开展评选的通知", issuer="市文明办", lead="请各单位推荐。")
    data = json_ld(client.get(notice.url))
    assert data["@type"] == "NewsArticle" and data["author"]["name"] == "市文明办"
    assert data["headline"] == "关于开展评选的通知"

    story = StoryPageFactory(parent=channel, title="</script><script>alert(1)</script>", subject_name="王建国")
    response = client.get(story.url)
    assert "<script>alert(1)" not in response.content.decode(), "a title cannot close the script element"
    assert json_ld(response)["headline"] == "</script><script>alert(1)</script>"


def test_release_pages_list_their_honourees_as_json_ld(client, release):
    first = HonoureePageFactory(parent=release, title="张秀兰")
    second = HonoureePageFactory(parent=release, title="刘志刚")
    data = json_ld(client.get(release.url))
    assert data["@type"] == "ItemList" and data["name"] == release.title
    assert data["numberOfItems"] == 2
    names = {item["name"]: item for item in data["itemListElement"]}
    assert set(names) == {first.title, second.title}
    assert names["张秀兰"]["url"].endswith(first.url) and names["张秀兰"]["@type"] == "ListItem"


def test_other_pages_carry_no_json_ld(client, home, channel):
    for url in ["/", channel.url]:
        assert "application/ld+json" not in client.get(url).content.decode()


def test_404_page_is_in_chinese_with_search_and_home_link(client, home, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html
    assert 'href="/">返回首页</a>' in html
    assert re.search(r'<form[^>]*role="search"[^>]*action="/search/"', html) and 'name="query"' in html


def test_500_page_is_in_chinese_with_search_and_home_link(client, home, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.portal.error_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "抱歉，服务器暂时无法响应" in html and "数据库连接中断" not in html
    assert 'href="/">返回首页</a>' in html
    assert re.search(r'<form[^>]*role="search"[^>]*action="/search/"', html) and 'name="query"' in html
    assert "<script" not in html and "style=" not in html
