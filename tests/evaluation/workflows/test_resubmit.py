"""A returned nomination whose content changed goes back through the district/unit step."""

import pytest

from evaluation.services import intake, lifecycle, review
from evaluation.workflows.nomination import Action, Status, Step, resubmit_step
from tests.factories.evaluation import nomination_data

ALL_AGREE = {d: ("agree", "") for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}


@pytest.fixture
def returned_by_city(campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.review(nomination, actor=staff["city_staff"], action=Action.RETURN, reason="请补充事迹的具体时间")
    nomination.refresh_from_db()
    return nomination


def test_changed_content_returned_by_the_city_is_reviewed_by_the_district_again(returned_by_city, staff):
    nomination = returned_by_city
    lifecycle.update_material(
        nomination, actor=staff["hexi_submitter"], values={"story": nomination.story + "2019年起坚持至今。"}
    )
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.RESUBMIT)
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_DISTRICT
    assert nomination.events.get(action="resubmit").data == {"content_changed": True}


def test_unchanged_resubmission_goes_back_to_the_city(returned_by_city, staff):
    review.review(returned_by_city, actor=staff["hexi_submitter"], action=Action.RESUBMIT)
    returned_by_city.refresh_from_db()
    assert returned_by_city.status == Status.PENDING_CITY


def test_edit_before_the_return_does_not_count(campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))[0]
    lifecycle.update_material(nomination, actor=staff["city_staff"], values={"unit": "柳巷社区志愿者"})
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.review(nomination, actor=staff["city_staff"], action=Action.RETURN, reason="请补充照片")
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.RESUBMIT)
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_CITY


@pytest.mark.parametrize(
    ("returned_from", "changed", "expected"),
    [
        (Step.CITY, True, Step.DISTRICT),
        (Step.CITY, False, Step.CITY),
        (Step.DISTRICT, True, Step.DISTRICT),
        (Step.GRASSROOTS, True, Step.GRASSROOTS),
        ("", True, Step.GRASSROOTS),
    ],
)
def test_resubmission_never_skips_a_reviewer(returned_from, changed, expected):
    assert resubmit_step(returned_from, content_changed=changed) == expected
