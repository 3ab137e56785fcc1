"""Editors see the top queries and the queries that found nothing."""

import pytest
from django.contrib.auth.models import Group

from portal.groups import EDITORS
from search.models import SearchQuery
from tests.factories.portal import ArticlePageFactory


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_editor_sees_top_and_zero_result_queries(client, channel, editor):
    ArticlePageFactory(parent=channel, title="社区志愿服务队成立", body=[("paragraph", "<p>志愿服务进社区。</p>")])
    for query in ["志愿服务", "志愿服务", "志愿服务", "好人榜", "火星探测"]:
        client.get("/search/", {"query": query})
    assert SearchQuery.objects.get(query_string="志愿服务").hits == 3

    client.force_login(editor)
    listing = client.get("/admin/search_queries/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert content.index("志愿服务") < content.index("火星探测"), "most searched first"

    unanswered = client.get("/admin/search_queries/", {"zero_result_hits__gt": "0"}).content.decode()
    assert "火星探测" in unanswered and "好人榜" in unanswered
    assert "志愿服务" not in unanswered


def test_statistics_cannot_be_typed_in(client, home, editor):
    client.force_login(editor)
    assert client.get("/admin/search_queries/new/").status_code in (302, 403)


def test_each_search_updates_the_counters_of_its_query(db):
    SearchQuery.record("  好人  榜 ", 0)
    first = SearchQuery.objects.get(query_string="好人 榜")
    SearchQuery.record("好人 榜", 12)
    again = SearchQuery.objects.get(query_string="好人 榜")
    assert (again.hits, again.zero_result_hits, again.last_result_count) == (2, 1, 12)
    assert again.last_searched_at >= first.last_searched_at
    SearchQuery.record("   ", 3)
    assert SearchQuery.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_searches_are_all_counted():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def search_five_times(_):
        try:
            for _ in range(5):
                SearchQuery.record("文明实践", 7)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(search_five_times, range(6)))
    recorded = SearchQuery.objects.get(query_string="文明实践")
    assert recorded.hits == 30 and recorded.zero_result_hits == 0
