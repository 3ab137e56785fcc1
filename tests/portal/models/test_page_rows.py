"""Listed pages built from their rows and linked without a URL reverse each (portal/models/page_rows.py)."""

import pytest
from django.test import override_settings
from django.urls import clear_script_prefix, set_script_prefix
from wagtail.models import Page

from portal.models import ArticlePage
from portal.models.listing import for_links
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory


def test_a_page_read_with_only_some_fields_is_a_saved_page_that_loads_the_rest_when_asked(channel):
    article = ArticlePageFactory(parent=channel, slug="a1", title="社区志愿服务", lead="导语")
    listed = for_links(ArticlePage.objects.filter(pk=article.pk), "date").get()
    assert listed.title == "社区志愿服务" and listed.date == article.date
    assert not listed._state.adding and listed._state.db == "default"
    assert listed.lead == "导语"  # a deferred field comes on access
    assert listed.id == article.pk and listed.content_type_id == article.content_type_id


def test_a_page_read_whole_can_be_edited_and_published(channel):
    article = ArticlePageFactory(parent=channel, slug="a1", title="旧标题")
    loaded = ArticlePage.objects.get(pk=article.pk)
    loaded.title = "新标题"
    loaded.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).title == "新标题"
    assert list(loaded.get_children()) == []  # the tree API works on a row-built page


def test_links_are_wagtails_own_including_chinese_slugs(channel):
    child = ChannelPageFactory(parent=channel, slug="分类", title="分类")
    article = ArticlePageFactory(parent=child, slug="好人-1", title="好人")
    for page in (channel, child, article):
        page = type(page).objects.get(pk=page.pk)
        assert page.get_url_parts() == Page.get_url_parts(page)  # the fast path against Wagtail's
    assert article.url.endswith("/%E5%88%86%E7%B1%BB/%E5%A5%BD%E4%BA%BA-1/")


def test_links_follow_the_script_prefix_and_url_settings(channel):
    article = ArticlePageFactory(parent=channel, slug="a1")
    plain = article.get_url()
    set_script_prefix("/portal/")
    try:
        assert article.get_url() == "/portal" + plain
    finally:
        clear_script_prefix()
    assert article.get_url() == plain
    with override_settings(ROOT_URLCONF="tests.portal.error_urls"):
        assert article.get_url_parts() == Page.get_url_parts(article)


@pytest.mark.parametrize("count", [1, 3])
def test_a_listing_builds_every_row(channel, count):
    for n in range(count):
        ArticlePageFactory(parent=channel, slug=f"a{n}", title=f"文章{n}")
    titles = [p.title for p in for_links(ArticlePage.objects.child_of(channel)).order_by("title")]
    assert titles == [f"文章{n}" for n in range(count)]
