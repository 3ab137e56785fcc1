"""Campaign pages: strict CSP, a refreshable captcha, and a limit on issuing captchas."""

import re

import pytest

from evaluation.guards import throttle
from tests.portal.test_csp import assert_strict


def test_campaign_pages_allow_no_inline_script(client, campaign_page):
    for suffix in ["", "nominate/", "status/", "candidates/"]:
        assert_strict(client.get(campaign_page.url + suffix), campaign_page.url + suffix)


def test_captcha_can_be_refreshed_with_or_without_javascript(client, campaign_page):
    url = campaign_page.url + "nominate/"
    html = client.get(url).content.decode()
    link = re.search(r'<a class="captcha-refresh" href="([^"]+)" data-captcha-refresh="([^"]+)"[^>]*>换一张</a>', html)
    assert link, "the form offers 换一张"
    no_js_href, api_url = link.groups()
    assert no_js_href == url
    assert "js/captcha.js" in html
    first = client.get(api_url).json()["captcha_key"]
    second = client.get(api_url).json()["captcha_key"]
    assert first != second
    assert client.get(f"/evaluation/captcha/{second}.png")["Content-Type"] == "image/png"


@pytest.fixture
def two_captchas(monkeypatch):
    monkeypatch.setitem(throttle.LIMITS, "captcha", (2, 600))


def test_issuing_captchas_is_limited(client, campaign_page, two_captchas):
    url = campaign_page.url + "nominate/"
    assert client.get("/api/v1/captcha").status_code == 200
    assert client.get(url).context["captcha_token"]
    response = client.get(url)
    assert response.context["captcha_token"] is None
    assert "获取验证码过于频繁" in response.content.decode()
    api = client.get("/api/v1/captcha")
    assert api.status_code == 429 and api.json()["message"] == throttle.MESSAGE
