"""Every public page is served with a Content-Security-Policy that no inline script can pass."""

import datetime
from html.parser import HTMLParser

import pytest

from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    HonoureePageFactory,
    ImageFactory,
    NoticePageFactory,
    StoryPageFactory,
    TopicPageFactory,
)

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, handlers, javascript: URLs, inline styles."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_SCRIPT_TYPES:
            self._in_script = True
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name == "style":
                self.found.append(f"{tag} style=")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}=javascript:")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def directives(header):
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def assert_strict(response, url):
    assert response.status_code in {200, 404}, url
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"], url
    assert policy["style-src"] == ["'self'"], url
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], url
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == [], url


@pytest.fixture
def site_pages(home, channel, honour_roll, release):
    article = ArticlePageFactory(
        parent=channel,
        title="全市志愿服务推进会召开",
        cover_image=ImageFactory(title="会议现场"),
        body=[
            ("paragraph", "<p>会议强调要把志愿服务做实做细。</p>"),
            ("image", {"image": ImageFactory(title="合影"), "alt": "志愿者合影", "caption": "合影"}),
        ],
    )
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    notice = NoticePageFactory(parent=notices, title="关于推荐好人的通知", deadline=datetime.date(2030, 1, 1))
    story = StoryPageFactory(parent=channel, title="楼道里的爱心书架")
    topic = TopicPageFactory(
        parent=home, title="我们的节日", sections=[("section", {"title": "节日故事", "intro": "", "pages": [story]})]
    )
    profile = HonoureePageFactory(parent=release, title="张秀兰", photo=ImageFactory(title="张秀兰"))
    return [
        home.url,
        channel.url,
        article.url,
        notice.url,
        notice.url + "print/",
        story.url,
        topic.url,
        honour_roll.url,
        release.url,
        profile.url,
        "/search/?query=志愿",
        "/jiucuo/?page=/",
        "/no-such-page/",
    ]


def test_public_pages_allow_no_inline_script_or_style(client, site_pages):
    for url in site_pages:
        assert_strict(client.get(url), url)


def test_cached_pages_keep_the_policy(client, site_pages, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(site_pages[2])
    cached = client.get(site_pages[2])
    assert cached["X-Page-Cache"] == "hit"
    assert_strict(cached, site_pages[2])


def test_admin_policy_is_report_only(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert directives(response["Content-Security-Policy-Report-Only"])["script-src"] == ["'self'"]
