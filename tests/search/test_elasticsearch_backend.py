"""The Elasticsearch 8 backend, checked on the JSON it sends (fake node, no server).

tests/search/elasticsearch_live/ runs the same searches against a real server
when ELASTICSEARCH_URL is set.
"""

import datetime
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page

from portal.choices import Category
from portal.models import ArticlePage, HonoureePage, NoticePage, StoryPage
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory, HonoureePageFactory, StoryPageFactory

from .fake_elasticsearch import backend_settings, fake_node_class


@pytest.fixture
def pages(channel, release, home):
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    return {
        "clinic": ArticlePageFactory(
            parent=channel,
            title="志愿服务进万家",
            lead="",
            date=datetime.date(2026, 4, 2),
            body=[("paragraph", "<p>医护志愿者在城关社区开展义诊。</p>")],
        ),
        "old": ArticlePageFactory(
            parent=channel,
            title="冬日救人",
            lead="",
            date=datetime.date(2025, 12, 20),
            body=[("paragraph", "<p>市民勇救落水儿童。</p>")],
        ),
        "story": StoryPageFactory(
            parent=stories,
            title="楼道里的爱心书架",
            category=Category.DEDICATION,
            date=datetime.date(2026, 1, 8),
            body=[("paragraph", "<p>退休教师办起爱心书架。</p>")],
        ),
        "honouree": HonoureePageFactory(parent=release, title="张秀兰", category=Category.FILIAL_LOVE),
    }


@pytest.fixture
def es(settings, pages):
    """The site switched to Elasticsearch; the node records what the backend sends from here on."""
    node = fake_node_class()
    settings.WAGTAILSEARCH_BACKENDS = backend_settings(node)
    return node


def sent(node, method, suffix):
    return [r for r in node.requests if r["method"] == method and r["path"].endswith(suffix)]


def bar_line(stream, label):
    """The final state of a model's progress bar, up to its count: 'portal.ArticlePage: 100%|…| 2/2'."""
    (line,) = [part for part in re.split(r"[\r\n]", stream.getvalue()) if part.startswith(label + ":")][-1:]
    return line.split(" [")[0].strip()


def in_type_order(body):
    """Wagtail lists content types from a set: sort them so the body compares exactly."""
    for clause in body["query"]["bool"]["filter"][1]["bool"]["must"]:
        if "content_type_id_filter" in clause.get("terms", {}):
            clause["terms"]["content_type_id_filter"].sort()
    return body


def test_index_keeps_segmented_chinese_words_as_tokens(es, pages):
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())

    (create,) = [r for r in sent(es, "PUT", "") if r["path"].startswith("/test_wagtailcore_page_")][:1]
    assert create["body"]["settings"]["analysis"]["analyzer"]["segmented_words"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["lowercase"],
    }
    article_mapping = next(
        r["body"]["properties"]
        for r in sent(es, "PUT", "/_mapping")
        if "portal_articlepage__search_text" in r["body"]["properties"]
    )
    assert article_mapping["portal_articlepage__search_text"] == {
        "type": "text",
        "analyzer": "segmented_words",
        "copy_to": "_all_text",
    }
    # The public search queries these catch-all fields: they must split on spaces only.
    assert article_mapping["_all_text"] == {"type": "text", "analyzer": "segmented_words"}
    assert article_mapping["_all_text_boost_2_0"] == {"type": "text", "analyzer": "segmented_words"}
    # Filters the search page uses are indexed as filter fields.
    assert article_mapping["content_type_id_filter"] == {"type": "integer"}
    assert article_mapping["path_filter"] == {"type": "keyword"}
    assert article_mapping["id_filter"] == {"type": "integer"}

    documents = [line for r in sent(es, "PUT", "/_bulk") + sent(es, "POST", "/_bulk") for line in r["body"]]
    clinic = next(d for d in documents if d.get("pk") == str(pages["clinic"].pk))
    assert {"志愿", "服务", "义诊", "社区"} <= set(clinic["portal_articlepage__search_text"].split())


def test_update_index_sends_batches_and_counts_them(es, pages, channel):
    ArticlePageFactory(parent=channel, title="第三篇")
    errors = io.StringIO()
    call_command("update_index", chunk_size=2, stdout=io.StringIO(), stderr=errors)

    article_batches = [
        [d for d in r["body"] if d.get("_django_content_type", [""])[0] == "portal.ArticlePage"]
        for r in sent(es, "PUT", "/_bulk") + sent(es, "POST", "/_bulk")
    ]
    assert sorted(len(batch) for batch in article_batches if batch) == [1, 2]
    assert bar_line(errors, "portal.ArticlePage").endswith("3/3")


def test_update_index_progress_on_the_database_backend(pages):
    errors = io.StringIO()
    call_command("update_index", stdout=io.StringIO(), stderr=errors)
    assert bar_line(errors, "portal.ArticlePage").endswith("2/2")  # the two articles
    assert bar_line(errors, "portal.StoryPage").endswith("1/1")
    silent = io.StringIO()
    call_command("update_index", verbosity=0, stdout=io.StringIO(), stderr=silent)
    assert silent.getvalue() == ""


