"""Approval and publication: the objection hold, the pages created, no private data on them, idempotence."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation.models import Certificate, HeldTitle, Honour, Objection, PublicationMode
from evaluation.services import approval, notice, publication
from evaluation.workflows.pipeline import OutOfOrder
from portal.models import HonoureePage, ReleasePage
from tests.factories.portal import HonourRollPageFactory

from .conftest import PEOPLE, close_notice, id_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def roll(home):
    page = HonourRollPageFactory(parent=home)
    page.save_revision().publish()
    return page


@pytest.fixture
def approved(notice_campaign, candidates, city_staff):
    close_notice(notice_campaign)
    return approval.record_approval(
        notice_campaign,
        actor=city_staff,
        document_number="清文明委〔2026〕12号",
        approved_on=timezone.localdate(),
        nominations=candidates,
    )


def live(campaign):
    campaign.publication_mode = PublicationMode.LIVE
    campaign.save()
    return campaign


def open_objection(campaign, nomination):
    objection = Objection(campaign=campaign, nomination=nomination, objector_name="周建国", facts="事迹与实际不符。")
    objection.set_contact("13600001111")
    objection.save()
    return objection


def test_an_open_objection_holds_publication_and_names_the_candidate(
    roll, notice_campaign, candidates, approved, city_staff
):
    objection = open_objection(notice_campaign, candidates[1])
    with pytest.raises(publication.PublicationRefused, match="候选人刘志刚有未办结的公示异议"):
        publication.publish(notice_campaign, actor=city_staff)
    assert not ReleasePage.objects.exists() and not Honour.objects.exists()

    notice.update_case(
        objection, actor=city_staff, outcome="dismissed", public_result="经核查，异议不成立。", assignee=city_staff
    )
    release = publication.publish(live(notice_campaign), actor=city_staff)
    assert release.get_children().count() == 3


def test_publication_needs_an_approval(roll, notice_campaign, candidates, city_staff):
    with pytest.raises(publication.PublicationRefused, match="尚未录入文明委审批"):
        publication.publish(notice_campaign, actor=city_staff)


def test_an_upheld_objection_bars_approval(notice_campaign, candidates, city_staff):
    objection = open_objection(notice_campaign, candidates[0])
    notice.update_case(
        objection, actor=city_staff, outcome="upheld", public_result="经核查，异议成立。", assignee=city_staff
    )
    close_notice(notice_campaign)
    with pytest.raises(OutOfOrder, match="王秀英的公示异议经核查成立") as refused:
        approval.record_approval(
            notice_campaign,
            actor=city_staff,
            document_number="清文明委〔2026〕12号",
            approved_on=timezone.localdate(),
            nominations=candidates,
        )
    assert refused.value.code == "objection_upheld"


def test_live_publication_creates_public_pages_without_private_data(
    client, roll, notice_page, notice_campaign, candidates, approved, city_staff
):
    release = publication.publish(live(notice_campaign), actor=city_staff)
    assert release.live and release.get_parent().specific == roll
    profiles = list(HonoureePage.objects.child_of(release).live())
    assert sorted(p.title for p in profiles) == sorted(name for name, *_ in PEOPLE)
    pages = [release.url, roll.url, notice_page.url + "results/", f"/api/v1/campaigns/{notice_campaign.pk}/results"]
    pages += [p.url for p in profiles]
    pages += [f"/evaluation/zhengshu/{c.number}/" for c in Certificate.objects.all()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for _name, seq, nominator, phone, _ in PEOPLE:
            assert id_of(seq) not in html and id_of(seq)[-6:] not in html
            assert phone not in html and nominator not in html
        for nomination in candidates:
            assert nomination.tracking_number not in html
    profile = HonoureePage.objects.get(title="王秀英")
    html = client.get(profile.url).content.decode()
    assert "孤寡老人" in html and "河西区" in html and "助人为乐" in html
    assert profile.photo is not None and profile.photo == candidates[0].photos.first().public_image
    assert profile.honours.get().name == "2026年第四季度“清河好人”"


def test_draft_mode_leaves_pages_for_the_editors(client, roll, notice_campaign, candidates, approved, city_staff):
    release = publication.publish(notice_campaign, actor=city_staff)
    assert not release.live and release.has_unpublished_changes
    assert HonoureePage.objects.child_of(release).count() == 3
    assert not HonoureePage.objects.live().exists()
    assert not notice_campaign.is_published
    assert client.get(f"/api/v1/campaigns/{notice_campaign.pk}/results").status_code == 404


def test_publication_is_idempotent_and_issues_certificates_and_titles(
    roll, notice_campaign, candidates, approved, city_staff
):
    live(notice_campaign)
    first = publication.publish(notice_campaign, actor=city_staff)
    second = publication.publish(notice_campaign, actor=city_staff)
    assert first.pk == second.pk
    assert ReleasePage.objects.count() == 1 and HonoureePage.objects.count() == 3
    assert Certificate.objects.count() == 3 and Honour.objects.count() == 3
    assert HeldTitle.objects.filter(level="city", title="2026年第四季度“清河好人”").count() == 3
    assert notice_campaign.events.filter(action="campaign_published").count() == 1
    # The title now held refuses the same person at this level.
    from evaluation.services.intake import check_eligibility

    with pytest.raises(ValidationError):
        check_eligibility(notice_campaign, id_of(PEOPLE[0][1]))


def _second_campaign_with(person, jurisdictions, city_staff, level="province"):
    """A later campaign (a level up, so the person is eligible) taking `person` to approval."""
    import datetime

    from evaluation.models import Nomination, ShortlistEntry
    from evaluation.services import candidate_photos, intake
    from evaluation.workflows.nomination import Status
    from tests.factories.evaluation import CampaignFactory, nomination_data, photo_upload

    from .conftest import inspect, set_notice

    name, seq, nominator, phone, category = person
    later = CampaignFactory(stages=["nomination"], level=level, honour_title="河东好人", period_label="2027年第一季度")
    data = nomination_data(
        jurisdictions["hexi_street"],
        nominee_name=name,
        id_number=id_of(seq),
        nominator_name=nominator,
        nominator_phone=phone,
        category=category,
        unit="柳巷社区志愿服务队",
        photos=[photo_upload(f"{seq}b.jpg")],
    )
    nomination, _ = intake.submit(later, data, public=False)
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.ACCEPTED, consent_given=True)
    nomination.refresh_from_db()
    candidate_photos.publish(nomination)
    ShortlistEntry.objects.create(campaign=later, nomination=nomination, rank=1, combined_score=90)
    inspect(later, nomination)
    today = timezone.localdate()
    set_notice(later, today - datetime.timedelta(days=8), today - datetime.timedelta(days=1))
    approval.record_approval(
        later, actor=city_staff, document_number="河文明委〔2027〕3号", approved_on=today, nominations=[nomination]
    )
    return live(later)


def test_a_second_honour_updates_the_persons_profile_instead_of_making_another(
    client, roll, notice_campaign, candidates, approved, city_staff, jurisdictions
):
    publication.publish(live(notice_campaign), actor=city_staff)
    later = _second_campaign_with(PEOPLE[0], jurisdictions, city_staff)
    release = publication.publish(later, actor=city_staff)

    assert HonoureePage.objects.filter(title="王秀英").count() == 1
    profile = HonoureePage.objects.get(title="王秀英")
    assert [h.name for h in profile.honours_newest_first()] == ["2027年第一季度“河东好人”", "2026年第四季度“清河好人”"]
    assert profile.unit == "柳巷社区志愿服务队"  # copied from the latest nomination
    # The new release lists the person though the profile lives under the first release.
    assert "王秀英" in client.get(release.url).content.decode()
    from bs4 import BeautifulSoup

    section = BeautifulSoup(client.get(profile.url).content, "html.parser").select_one(".profile__honours")
    listed = section.get_text(" ", strip=True)
    assert listed.index("河东好人") < listed.index("清河好人")  # newest first


def test_draft_mode_says_drafted_and_the_release_goes_to_review_as_one_submission(
    client, roll, notice_campaign, candidates, approved, city_staff
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse

    release = publication.publish(notice_campaign, actor=city_staff)
    assert not release.live and release.workflow_in_progress
    assert not notice_campaign.events.filter(action="campaign_published").exists()
    assert notice_campaign.events.get(action="campaign_drafted").data["submitted_for_review"] is True
    assert all(e.action == "drafted" for n in candidates for e in n.events.filter(action__in=["drafted", "published"]))
    notice_campaign.refresh_from_db()
    assert notice_campaign.public_stage() != "published" and notice_campaign.published_at is None
    profiles = HonoureePage.objects.child_of(release)
    assert profiles.count() == 3 and not any(p.workflow_in_progress for p in profiles)  # one submission

    for step in ("初审", "复审", "终审"):
        reviewer = get_user_model().objects.create_user(f"r_{step}", password="x")
        reviewer.groups.add(Group.objects.get(name=step))
        client.force_login(reviewer)
        release.refresh_from_db()
        task_state = release.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[release.pk, "approve", task_state.pk])
        assert client.post(url, {"comment": ""}).status_code in {200, 302}
    release.refresh_from_db()
    assert release.live and all(p.live for p in HonoureePage.objects.child_of(release))
    notice_campaign.refresh_from_db()
    assert notice_campaign.is_published and notice_campaign.public_stage() == "published"
