"""Withdrawal instead of deletion, edits that keep old and new values, and an audit trail the database guards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from evaluation.models import Nomination, NominationEvent
from evaluation.services import intake, lifecycle, review
from evaluation.workflows.nomination import Action, Status, TransitionNotAllowed
from tests.factories.evaluation import nomination_data

ALL_AGREE = {d: ("agree", "") for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


def test_withdrawn_nomination_keeps_its_record_and_reason(nomination, staff):
    lifecycle.withdraw(nomination, actor=staff["hexi_submitter"], reason="被推荐人本人要求撤回")
    nomination.refresh_from_db()
    assert nomination.status == Status.WITHDRAWN and nomination.get_status_display() == "已撤回"
    event = nomination.events.get(action="withdraw")
    assert (event.from_status, event.to_status, event.reason) == (
        Status.PENDING_GRASSROOTS,
        Status.WITHDRAWN,
        "被推荐人本人要求撤回",
    )
    assert nomination.events.filter(action="submitted").exists()
    with pytest.raises(TransitionNotAllowed):
        review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)


def test_withdrawal_needs_a_reason_and_the_right_person(nomination, staff):
    with pytest.raises(ValidationError) as exc:
        lifecycle.withdraw(nomination, actor=staff["hexi_submitter"], reason=" ")
    assert "理由" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        lifecycle.withdraw(nomination, actor=staff["cg_reviewer"], reason="不属本辖区")
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    # Once with the city, only the city office may withdraw it.
    with pytest.raises(PermissionDenied):
        lifecycle.withdraw(nomination, actor=staff["hexi_reviewer"], reason="县区想撤回")
    lifecycle.withdraw(nomination, actor=staff["city_staff"], reason="核实发现事迹不实")
    nomination.refresh_from_db()
    assert nomination.status == Status.WITHDRAWN


def test_withdrawing_frees_the_quota_place(campaign, jurisdictions, staff):
    from tests.factories.evaluation import make_id_number

    first, second, third = (
        intake.submit(
            campaign, nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq=seq)), organisation=None
        )[0]
        for seq in ("614", "624", "634")
    )
    for n in (first, second, third):
        review.record_opinions(n, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(first, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.review(second, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    lifecycle.withdraw(second, actor=staff["city_staff"], reason="本人婉拒")
    review.review(third, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    third.refresh_from_db()
    assert third.status == Status.PENDING_CITY


def test_nomination_with_history_cannot_be_deleted(nomination):
    with pytest.raises(ProtectedError):
        nomination.delete()
    assert Nomination.objects.filter(pk=nomination.pk).exists()


def test_edit_event_keeps_old_and_new_values(nomination, staff, jurisdictions):
    lifecycle.update_material(
        nomination,
        actor=staff["city_staff"],
        values={"unit": "柳巷社区志愿者", "story": nomination.story, "jurisdiction": jurisdictions["hexi"]},
    )
    event = nomination.events.get(action="edited")
    assert event.data["fields"] == ["jurisdiction", "unit"]
    assert event.data["changes"]["unit"] == {"old": "柳巷社区居民", "new": "柳巷社区志愿者"}
    assert event.data["changes"]["jurisdiction"] == {"old": "河西区柳巷街道", "new": "河西区"}
    nomination.refresh_from_db()
    assert nomination.unit == "柳巷社区志愿者"


def test_edit_of_private_fields_records_only_that_they_changed(nomination, staff):
    old_masked = nomination.id_number_masked
    lifecycle.update_material(nomination, actor=staff["city_staff"], values={"id_number_masked": "110101********0011"})
    event = nomination.events.get(action="edited")
    assert event.data["private_changed"] == ["id_number_masked"] and event.data["changes"] == {}
    assert old_masked not in str(event.data) and "0011" not in str(event.data)


def test_unchanged_edit_writes_no_event(nomination, staff):
    lifecycle.update_material(nomination, actor=staff["city_staff"], values={"unit": nomination.unit})
    assert not nomination.events.filter(action="edited").exists()


def test_database_refuses_to_rewrite_an_event(nomination):
    event = NominationEvent.objects.get(nomination=nomination)
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationEvent.objects.filter(pk=event.pk).update(reason="篡改")
    event.refresh_from_db()
    assert event.reason == ""


if connection.vendor == "postgresql":  # SQLite keeps events by PROTECT alone (see migration 0004)

    def test_postgresql_refuses_to_delete_an_event(nomination):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM evaluation_nominationevent WHERE nomination_id = %s", [nomination.pk])
        assert NominationEvent.objects.filter(nomination=nomination).exists()
