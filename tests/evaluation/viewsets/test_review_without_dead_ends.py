"""Reviewers never hit a dead end: the right screen, the quota up front, confirmations, names (issue 12)."""

import re

import pytest

from evaluation.models import DistrictQuota, ReserveEntry
from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
from tests.factories.evaluation import make_id_number, nomination_data

OPINIONS = {f"opinion_{d}": "agree" for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}


def at_district(campaign, jurisdictions, staff, seq="123", name="王秀英"):
    nomination = intake.submit(
        campaign, nomination_data(jurisdictions["hexi_street"], id_number=make_id_number(seq=seq), nominee_name=name)
    )[0]
    return review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)


def forward(nomination, staff):
    nomination.opinions.all().delete()
    review.record_opinions(
        nomination,
        actor=staff["hexi_reviewer"],
        opinions={d: ("agree", "") for d in nomination.campaign.department_list},
    )
    return review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)


@pytest.fixture
def nomination(campaign, jurisdictions, staff):
    return at_district(campaign, jurisdictions, staff)


def test_nominee_name_opens_the_screen_the_user_may_use(client, staff, nomination):
    review_url = f"/admin/evaluation/nominations/{nomination.pk}/review/"
    inspect_url = f"/admin/evaluation/nominations/inspect/{nomination.pk}/"
    client.force_login(staff["hexi_reviewer"])
    listing = client.get("/admin/evaluation/nominations/").content.decode()
    assert f'href="{review_url}"' in listing and f"/edit/{nomination.pk}/" not in listing
    client.force_login(staff["hexi_submitter"])  # not theirs to decide at the district step
    listing = client.get("/admin/evaluation/nominations/").content.decode()
    assert f'href="{inspect_url}"' in listing and f'href="{review_url}"' not in listing
    details = client.get(inspect_url)
    assert details.status_code == 200 and "没有权限" not in details.content.decode()
    assert "查看详情" in listing and ">检查<" not in listing


def test_review_page_is_titled_with_the_nominee_and_shows_the_quota_before_opinions(client, staff, nomination):
    client.force_login(staff["hexi_reviewer"])
    html = client.get(f"/admin/evaluation/nominations/{nomination.pk}/review/").content.decode()
    assert "<title>审核：王秀英" in html and "推荐审核" in html
    assert "本期名额 2 人，已报送 0 人" in html
    assert html.index("本期名额 2 人") < html.index("征求部门意见")
    assert "部门意见缺失或有异议时的说明" in html


def test_override_field_only_at_the_step_with_department_opinions(client, campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]
    client.force_login(staff["hexi_submitter"])
    html = client.get(f"/admin/evaluation/nominations/{nomination.pk}/review/").content.decode()
    assert "审核结果" in html and "部门意见缺失或有异议时的说明" not in html and "本期名额" not in html


def test_decisions_ask_for_confirmation_with_the_consequence(client, staff, nomination):
    client.force_login(staff["hexi_reviewer"])
    url = f"/admin/evaluation/nominations/{nomination.pk}/review/"
    first = client.post(url, {"action": "approve", **OPINIONS})
    html = first.content.decode()
    assert first.status_code == 200 and "请确认" in html and "占用河西区本期名额1人（报送后已用1/2人）" in html
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_DISTRICT and nomination.opinions.count() == 0
    assert 'value="agree" selected' in html  # the opinions chosen are still there
    assert client.post(url, {"action": "approve", "confirmed": "1", **OPINIONS}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_CITY


def test_reject_confirmation_says_it_cannot_be_undone(client, staff, nomination):
    client.force_login(staff["hexi_reviewer"])
    html = client.post(
        f"/admin/evaluation/nominations/{nomination.pk}/review/", {"action": "reject", "reason": "事迹不实"}
    ).content.decode()
    assert "确认不予通过" in html and "不能恢复" in html


def test_full_quota_is_said_up_front_with_next_steps(client, campaign, jurisdictions, staff):
    for seq, name in (("201", "李一"), ("202", "李二")):
        forward(at_district(campaign, jurisdictions, staff, seq=seq, name=name), staff)
    third = at_district(campaign, jurisdictions, staff, seq="203", name="李三")
    client.force_login(staff["hexi_reviewer"])
    listing = client.get("/admin/evaluation/nominations/").content.decode()
    assert "本期名额 2 人，已报送 2 人" in listing and "名额已满" in listing
    url = f"/admin/evaluation/nominations/{third.pk}/review/"
    html = client.get(url).content.decode()
    assert html.index("名额已满") < html.index("征求部门意见")
    assert "转入储备库" in html and "退回" in html and "请市文明办增加本区名额" in html

    kept = client.post(f"/admin/evaluation/nominations/{third.pk}/keep-on-file/", {"level": campaign.level})
    assert kept.status_code == 302 and ReserveEntry.objects.filter(source_nomination=third).exists()


def test_city_staff_raise_a_district_quota_and_the_reviewer_can_forward(client, campaign, jurisdictions, staff):
    for seq, name in (("201", "李一"), ("202", "李二")):
        forward(at_district(campaign, jurisdictions, staff, seq=seq, name=name), staff)
    third = at_district(campaign, jurisdictions, staff, seq="203", name="李三")
    client.force_login(staff["hexi_reviewer"])
    assert client.get("/admin/evaluation/quotas/new/").status_code in (302, 403)
    client.force_login(staff["city_staff"])
    link = f"/admin/evaluation/quotas/new/?campaign={campaign.pk}&amp;jurisdiction={jurisdictions['hexi'].pk}"
    assert link in client.get("/admin/evaluation/nominations/").content.decode()  # 名额已满 → 增加该县区名额
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(rf'<option value="{jurisdictions["hexi"].pk}" selected>', form)
    response = client.post(
        "/admin/evaluation/quotas/new/",
        {"campaign": campaign.pk, "jurisdiction": jurisdictions["hexi"].pk, "quota": 3, "reason": "本月事迹集中"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DistrictQuota.objects.get().changed_by == staff["city_staff"]
    client.force_login(staff["hexi_reviewer"])
    url = f"/admin/evaluation/nominations/{third.pk}/review/"
    assert "本期名额 3 人，已报送 2 人" in client.get(url).content.decode()
    assert client.post(url, {"action": "approve", "confirmed": "1", **OPINIONS}).status_code == 302
    third.refresh_from_db()
    assert third.status == Status.PENDING_CITY


def test_audit_trail_shows_display_names_not_logins(client, staff, nomination):
    staff["hexi_submitter"].first_name, staff["hexi_submitter"].last_name = "涛", "马"
    staff["hexi_submitter"].save()
    client.force_login(staff["city_staff"])
    html = client.get(f"/admin/evaluation/nominations/inspect/{nomination.pk}/").content.decode()
    assert "基层报送员·马涛" in html and ">hexi_submitter<" not in html


def test_dashboard_shows_what_waits_for_me_with_the_quota(client, staff, nomination):
    client.force_login(staff["hexi_reviewer"])
    html = client.get("/admin/").content.decode()
    assert "待我处理（1）" in html and "待县区/单位审核：1 条" in html
    assert "本期名额 2 人，已报送 0 人" in html
    assert html.index("待我处理") < html.index("推荐数量")
    client.force_login(staff["cg_reviewer"])
    assert "待我处理（0）" in client.get("/admin/").content.decode()
