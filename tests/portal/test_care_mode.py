"""关怀模式 without JavaScript: a link sets a cookie, the server marks <html>, the page cache keeps both modes."""

import re

import pytest
from django.core.cache import cache

from tests.factories.portal import ArticlePageFactory

pytestmark = pytest.mark.django_db


def html_class(response):
    """The classes on the page's <html> element."""
    return set(re.search(r'<html[^>]* class="([^"]*)"', response.content.decode()).group(1).split())


@pytest.fixture
def article(channel):
    return ArticlePageFactory(parent=channel, title="全市志愿服务推进会召开", slug="meeting")


def test_every_page_offers_the_switch_back_to_the_same_page(client, article):
    html = client.get(article.url).content.decode()
    assert 'href="/guanhuai/?on=1&amp;next=/news/meeting/"' in html and ">关怀模式<" in html
    assert 'href="/guanhuai/?on=0&amp;next=/news/meeting/"' in html and ">退出关怀模式<" in html


def test_switching_on_and_off_returns_to_the_page(client, article):
    on = client.get("/guanhuai/", {"on": "1", "next": article.url})
    assert on.status_code == 302 and on["Location"] == article.url
    assert on.cookies["care_mode"].value == "1" and on.cookies["care_mode"]["samesite"] == "Lax"
    assert "care" in html_class(client.get(article.url))

    off = client.get("/guanhuai/", {"on": "0", "next": article.url})
    assert off.status_code == 302 and off.cookies["care_mode"].value == ""
    assert "care" not in html_class(client.get(article.url))


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)", ""])
def test_the_switch_never_sends_visitors_off_site(client, home, target):
    response = client.get("/guanhuai/", {"on": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_cached_pages_are_served_in_both_modes(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    standard = client.get(article.url)
    assert standard["X-Page-Cache"] == "miss" and "care" not in html_class(standard)
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    client.cookies["care_mode"] = "1"
    care = client.get(article.url)
    assert care["X-Page-Cache"] == "miss", "the care version is cached under its own key"
    assert "care" in html_class(care)
    again = client.get(article.url)
    assert again["X-Page-Cache"] == "hit" and "care" in html_class(again)
    assert "Cookie" in again["Vary"], "browsers and proxies keep the two versions apart"

    del client.cookies["care_mode"]
    back = client.get(article.url)
    assert back["X-Page-Cache"] == "hit" and "care" not in html_class(back)
