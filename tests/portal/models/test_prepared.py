"""Prepared listing queries: compiled once per shape, rows read fresh every time (portal/models/prepared.py)."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import ArticlePage
from portal.models.listing import for_cards, for_links, paginate
from portal.models.prepared import MAX_PREPARED, forget_prepared, prepared_count, prepared_rows
from tests.factories.portal import ArticlePageFactory


def newest(channel, count):
    return lambda: for_links(ArticlePage.objects.live().child_of(channel), "date").order_by("-date", "-id")[:count]


def test_a_second_call_reads_fresh_rows_with_one_query_and_builds_nothing(channel, django_assert_num_queries):
    ArticlePageFactory(parent=channel, slug="a1", title="第一篇")
    key = ("test newest", channel.path, 5)
    assert [p.title for p in prepared_rows(key, newest(channel, 5))] == ["第一篇"]

    second = ArticlePageFactory(parent=channel, slug="a2", title="第二篇")
    second.title = "第二篇（改）"
    second.save_revision().publish()
    built = []
    with django_assert_num_queries(1):
        rows = prepared_rows(key, lambda: built.append(1))
    assert built == []  # the queryset was not built again
    assert sorted(p.title for p in rows) == ["第一篇", "第二篇（改）"]
    assert all(isinstance(p, ArticlePage) and not p._state.adding for p in rows)


def test_objects_are_new_on_every_call_and_keep_joined_pictures_and_annotations(channel):
    ArticlePageFactory(parent=channel, slug="a1", title="有导语", lead="导语")
    ArticlePageFactory(parent=channel, slug="a2", title="无导语", lead="", body=[("paragraph", "<p>正文</p>")])
    build = lambda: for_cards(ArticlePage.objects.child_of(channel)).order_by("title")  # noqa: E731
    first = prepared_rows(("test cards", channel.path), build)
    again = prepared_rows(("test cards", channel.path), build)
    assert [p.title for p in again] == ["无导语", "有导语"]
    assert all(a is not b for a, b in zip(first, again, strict=True))
    assert again[1].card_body is None and "正文" in again[0].summary  # the annotation, per row
    again[0].title = "只改了这一个对象"
    assert prepared_rows(("test cards", channel.path), build)[0].title == "无导语"


def test_an_empty_filter_gives_no_rows_without_a_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prepared_rows(("test nothing",), lambda: ArticlePage.objects.filter(pk__in=[])) == []


def test_only_plain_model_querysets_are_taken(db):
    with pytest.raises(ValueError):
        prepared_rows(("test values",), lambda: ArticlePage.objects.values("title"))
    with pytest.raises(ValueError):
        prepared_rows(("test prefetch",), lambda: ArticlePage.objects.prefetch_related("tagged_items"))


def test_forgetting_builds_again_and_the_memo_keeps_the_most_recent_shapes(channel):
    builds = []

    def build():
        builds.append(1)
        return newest(channel, 3)()

    prepared_rows(("test forget",), build)
    forget_prepared()
    prepared_rows(("test forget",), build)
    assert len(builds) == 2
    for n in range(MAX_PREPARED):
        prepared_rows(("test filler", n), newest(channel, 1))
    prepared_rows(("test forget",), build)  # pushed out by the filler: built again
    assert len(builds) == 3


@pytest.mark.django_db(transaction=True)
def test_each_thread_compiles_for_its_own_connection(wagtail_roots):
    from tests.factories.portal import ChannelPageFactory, make_home_site

    home = make_home_site()
    channel = ChannelPageFactory(parent=home, slug="yaowen", title="要闻")
    ArticlePageFactory(parent=channel, slug="a1", title="线程")
    key = ("test threads", channel.path)
    assert [p.title for p in prepared_rows(key, newest(channel, 5))] == ["线程"]
    seen = []

    def in_thread():
        try:
            with CaptureQueriesContext(connection) as queries:
                seen.append([p.title for p in prepared_rows(key, newest(channel, 5))])
            seen.append(len(queries))
        finally:
            connection.close()

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert seen == [["线程"], 1]


def test_a_prepared_page_of_a_listing_follows_the_page_number(channel, rf):
    for n in range(5):
        ArticlePageFactory(parent=channel, slug=f"a{n}", title=f"文章{n}")
    listing = for_links(ArticlePage.objects.child_of(channel)).order_by("title")
    pages = {
        number: paginate(rf.get("/", {"page": number}), listing, 2, key=("test pages", channel.path))
        for number in ("1", "2", "3", "9", "x")
    }
    assert [p.title for p in pages["1"].object_list] == ["文章0", "文章1"]
    assert [p.title for p in pages["2"].object_list] == ["文章2", "文章3"]
    assert [p.title for p in pages["3"].object_list] == ["文章4"]
    assert pages["9"].number == 3 and [p.title for p in pages["9"].object_list] == ["文章4"]
    assert pages["x"].number == 1 and pages["2"].has_next() and pages["2"].paginator.count == 5


def test_a_prepared_count_counts_the_rows_there_are_now(channel, django_assert_num_queries):
    live = lambda: ArticlePage.objects.live().child_of(channel)  # noqa: E731
    assert prepared_count(("test count", channel.path), live) == 0
    ArticlePageFactory(parent=channel, slug="a1")
    draft = ArticlePageFactory(parent=channel, slug="a2")
    draft.unpublish()
    with django_assert_num_queries(1):
        counted = prepared_count(("test count", channel.path), live)
    assert counted == 1 == live().count()
    with django_assert_num_queries(0):
        assert prepared_count(("test none",), lambda: ArticlePage.objects.filter(pk__in=[])) == 0
    with pytest.raises(ValueError):
        prepared_count(("test sliced",), lambda: live()[:1])
