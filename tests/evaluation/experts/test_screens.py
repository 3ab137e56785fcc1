"""The admin screens: 我的评审 for experts, the staff's draw/ranking screen, the rubric and inspections."""

import sys

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from evaluation.choices import AffiliationType, Role
from evaluation.models import ConflictDeclaration, Expert, ExpertScore, Inspection, InspectionPhoto, ShortlistEntry
from evaluation.services import drawing, scoring
from tests.factories.evaluation import jpeg_bytes, make_staff

from .conftest import make_candidate, make_expert

SECRET_PHONE = "13812345678"  # the nominator's phone in nomination_data()


@pytest.fixture
def round_open(campaign, jurisdictions, city_staff, rubric):
    experts = []
    for n, kind in enumerate(AffiliationType.values):
        user = make_staff(f"expert{n}", Role.EXPERT, jurisdictions["city"])
        experts.append(make_expert(n, jurisdictions["city"], kind=kind, user=user))
    candidates = [make_candidate(campaign, jurisdictions["cg_street"], n) for n in range(1, 4)]
    draw = drawing.perform_draw(
        drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1), actor=city_staff
    )
    return draw, experts, candidates


def refused(response):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def candidate_url(draw, nomination):
    return reverse("evaluation_my_review:candidate", args=[draw.pk, nomination.pk])


@pytest.mark.django_db
def test_expert_lists_and_reads_public_fields_only(client, round_open):
    draw, experts, candidates = round_open
    client.force_login(experts[0].user)
    page = client.get(reverse("evaluation_my_review:index")).content.decode()
    assert all(c.nominee_name in page for c in candidates)
    assert "待声明利害关系" in page
    detail = client.get(candidate_url(draw, candidates[0])).content.decode()
    assert candidates[0].story in detail and "无利害关系" in detail
    for private in (SECRET_PHONE, candidates[0].id_number_masked, "李明", candidates[0].tracking_number):
        assert private not in detail


@pytest.mark.django_db
def test_expert_sees_valid_votes_beside_each_candidate(client, round_open, monkeypatch):
    draw, experts, candidates = round_open

    class Voting:
        @staticmethod
        def valid_counts(campaign):
            return {candidates[0].pk: 4321}

    monkeypatch.setitem(sys.modules, scoring.VOTING_MODULE, Voting)
    client.force_login(experts[0].user)
    page = client.get(reverse("evaluation_my_review:index")).content.decode()
    assert "4321" in page


@pytest.mark.django_db
def test_declare_then_score_then_locked(client, round_open, rubric):
    draw, experts, candidates = round_open
    client.force_login(experts[0].user)
    url = candidate_url(draw, candidates[0])
    client.post(url, {"decision": "no_conflict"})
    assert ConflictDeclaration.objects.filter(expert=experts[0], nomination=candidates[0]).exists()
    first, second = rubric.criteria.order_by("sort_order")
    page = client.get(url).content.decode()
    assert "事迹真实感人" in page and ">提交评分</button>" in page
    client.post(url, {f"criterion_{first.pk}": "10", f"criterion_{second.pk}": "5"})
    assert ExpertScore.objects.get(expert=experts[0], nomination=candidates[0]).total == 80
    page = client.get(url).content.decode()
    assert "已提交，不能修改" in page and ">提交评分</button>" not in page
    client.post(url, {f"criterion_{first.pk}": "0", f"criterion_{second.pk}": "0"})
    assert ExpertScore.objects.get(expert=experts[0], nomination=candidates[0]).total == 80


@pytest.mark.django_db
def test_recusal_needs_a_reason_and_hides_the_score_form(client, round_open):
    draw, experts, candidates = round_open
    client.force_login(experts[1].user)
    url = candidate_url(draw, candidates[1])
    response = client.post(url, {"decision": "recuse"})
    assert "请说明理由" in [str(m) for m in response.wsgi_request._messages][0]
    client.post(url, {"decision": "recuse", "reason": "曾是同事"})
    page = client.get(url).content.decode()
    assert "已回避" in page and ">提交评分</button>" not in page


