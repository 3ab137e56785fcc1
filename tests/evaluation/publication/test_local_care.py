"""属地管理, 谁推荐谁负责: the recommending district keeps its honourees' care and reports them; the city sees all."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluation.models import CareCard, CareRecord, Honour, ReportStatus, RevocationReport
from evaluation.services import approval, honours, publication, revocation
from tests.factories.portal import HonourRollPageFactory

from .conftest import close_notice

pytestmark = pytest.mark.django_db

SCREENS = ["/admin/evaluation/care/", "/admin/evaluation/care-cards/", "/admin/evaluation/revocation-reports/"]


@pytest.fixture
def published(home, notice_campaign, candidates, city_staff):
    """Three honourees, all recommended from 河西区 (hexi_street)."""
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
    return {h.name: h for h in Honour.objects.select_related("nomination__jurisdiction")}


@pytest.fixture
def records(published, city_staff):
    wang = published["王秀英"]
    honours.record_care(wang, actor=city_staff, kind="visit", note="上门看望。")
    honours.issue_card(wang, actor=city_staff, number="QHHR-1", valid_until=datetime.date(2028, 12, 31))
    return wang


# role -> (reaches the care screens, sees 河西区's records)
MATRIX = {
    "city_staff": (True, True),
    "hexi_reviewer": (True, True),
    "cg_reviewer": (True, False),
    "hexi_submitter": (False, False),
    "expert": (False, False),
    "editor": (False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_care_screens_by_role_and_jurisdiction(client, staff, records, role):
    reaches, sees = MATRIX[role]
    client.force_login(staff[role])
    for url in SCREENS:
        response = client.get(url)
        assert (response.status_code == 200) == reaches, (role, url, response.status_code)
        if reaches:
            assert ("王秀英" in response.content.decode()) == sees or url.endswith("revocation-reports/"), (role, url)
    record = CareRecord.objects.get()
    card = CareCard.objects.get()
    for url in (f"/admin/evaluation/care/inspect/{record.pk}/", f"/admin/evaluation/care-cards/edit/{card.pk}/"):
        status = client.get(url).status_code
        assert (status == 200) == sees, (role, url, status)


def test_the_recommending_district_keeps_care_and_others_cannot(staff, records):
    honours.record_care(records, actor=staff["hexi_reviewer"], kind="contact", note="电话回访，身体健康。")
    assert CareRecord.objects.filter(honour=records).count() == 2
    with pytest.raises(PermissionDenied, match="本辖区"):
        honours.record_care(records, actor=staff["cg_reviewer"], kind="contact", note="越权记录")
    with pytest.raises(PermissionDenied):
        honours.issue_card(records, actor=staff["cg_reviewer"], number="X-1", valid_until=datetime.date(2029, 1, 1))


def test_a_district_reports_and_the_city_decides(client, staff, published, city_staff):
    liu = published["刘志刚"]
    with pytest.raises(PermissionDenied):
        revocation.file_report(
            liu, actor=staff["cg_reviewer"], ground="r_fake", facts="经调查，其主要事迹系他人所为。" * 2
        )
    with pytest.raises(ValidationError, match="撤销荣誉称号所依据的条款"):
        revocation.file_report(
            liu, actor=staff["hexi_reviewer"], ground="w_speech", facts="经调查，其主要事迹系他人所为。" * 2
        )

    client.force_login(staff["hexi_reviewer"])
    response = client.post(
        "/admin/evaluation/revocation-reports/new/",
        {"honour": liu.pk, "ground": "r_fake", "facts": "经调查走访，其救人事迹系冒用他人经历，当事人已书面承认。"},
    )
    assert response.status_code == 302, [m for m in response.context["messages"]] + [response.context["form"].errors]
    report = RevocationReport.objects.get()
    assert report.reporting_unit == staff["hexi_reviewer"].evaluation_profile.jurisdiction
    # The district cannot decide its own report.
    assert client.get(f"/admin/evaluation/revocation-reports/edit/{report.pk}/").status_code in {302, 403}

    client.force_login(city_staff)
    assert "刘志刚" in client.get("/admin/evaluation/revocation-reports/").content.decode()
    response = client.post(
        f"/admin/evaluation/revocation-reports/edit/{report.pk}/",
        {
            "decision": "approve",
            "decision_note": "",
            "decided_on": "2026-12-05",
            "document_number": "清文明办〔2026〕30号",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    liu.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and liu.is_revoked
    assert (
        report.negative_record.ground == "r_fake" and report.negative_record.document_number == "清文明办〔2026〕30号"
    )
    with pytest.raises(ValidationError, match="已审批"):
        revocation.decide_report(report, actor=city_staff, approve=False, note="重复")


def test_dismissing_a_report_needs_reasons_and_keeps_the_title(staff, published, city_staff):
    wang = published["王秀英"]
    report = revocation.file_report(
        wang, actor=staff["hexi_reviewer"], ground="r_credit", facts="群众反映其经营的小店有欠款未还，经核实已还清。"
    )
    with pytest.raises(ValidationError, match="审批意见"):
        revocation.decide_report(report, actor=city_staff, approve=False)
    revocation.decide_report(report, actor=city_staff, approve=False, note="欠款已还清，不构成严重失信。")
    wang.refresh_from_db()
    assert not wang.is_revoked
    with pytest.raises(PermissionDenied):
        revocation.decide_report(report, actor=staff["hexi_reviewer"], approve=True)