def test_chinese_query_with_type_channel_category_and_year_filters(es, pages, channel):
    # The search page's chain: live public pages of the chosen types, under the
    # chosen channel, restricted to the ids matching category/year.
    queryset = (
        Page.objects.live()
        .public()
        .type(ArticlePage, StoryPage)
        .descendant_of(channel)
        .filter(pk__in=[pages["clinic"].pk, pages["story"].pk])
    )
    es.hits = [pages["clinic"].pk]

    results = queryset.search("志愿 服务", operator="and")
    assert results.count() == 1
    assert list(results[:10]) == [pages["clinic"].page_ptr]

    content_types = sorted(ct.pk for ct in ContentType.objects.get_for_models(ArticlePage, StoryPage).values())
    expected_query = {
        "bool": {
            "must": {
                "multi_match": {
                    "query": "志愿 服务",
                    "operator": "and",
                    "fields": ["_all_text", "_all_text_boost_2_0^2.0"],
                }
            },
            "filter": [
                {"match": {"_django_content_type": "wagtailcore.Page"}},
                {
                    "bool": {
                        "must": [
                            {"term": {"live_filter": True}},
                            {"bool": {"must_not": {"terms": {"id_filter": []}}}},
                            {"terms": {"content_type_id_filter": content_types}},
                            {"prefix": {"path_filter": channel.path}},
                            {"range": {"depth_filter": {"gte": channel.depth}}},
                            {"bool": {"must_not": {"term": {"id_filter": channel.pk}}}},
                            {"terms": {"id_filter": [pages["clinic"].pk, pages["story"].pk]}},
                        ]
                    }
                },
            ],
        }
    }
    (count,) = sent(es, "POST", "/test_wagtailcore_page/_count")
    assert in_type_order(count["body"]) == {"query": expected_query}
    (search,) = sent(es, "POST", "/test_wagtailcore_page/_search")
    assert in_type_order(search["body"]) == {
        "query": expected_query,
        "from": 0,
        "size": 10,
        "_source": False,
        "stored_fields": "pk",
    }


def test_search_page_shows_and_highlights_what_elasticsearch_found(es, pages, channel, client):
    es.hits = [pages["clinic"].pk]
    response = client.get("/search/", {"query": "志愿服务", "type": "article", "channel": channel.pk, "year": "2026"})

    assert [p.title for p in response.context["search_results"]] == ["志愿服务进万家"]
    content = response.content.decode()
    assert "<mark>志愿服务</mark>进万家" in content
    # The page's filters reached Elasticsearch, the words went as segmented.
    (search,) = sent(es, "POST", "/test_wagtailcore_page/_search")
    query = search["body"]["query"]["bool"]
    assert query["must"]["multi_match"]["query"] == "志愿 服务"
    filters = query["filter"][1]["bool"]["must"]
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    assert {"terms": {"content_type_id_filter": [article_type]}} in filters
    assert {"prefix": {"path_filter": channel.path}} in filters
    # The year goes as a date range inside the index, never as a list of page ids.
    assert not [f for f in filters if f.get("terms", {}).get("id_filter")]
    year_clause = query["filter"][2]["bool"]["should"]
    assert {"range": {"portal_articlepage__date_filter": {"gte": "2026-01-01", "lte": "2026-12-31"}}} in year_clause


def test_category_filter_reaches_elasticsearch_as_a_clause(es, pages, client):
    es.hits = [pages["honouree"].pk]
    response = client.get("/search/", {"query": "张秀兰", "category": "filial_love"})
    assert [p.title for p in response.context["search_results"]] == ["张秀兰"]
    (search,) = sent(es, "POST", "/test_wagtailcore_page/_search")
    filters = search["body"]["query"]["bool"]["filter"][1]["bool"]["must"]
    assert not [f for f in filters if f.get("terms", {}).get("id_filter")]
    assert search["body"]["query"]["bool"]["filter"][2] == {
        "bool": {
            "should": [
                {"term": {"portal_storypage__category_filter": "filial_love"}},
                {"term": {"portal_honoureepage__category_filter": "filial_love"}},
            ]
        }
    }
    models = (ArticlePage, NoticePage, StoryPage, HonoureePage)
    all_types = {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}
    (types,) = [f["terms"]["content_type_id_filter"] for f in filters if "content_type_id_filter" in f.get("terms", {})]
    assert all_types <= set(types)


def test_category_and_year_can_be_filtered_inside_the_index(es, pages):
    # The scale path (deploy/SCALING.md): no list of ids, a clause per filter.
    from wagtail.search.backends import get_search_backend

    queryset = Page.objects.live().public().type(StoryPage, HonoureePage)
    es.hits = [pages["story"].pk]
    results = get_search_backend().search_within("书架", queryset, operator="and", category="dedication", year=2026)
    assert list(results[:10]) == [pages["story"].page_ptr]

    (search,) = sent(es, "POST", "/test_wagtailcore_page/_search")
    filters = search["body"]["query"]["bool"]["filter"]
    assert filters[2:] == [
        {
            "bool": {
                "should": [
                    {"term": {"portal_storypage__category_filter": "dedication"}},
                    {"term": {"portal_honoureepage__category_filter": "dedication"}},
                ]
            }
        },
        {
            "bool": {
                "should": [
                    {"range": {"portal_articlepage__date_filter": {"gte": "2026-01-01", "lte": "2026-12-31"}}},
                    {"range": {"portal_noticepage__date_filter": {"gte": "2026-01-01", "lte": "2026-12-31"}}},
                    {"range": {"portal_storypage__date_filter": {"gte": "2026-01-01", "lte": "2026-12-31"}}},
                    {"range": {"portal_honoureepage__release_date_filter": {"gte": "2026-01-01", "lte": "2026-12-31"}}},
                ]
            }
        },
    ]
    assert not [clause for clause in filters[1]["bool"]["must"] if clause.get("terms", {}).get("id_filter")]
