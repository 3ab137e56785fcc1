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
