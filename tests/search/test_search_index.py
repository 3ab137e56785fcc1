"""The site search index: ranking, counts, filters, and staying in step with what is published."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from portal.choices import Category
from search import engine
from search.models import SearchDocument, SearchPosting, SearchTerm
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    HonoureePageFactory,
    StoryPageFactory,
)


def titles(response):
    return [page.title for page in response.context["search_results"]]


def search(client, query, **filters):
    return client.get("/search/", {"query": query, **filters})


def article(parent, title, text, day=datetime.date(2026, 5, 1), lead=""):
    return ArticlePageFactory(parent=parent, title=title, lead=lead, date=day, body=[("paragraph", f"<p>{text}</p>")])


def test_title_match_ranks_above_newer_body_matches(client, channel):
    article(channel, "社区食堂开张", "老人吃上了热乎饭。", day=datetime.date(2025, 1, 1))
    for n in range(3):
        article(channel, f"周末见闻{n}", "新开的社区食堂很受欢迎。", day=datetime.date(2026, 6, n + 1))
    assert titles(search(client, "食堂"))[0] == "社区食堂开张"


def test_name_match_ranks_first(client, channel, release, home):
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    article(channel, "表彰大会召开", "会上，刘建华等人受到表彰。", day=datetime.date(2026, 9, 1))
    StoryPageFactory(parent=stories, title="楼道里的书架", subject_name="刘建华", date=datetime.date(2025, 2, 1))
    HonoureePageFactory(parent=release, title="刘建华", category=Category.DEDICATION, deed="坚守岗位三十年")
    found = titles(search(client, "刘建华"))
    assert found[0] == "刘建华"
    assert found[1] == "楼道里的书架", "a story about the person comes before a passing mention"
    assert found[2] == "表彰大会召开"


def test_newer_pages_first_among_equal_matches(client, channel):
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 3, 5), datetime.date(2026, 2, 5)):
        article(channel, f"{day:%m月}动态", "志愿者清理河道。", day=day)
    assert titles(search(client, "河道")) == ["03月动态", "02月动态", "01月动态"]


def test_count_and_pages(client, channel):
    for n in range(23):
        article(channel, f"简讯{n}", "文明交通劝导持续开展。")
    first = search(client, "劝导")
    assert "共找到 <strong>23</strong> 条" in first.content.decode()
    assert len(titles(first)) == 10
    third = search(client, "劝导", page=3)
    assert len(titles(third)) == 3
    every = titles(first) + titles(search(client, "劝导", page=2)) + titles(third)
    assert sorted(every) == sorted(f"简讯{n}" for n in range(23)), "each result once across the pages"
    assert titles(search(client, "劝导", page=99)) == titles(first), "a page past the end shows the first"


def test_large_counts_are_capped_and_said_so(client, channel, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    for n in range(4):
        article(channel, f"简讯{n}", "文明交通劝导持续开展。")
    content = search(client, "交通 劝导").content.decode()
    assert "找到超过 <strong>2</strong> 条" in content
    assert "共找到 <strong>4</strong> 条" in search(client, "劝导").content.decode(), "one word: exact count"


def test_every_filter_narrows_inside_the_index(client, channel, release, home):
    other = ChannelPageFactory(parent=home, title="县区频道", slug="xianqu")
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    sub = ChannelPageFactory(parent=other, title="城关区", slug="chengguan")
    article(channel, "要闻：护河志愿", "护河行动。", day=datetime.date(2025, 4, 1))
    article(sub, "城关区护河行动", "护河行动。", day=datetime.date(2026, 4, 1))
    StoryPageFactory(parent=stories, title="护河老人", category=Category.DEDICATION, date=datetime.date(2026, 1, 2))
    HonoureePageFactory(parent=release, title="赵护河", category=Category.BRAVERY, deed="护河十年")

    assert set(titles(search(client, "护河"))) == {"要闻：护河志愿", "城关区护河行动", "护河老人", "赵护河"}
    assert titles(search(client, "护河", channel=other.pk)) == ["城关区护河行动"], "sub-channels belong to it"
    assert titles(search(client, "护河", type="story")) == ["护河老人"]
    assert titles(search(client, "护河", category="bravery")) == ["赵护河"]
    assert set(titles(search(client, "护河", year="2025"))) == {"要闻：护河志愿"}
    assert titles(search(client, "护河", year="2026", type="article")) == ["城关区护河行动"]


def ranked(terms, mode):
    """Every page's total score for the terms, computed the slow way, best first."""
    totals, holders = {}, {}
    for term, score, page_id in SearchPosting.objects.filter(term__in=terms).values_list("term", "score", "page_id"):
        totals[page_id] = totals.get(page_id, 0) + score
        holders.setdefault(page_id, set()).add(term)
    pages = [p for p in totals if mode == "or" or holders[p] == set(terms)]
    return sorted(pages, key=lambda p: (-totals[p], -p))


