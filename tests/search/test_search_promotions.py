"""Editors pin results to the top of a query (置顶); the zero-result statistics stay honest."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQuery
from tests.factories.portal import ArticlePageFactory

pytestmark = pytest.mark.django_db


def promote(query, page=None, **fields):
    return SearchPromotion.objects.create(query=Query.get(query), page=page, **fields)


def test_a_promoted_page_comes_first_marked_as_pinned(client, channel):
    ArticlePageFactory(parent=channel, title="志愿服务活动在社区开展", body=[("paragraph", "<p>志愿服务进社区。</p>")])
    guide = ArticlePageFactory(parent=channel, title="我市志愿者注册指南", body=[("paragraph", "<p>注册流程。</p>")])
    promote("志愿服务", page=guide, description="想成为志愿者？从这里开始。")

    html = client.get("/search/", {"query": "志愿服务"}).content.decode()
    assert "置顶" in html and "想成为志愿者？从这里开始。" in html
    assert html.index("我市志愿者注册指南") < html.index("活动在社区开展")
    assert f'href="{guide.url}"' in html

    # Only on the first page of results, and only for that query.
    assert "置顶" not in client.get("/search/", {"query": "志愿服务", "page": "2"}).content.decode()
    assert "我市志愿者注册指南" not in client.get("/search/", {"query": "好人榜"}).content.decode()


def test_promotions_of_unpublished_pages_are_not_shown_but_external_links_are(client, channel):
    draft = ArticlePageFactory(parent=channel, title="尚未发布的注册指南")
    draft.unpublish()
    promote("注册", page=draft)
    promote("注册", external_link_url="https://www.zgzyz.org.cn/", external_link_text="中国志愿服务网注册")

    html = client.get("/search/", {"query": "注册"}).content.decode()
    assert "尚未发布的注册指南" not in html
    assert 'href="https://www.zgzyz.org.cn/"' in html and "中国志愿服务网注册" in html


def test_a_query_answered_only_by_a_promotion_still_counts_as_zero_result(client, channel):
    guide = ArticlePageFactory(parent=channel, title="我市志愿者注册指南")
    promote("火星探测", page=guide)

    html = client.get("/search/", {"query": "火星探测"}).content.decode()
    assert "我市志愿者注册指南" in html and "没有找到与“火星探测”相关的内容" in html
    recorded = SearchQuery.objects.get(query_string="火星探测")
    assert recorded.hits == 1 and recorded.zero_result_hits == 1
    assert Query.objects.filter(query_string="好人榜").count() == 0
    client.get("/search/", {"query": "好人榜"})
    assert Query.objects.filter(query_string="好人榜").count() == 0, "searching leaves Wagtail's query table alone"


def test_a_promotion_added_or_removed_shows_at_the_next_search(client, channel, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300  # the promotions are kept by generation, as in production
    ArticlePageFactory(parent=channel, title="文明实践站点开放", body=[("paragraph", "<p>文明实践。</p>")])
    guide = ArticlePageFactory(parent=channel, title="文明实践活动预约办法", body=[("paragraph", "<p>预约。</p>")])
    assert "置顶" not in client.get("/search/", {"query": "文明实践"}).content.decode()  # read and kept

    promotion = promote("文明实践", page=guide, description="预约前请先阅读。")
    assert "预约前请先阅读。" in client.get("/search/", {"query": "文明实践"}).content.decode()

    promotion.delete()
    assert "预约前请先阅读。" not in client.get("/search/", {"query": "文明实践"}).content.decode()
