"""JSON API of the notice, the results and certificates: documented shapes, no private field."""

import datetime
import json

import pytest
from django.utils import timezone

from evaluation.models import Certificate, Objection, PublicationMode
from evaluation.services import approval, publication
from tests.factories.portal import HonourRollPageFactory
from tests.portal.test_csp import assert_strict

from .conftest import PEOPLE, close_notice, id_of, set_notice

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def assert_no_private_data(body):
    text = json.dumps(body, ensure_ascii=False)
    for _name, seq, nominator, phone, _ in PEOPLE:
        assert id_of(seq) not in text and phone not in text and nominator not in text
    assert "周建国" not in text and "13600001111" not in text


@pytest.fixture
def objection(notice_campaign, candidates):
    objection = Objection(campaign=notice_campaign, nomination=candidates[0], objector_name="周建国", facts="不符。")
    objection.set_contact("13600001111")
    objection.save()
    return objection


def test_notice_endpoint_lists_the_shortlist_during_the_notice(client, notice_campaign, candidates, objection):
    response = client.get(f"/api/v1/campaigns/{notice_campaign.pk}/notice")
    assert response.status_code == 200
    body = response.json()
    stage = notice_campaign.stage("notice")
    assert body["starts"] == stage.starts_on.isoformat() and body["ends"] == stage.ends_on.isoformat()
    assert body["candidates"] == [
        {"name": name, "category": category, "district": "河西区"} for name, _, _, _, category in PEOPLE
    ]
    assert body["objections"] == {"open": 1, "closed": 0}
    assert_no_private_data(body)

    today = timezone.localdate()
    set_notice(notice_campaign, today - 9 * DAY, today - DAY)
    assert client.get(f"/api/v1/campaigns/{notice_campaign.pk}/notice").json()["candidates"] == []


def test_results_are_404_until_published_then_list_the_honourees(client, home, notice_campaign, candidates, city_staff):
    url = f"/api/v1/campaigns/{notice_campaign.pk}/results"
    response = client.get(url)
    assert response.status_code == 404 and response.json()["message"] == "评选结果尚未发布。"
    assert client.get("/api/v1/campaigns/99999/results").json()["message"]

    roll = HonourRollPageFactory(parent=home)
    roll.save_revision().publish()
    close_notice(notice_campaign)
    approval.record_approval(
        notice_campaign,
        actor=city_staff,
        document_number="清文明委〔2026〕12号",
        approved_on=timezone.localdate(),
        nominations=candidates,
    )
    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    release = publication.publish(notice_campaign, actor=city_staff)

    body = client.get(url).json()
    assert body["release_url"] == f"http://testserver{release.url}"
    assert set(body) == {"release_url", "honourees"}
    assert {h["name"] for h in body["honourees"]} == {name for name, *_ in PEOPLE}
    for item in body["honourees"]:
        assert set(item) == {"name", "category", "profile_url", "certificate"}
        assert client.get(item["profile_url"].removeprefix("http://testserver")).status_code == 200
        assert Certificate.objects.filter(number=item["certificate"], name=item["name"]).exists()
    assert_no_private_data(body)

    number = body["honourees"][0]["certificate"]
    cert = client.get(f"/api/v1/certificates/{number}").json()
    assert set(cert) == {"number", "name", "title", "issued", "status", "revoked_at"}
    assert cert["status"] == "valid" and cert["revoked_at"] is None and cert["number"] == number
    assert client.get("/api/v1/certificates/UNKNOWN1").status_code == 404

    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/campaigns/{campaign_id}/results", "/api/v1/certificates/{number}"):
        assert path in schema["paths"]


def test_new_public_pages_pass_the_strict_csp(client, notice_page, candidates, home, city_staff):
    assert_strict(client.get(notice_page.url + "notice/"), "notice")
    roll = HonourRollPageFactory(parent=home)
    roll.save_revision().publish()
    close_notice(notice_page.campaign)
    approval.record_approval(
        notice_page.campaign,
        actor=city_staff,
        document_number="清文明委〔2026〕12号",
        approved_on=timezone.localdate(),
        nominations=candidates,
    )
    campaign = notice_page.campaign
    campaign.publication_mode = PublicationMode.LIVE
    campaign.save()
    publication.publish(campaign, actor=city_staff)
    assert_strict(client.get(notice_page.url + "results/"), "results")
    number = Certificate.objects.first().number
    assert_strict(client.get(f"/evaluation/zhengshu/{number}/"), "verification")
