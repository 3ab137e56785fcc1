"""Searches against a real Elasticsearch 8 (collected only when ELASTICSEARCH_URL is set).

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python -m pytest tests/search/elasticsearch_live -q

Indices go under a random prefix and are deleted afterwards.
"""

import datetime
import io
import os
import uuid

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from portal.choices import Category
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory, HonoureePageFactory


@pytest.fixture
def pages(channel, release, home):
    other = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    return {
        "volunteer": ArticlePageFactory(
            parent=channel,
            title="志愿服务进万家",
            lead="",
            date=datetime.date(2026, 4, 2),
            body=[("paragraph", "<p>医护志愿者在城关社区开展义诊。</p>")],
        ),
        # 志 and 愿 both occur, never as the word 志愿: a character-level analyzer would match it.
        "apart": ArticlePageFactory(
            parent=other,
            title="少年立志",
            lead="",
            date=datetime.date(2025, 5, 1),
            body=[("paragraph", "<p>他从小立志读书，心愿是当一名教师。</p>")],
        ),
        "honouree": HonoureePageFactory(
            parent=release,
            title="张秀兰",
            category=Category.FILIAL_LOVE,
            deed="三十年如一日照料瘫痪婆婆",
        ),
    }


@pytest.fixture
def live_es(settings, pages):
    url = os.environ["ELASTICSEARCH_URL"]
    prefix = f"portal_test_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch8",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 30,
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
        }
    }
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    yield
    client = Elasticsearch(url)
    # Elasticsearch 8 refuses wildcard deletes by default: name each index.
    for name in client.indices.get(index=f"{prefix}*"):
        client.indices.delete(index=name)


def titles(response):
    return [page.title for page in response.context["search_results"]]


def test_words_match_words_not_scattered_characters(live_es, client):
    assert titles(client.get("/search/", {"query": "志愿"})) == ["志愿服务进万家"]


def test_word_inside_an_unbroken_run_is_found_and_highlighted(live_es, client):
    assert titles(client.get("/search/", {"query": "义诊"})) == ["志愿服务进万家"]
    response = client.get("/search/", {"query": "志愿服务"})
    assert titles(response) == ["志愿服务进万家"]
    assert "<mark>志愿服务</mark>进万家" in response.content.decode()


def test_filters_by_type_channel_category_and_year(live_es, client, channel, pages):
    assert titles(client.get("/search/", {"query": "志愿", "type": "notice"})) == []
    assert titles(client.get("/search/", {"query": "志愿", "channel": channel.pk})) == ["志愿服务进万家"]
    assert titles(client.get("/search/", {"query": "立志", "channel": channel.pk})) == []
    assert titles(client.get("/search/", {"query": "婆婆", "category": "filial_love"})) == ["张秀兰"]
    assert titles(client.get("/search/", {"query": "婆婆", "category": "bravery"})) == []
    assert titles(client.get("/search/", {"query": "立志", "year": "2025"})) == ["少年立志"]
    assert titles(client.get("/search/", {"query": "立志", "year": "2026"})) == []


def test_unpublished_page_leaves_the_results(live_es, client, pages):
    pages["volunteer"].unpublish()
    Elasticsearch(os.environ["ELASTICSEARCH_URL"]).indices.refresh(index="_all")
    assert titles(client.get("/search/", {"query": "义诊"})) == []


def test_category_and_year_filtered_inside_the_index(live_es, pages):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    queryset = Page.objects.live().public()
    assert list(backend.search_within("立志", queryset, operator="and", year=2025)) == [pages["apart"].page_ptr]
    assert list(backend.search_within("立志", queryset, operator="and", year=2026)) == []
    honouree = pages["honouree"].page_ptr
    assert list(backend.search_within("婆婆", queryset, operator="and", category="filial_love")) == [honouree]
    assert list(backend.search_within("婆婆", queryset, operator="and", category="bravery")) == []
