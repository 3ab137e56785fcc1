"""Anonymous pages are cached; publishing makes the change visible at once."""

import uuid

import pytest
import redis
from django.core.cache import cache

from tests.factories.portal import ArticlePageFactory

# What the fragments of a page that must not be kept use (portal.models.mixins.fragment_caches).
NO_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = 300
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        prefix = f"test-{uuid.uuid4().hex}"
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": prefix,
            },
            "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t-fragments"},
            "none": NO_CACHE,
        }
        client = redis.Redis.from_url(url)
        yield lambda: client.keys(f"{prefix}:*")
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
            "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t-fragments"},
            "none": NO_CACHE,
        }
        cache.clear()
        yield None
        cache.clear()


@pytest.fixture
def article(channel):
    return ArticlePageFactory(parent=channel, title="初版标题", slug="first")


def test_second_anonymous_request_is_served_from_cache(client, article, page_cache):
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    if page_cache is not None:
        assert page_cache(), "the page should be stored in Redis"


def test_publishing_invalidates_cached_pages(client, article, channel, page_cache):
    client.get(article.url)
    client.get(channel.url)
    article.title = "修改后的标题"
    article.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "修改后的标题" in response.content.decode()
    assert "修改后的标题" in client.get(channel.url).content.decode()


def test_unpublishing_removes_page_from_listing(client, article, channel, page_cache):
    assert "初版标题" in client.get(channel.url).content.decode()
    article.unpublish()
    assert "初版标题" not in client.get(channel.url).content.decode()
    assert client.get(article.url).status_code == 404


def test_logged_in_users_are_never_served_cached_pages(client, article, page_cache, django_user_model):
    client.get(article.url)
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    response = client.get(article.url)
    assert "X-Page-Cache" not in response


def test_search_is_not_cached(client, article, page_cache):
    response = client.get("/search/", {"query": "标题"})
    assert "X-Page-Cache" not in response


@pytest.mark.django_db(transaction=True)
def test_a_cache_hit_runs_no_sql_and_a_publish_still_shows_at_once(client, wagtail_roots, channel, page_cache):
    """Committed for real: the generation's copy in the cache is what hits read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticlePageFactory(parent=channel, title="初版标题", slug="first")
    client.get(article.url)
    with CaptureQueriesContext(connection) as ctx:
        hit = client.get(article.url)
    assert hit["X-Page-Cache"] == "hit"
    assert ctx.captured_queries == []
    article.title = "修改后的标题"
    article.save_revision().publish()
    fresh = client.get(article.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "修改后的标题" in fresh.content.decode()