def test_threshold_merge_ranks_like_a_full_scan(channel, monkeypatch):
    for n in range(30):
        title = "文明楼道" if n % 7 == 0 else f"第{n}期"
        text = "楼道整洁，邻里和睦。" if n % 2 else "邻里互助。"
        article(channel, title, text, day=datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    monkeypatch.setattr(engine, "FIRST_CHUNK", 2)  # many small reads: the stopping rule is exercised
    index = engine._Index({}, connection.cursor())
    terms = ["楼道", "邻里"]
    assert index._top_by_join(["楼道", "邻里"], 0, 10) == ranked(terms, "and")[:10]
    for need in (1, 5, 12):
        assert index._top_by_threshold(terms, "and", need) == ranked(terms, "and")[:need]
        assert index._top_by_threshold(terms, "or", need) == ranked(terms, "or")[:need]


def test_any_word_when_not_all_match(client, channel):
    article(channel, "春节慰问困难群众", "走访慰问。")
    response = search(client, "慰问 火星")
    assert titles(response) == ["春节慰问困难群众"]
    assert "部分关键词匹配" in response.content.decode()


def test_single_character_and_highlight(client, channel, release):
    HonoureePageFactory(parent=release, title="钱秀英", category=Category.FILIAL_LOVE, deed="照料婆婆")
    response = search(client, "钱")
    assert titles(response) == ["钱秀英"]
    assert "<mark>钱</mark>秀英" in response.content.decode()


def test_publish_edit_unpublish_delete_keep_the_index_in_step(client, channel, django_user_model):
    page = article(channel, "旧标题", "环保宣传。")
    assert titles(search(client, "环保")) == ["旧标题"]

    page.title = "垃圾分类新风尚"
    page.save_revision()  # a draft: what is published does not change
    assert titles(search(client, "分类")) == []
    assert titles(search(client, "旧标题")) == ["旧标题"]

    page.get_latest_revision().publish()
    assert titles(search(client, "分类")) == ["垃圾分类新风尚"]
    assert titles(search(client, "旧标题")) == []

    page.refresh_from_db()
    page.unpublish()
    assert titles(search(client, "环保")) == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()

    page.refresh_from_db()
    page.save_revision().publish()
    assert titles(search(client, "环保")) == ["垃圾分类新风尚"]

    Page.objects.get(pk=page.pk).delete()
    assert titles(search(client, "环保")) == []
    assert not SearchPosting.objects.filter(page_id=page.pk).exists()
    assert SearchTerm.objects.get(term="环保").pages == 0


def test_private_pages_leave_the_index(client, channel):
    article(channel, "内部通报", "内部学习材料。")
    restriction = PageViewRestriction.objects.create(page=channel, restriction_type="login")
    assert titles(search(client, "学习材料")) == []
    restriction.delete()
    assert titles(search(client, "学习材料")) == ["内部通报"]


def test_moving_a_page_moves_it_between_channel_filters(client, channel, home):
    other = ChannelPageFactory(parent=home, title="文明播报", slug="bobao")
    page = article(channel, "移动的文章", "植树活动。")
    page.move(other, pos="last-child")
    assert titles(search(client, "植树", channel=other.pk)) == ["移动的文章"]
    assert titles(search(client, "植树", channel=channel.pk)) == []


def test_rebuild_gives_the_same_index(channel, release):
    article(channel, "重建索引", "敬老院里的笑声。")
    HonoureePageFactory(parent=release, title="孙玉兰", category=Category.FILIAL_LOVE, deed="照料婆婆")
    before = sorted(SearchPosting.objects.values_list("term", "score", "page_id", "kind", "year", "section"))
    from search.indexing import rebuild

    assert rebuild() == 2
    after = sorted(SearchPosting.objects.values_list("term", "score", "page_id", "kind", "year", "section"))
    assert after == before


def test_search_query_count_does_not_grow_with_results(client, channel):
    for n in range(3):
        article(channel, f"简讯{n}", "文明交通劝导。")
    search(client, "劝导")  # first search of a query creates its statistics row
    with CaptureQueriesContext(connection) as few:
        search(client, "劝导")
    for n in range(3, 12):
        article(channel, f"简讯{n}", "文明交通劝导。")
    with CaptureQueriesContext(connection) as many:
        search(client, "劝导")
    assert len(many) == len(few)


@pytest.mark.parametrize("query", ["", "   ", "，。"])
def test_empty_queries_show_the_form(client, channel, query):
    response = search(client, query)
    assert response.status_code == 200
    assert titles(response) == []


def test_wagtail_search_api_answers_when_the_backend_is_elasticsearch(client, channel, release, monkeypatch):
    """The view's other path, run here on Wagtail's database backend: same results, same filters."""
    monkeypatch.setattr(engine, "uses_wagtail_backend", lambda: True)
    article(channel, "河西区居民冬日救人", "市民勇救落水儿童。")
    HonoureePageFactory(parent=release, title="周桂兰", category=Category.FILIAL_LOVE, deed="照料落水受伤的邻居")
    assert set(titles(search(client, "落水"))) == {"河西区居民冬日救人", "周桂兰"}
    assert titles(search(client, "落水", type="honouree")) == ["周桂兰"]
    assert titles(search(client, "落水", category="bravery")) == []