@pytest.mark.django_db
def test_screens_refuse_outsiders(client, round_open, jurisdictions, city_staff):
    draw, experts, candidates = round_open
    outsider = make_expert(40, jurisdictions["city"], user=make_staff("outsider", Role.EXPERT, jurisdictions["city"]))
    client.force_login(outsider.user)
    assert refused(client.get(candidate_url(draw, candidates[0])))
    assert refused(client.get(reverse("evaluation_expert_review:campaign", args=[draw.campaign_id])))
    client.force_login(city_staff)
    assert refused(client.get(reverse("evaluation_my_review:index")))
    # Not shown in the menu to those it would refuse.
    my_review = reverse("evaluation_my_review:index")
    assert my_review not in client.get("/admin/").content.decode()
    client.force_login(experts[0].user)
    assert my_review in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_staff_draw_close_rank_and_cut(client, campaign, jurisdictions, city_staff, rubric):
    for n, kind in enumerate(AffiliationType.values * 2):
        user = make_staff(f"ex{n}", Role.EXPERT, jurisdictions["city"])
        make_expert(n, jurisdictions["city"], kind=kind, user=user)
    candidates = [make_candidate(campaign, jurisdictions["cg_street"], n) for n in range(1, 4)]
    client.force_login(city_staff)
    url = reverse("evaluation_expert_review:campaign", args=[campaign.pk])
    client.post(url, {"action": "prepare"})
    draw = campaign.expert_draws.get()
    page = client.get(url).content.decode()
    assert draw.seed_hash in page and draw.sealed_seed not in page
    client.post(url, {"action": "draw", "draw": draw.pk})
    draw.refresh_from_db()
    page = client.get(url).content.decode()
    assert draw.seed in page and "复核一致" in page and len(draw.panel) == 7
    first, second = rubric.criteria.order_by("sort_order")
    for i, expert_id in enumerate(draw.panel):
        user = Expert.objects.get(pk=expert_id).user
        for j, candidate in enumerate(candidates):
            scoring.declare(draw, actor=user, nomination=candidate, decision="no_conflict")
            scoring.submit_score(
                draw, actor=user, nomination=candidate, points={first.pk: 10 - j, second.pk: (i + j) % 10}
            )
    client.post(url, {"action": "close", "draw": draw.pk})
    # A deed in a crisis is flagged for priority in review; the ranking shows the flag beside the name.
    campaign.theme = "抗洪抢险"
    campaign.save()
    candidates[2].priority_deed = "disaster"
    candidates[2].save()
    page = client.get(url).content.decode()
    assert "稳健性检验" in page and "不计网络投票" in page and "去掉每名候选人的最高分和最低分" in page
    assert "优先·抢险救灾" in page and campaign.is_special_round
    listing = client.get(f"/admin/evaluation/nominations/?campaign={campaign.pk}").content.decode()
    assert "抢险救灾" in listing
    client.post(url, {"action": "cut"})
    assert ShortlistEntry.objects.filter(campaign=campaign).count() == 3


