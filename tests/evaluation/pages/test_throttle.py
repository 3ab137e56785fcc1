"""Public actions are rate-limited per visitor, with a clear message and nothing saved."""

import pytest

from evaluation.models import Nomination
from evaluation.public import throttle
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
    other_visitor = client.post(url, form_data(jurisdictions["hexi"], token, answer), REMOTE_ADDR="10.0.0.9")
    assert "操作过于频繁" not in other_visitor.content.decode()


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
