"""Pages run the same number of SQL queries with 10 items and with 100, and few once fragments are cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.cache import invalidate_all
from portal.choices import Category
from portal.models import ArticlePage, HonoureePage
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    DistrictFactory,
    HonoureePageFactory,
    ImageFactory,
    NoticePageFactory,
    StoryPageFactory,
)

CATEGORIES = list(Category.values)


@pytest.fixture
def site(home, channel, release, honour_roll):
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    home.news_channel, home.notice_channel, home.story_channel = channel, notices, stories
    home.save_revision().publish()
    images = [ImageFactory() for _ in range(3)]
    districts = [DistrictFactory(name=name) for name in ("城关区", "河西区")]
    state = {"n": 0}

    def grow(total):
        """Add items until every listing holds `total` of each kind."""
        while state["n"] < total:
            i = state["n"]
            image = images[i % 3]
            ArticlePageFactory(parent=channel, cover_image=image, featured=i % 4 == 0)
            NoticePageFactory(parent=notices)
            StoryPageFactory(parent=stories, cover_image=image, district=districts[i % 2])
            HonoureePageFactory(parent=release, photo=image, district=districts[i % 2], category=CATEGORIES[i % 5])
            state["n"] += 1

    return {"grow": grow, "home": home, "channel": channel, "roll": honour_roll, "release": release}


def count_queries(client, url, skip_generation_reads=False):
    client.get(url)  # first request renders image renditions
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    queries = [q["sql"] for q in ctx.captured_queries]
    if skip_generation_reads:
        # Served, the generation comes from the cache; inside a test's transaction it
        # is never shared (portal.cache.current_generation) and is read from its row.
        queries = [sql for sql in queries if "pagecache:generation" not in sql]
    return len(queries)


LISTINGS = [
    ("home", ""),
    ("channel", ""),
    ("channel", "?page=2"),
    ("roll", ""),
    ("roll", "?category=bravery"),
    ("roll", "?level=city&year=2026"),
    ("release", ""),
    ("release", "?category=honesty"),
]


def test_listing_query_counts_are_constant(client, site):
    """Every listing URL runs as many queries with 100 items of each kind as with 10."""
    urls = [site[key].url + query for key, query in LISTINGS]
    site["grow"](10)
    with_10 = {url: count_queries(client, url) for url in urls}
    site["grow"](100)
    with_100 = {url: count_queries(client, url) for url in urls}
    assert with_10 == with_100
    assert max(with_100.values()) < 40


def test_served_pages_run_at_most_12_queries_whatever_the_number_of_items(client, site, settings):
    """With the page cache off and fragments cached by generation: few queries, the same for 10 and 100 items."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    site["grow"](10)
    article = ArticlePage.objects.live().order_by("path").first()
    profile = HonoureePage.objects.live().order_by("path").first()
    urls = [site[key].url + query for key, query in LISTINGS] + [article.url, profile.url]
    invalidate_all()  # as publishing the new items would
    with_10 = {url: count_queries(client, url) for url in urls}
    site["grow"](100)
    invalidate_all()
    with_100 = {url: count_queries(client, url) for url in urls}
    assert with_10 == with_100
    assert max(with_100.values()) <= 12, with_100


def test_rendered_content_runs_at_most_12_queries_whatever_the_number_of_items(client, site, settings):
    """Page fragments off (every page's content rendered): menus, breadcrumbs, settings and routes by generation."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.CACHE_PAGE_FRAGMENTS = False
    site["grow"](10)
    article = ArticlePage.objects.live().order_by("path").first()
    profile = HonoureePage.objects.live().order_by("path").first()
    urls = [site[key].url + query for key, query in LISTINGS] + [article.url, profile.url]
    invalidate_all()
    with_10 = {url: count_queries(client, url, skip_generation_reads=True) for url in urls}
    site["grow"](100)
    invalidate_all()
    with_100 = {url: count_queries(client, url, skip_generation_reads=True) for url in urls}
    assert with_10 == with_100
    assert max(with_100.values()) <= 12, with_100