@pytest.mark.django_db
def test_rubric_weights_must_add_up_to_100(client, campaign, city_staff):
    client.force_login(city_staff)
    data = {
        "campaign": campaign.pk,
        "guidance": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, (name, weight) in enumerate([("事迹", "60"), ("影响", "30")]):
        data.update({f"criteria-{i}-name": name, f"criteria-{i}-weight": weight, f"criteria-{i}-description": ""})
        data.update({f"criteria-{i}-ORDER": str(i), f"criteria-{i}-id": "", f"criteria-{i}-DELETE": ""})
    response = client.post(reverse("evaluation_rubrics:add"), data)
    assert "权重之和为90，应为100" in response.content.decode()
    data["criteria-1-weight"] = "40"
    response = client.post(reverse("evaluation_rubrics:add"), data)
    assert response.status_code == 302
    assert campaign.rubric.total_weight == 100


@pytest.mark.django_db
def test_inspection_assigned_recorded_and_photos_private(client, campaign, jurisdictions, city_staff, expert_user):
    candidate = make_candidate(campaign, jurisdictions["cg_street"], 1)
    entry = ShortlistEntry.objects.create(campaign=campaign, nomination=candidate, rank=1, combined_score=1.0)
    client.force_login(city_staff)
    response = client.post(
        reverse("evaluation_inspections:add"),
        {"entry": entry.pk, "scheduled_on": "2026-12-05", "inspectors": [city_staff.pk]},
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    edit = {
        "scheduled_on": "2026-12-05",
        "verdict": "passed",
        "inspectors": [city_staff.pk],
        "findings": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("evaluation_inspections:edit", args=[inspection.pk]), edit)
    assert "请填写考察情况" in response.content.decode()
    edit["findings"] = "走访社区及邻居五户，事迹属实。"
    response = client.post(reverse("evaluation_inspections:edit", args=[inspection.pk]), edit)
    inspection.refresh_from_db()
    assert inspection.get_verdict_display() == "通过"
    assert candidate.events.filter(action="inspection_recorded").exists()

    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = InspectionPhoto(inspection=inspection, caption="走访")
    photo.file.save("a.jpg", SimpleUploadedFile("a.jpg", jpeg_bytes()), save=True)
    url = reverse("evaluation:inspection_photo", args=[photo.pk])
    assert client.get(url).status_code == 200
    client.force_login(expert_user)
    assert client.get(url).status_code == 404
    assert refused(client.get(reverse("evaluation_inspections:index")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["evaluation_experts", "evaluation_review_settings", "evaluation_rubrics", "evaluation_inspections"]
)
def test_city_staff_reach_the_pool_settings_rubric_and_inspection_screens(client, pool, city_staff, name):
    client.force_login(city_staff)
    assert client.get(reverse(f"{name}:index")).status_code == 200
    assert client.get(reverse(f"{name}:add")).status_code == 200
    assert client.get(reverse("evaluation_expert_review:index")).status_code == 200


@pytest.mark.django_db
def test_review_settings_refuse_a_quota_outside_20_to_40(client, campaign, city_staff):
    client.force_login(city_staff)
    data = {
        "campaign": campaign.pk,
        "expert_weight": "70",
        "vote_weight": "30",
        "vote_transform": "log",
        "vote_cap": "1000",
        "honouree_quota": "45",
        "panel_size": "7",
        "max_per_type": "2",
    }
    response = client.post(reverse("evaluation_review_settings:add"), data)
    assert response.status_code == 200
    assert "40" in response.content.decode()
    data["honouree_quota"] = "30"
    assert client.post(reverse("evaluation_review_settings:add"), data).status_code == 302
    assert campaign.review_settings.vote_transform == "log"


@pytest.mark.django_db
def test_the_inspection_form_lists_active_staff_by_name(client, campaign, city_staff, django_user_model):
    django_user_model.objects.create_user("wangfang", password="x" * 12, first_name="芳", last_name="王")
    django_user_model.objects.create_user("retired", password="x" * 12, last_name="休", is_active=False)
    client.force_login(city_staff)
    html = client.get(reverse("evaluation_inspections:add")).content.decode()
    assert "王芳（wangfang）" in html
    assert "retired" not in html


@pytest.mark.django_db
def test_hidden_counts_still_reach_the_experts_and_the_ranking(client, round_open, rubric, city_staff):
    """While the public sees no counts, experts see the valid votes and the ranking uses them (was a 500)."""
    import datetime

    from django.test import RequestFactory
    from django.utils import timezone

    from evaluation.choices import CountsDisplay, StageKind
    from evaluation.models import CampaignStage, VotingRules
    from evaluation.services import voting

    draw, experts, candidates = round_open
    campaign = draw.campaign
    today = timezone.localdate()
    CampaignStage.objects.update_or_create(
        campaign=campaign,
        kind=StageKind.VOTE,
        defaults={"starts_on": today - datetime.timedelta(days=1), "ends_on": today, "enabled": True},
    )
    VotingRules.objects.create(campaign=campaign, counts_display=CountsDisplay.HIDDEN)
    for n in range(3):
        request = RequestFactory().post("/", REMOTE_ADDR=f"203.0.113.{n + 1}")
        voter, _ = voting.issue_voter(campaign, request=request)
        voting.cast(campaign, candidates[0].pk, voter, request=request)
    assert voting.counts(campaign)[candidates[0].pk]["valid"] is None

    client.force_login(experts[0].user)
    page = client.get(reverse("evaluation_my_review:index"))
    assert page.status_code == 200
    assert scoring.vote_totals(campaign) == {candidates[0].pk: 3, candidates[1].pk: 0, candidates[2].pk: 0}
    a, b = rubric.criteria.order_by("sort_order")
    for expert in experts:
        for candidate in candidates:
            scoring.declare(draw, actor=expert.user, nomination=candidate, decision="no_conflict")
            scoring.submit_score(draw, actor=expert.user, nomination=candidate, points={a.pk: 7, b.pk: 7})
    drawing.close_round(draw, actor=city_staff)
    report = scoring.ranking_report(campaign)
    assert report.rows[0].candidate == candidates[0].pk and report.rows[0].votes == 3


@pytest.mark.django_db
def test_inspection_edit_screen_writes_through_the_service(client, campaign, jurisdictions, city_staff, expert_user):
    """Plan, photos and verdict are written by inspections.edit, with their events; a refusal writes nothing."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.services import inspections

    candidate = make_candidate(campaign, jurisdictions["cg_street"], 1)
    entry = ShortlistEntry.objects.create(campaign=campaign, nomination=candidate, rank=1, combined_score=1.0)
    inspection = inspections.assign(
        entry, actor=city_staff, scheduled_on=datetime.date(2026, 12, 5), inspectors=[city_staff]
    )
    client.force_login(city_staff)
    edit = {
        "scheduled_on": "2026-12-06",
        "verdict": "passed",
        "inspectors": [city_staff.pk, expert_user.pk],
        "findings": "走访社区及邻居五户，事迹属实。",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-file": SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"),
        "photos-0-caption": "走访",
        "photos-0-ORDER": "1",
    }
    response = client.post(reverse("evaluation_inspections:edit", args=[inspection.pk]), edit)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.scheduled_on == datetime.date(2026, 12, 6)
    assert set(inspection.inspectors.all()) == {city_staff, expert_user}
    assert [p.caption for p in inspection.photos.all()] == ["走访"]
    assert candidate.events.filter(action="inspection_assigned").count() == 2  # assigned, then re-planned
    assert candidate.events.filter(action="inspection_recorded").count() == 1

    with pytest.raises(PermissionDenied):
        inspections.edit(
            inspection,
            actor=expert_user,
            scheduled_on=inspection.scheduled_on,
            inspectors=[expert_user],
            findings="",
            verdict="pending",
        )
    inspection.refresh_from_db()
    assert inspection.verdict == "passed"
