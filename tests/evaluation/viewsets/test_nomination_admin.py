"""What reviewers see in the admin: audit trail, Chinese search, review form, dashboard counts."""

import pytest

from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
from tests.factories.evaluation import make_id_number, nomination_data


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


def test_audit_trail_is_shown_on_the_nomination(client, staff, nomination):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.RETURN, reason="请补充事迹发生的时间")
    client.force_login(staff["hexi_reviewer"])
    html = client.get(f"/admin/evaluation/nominations/inspect/{nomination.pk}/").content.decode()
    assert "操作记录" in html and "退回修改" in html and "请补充事迹发生的时间" in html and "hexi_submitter" in html
    history = client.get(f"/admin/evaluation/nominations/history/{nomination.pk}/")
    assert history.status_code == 200 and "退回修改" in history.content.decode()


def test_chinese_search_in_the_nomination_listing(client, staff, campaign, jurisdictions, nomination):
    intake.submit(
        campaign,
        nomination_data(
            jurisdictions["hexi"],
            nominee_name="刘志刚",
            id_number=make_id_number(seq="213"),
            gender="male",
            story="雨夜驾车途经河堤，跳进齐腰深的积水救出被困母子，随后悄然离开。",
        ),
    )
    client.force_login(staff["hexi_reviewer"])
    html = client.get("/admin/evaluation/nominations/", {"q": "积水"}).content.decode()
    assert "刘志刚" in html and "王秀英" not in html


def test_review_form_records_opinions_and_forwards(client, staff, nomination):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    client.force_login(staff["hexi_reviewer"])
    url = f"/admin/evaluation/nominations/{nomination.pk}/review/"
    page = client.get(url).content.decode()
    assert "征求部门意见" in page and "公安" in page
    refused = client.post(url, {"action": "approve", "confirmed": "1"})
    assert refused.status_code == 200 and "尚未记录" in refused.content.decode()
    opinions = {f"opinion_{d}": "agree" for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}
    response = client.post(url, {"action": "approve", "confirmed": "1", **opinions})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_CITY and nomination.opinions.count() == 5


def test_dashboard_counts_per_stage_and_district(client, staff, campaign, jurisdictions, nomination):
    intake.submit(campaign, nomination_data(jurisdictions["cg_street"], id_number=make_id_number(seq="314")))
    client.force_login(staff["city_staff"])
    html = client.get("/admin/").content.decode()
    assert "推荐数量（共2）" in html and "河西区" in html and "城关区" in html
    client.force_login(staff["hexi_reviewer"])
    html = client.get("/admin/").content.decode()
    assert "推荐数量（共1）" in html and "城关区" not in html


def test_returned_nomination_is_corrected_within_the_editors_jurisdiction(client, staff, jurisdictions, nomination):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.RETURN, reason="补充时间地点")
    client.force_login(staff["hexi_submitter"])
    url = f"/admin/evaluation/nominations/edit/{nomination.pk}/"
    data = {
        "nominee_name": "王秀英",
        "unit": "柳巷社区",
        "category": "helping_others",
        "story": "<b>2019年起</b>，王秀英每天为社区里的三位孤寡老人买菜做饭、陪同就医。",
    }
    moved = client.post(url, {**data, "jurisdiction": jurisdictions["cg_street"].pk})
    assert moved.status_code == 200, "another district cannot be chosen"
    nomination.refresh_from_db()
    assert nomination.jurisdiction == jurisdictions["hexi_street"]
    assert client.post(url, {**data, "jurisdiction": jurisdictions["hexi_street"].pk}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.story.startswith("2019年起") and "<b>" not in nomination.story
    assert nomination.events.filter(action="edited").exists()
