"""The public notice: visible only within its dates, objections filed and held as cases."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluation.guards import captcha
from evaluation.models import Objection
from evaluation.services import notice
from tests.factories.evaluation import jpeg_bytes

from .conftest import PEOPLE, id_of, set_notice

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def notice_url(page):
    return page.url + "notice/"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [(3, 9, False), (-2, 4, True), (0, 0, True), (-9, -1, False)],
    ids=["before", "during", "single-day", "after"],
)
def test_notice_page_shows_the_shortlist_only_within_its_dates(client, notice_page, candidates, start, end, shown):
    today = timezone.localdate()
    set_notice(notice_page.campaign, today + start * DAY, today + end * DAY)
    html = client.get(notice_url(notice_page)).content.decode()
    for name, *_ in PEOPLE:
        assert (name in html) is shown
    assert ('name="captcha_answer"' in html) is shown


def test_phase_follows_the_dates_passed_in(notice_campaign):
    stage = notice.notice_stage(notice_campaign)
    assert notice.phase(notice_campaign, stage.starts_on - DAY) == "before"
    assert notice.phase(notice_campaign, stage.starts_on) == "open"
    assert notice.phase(notice_campaign, stage.ends_on) == "open"
    assert notice.phase(notice_campaign, stage.ends_on + DAY) == "after"


def test_notice_stage_defaults_to_seven_days(notice_campaign):
    from evaluation.choices import StageKind
    from evaluation.models import CampaignStage

    CampaignStage.objects.filter(campaign=notice_campaign, kind=StageKind.NOTICE).delete()
    stage = CampaignStage.objects.create(
        campaign=notice_campaign, kind=StageKind.NOTICE, starts_on=datetime.date(2026, 3, 2)
    )
    assert stage.ends_on == datetime.date(2026, 3, 8)


def test_notice_page_shows_no_private_data(client, notice_page, candidates):
    html = client.get(notice_url(notice_page)).content.decode()
    for name, seq, nominator, phone, _ in PEOPLE:
        assert name in html
        assert id_of(seq) not in html and phone not in html and nominator not in html
    assert "河西区" in html


def objection_post(client, page, nomination, **overrides):
    response = client.get(notice_url(page))
    token = response.context["captcha_token"]
    data = {
        "nomination": nomination.pk,
        "name": "周建国",
        "phone": "13600001111",
        "facts": "该候选人所述救人事迹发生时间与实际不符，本人是当时在场的目击者，可以作证。",
        "captcha_key": token,
        "captcha_answer": captcha.answer_for(token),
        **overrides,
    }
    return client.post(notice_url(page), data, follow=True)


def test_objection_is_filed_as_a_private_case_with_evidence(client, notice_page, candidates, city_staff):
    evidence = SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = objection_post(client, notice_page, candidates[1], evidence=[evidence])
    objection = Objection.objects.get()
    assert objection.number in response.content.decode()
    assert objection.nomination == candidates[1]
    assert objection.contact_masked != "13600001111" and "13600001111" not in objection.contact_cipher
    assert objection.reveal_contact() == "13600001111"
    stored = objection.evidence.get()
    assert stored.content_type == "image/jpeg"
    assert stored.file.storage.exists(stored.file.name) and "周建国" not in stored.file.name
    # The evidence is served to city staff only, never to the public.
    url = f"/evaluation/files/objections/{stored.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(city_staff)
    assert client.get(url).status_code == 200
    assert notice.objection_counts(notice_page.campaign) == {"open": 1, "closed": 0}


def test_objection_rejects_a_disguised_file_and_markup(client, notice_page, candidates):
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = objection_post(client, notice_page, candidates[0], evidence=[fake])
    assert "不是可接受的格式" in response.content.decode()
    assert not Objection.objects.exists()
    objection_post(
        client, notice_page, candidates[0], facts="<script>alert(1)</script>事迹中的时间地点与实际情况不一致。"
    )
    assert Objection.objects.get().facts == "alert(1)事迹中的时间地点与实际情况不一致。"


def test_objection_needs_the_captcha(client, notice_page, candidates):
    response = objection_post(client, notice_page, candidates[0], captcha_answer="0000x")
    assert "验证码不正确" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_outside_the_notice_period_is_refused(notice_campaign, candidates):
    stage = notice.notice_stage(notice_campaign)
    with pytest.raises(Exception, match="不在公示期"):
        notice.file_objection(
            notice_campaign,
            nomination_id=candidates[0].pk,
            name="周建国",
            phone="13600001111",
            facts="事迹中的时间地点与实际情况不一致，请核查。",
            today=stage.ends_on + DAY,
        )


def test_closed_case_shows_only_the_anonymised_result(client, notice_page, candidates, city_staff):
    objection_post(client, notice_page, candidates[1])
    objection = Objection.objects.get()
    notice.update_case(objection, actor=city_staff, assignee=city_staff, deadline=timezone.localdate() + 5 * DAY)
    notice.update_case(
        objection,
        actor=city_staff,
        assignee=city_staff,
        notes="走访了三位目击者",
        outcome="dismissed",
        public_result="经核查，反映的问题与事实不符，异议不成立。",
    )
    html = client.get(notice_url(notice_page)).content.decode()
    assert "经核查，反映的问题与事实不符" in html
    assert "周建国" not in html and "走访了三位目击者" not in html and "13600001111" not in html
    assert notice.objection_counts(notice_page.campaign) == {"open": 0, "closed": 1}


def test_an_oversized_objection_is_refused_before_it_is_read(client, notice_page, candidates):
    from evaluation.public.upload_limits import OBJECTION_LIMIT

    response = client.generic(
        "POST",
        notice_url(notice_page),
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(OBJECTION_LIMIT + 1),
    )
    assert response.status_code == 413 and "本次异议未提交" in response.content.decode()
    assert not Objection.objects.exists()


def test_overview_links_the_open_notice(client, notice_page, candidates):
    html = client.get(notice_page.url).content.decode()
    assert "查看网上公示" in html and notice_url(notice_page) in html
