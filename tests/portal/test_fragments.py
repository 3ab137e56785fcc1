"""Rendered fragments cached by generation (page cache off): visitors still see every change at once."""

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.models import SiteSettings
from tests.factories.portal import ArticlePageFactory, MenuItemFactory


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def article(channel):
    return ArticlePageFactory(parent=channel, title="初版标题", slug="first")


def html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_renders_from_fragments_without_listing_queries(client, home, channel, article):
    first = html(client, channel.url)
    with CaptureQueriesContext(connection) as ctx:
        second = html(client, channel.url)
    assert second == first
    assert "初版标题" in second
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "portal_articlepage" not in sql, "the listing should come from the cached fragment"


def test_publishing_shows_the_change_on_the_page_and_in_listings(client, home, channel, article):
    html(client, article.url)
    html(client, channel.url)
    article.title = "修改后的标题"
    article.save_revision().publish()
    assert "修改后的标题" in html(client, article.url)
    assert "修改后的标题" in html(client, channel.url)


def test_unpublished_page_is_gone_although_its_route_was_remembered(client, article):
    html(client, article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_menu_and_site_settings_changes_show_at_once(client, home, channel):
    html(client, home.url)
    MenuItemFactory(label="新的菜单项", link_page=channel)
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.office_name = "清河市文明办"
    site_settings.save()
    page = html(client, home.url)
    assert "新的菜单项" in page and "清河市文明办" in page


def test_care_mode_and_standard_mode_both_right_from_the_same_fragments(client, article):
    standard = html(client, article.url)
    client.cookies["care_mode"] = "1"
    care = html(client, article.url)
    assert 'class="no-js care"' in care
    assert 'class="no-js care"' not in standard
    assert "初版标题" in care


def test_logged_in_editor_gets_the_user_bar_on_a_page_visitors_had_cached(client, article, django_user_model):
    assert "wagtail-userbar" not in html(client, article.url)
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    assert "wagtail-userbar" in html(client, article.url)


def test_privacy_added_later_applies_to_a_page_whose_fragments_were_cached(client, article):
    assert "初版标题" in html(client, article.url)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x1")
    response = client.get(article.url)
    assert "初版标题" not in response.content.decode()


def test_qr_code_is_made_once_per_url(client, settings, article, channel, monkeypatch):
    settings.FRAGMENT_CACHE_SECONDS = 0  # the share block renders on every request
    made = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda content, **kw: made.append(content) or real_make(content, **kw))
    for _ in range(3):
        html(client, article.url)
        html(client, channel.url)
    assert sorted(made) == sorted({f"http://testserver{article.url}", f"http://testserver{channel.url}"})


def test_with_page_fragments_off_the_content_is_rendered_and_the_menu_still_comes_by_generation(
    client, settings, home, channel, article
):
    from portal.models import MenuItem

    MenuItemFactory(label="原菜单项", link_page=channel)
    html(client, channel.url)
    # Changed behind the signals' back: what each cache holds shows in what the visitor gets.
    type(article).objects.filter(pk=article.pk).update(title="改后标题")
    MenuItem.objects.filter(label="原菜单项").update(label="改后菜单项")
    assert "初版标题" in html(client, channel.url)  # the content fragment, as cached

    settings.CACHE_PAGE_FRAGMENTS = False
    page = html(client, channel.url)
    assert "改后标题" in page  # rendered afresh
    assert "原菜单项" in page and "改后菜单项" not in page  # the menu, by generation


def trail(page):
    return page[page.index('class="breadcrumbs"') : page.index("</nav>", page.index('class="breadcrumbs"'))]


def test_breadcrumbs_come_by_generation_and_follow_a_renamed_channel(client, settings, home, channel, article):
    settings.CACHE_PAGE_FRAGMENTS = False  # the header is rendered; the trail above the page is kept like a menu
    assert '<a href="/news/">要闻</a>' in trail(html(client, article.url))
    type(channel).objects.filter(pk=channel.pk).update(title="改名未发布")  # behind the signals' back
    assert '<a href="/news/">要闻</a>' in trail(html(client, article.url))
    channel.refresh_from_db()
    channel.title = "新闻要闻"
    channel.save_revision().publish()
    after = trail(html(client, article.url))
    assert '<a href="/news/">新闻要闻</a>' in after and "要闻</a>" not in after.replace("新闻要闻", "")


def test_the_footer_is_kept_by_generation_for_the_site_and_its_report_link_names_each_page(
    client, settings, home, channel, article
):
    settings.CACHE_PAGE_FRAGMENTS = False  # the footer is site-wide chrome, kept like menus
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.office_name = "清河市文明办"
    site_settings.save()
    assert "主办：清河市文明办" in html(client, article.url)
    SiteSettings.objects.filter(pk=site_settings.pk).update(office_name="改名未保存")  # behind the signals' back
    page = html(client, channel.url)
    assert "主办：清河市文明办" in page  # the footer another page rendered
    assert f'?page={channel.url}">我要纠错' in page  # the link names this page
    site_settings.refresh_from_db()
    site_settings.office_name = "清河市精神文明办"
    site_settings.save()
    assert "主办：清河市精神文明办" in html(client, channel.url)


def test_the_honour_rolls_district_filter_comes_by_generation_and_follows_a_saved_rename(
    client, settings, honour_roll, release
):
    from tests.factories.portal import DistrictFactory, HonoureePageFactory

    settings.CACHE_PAGE_FRAGMENTS = False
    district = DistrictFactory(name="东湖区")
    HonoureePageFactory(parent=release, district=district)
    page = html(client, f"{honour_roll.url}?district={district.pk}&year=2026")
    assert f'<option value="{district.pk}" selected>东湖区</option>' in page
    assert '<option value="2026" selected>2026年</option>' in page
    type(district).objects.filter(pk=district.pk).update(name="改名未保存")  # behind the signals' back
    assert ">东湖区</option>" in html(client, f"{honour_roll.url}?district={district.pk}&year=2026")
    district.name = "东湖新区"
    district.save()
    page = html(client, honour_roll.url)
    assert f'<option value="{district.pk}">东湖新区</option>' in page and "东湖区<" not in page


def test_page_links_follow_a_saved_change_of_the_sites_root(client, settings, home, channel, article):
    from wagtail.models import Site

    settings.CACHE_PAGE_FRAGMENTS = False  # the listing is rendered each time
    assert 'href="/news/first/"' in html(client, channel.url)
    site = Site.objects.get()
    site.root_page = channel
    site.save()  # the channel is now the site's root
    page = html(client, "/")
    assert "初版标题" in page and 'href="/first/"' in page and 'href="/news/first/"' not in page
