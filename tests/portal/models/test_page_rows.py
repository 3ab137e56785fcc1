"""Listed pages read with only the fields their cards show (ListingQuerySet)."""

import pytest

from portal.models import ArticlePage
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory


def test_a_page_read_for_links_loads_the_rest_when_asked(channel):
    article = ArticlePageFactory(parent=channel, slug="a1", title="社区志愿服务", lead="导语")
    listed = ArticlePage.objects.filter(pk=article.pk).for_links("date").get()
    assert listed.title == "社区志愿服务" and listed.date == article.date
    assert listed.lead == "导语"  # a deferred field comes on access
    assert listed.url == article.url


def test_links_of_chinese_slugs_are_wagtails_own(channel):
    child = ChannelPageFactory(parent=channel, slug="分类", title="分类")
    article = ArticlePageFactory(parent=child, slug="好人-1", title="好人")
    listed = ArticlePage.objects.filter(pk=article.pk).for_links().get()
    assert listed.url.endswith("/%E5%88%86%E7%B1%BB/%E5%A5%BD%E4%BA%BA-1/")


@pytest.mark.parametrize("count", [1, 3])
def test_a_listing_builds_every_row(channel, count):
    for n in range(count):
        ArticlePageFactory(parent=channel, slug=f"a{n}", title=f"文章{n}")
    titles = [p.title for p in ArticlePage.objects.child_of(channel).for_cards().order_by("title")]
    assert titles == [f"文章{n}" for n in range(count)]
