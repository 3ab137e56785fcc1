"""Chinese search: words inside unbroken runs of characters must be found."""

import datetime

import pytest

from portal.choices import Category
from search.models import SearchQuery
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    HonoureePageFactory,
    NoticePageFactory,
    StoryPageFactory,
)


@pytest.fixture
def pages(channel, release, home):
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    return {
        "rescue": ArticlePageFactory(
            parent=channel,
            title="河西区居民冬日救人",
            lead="",
            date=datetime.date(2025, 12, 20),
            body=[("paragraph", "<p>十二月二十日下午，市民王建军勇救落水儿童，随后悄然离开。</p>")],
        ),
        "clinic": ArticlePageFactory(
            parent=channel,
            title="志愿服务进万家",
            lead="",
            date=datetime.date(2026, 4, 2),
            body=[("paragraph", "<p>医护志愿者在城关社区开展义诊，为老人测量血压。</p>")],
        ),
        "volunteer": ArticlePageFactory(
            parent=channel,
            title="周末活动掠影",
            lead="",
            date=datetime.date(2026, 4, 3),
            body=[("paragraph", "<p>青年志愿者在公园清理垃圾。</p>")],
        ),
        "honouree": HonoureePageFactory(
            parent=release,
            title="张秀兰",
            category=Category.FILIAL_LOVE,
            deed="三十年如一日照料瘫痪婆婆",
            story=[("paragraph", "<p>她每天清晨为婆婆擦身喂饭，从不叫苦。</p>")],
        ),
        "notice": NoticePageFactory(
            parent=notices,
            title="关于推荐第二季度好人候选人的通知",
            date=datetime.date(2026, 3, 5),
            body=[("paragraph", "<p>请各县区于三月底前报送推荐材料。</p>")],
        ),
        "story": StoryPageFactory(
            parent=stories,
            title="楼道里的爱心书架",
            subject_name="李春华",
            category=Category.DEDICATION,
            date=datetime.date(2026, 1, 8),
            body=[("paragraph", "<p>退休教师李春华在楼道里办起爱心书架，孩子们放学后来这里读书。</p>")],
        ),
    }


def titles(response):
    return [page.title for page in response.context["search_results"]]


def test_word_inside_unbroken_chinese_run_is_found(client, pages):
    response = client.get("/search/", {"query": "落水"})
    assert response.status_code == 200
    assert titles(response) == ["河西区居民冬日救人"]


def test_person_name_finds_profile(client, pages):
    response = client.get("/search/", {"query": "张秀兰"})
    assert "张秀兰" in titles(response)


def test_two_words_together_find_page_with_both(client, pages):
    response = client.get("/search/", {"query": "志愿者 义诊"})
    assert titles(response) == ["志愿服务进万家"]


def test_two_character_word_from_story_middle(client, pages):
    response = client.get("/search/", {"query": "书架"})
    assert titles(response) == ["楼道里的爱心书架"]


def test_results_are_in_main_and_highlighted(client, pages):
    content = client.get("/search/", {"query": "落水"}).content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    assert "<mark>落水</mark>" in main
    assert pages["rescue"].url in main


def test_unknown_word_gives_empty_state(client, pages):
    response = client.get("/search/", {"query": "火星探测"})
    assert titles(response) == []
    assert "没有找到" in response.content.decode()


def test_filter_by_type(client, pages):
    response = client.get("/search/", {"query": "推荐", "type": "notice"})
    assert titles(response) == ["关于推荐第二季度好人候选人的通知"]
    response = client.get("/search/", {"query": "推荐", "type": "article"})
    assert titles(response) == []


def test_filter_by_category_and_year(client, pages):
    assert titles(client.get("/search/", {"query": "婆婆", "category": "filial_love"})) == ["张秀兰"]
    assert titles(client.get("/search/", {"query": "婆婆", "category": "bravery"})) == []
    assert titles(client.get("/search/", {"query": "志愿者", "year": "2026"})) == [
        "志愿服务进万家",
        "周末活动掠影",
    ] or set(titles(client.get("/search/", {"query": "志愿者", "year": "2026"}))) == {"志愿服务进万家", "周末活动掠影"}
    assert titles(client.get("/search/", {"query": "落水", "year": "2026"})) == []


def test_filter_by_channel(client, pages, channel):
    assert titles(client.get("/search/", {"query": "书架", "channel": channel.pk})) == []


def test_queries_are_logged_with_zero_results(client, pages):
    client.get("/search/", {"query": "落水"})
    client.get("/search/", {"query": "落水"})
    client.get("/search/", {"query": "火星探测"})
    top = SearchQuery.objects.get(query_string="落水")
    assert (top.hits, top.zero_result_hits) == (2, 0)
    assert SearchQuery.objects.get(query_string="火星探测").zero_result_hits == 1


def test_markup_in_query_is_escaped(client, pages):
    content = client.get("/search/", {"query": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in content


def test_draft_pages_are_not_found(client, pages):
    pages["rescue"].unpublish()
    assert titles(client.get("/search/", {"query": "落水"})) == []


def test_single_character_falls_back_to_substring(client, pages):
    assert "张秀兰" in titles(client.get("/search/", {"query": "张"}))
    assert titles(client.get("/search/", {"query": "张", "type": "article"})) == []
