"""关怀模式 on a phone: larger text, kept across pages and through the page cache, axe clean in both modes."""

import pytest
from django.core.management import call_command

from portal.models import ArticlePage, NoticePage, ReleasePage

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def font_px(page, selector):
    return page.evaluate(
        "(selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)", selector
    )


def has_care_class(page):
    return page.evaluate("document.documentElement.classList.contains('care')")


def check_accessible(page, name):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name}: page is {overflow}px wider than the phone screen"
    assert serious_violations(page) == [], name


def test_elderly_mode_enlarges_text_and_follows_the_visitor(live_server, phone, settings):
    settings.PAGE_CACHE_SECONDS = 300  # as in production: pages come from the anonymous page cache
    call_command("load_demo", verbosity=0)
    article = ArticlePage.objects.live().first()
    notice = NoticePage.objects.live().first()
    release = ReleasePage.objects.live().first()
    urls = {"home": "/", "article": article.url, "notice": notice.url, "release": release.url}
    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))

    standard = {}
    for name, url in urls.items():
        phone.goto(live_server.url + url)
        assert not has_care_class(phone), name
        standard[name] = font_px(phone, "main p")
        check_accessible(phone, f"{name} (standard)")
    phone.goto(live_server.url + "/jiucuo/?page=/")
    check_accessible(phone, "error report form (standard)")

    # Switch on from the article, which is now in the page cache.
    phone.goto(live_server.url + article.url)
    switch = phone.get_by_role("link", name="关怀模式", exact=True)
    assert switch.is_visible() and phone.get_by_role("link", name="退出关怀模式").count() == 0
    switch.click()
    phone.wait_for_url(live_server.url + article.url)
    assert has_care_class(phone)
    body_px = font_px(phone, "body")
    assert body_px >= 20, f"body text {body_px}px in elderly mode"
    assert font_px(phone, "main p") >= 1.25 * standard["article"]
    off_switch = phone.get_by_role("link", name="退出关怀模式")
    box = off_switch.bounding_box()
    assert box["height"] >= 44, "a large touch target"

    # Kept on the next pages, which are served from the cache (a second visit is a hit).
    for name, url in urls.items():
        response = phone.goto(live_server.url + url)
        assert has_care_class(phone), f"{name}: elderly mode kept"
        assert font_px(phone, "main p") >= 1.25 * standard[name], name
        check_accessible(phone, f"{name} (elderly mode)")
        assert response.ok
        # The same request again, outside the browser's own cache, with the visitor's cookies.
        again = phone.request.get(live_server.url + url)
        assert again.headers.get("x-page-cache") == "hit", f"{name}: cached pages are still served"
        assert 'class="no-js care"' in again.text(), f"{name}: the cached copy is the elderly one"
    phone.goto(live_server.url + "/jiucuo/?page=/")
    assert has_care_class(phone)
    check_accessible(phone, "error report form (elderly mode)")

    # And off again.
    phone.goto(live_server.url + release.url)
    phone.get_by_role("link", name="退出关怀模式").click()
    phone.wait_for_url(live_server.url + release.url)
    assert not has_care_class(phone)
    assert font_px(phone, "main p") == standard["release"]
    assert errors == [], f"JavaScript errors: {errors}"


def test_elderly_mode_works_without_javascript(live_server, browser):
    call_command("load_demo", verbosity=0)
    article = ArticlePage.objects.live().first()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + article.url)
        standard = font_px(page, "main p")
        page.get_by_role("link", name="关怀模式", exact=True).click()
        page.wait_for_url(live_server.url + article.url)
        assert font_px(page, "main p") >= 1.25 * standard
        page.goto(live_server.url + "/")
        assert page.locator("html.care").count() == 1, "the server marks the page from the cookie"
    finally:
        context.close()
