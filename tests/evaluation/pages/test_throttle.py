"""Public actions are rate-limited per visitor, with a clear message and nothing saved."""

import re

import pytest

from evaluation.guards import throttle
from evaluation.models import Nomination
from tests.evaluation.pages.test_campaign_page import form_data, fresh_captcha


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setitem(throttle.LIMITS, "nominate", (2, 3600))
    monkeypatch.setitem(throttle.LIMITS, "status", (2, 600))


def test_too_many_nominations_from_one_visitor(client, jurisdictions, campaign_page, small_limits):
    url = campaign_page.url + "nominate/"
    for _ in range(2):
        token, answer = fresh_captcha(client, url)
        client.post(url, form_data(jurisdictions["hexi"], token, answer, nominator_phone="1"))
    token, answer = fresh_captcha(client, url)
    response = client.post(url, form_data(jurisdictions["hexi"], token, answer))
    assert "操作过于频繁" in response.content.decode()
    assert Nomination.objects.count() == 0
    # The same browser from another address (a phone switching networks) is still the same visitor.
    moved = client.post(url, form_data(jurisdictions["hexi"], token, answer), REMOTE_ADDR="10.0.0.9")
    assert "操作过于频繁" in moved.content.decode()


def test_people_behind_one_address_each_get_their_own_limit(jurisdictions, campaign_page, small_limits):
    """An office network or a carrier NAT: a new visitor (own session) is not refused for the others."""
    from django.test import Client

    url = campaign_page.url + "nominate/"
    first = Client()
    for _ in range(2):
        token, answer = fresh_captcha(first, url)
        first.post(url, form_data(jurisdictions["hexi"], token, answer, nominator_phone="1"))
    token, answer = fresh_captcha(first, url)
    assert "操作过于频繁" in first.post(url, form_data(jurisdictions["hexi"], token, answer)).content.decode()
    colleague = Client()  # same address (127.0.0.1), own browser session
    token, answer = fresh_captcha(colleague, url)
    response = colleague.post(url, form_data(jurisdictions["hexi"], token, answer))
    assert response.status_code == 302 and Nomination.objects.count() == 1


def test_the_address_ceiling_still_holds(jurisdictions, campaign_page, monkeypatch):
    from django.test import Client

    monkeypatch.setitem(throttle.LIMITS, "nominate_address", (1, 3600))
    url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(Client(), url)
    Client().post(url, form_data(jurisdictions["hexi"], token, answer, nominator_phone="1"))
    other = Client()
    token, answer = fresh_captcha(other, url)
    assert "操作过于频繁" in other.post(url, form_data(jurisdictions["hexi"], token, answer)).content.decode()


def test_one_phone_cannot_nominate_without_end(jurisdictions, campaign_page, monkeypatch):
    from django.test import Client

    monkeypatch.setitem(throttle.LIMITS, "nominate_phone", (1, 86400))
    url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(Client(), url)
    Client().post(url, form_data(jurisdictions["hexi"], token, answer, nominee_name="甲", id_number="x"))
    other = Client()
    token, answer = fresh_captcha(other, url)
    assert "操作过于频繁" in other.post(url, form_data(jurisdictions["hexi"], token, answer)).content.decode()


def test_refusal_says_when_to_try_again_and_keeps_the_captcha(client, jurisdictions, campaign_page, small_limits):
    from portal.models import CaptchaChallenge

    url = campaign_page.url + "nominate/"
    for _ in range(2):
        token, answer = fresh_captcha(client, url)
        client.post(url, form_data(jurisdictions["hexi"], token, answer, nominator_phone="1"))
    token, answer = fresh_captcha(client, url)
    response = client.post(url, form_data(jurisdictions["hexi"], token, answer))
    html = response.content.decode()
    assert re.search(r"请在(\d\d月\d\d日 )?\d\d:\d\d后再试", html)
    assert CaptchaChallenge.objects.filter(token=token).exists(), "a rate-limit refusal does not spend the captcha"
    assert f'name="captcha_key" value="{token}"' in html and f'value="{answer}"' in html
    assert 'value="王秀英"' in html and "二十年来义务照顾" in html


def test_status_lookups_are_limited(client, campaign_page, small_limits):
    url = campaign_page.url + "status/"
    params = {"receipt_number": "ABCDEFGH", "phone": "13812345678"}
    for _ in range(2):
        assert "操作过于频繁" not in client.post(url, params).content.decode()
    assert "操作过于频繁" in client.post(url, params).content.decode()


def test_api_answers_429(client, campaign, small_limits):
    body = {"receipt_number": "ABCDEFGH", "phone": "13812345678"}
    for _ in range(2):
        client.post("/api/v1/nominations/status", body, content_type="application/json")
    response = client.post("/api/v1/nominations/status", body, content_type="application/json")
    assert response.status_code == 429 and "操作过于频繁" in response.json()["message"]
