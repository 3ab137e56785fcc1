"""City staff handle objections, record the approval and publish from the admin; reviewers cannot."""

import datetime

import pytest
from django.utils import timezone

from evaluation.models import Approval, Objection, PublicationMode
from portal.models import HonoureePage
from tests.factories.portal import HonourRollPageFactory

from .conftest import close_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def objection(notice_campaign, candidates):
    objection = Objection(
        campaign=notice_campaign, nomination=candidates[0], objector_name="周建国", facts="事迹与实际不符。"
    )
    objection.set_contact("13600001111")
    objection.save()
    return objection


def test_reviewers_do_not_reach_the_cases(client, staff, objection):
    client.force_login(staff["hexi_reviewer"])
    for url in ("/admin/evaluation/objections/", f"/admin/evaluation/objections/edit/{objection.pk}/"):
        assert client.get(url).status_code in {302, 403}
    assert "周建国" not in client.get("/admin/").content.decode()


def test_staff_close_a_case_in_the_admin_then_approve_and_publish(
    client, home, city_staff, notice_campaign, candidates, objection
):
    client.force_login(city_staff)
    listing = client.get("/admin/evaluation/objections/").content.decode()
    assert objection.number in listing
    inspect = client.get(f"/admin/evaluation/objections/inspect/{objection.pk}/").content.decode()
    assert "136****1111" in inspect and "13600001111" not in inspect

    # Closing needs a public answer; without one the form says so and the case stays open.
    url = f"/admin/evaluation/objections/edit/{objection.pk}/"
    data = {"assignee": city_staff.pk, "deadline": "", "investigation_notes": "已核实", "outcome": "dismissed"}
    response = client.post(url, {**data, "public_result": ""})
    assert "办结时须填写公开答复" in response.content.decode()
    assert Objection.objects.get().status == "open"
    client.post(url, {**data, "public_result": "经核查，异议不成立。"})
    assert Objection.objects.get().status == "closed"

    close_notice(notice_campaign)
    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    response = client.post(
        "/admin/evaluation/approvals/new/",
        {
            "campaign": notice_campaign.pk,
            "document_number": "清文明委〔2026〕12号",
            "approved_on": timezone.localdate().isoformat(),
            "nominations": [n.pk for n in candidates],
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    approval = Approval.objects.get()

    roll = HonourRollPageFactory(parent=home)
    roll.save_revision().publish()
    publish_url = f"/admin/evaluation/approvals/{approval.pk}/publish/"
    assert "确认发布" in client.get(publish_url).content.decode()
    response = client.post(publish_url)
    # City staff hold no page rights: back to the approval, not to a page editor that would refuse them.
    assert response.status_code == 302 and response["Location"] == f"/admin/evaluation/approvals/inspect/{approval.pk}/"
    assert "没有权限" not in client.get(response["Location"]).content.decode()
    assert HonoureePage.objects.live().count() == 3


def test_publish_screen_names_the_candidate_held_by_an_open_case(
    client, home, city_staff, notice_campaign, candidates, objection
):
    approval = Approval.objects.create(
        campaign=notice_campaign, document_number="清文明委〔2026〕12号", approved_on=datetime.date(2026, 11, 20)
    )
    approval.nominations.set(candidates)
    HonourRollPageFactory(parent=home).save_revision().publish()
    client.force_login(city_staff)
    url = f"/admin/evaluation/approvals/{approval.pk}/publish/"
    assert "候选人王秀英有未办结的公示异议" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "候选人王秀英有未办结的公示异议" in response.content.decode()
    assert not HonoureePage.objects.exists()


def test_staff_revoke_with_private_evidence_in_the_admin(client, home, city_staff, staff, notice_campaign, candidates):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.models import Honour, NegativeRecord
    from evaluation.services import approval, publication
    from tests.factories.evaluation import jpeg_bytes

    HonourRollPageFactory(parent=home).save_revision().publish()
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
    publication.publish(notice_campaign, actor=city_staff)
    honour = Honour.objects.get(name="刘志刚")
    client.force_login(city_staff)
    response = client.post(
        "/admin/evaluation/negative/new/",
        {
            "honour": honour.pk,
            "kind": "revocation",
            "ground": "r_credit",
            "reason": "经查实存在严重失信行为",
            "decided_on": "2026-12-01",
            "document_number": "清文明委〔2026〕20号",
            "unit_report": "推荐单位书面说明审核不严的情况。",
            "evidence": SimpleUploadedFile("proof.jpg", jpeg_bytes(), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = NegativeRecord.objects.get()
    assert not HonoureePage.objects.get(pk=honour.page_id).live
    evidence_url = f"/evaluation/files/negative/{record.pk}/"
    assert client.get(evidence_url).status_code == 200
    client.force_login(staff["hexi_reviewer"])
    assert client.get(evidence_url).status_code == 404
    client.logout()
    assert client.get(evidence_url).status_code == 302


def test_staff_issue_renew_and_recall_a_care_card_in_the_admin(client, home, city_staff, notice_campaign, candidates):
    from evaluation.models import CareCard, CourtesyArea, Honour
    from evaluation.services import approval, publication

    HonourRollPageFactory(parent=home).save_revision().publish()
    close_notice(notice_campaign)
    approval.record_approval(
        notice_campaign,
        actor=city_staff,
        document_number="清文明委〔2026〕12号",
        approved_on=timezone.localdate(),
        nominations=candidates,
    )
    publication.publish(notice_campaign, actor=city_staff)
    honour = Honour.objects.get(name="王秀英")
    client.force_login(city_staff)
    response = client.post(
        "/admin/evaluation/courtesy/new/", {"name": "免费乘坐公交", "description": "", "active": "on"}
    )
    assert response.status_code == 302
    area = CourtesyArea.objects.get()
    issue = {
        "honour": honour.pk,
        "number": "QHHR-0001",
        "areas": [area.pk],
        "issued_on": "2026-12-01",
        "valid_until": "2026-11-30",
    }
    response = client.post("/admin/evaluation/care-cards/new/", issue)
    assert "有效期须晚于发放日期" in response.content.decode() and not CareCard.objects.exists()
    response = client.post("/admin/evaluation/care-cards/new/", {**issue, "valid_until": "2028-12-31"})
    assert response.status_code == 302, response.content.decode()[:2000]
    card = CareCard.objects.get()
    assert list(card.areas.all()) == [area] and card.issued_by == city_staff
    edit = f"/admin/evaluation/care-cards/edit/{card.pk}/"
    client.post(edit, {"valid_until": "2029-12-31", "recall_reason": ""})
    card.refresh_from_db()
    assert card.valid_until == datetime.date(2029, 12, 31) and card.status == "active"
    client.post(edit, {"valid_until": "2029-12-31", "recall_reason": "本人迁居外地", "recall": "on"})
    card.refresh_from_db()
    assert card.status == "recalled" and card.recall_reason == "本人迁居外地"
    assert "已收回" in client.get("/admin/evaluation/care-cards/").content.decode()
