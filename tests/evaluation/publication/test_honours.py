"""After publication: certificates and their verification, revocation, promotion, care reminders."""

import datetime
import io

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from pypdf import PdfReader

from evaluation.choices import Level
from evaluation.models import (
    Campaign,
    CareCard,
    Certificate,
    CourtesyArea,
    HeldTitle,
    Honour,
    NegativeGround,
    NegativeKind,
    PromotionStatus,
    PublicationMode,
)
from evaluation.services import approval, certificates, honours, promotion, publication
from evaluation.services.intake import check_eligibility
from portal.models import HonoureePage
from tests.factories.portal import HonourRollPageFactory

from .conftest import PEOPLE, id_of, set_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home, notice_campaign, candidates, city_staff):
    roll = HonourRollPageFactory(parent=home)
    roll.save_revision().publish()
    set_notice(notice_campaign, datetime.date(2026, 11, 10), datetime.date(2026, 11, 16))
    approval.record_approval(
        notice_campaign,
        actor=city_staff,
        document_number="清文明委〔2026〕12号",
        approved_on=datetime.date(2026, 11, 20),
        nominations=candidates,
    )
    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    publication.publish(notice_campaign, actor=city_staff)
    return notice_campaign


def honour_of(name):
    return Honour.objects.select_related("certificate", "page").get(name=name)


def qr_matrix_from_pdf(pdf):
    """The QR code image embedded in the PDF, read back module by module."""
    reader = PdfReader(io.BytesIO(pdf))
    (picture,) = reader.pages[0].images
    image = picture.image.convert("L")
    modules = image.width // certificates.QR_SCALE
    half = certificates.QR_SCALE // 2
    return [
        [
            image.getpixel((x * certificates.QR_SCALE + half, y * certificates.QR_SCALE + half)) < 128
            for x in range(modules)
        ]
        for y in range(modules)
    ], reader.pages[0].extract_text()


def test_certificate_pdf_has_its_number_and_a_qr_code_of_the_verification_url(published):
    certificate = honour_of("王秀英").certificate
    pdf = certificates.render_pdf(certificate)
    assert pdf.startswith(b"%PDF-")
    matrix, text = qr_matrix_from_pdf(pdf)
    assert certificate.number in text and "王秀英" in text and "荣" in text
    url = certificates.verification_url(certificate.number)
    assert url == f"http://localhost/evaluation/zhengshu/{certificate.number}/"
    expected = [[bool(v) for v in row] for row in segno.make(url, error="m", micro=False).matrix]
    assert matrix == expected
    # The font is the one shipped in static/fonts, embedded (a subset) in the file.
    assert b"WenQuanYiMicroHei" in pdf and b"/FontFile2" in pdf


def test_certificate_issuer_is_the_office_as_the_site_settings_spell_it(published):
    from wagtail.models import Site

    from portal.models import SiteSettings

    certificate = honour_of("王秀英").certificate
    assert "市精神文明建设指导委员会办公室" in qr_matrix_from_pdf(certificates.render_pdf(certificate))[1]
    office = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    office.office_name = "清河市精神文明建设指导委员会办公室"
    office.save()
    assert "清河市精神文明建设指导委员会办公室" in qr_matrix_from_pdf(certificates.render_pdf(certificate))[1]


def test_certificate_refuses_characters_the_shipped_font_lacks(published):
    certificate = honour_of("王秀英").certificate
    certificate.name = "王𠀀英"
    with pytest.raises(certificates.CertificateFontError, match="𠀀"):
        certificates.render_pdf(certificate)


