"""Tiered review: grassroots → district/unit → city, with opinions, quotas and an audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation.models import NominationEvent
from evaluation.services import intake, review
from evaluation.services.quotas import QuotaExceeded
from evaluation.workflows.nomination import Action, Status, TransitionNotAllowed
from tests.factories.evaluation import make_id_number, nomination_data

ALL_AGREE = {d: ("agree", "") for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


def nominate(campaign, jurisdiction, seq):
    return intake.submit(campaign, nomination_data(jurisdiction, id_number=make_id_number(seq=f"{seq:03d}"[:2] + "4")))[
        0
    ]


def test_full_path_to_valid_candidate_with_audit_trail(nomination, staff):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.review(nomination, actor=staff["city_staff"], action=Action.APPROVE)
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED
    trail = list(
        NominationEvent.objects.filter(nomination=nomination)
        .exclude(action="opinions")
        .values_list("action", "actor__username", "from_status", "to_status")
    )
    assert trail == [
        ("submitted", None, "", Status.PENDING_GRASSROOTS),
        ("approve", "hexi_submitter", Status.PENDING_GRASSROOTS, Status.PENDING_DISTRICT),
        ("approve", "hexi_reviewer", Status.PENDING_DISTRICT, Status.PENDING_CITY),
        ("approve", "city_staff", Status.PENDING_CITY, Status.ACCEPTED),
    ]


def test_audit_events_cannot_be_rewritten(nomination):
    event = NominationEvent.objects.get(nomination=nomination)
    event.reason = "篡改"
    with pytest.raises(ValueError):
        event.save()


def test_return_goes_back_to_the_returning_step_after_resubmit(nomination, staff):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.RETURN, reason="事迹材料不够具体")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.returned_from) == (Status.RETURNED, "district")
    event = NominationEvent.objects.filter(nomination=nomination, action="return").get()
    assert event.reason == "事迹材料不够具体" and event.actor == staff["hexi_reviewer"]
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.RESUBMIT)
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_DISTRICT


@pytest.mark.parametrize("action", [Action.RETURN, Action.REJECT])
def test_return_and_reject_need_a_reason(nomination, staff, action):
    with pytest.raises(ValidationError) as exc:
        review.review(nomination, actor=staff["hexi_submitter"], action=action, reason="  ")
    assert "理由" in exc.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_GRASSROOTS


def test_rejected_nomination_cannot_be_approved(nomination, staff):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.REJECT, reason="不符合条件")
    with pytest.raises(TransitionNotAllowed) as exc:
        review.review(nomination, actor=staff["city_staff"], action=Action.APPROVE)
    assert "未通过" in str(exc.value)


def test_district_step_refuses_missing_or_negative_opinions_without_override(nomination, staff):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    with pytest.raises(ValidationError) as exc:
        review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    assert "尚未记录" in exc.value.messages[0] and "公安" in exc.value.messages[0]
    opinions = dict(ALL_AGREE, 税务=("object", "有欠税记录"))
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=opinions)
    with pytest.raises(ValidationError) as exc:
        review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    assert "税务有异议" in exc.value.messages[0]
    review.review(
        nomination,
        actor=staff["hexi_reviewer"],
        action=Action.APPROVE,
        override_reason="欠税已于本月补缴，税务部门书面说明",
    )
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_CITY
    event = NominationEvent.objects.get(nomination=nomination, action="approve", to_status=Status.PENDING_CITY)
    assert event.data["objecting"] == ["税务"] and "补缴" in event.reason


def test_reviewer_of_another_district_is_refused(nomination, staff):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    with pytest.raises(PermissionDenied):
        review.review(nomination, actor=staff["cg_reviewer"], action=Action.APPROVE)
    with pytest.raises(PermissionDenied):
        review.review(nomination, actor=staff["cg_submitter"], action=Action.REJECT, reason="x")


def test_quota_per_district_per_period_is_enforced(campaign, jurisdictions, staff):
    nominations = [nominate(campaign, jurisdictions["hexi"], seq) for seq in (10, 20, 30)]
    for n in nominations[:2]:
        review.record_opinions(n, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
        review.review(n, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.record_opinions(nominations[2], actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    with pytest.raises(QuotaExceeded) as exc:
        review.review(nominations[2], actor=staff["hexi_reviewer"], action=Action.APPROVE)
    assert "河西区" in exc.value.messages[0] and "名额为2人" in exc.value.messages[0]
    nominations[2].refresh_from_db()
    assert nominations[2].status == Status.PENDING_DISTRICT
    # Another district has its own quota.
    other = nominate(campaign, jurisdictions["chengguan"], 40)
    review.record_opinions(other, actor=staff["cg_reviewer"], opinions=ALL_AGREE)
    review.review(other, actor=staff["cg_reviewer"], action=Action.APPROVE)


def test_consent_is_recorded_by_staff_with_a_note(nomination, staff):
    with pytest.raises(PermissionDenied):
        review.record_consent(nomination, actor=staff["cg_reviewer"], note="电话确认")
    with pytest.raises(ValidationError):
        review.record_consent(nomination, actor=staff["hexi_reviewer"], note="")
    review.record_consent(nomination, actor=staff["hexi_reviewer"], note="5月3日电话确认")
    nomination.refresh_from_db()
    assert nomination.consent_given and nomination.consent_recorded_by == staff["hexi_reviewer"]
