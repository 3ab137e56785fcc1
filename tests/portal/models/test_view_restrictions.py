"""A page's view restrictions, read in one query by tree path (portal.models.mixins.FragmentCacheMixin)."""

from wagtail.models import Page, PageViewRestriction

from tests.factories.portal import ArticlePageFactory, ChannelPageFactory


def test_a_restriction_on_an_ancestor_or_the_page_applies_as_in_wagtail(home, channel, django_assert_num_queries):
    article = ArticlePageFactory(parent=channel)
    other = ArticlePageFactory(parent=ChannelPageFactory(parent=home, slug="other"))
    on_channel = PageViewRestriction.objects.create(page=channel, restriction_type=PageViewRestriction.LOGIN)
    on_article = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    page = type(article).objects.get(pk=article.pk)
    assert sorted(r.pk for r in page.get_view_restrictions()) == [on_channel.pk, on_article.pk]
    assert sorted(r.pk for r in page.get_view_restrictions()) == sorted(r.pk for r in Page.get_view_restrictions(page))
    other = type(other).objects.get(pk=other.pk)
    with django_assert_num_queries(1):
        assert list(other.get_view_restrictions()) == []


def test_an_alias_counts_by_its_source_page(home, channel):
    source = ChannelPageFactory(parent=home, slug="source")
    restriction = PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    alias = source.create_alias(parent=channel, update_slug="alias")
    below = ArticlePageFactory(parent=type(alias).objects.get(pk=alias.pk))
    page = type(below).objects.get(pk=below.pk)
    assert [r.pk for r in page.get_view_restrictions()] == [restriction.pk]
    assert [r.pk for r in page.get_view_restrictions()] == [r.pk for r in Page.get_view_restrictions(page)]
