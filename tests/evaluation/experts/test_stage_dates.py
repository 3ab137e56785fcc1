"""The campaign's stage dates drive the expert round: draws and scoring in 专家评审, inspections in 实地考察.

Screens refuse with a Chinese message before a stage opens and after it closes,
and the scheduler closes a round whose scoring window has ended.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from evaluation.choices import AffiliationType, Role, StageKind
from evaluation.models import CampaignEvent, CampaignStage, ExpertDraw, Inspection, ShortlistEntry
from evaluation.services import drawing, inspections, scoring
from tests.factories.evaluation import CampaignFactory, make_staff

from .conftest import make_candidate, make_expert

DAY = datetime.timedelta(days=1)


def set_stage(campaign, kind, starts, ends, enabled=True):
    CampaignStage.objects.update_or_create(
        campaign=campaign, kind=kind, defaults={"starts_on": starts, "ends_on": ends, "enabled": enabled}
    )
    campaign.refresh_from_db()


def today():
    return timezone.localdate()


@pytest.fixture
def panel(jurisdictions):
    """Five experts with accounts, one per affiliation type: every draw of five takes them all."""
    experts = []
    for n, kind in enumerate(AffiliationType.values):
        user = make_staff(f"expert{n}", Role.EXPERT, jurisdictions["city"])
        experts.append(make_expert(n, jurisdictions["city"], kind=kind, user=user))
    return experts


@pytest.fixture
def dated(campaign, jurisdictions, panel, rubric):
    """A campaign whose expert review runs from yesterday to tomorrow, with two candidates."""
    set_stage(campaign, StageKind.EXPERT_REVIEW, today() - DAY, today() + DAY)
    candidates = [make_candidate(campaign, jurisdictions["cg_street"], n) for n in (1, 2)]
    return campaign, candidates


def drawn(campaign, city_staff):
    return drawing.perform_draw(
        drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1), actor=city_staff
    )


def move_stage(campaign, kind, starts, ends):
    CampaignStage.objects.filter(campaign=campaign, kind=kind).update(starts_on=starts, ends_on=ends)
    campaign.refresh_from_db()


def score_all(draw, panel, candidates, rubric):
    first, second = rubric.criteria.order_by("sort_order")
    for i, expert in enumerate(panel):
        for j, candidate in enumerate(candidates):
            scoring.declare(draw, actor=expert.user, nomination=candidate, decision="no_conflict")
            scoring.submit_score(
                draw, actor=expert.user, nomination=candidate, points={first.pk: 9 - j, second.pk: (i + j) % 10}
            )


# --- draws ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_draw_screen_refuses_before_the_expert_review_stage_opens(client, dated, city_staff):
    campaign, _ = dated
    starts = today() + 3 * DAY
    move_stage(campaign, StageKind.EXPERT_REVIEW, starts, starts + 5 * DAY)
    client.force_login(city_staff)
    url = reverse("evaluation_expert_review:campaign", args=[campaign.pk])
    page = client.get(url).content.decode()
    expected = f"专家评审阶段{starts.year}年{starts.month}月{starts.day}日开始，现在还不能抽取专家。"
    assert expected in page  # said before anyone presses a button
    page = client.post(url, {"action": "prepare"}, follow=True).content.decode()
    assert expected in page and not ExpertDraw.objects.exists()


@pytest.mark.django_db
def test_a_draw_prepared_in_time_cannot_be_drawn_after_the_stage_closed(client, dated, city_staff):
    campaign, _ = dated
    draw = drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1)
    ends = today() - DAY
    move_stage(campaign, StageKind.EXPERT_REVIEW, today() - 5 * DAY, ends)
    client.force_login(city_staff)
    url = reverse("evaluation_expert_review:campaign", args=[campaign.pk])
    page = client.post(url, {"action": "draw", "draw": draw.pk}, follow=True).content.decode()
    assert f"专家评审阶段已于{ends.year}年{ends.month}月{ends.day}日结束，不能再抽取专家。" in page
    draw.refresh_from_db()
    assert not draw.is_drawn and draw.seed == ""


@pytest.mark.django_db
def test_a_switched_off_expert_review_stage_refuses_the_draw(dated, city_staff):
    campaign, _ = dated
    CampaignStage.objects.filter(campaign=campaign, kind=StageKind.EXPERT_REVIEW).update(enabled=False)
    campaign.refresh_from_db()
    with pytest.raises(ValidationError, match="本活动未启用专家评审阶段，不能抽取专家。"):
        drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1)


@pytest.mark.django_db
def test_a_campaign_without_a_dated_expert_stage_draws_as_before(campaign, jurisdictions, panel, city_staff):
    assert campaign.stage(StageKind.EXPERT_REVIEW) is None
    make_candidate(campaign, jurisdictions["cg_street"], 1)
    assert len(drawn(campaign, city_staff).panel) == 5


# --- scoring ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_experts_cannot_score_after_the_scoring_window_even_before_the_round_is_closed(
    client, dated, panel, city_staff, rubric
):
    campaign, candidates = dated
    draw = drawn(campaign, city_staff)
    expert = panel[0]
    scoring.declare(draw, actor=expert.user, nomination=candidates[0], decision="no_conflict")
    ends = today() - DAY
    move_stage(campaign, StageKind.EXPERT_REVIEW, today() - 5 * DAY, ends)
    message = f"专家评审阶段已于{ends.year}年{ends.month}月{ends.day}日结束，不能再评分。"
    client.force_login(expert.user)
    url = reverse("evaluation_my_review:candidate", args=[draw.pk, candidates[0].pk])
    page = client.get(url).content.decode()
    assert "专家评审阶段已于" in page and ">提交评分</button>" not in page
    first, second = rubric.criteria.order_by("sort_order")
    page = client.post(url, {f"criterion_{first.pk}": "8", f"criterion_{second.pk}": "7"}, follow=True)
    assert message in page.content.decode()
    assert not draw.scores.exists()
    with pytest.raises(ValidationError, match="不能再声明利害关系"):
        scoring.declare(draw, actor=expert.user, nomination=candidates[1], decision="no_conflict")


@pytest.mark.django_db
def test_my_review_says_when_scoring_opens(client, dated, panel, city_staff):
    campaign, candidates = dated
    draw = drawn(campaign, city_staff)
    starts = today() + 2 * DAY
    move_stage(campaign, StageKind.EXPERT_REVIEW, starts, starts + 3 * DAY)
    client.force_login(panel[1].user)
    page = client.get(reverse("evaluation_my_review:index")).content.decode()
    assert f"专家评审阶段{starts.year}年{starts.month}月{starts.day}日开始，现在还不能声明或评分。" in page
    with pytest.raises(ValidationError, match="现在还不能声明利害关系"):
        scoring.declare(draw, actor=panel[1].user, nomination=candidates[0], decision="no_conflict")


@pytest.mark.django_db
def test_closing_expired_rounds_ends_scoring_and_lets_staff_rank(client, dated, panel, city_staff, rubric):
    campaign, candidates = dated
    draw = drawn(campaign, city_staff)
    score_all(draw, panel[:4], candidates, rubric)
    stage = campaign.stage(StageKind.EXPERT_REVIEW)
    assert drawing.close_expired_rounds(today=stage.ends_on) == []  # the last day still counts
    closed = drawing.close_expired_rounds(today=stage.ends_on + DAY)
    assert [d.pk for d in closed] == [draw.pk]
    draw.refresh_from_db()
    assert draw.is_closed
    event = CampaignEvent.objects.get(campaign=campaign, action="round_closed")
    assert event.actor is None and event.data["reason"] == "评分期结束" and event.data["scores"] == 8
    assert drawing.close_expired_rounds(today=stage.ends_on + 2 * DAY) == []
    # The fifth expert is too late, whatever the date now is.
    with pytest.raises(ValidationError, match="本轮评审已经结束"):
        scoring.declare(draw, actor=panel[4].user, nomination=candidates[0], decision="no_conflict")
    client.force_login(city_staff)
    page = client.get(reverse("evaluation_expert_review:campaign", args=[campaign.pk])).content.decode()
    assert "评审已结束" in page and "排名（第1轮）" in page
    client.post(reverse("evaluation_expert_review:campaign", args=[campaign.pk]), {"action": "cut"})
    assert ShortlistEntry.objects.filter(campaign=campaign).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_closes_a_round_when_its_window_has_ended(wagtail_roots, jurisdictions):
    city_staff = make_staff("city_staff", Role.CITY_STAFF, jurisdictions["city"])
    for n, kind in enumerate(AffiliationType.values):
        make_expert(n, jurisdictions["city"], kind=kind)
    ended = CampaignFactory(stages=[StageKind.NOMINATION])
    running = CampaignFactory(stages=[StageKind.NOMINATION])
    rounds = {}
    for campaign in (ended, running):
        set_stage(campaign, StageKind.EXPERT_REVIEW, today() - DAY, today() + DAY)
        make_candidate(campaign, jurisdictions["cg_street"], campaign.pk)
        rounds[campaign.pk] = drawn(campaign, city_staff)
    move_stage(ended, StageKind.EXPERT_REVIEW, today() - 9 * DAY, today() - DAY)
    call_command("run_scheduler", iterations=1, interval=0, verbosity=0)
    assert ExpertDraw.objects.get(pk=rounds[ended.pk].pk).is_closed
    assert not ExpertDraw.objects.get(pk=rounds[running.pk].pk).is_closed


# --- inspections --------------------------------------------------------------------------------


def edit_data(scheduled_on, inspectors, verdict, findings):
    return {
        "scheduled_on": scheduled_on,
        "verdict": verdict,
        "inspectors": inspectors,
        "findings": findings,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_inspections_are_planned_and_recorded_in_the_inspection_stage_only(client, campaign, jurisdictions, city_staff):
    candidate = make_candidate(campaign, jurisdictions["cg_street"], 1)
    entry = ShortlistEntry.objects.create(campaign=campaign, nomination=candidate, rank=1, combined_score=1.0)
    starts = today() + 2 * DAY
    set_stage(campaign, StageKind.INSPECTION, starts, starts + 5 * DAY)
    client.force_login(city_staff)
    add = {"entry": entry.pk, "scheduled_on": starts.isoformat(), "inspectors": [city_staff.pk]}
    page = client.post(reverse("evaluation_inspections:add"), add).content.decode()
    assert f"实地考察阶段{starts.year}年{starts.month}月{starts.day}日开始，现在还不能安排实地考察。" in page
    assert not Inspection.objects.exists()

    move_stage(campaign, StageKind.INSPECTION, today() - DAY, today() + DAY)
    assert client.post(reverse("evaluation_inspections:add"), add).status_code == 302
    inspection = Inspection.objects.get()

    ends = today() - DAY
    move_stage(campaign, StageKind.INSPECTION, today() - 5 * DAY, ends)
    url = reverse("evaluation_inspections:edit", args=[inspection.pk])
    data = edit_data(starts.isoformat(), [city_staff.pk], "passed", "走访社区及邻居五户，事迹属实。")
    page = client.post(url, data).content.decode()
    assert f"实地考察阶段已于{ends.year}年{ends.month}月{ends.day}日结束，不能再记录考察情况。" in page
    inspection.refresh_from_db()
    assert inspection.verdict == "pending" and inspection.findings == ""
    with pytest.raises(ValidationError, match="不能再记录考察情况"):
        inspections.record_findings(inspection, actor=city_staff, findings="补记", verdict="passed")