def test_certificate_download_is_for_staff_only(client, published, city_staff, staff):
    certificate = honour_of("王秀英").certificate
    url = f"/evaluation/files/certificates/{certificate.number}.pdf"
    assert client.get(url).status_code == 302
    client.force_login(staff["hexi_reviewer"])
    assert client.get(url).status_code == 404
    client.force_login(city_staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_verification_page_shows_the_facts(client, published):
    certificate = honour_of("刘志刚").certificate
    html = client.get(f"/evaluation/zhengshu/{certificate.number}/").content.decode()
    assert certificate.number in html and "刘志刚" in html and "2026年第四季度“清河好人”" in html
    assert "2026年11月20日" in html and "有效" in html and "撤销" not in html
    assert client.get("/evaluation/zhengshu/NOPE123/").status_code == 404


def test_revocation_takes_the_profile_off_the_roll_and_recalls_the_certificate(client, published, city_staff):
    honour = honour_of("刘志刚")
    profile_url = honour.page.url
    assert client.get(profile_url).status_code == 200
    record = honours.record_negative(
        honour,
        actor=city_staff,
        kind=NegativeKind.REVOCATION,
        ground=NegativeGround.R_CREDIT,
        reason="经查实存在严重失信行为",
        decided_on=datetime.date(2026, 12, 1),
        unit_report="推荐单位已作出书面说明，承担审核不严的责任。",
    )
    assert record.reporting_unit is not None
    assert client.get(profile_url).status_code == 404
    roll_html = client.get(HonoureePage.objects.get(pk=honour.page_id).get_parent().get_parent().url).content.decode()
    assert "刘志刚" not in roll_html and "王秀英" in roll_html
    honour.refresh_from_db()
    assert honour.is_revoked and HonoureePage.objects.filter(pk=honour.page_id).exists()
    certificate = Certificate.objects.get(honour=honour)
    assert certificate.status == "revoked" and certificate.revoked_at is not None
    html = strip_tags(client.get(f"/evaluation/zhengshu/{certificate.number}/").content.decode())
    assert "已撤销" in html and f"{timezone.localtime(certificate.revoked_at):%Y年%-m月%-d日}撤销" in html
    body = client.get(f"/api/v1/certificates/{certificate.number}").json()
    assert body["status"] == "revoked" and body["revoked_at"]
    results = client.get(f"/api/v1/campaigns/{published.pk}/results").json()
    assert "刘志刚" not in [h["name"] for h in results["honourees"]]


def test_revocation_recalls_the_card_and_the_held_title_and_restores_eligibility(published, city_staff):
    honour = honour_of("刘志刚")
    transport = CourtesyArea.objects.create(name="免费乘坐公交")
    card = honours.issue_card(
        honour, actor=city_staff, number="QHHR-0002", valid_until=datetime.date(2028, 12, 31), areas=[transport]
    )
    with pytest.raises(ValidationError, match="已被使用"):
        honours.issue_card(honour, actor=city_staff, number="QHHR-0002", valid_until=datetime.date(2028, 12, 31))
    renewed = honours.renew_card(card, actor=city_staff, valid_until=datetime.date(2029, 12, 31))
    assert renewed.valid_until == datetime.date(2029, 12, 31)
    with pytest.raises(ValidationError, match="须晚于原有效期"):
        honours.renew_card(card, actor=city_staff, valid_until=datetime.date(2029, 1, 1))
    id_number = id_of(PEOPLE[1][1])
    with pytest.raises(ValidationError, match="不符合本次活动的推荐条件"):
        check_eligibility(published, id_number)

    # A warning clause cannot ground a revocation.
    with pytest.raises(ValidationError, match="请选择撤销荣誉称号所依据的条款"):
        honours.record_negative(
            honour,
            actor=city_staff,
            kind=NegativeKind.REVOCATION,
            ground=NegativeGround.W_SPEECH,
            reason="发表不当言论",
            decided_on=datetime.date(2026, 12, 1),
            unit_report="推荐单位书面说明。",
        )
    honours.record_negative(
        honour,
        actor=city_staff,
        kind=NegativeKind.REVOCATION,
        ground=NegativeGround.X_FAKE,
        reason="核查发现主要事迹系他人所为",
        decided_on=datetime.date(2026, 12, 1),
        unit_report="推荐单位书面说明审核不严的情况。",
    )
    card = CareCard.objects.get(number="QHHR-0002")
    assert card.status == "recalled" and card.recalled_on == datetime.date(2026, 12, 1) and "退出" in card.recall_reason
    assert HeldTitle.objects.get(pk=honour.held_title_id).revoked_at is not None
    assert Certificate.objects.get(honour=honour).status == "revoked"
    with pytest.raises(ValidationError, match="已被撤销"):
        honours.issue_card(honour, actor=city_staff, number="QHHR-0003", valid_until=datetime.date(2028, 12, 31))
    # The revoked title no longer bars the person from a later nomination.
    check_eligibility(published, id_number)


def test_a_warning_keeps_the_profile_public(client, published, city_staff):
    honour = honour_of("王秀英")
    honours.record_negative(
        honour,
        actor=city_staff,
        kind=NegativeKind.WARNING_TALK,
        ground=NegativeGround.W_CONDUCT,
        reason="未按要求参加宣讲活动",
        decided_on=datetime.date(2026, 12, 1),
        unit_report="推荐单位已谈话提醒。",
    )
    assert client.get(honour.page.url).status_code == 200
    assert Certificate.objects.get(honour=honour).status == "valid"


REVIEW = promotion.Decision("expert_review", datetime.date(2027, 1, 10), "何文清（市社科院）\n白树人（报社）", "agreed")
MEETING = promotion.Decision(
    "directors_meeting", datetime.date(2027, 1, 15), "市文明办主任\n各副主任", "agreed", "纪要〔2027〕2号"
)


def test_promotion_goes_one_level_up_on_recorded_decisions_and_refuses_holders_of_that_title(
    client, published, city_staff
):
    honour = honour_of("王秀英")
    with pytest.raises(ValidationError, match="推荐省级须先经专家评议和主任会议议定同意"):
        promotion.promote(honour, actor=city_staff)
    declined = promotion.Decision("directors_meeting", datetime.date(2027, 1, 15), "市文明办主任", "declined")
    with pytest.raises(ValidationError, match="主任会议议定同意"):
        promotion.promote(honour, actor=city_staff, decisions=[REVIEW, declined])
    proposed = promotion.promote(honour, actor=city_staff, decisions=[REVIEW, MEETING])
    assert proposed.target_level == Level.PROVINCE and not proposed.skips_level
    assert [(d.kind, d.held_on, d.participant_list[0]) for d in proposed.decisions.all()] == [
        ("expert_review", datetime.date(2027, 1, 10), "何文清（市社科院）"),
        ("directors_meeting", datetime.date(2027, 1, 15), "市文明办主任"),
    ]
    with pytest.raises(ValidationError, match="已推荐过省级"):
        promotion.promote(honour, actor=city_staff, decisions=[REVIEW, MEETING])

    # Someone already holding the provincial title is refused, with the title named for staff.
    other = honour_of("陈淑芬")
    held = HeldTitle(person_name="陈淑芬", title="河东好人", level=Level.PROVINCE, awarded_on=datetime.date(2025, 6, 1))
    held.set_id_number(id_of(PEOPLE[2][1]))
    held.save()
    with pytest.raises(ValidationError, match="河东好人"):
        promotion.promote(other, actor=city_staff, decisions=[REVIEW, MEETING])

    # The province's award is lineage, a held title, and a second honour on the same profile.
    province = Campaign.objects.create(title="省级好人评选", period_label="2027年上半年", level=Level.PROVINCE)
    awarded = promotion.record_promotion_result(
        proposed, actor=city_staff, awarded=True, title="2027年3月“河东好人”", awarded_on=datetime.date(2027, 3, 1)
    )
    assert awarded.status == PromotionStatus.AWARDED and awarded.honour == honour
    with pytest.raises(ValidationError):
        check_eligibility(province, id_of(PEOPLE[0][1]))
    assert HonoureePage.objects.filter(title="王秀英").count() == 1
    profile = HonoureePage.objects.get(title="王秀英")
    assert {(h.name, h.level) for h in profile.honours.all()} == {
        ("2026年第四季度“清河好人”", Level.CITY),
        ("2027年3月“河东好人”", Level.PROVINCE),
    }
    html = client.get(profile.url).content.decode()
    assert "2027年3月“河东好人”" in html and "2026年第四季度“清河好人”" in html

    # A provincial honouree goes on to the national recommendation on a directors' meeting.
    national = promotion.promote(honour, actor=city_staff, decisions=[MEETING])
    assert national.target_level == Level.NATIONAL and not national.skips_level


def test_a_city_honouree_skips_to_the_national_recommendation_on_a_meeting_decision(published, city_staff):
    honour = honour_of("刘志刚")
    with pytest.raises(ValidationError, match="越级推荐须写明"):
        promotion.promote(honour, actor=city_staff, target_level=Level.NATIONAL, decisions=[MEETING])
    with pytest.raises(ValidationError, match="主任会议议定同意"):
        promotion.promote(honour, actor=city_staff, target_level=Level.NATIONAL, note="跳入冰河救起三人，全网传颂。")
    skipped = promotion.promote(
        honour, actor=city_staff, target_level=Level.NATIONAL, note="跳入冰河救起三人，全网传颂。", decisions=[MEETING]
    )
    assert skipped.target_level == Level.NATIONAL and skipped.skips_level
    assert honour.nomination.events.filter(action="promoted").get().data["skips_level"] is True


def test_a_revoked_honour_cannot_be_promoted(published, city_staff):
    honour = honour_of("刘志刚")
    honours.record_negative(
        honour,
        actor=city_staff,
        kind=NegativeKind.REVOCATION,
        ground=NegativeGround.R_CREDIT,
        reason="经查实存在严重失信行为",
        decided_on=datetime.date(2026, 12, 1),
        unit_report="推荐单位书面说明。",
    )
    with pytest.raises(ValidationError, match="已被撤销"):
        promotion.promote(honour, actor=city_staff, decisions=[REVIEW, MEETING])


def test_overdue_visits_appear_on_the_staff_dashboard(client, published, city_staff):
    today = datetime.date(2027, 3, 1)  # 101 days after the award; the default interval is 90
    overdue = {h.name for h in Honour.objects.overdue_visits(today)}
    assert overdue == {"王秀英", "刘志刚", "陈淑芬"}
    honours.record_care(honour_of("王秀英"), actor=city_staff, kind="visit", happened_on=datetime.date(2027, 2, 1))
    honours.record_care(honour_of("陈淑芬"), actor=city_staff, kind="deceased", happened_on=datetime.date(2027, 1, 5))
    honours.record_care(honour_of("刘志刚"), actor=city_staff, kind="benefit", card_number="HRK-2026-0001")
    assert {h.name for h in Honour.objects.overdue_visits(today)} == {"刘志刚"}

    client.force_login(city_staff)
    html = client.get("/admin/").content.decode()
    assert "逾期未回访的好人" in html
    assert "刘志刚" in html


def test_the_monthly_province_package_holds_material_photos_and_the_form_and_is_logged(
    client, published, city_staff, staff
):
    import zipfile

    from openpyxl import load_workbook

    from evaluation.models import PrivateDataAccess
    from evaluation.services import province_package

    month = timezone.localdate().replace(day=1)
    with pytest.raises(ValidationError, match="没有推荐省级评选的候选人"):
        province_package.build(month, actor=city_staff)
    promotion.promote(honour_of("王秀英"), actor=city_staff, decisions=[REVIEW, MEETING])
    promotion.promote(honour_of("陈淑芬"), actor=city_staff, decisions=[REVIEW, MEETING])
    with pytest.raises(PermissionDenied):
        province_package.build(month, actor=staff["hexi_reviewer"])

    client.force_login(city_staff)
    url = "/admin/evaluation/promotions/province-package/"
    assert "报送省文明办" in client.get("/admin/evaluation/promotions/").content.decode()
    page = client.get(url).content.decode()
    assert "王秀英" in page and "陈淑芬" in page and "刘志刚" not in page and "25日" in page
    response = client.post(url, {"month": month.strftime("%Y-%m")})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "推荐表.xlsx" in names and "01-王秀英/事迹材料.txt" in names and "01-王秀英/照片1.jpg" in names
    assert archive.read("01-王秀英/事迹材料.txt").decode() == honour_of("王秀英").nomination.story
    assert archive.read("01-王秀英/照片1.jpg").startswith(b"\xff\xd8")
    rows = list(load_workbook(io.BytesIO(archive.read("推荐表.xlsx"))).active.values)
    assert rows[1][1] == "王秀英" and rows[1][9] == PEOPLE[0][3]  # the nominator's phone: the province's form asks
    flat = " ".join(str(v) for row in rows for v in row)
    assert all(id_of(seq) not in flat for _, seq, *_ in PEOPLE)  # never the ID number
    access = PrivateDataAccess.objects.get(purpose="province")
    assert access.user == city_staff and access.record_count == 2
    client.force_login(staff["hexi_reviewer"])
    assert client.get(url).status_code in {302, 403}
