"""A visitor on a phone browses the demo portal; every page passes axe-core."""

import pytest
from django.core.management import call_command

from portal.models import ArticlePage, ChannelPage, HonoureePage, HonourRollPage

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_page(page, name):
    assert page.locator("main").count() == 1, f"{name}: one <main> landmark"
    assert page.locator("header").count() >= 1 and page.locator("footer").count() >= 1, name
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name}: page is {overflow}px wider than the phone screen"
    assert serious_violations(page) == [], name


def test_phone_visitor_journey(live_server, phone):
    call_command("load_demo", verbosity=0)
    channel = ChannelPage.objects.live().get(pk=ArticlePage.objects.live().first().get_parent().pk)
    article = ArticlePage.objects.live().child_of(channel).first()
    roll = HonourRollPage.objects.live().get()
    profile = HonoureePage.objects.live().first()

    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))

    phone.goto(live_server.url + "/")
    check_page(phone, "home")
    first_link = phone.locator("a").first
    first_link.focus()
    assert "跳" in first_link.inner_text() or "#main" in (first_link.get_attribute("href") or ""), "skip link first"

    phone.goto(live_server.url + channel.url)
    check_page(phone, "channel")
    assert phone.get_by_role("link", name=article.title).count() >= 1

    phone.goto(live_server.url + article.url)
    check_page(phone, "article")
    assert phone.locator("h1").inner_text().strip() == article.title
    assert phone.locator("main svg").count() >= 1, "share QR code"

    phone.goto(live_server.url + roll.url)
    check_page(phone, "honour roll")
    phone.goto(live_server.url + profile.url)
    check_page(phone, "profile")
    assert profile.title in phone.locator("h1").inner_text()
    images = phone.locator("main img")
    assert images.count() >= 1 and images.first.get_attribute("alt")

    phone.goto(live_server.url + "/")
    search_box = phone.locator("input[name=query]").first
    if not search_box.is_visible():
        phone.locator("button[aria-controls]").first.click()
    search_box.fill(profile.title)
    search_box.press("Enter")
    phone.wait_for_url("**/search/**")
    check_page(phone, "search")
    assert phone.locator("main").get_by_role("link", name=profile.title).count() >= 1
    assert phone.locator("main mark").count() >= 1

    assert errors == [], f"JavaScript errors: {errors}"
