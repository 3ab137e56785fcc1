"""The end of the pipeline in the rules' order: every refusal through the service and through the staff API."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from evaluation.choices import InspectionVerdict, Role
from evaluation.models import Approval, CampaignEvent, Disqualification, Honour, Objection, PublicationMode
from evaluation.services import approval, disqualification, notice, publication
from evaluation.workflows.pipeline import OutOfOrder
from tests.factories.evaluation import make_staff
from tests.factories.portal import HonourRollPageFactory

from .conftest import close_notice, inspect, set_notice

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
DOC = "清文明委〔2026〕12号"


def at(day, hour):
    """A local (Asia/Shanghai) moment of `day`, for the clock to travel to."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def approve(campaign, nominations, actor, *, on=None):
    return approval.record_approval(
        campaign,
        actor=actor,
        document_number=DOC,
        approved_on=on or timezone.localdate(),
        nominations=nominations,
    )


def refusal_code(campaign, nominations, actor):
    with pytest.raises(OutOfOrder) as refused:
        approve(campaign, nominations, actor)
    assert not Approval.objects.exists()
    return refused.value


def objection(campaign, nomination, outcome=None, actor=None):
    case = Objection(campaign=campaign, nomination=nomination, objector_name="周建国", facts="事迹与实际不符。")
    case.set_contact("13600001111")
    case.save()
    if outcome:
        notice.update_case(case, actor=actor, outcome=outcome, public_result="经核查，已答复。", assignee=actor)
    return case


@pytest.fixture
def roll(home):
    page = HonourRollPageFactory(parent=home)
    page.save_revision().publish()
    return page


def test_approval_is_refused_while_the_notice_is_open_and_succeeds_the_day_after_it_ends(
    notice_campaign, candidates, city_staff
):
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "notice_open" and "公示期内不能审批" in refused.message
    ends = notice.notice_stage(notice_campaign).ends_on
    with time_machine.travel(at(ends, 23), tick=False):
        assert refusal_code(notice_campaign, candidates, city_staff).code == "notice_open"
    with time_machine.travel(at(ends + DAY, 8), tick=False):
        # A decision dated within the notice is refused even once the notice is over.
        with pytest.raises(OutOfOrder, match="批复日期须在网上公示结束"):
            approve(notice_campaign, candidates, city_staff, on=ends)
        recorded = approve(notice_campaign, candidates, city_staff)
    assert recorded.approved_on == ends + DAY
    assert set(recorded.nominations.all()) == set(candidates)
    assert CampaignEvent.objects.filter(campaign=notice_campaign, action="approval_recorded").count() == 1


def test_a_campaign_without_a_notice_cannot_be_approved(notice_campaign, candidates, city_staff):
    notice.notice_stage(notice_campaign).delete()
    assert refusal_code(notice_campaign, candidates, city_staff).code == "notice_open"


def test_open_and_upheld_objections_refuse_approval(notice_campaign, candidates, city_staff):
    case = objection(notice_campaign, candidates[1])
    close_notice(notice_campaign)
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "objection_open" and "刘志刚" in refused.message
    notice.update_case(
        case, actor=city_staff, outcome="upheld", public_result="经核查，异议成立。", assignee=city_staff
    )
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "objection_upheld" and "刘志刚" in refused.message
    # Without the candidate whose objection was upheld, the others may be approved.
    assert approve(notice_campaign, [candidates[0], candidates[2]], city_staff)


def test_inspection_gates_approval_and_may_be_made_optional(notice_campaign, candidates, city_staff):
    close_notice(notice_campaign)
    inspect(notice_campaign, candidates[0], InspectionVerdict.FAILED)
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "inspection_failed" and "王秀英" in refused.message and "不通过" in refused.message
    inspect(notice_campaign, candidates[0], InspectionVerdict.PENDING)
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "inspection_missing" and "王秀英" in refused.message
    notice_campaign.inspections.filter(nomination=candidates[0]).delete()
    assert refusal_code(notice_campaign, candidates, city_staff).code == "inspection_missing"

    # Optional inspection lets an uninspected candidate through, never a failed one.
    notice_campaign.inspection_optional = True
    notice_campaign.save()
    inspect(notice_campaign, candidates[1], InspectionVerdict.FAILED)
    assert refusal_code(notice_campaign, candidates, city_staff).code == "inspection_failed"
    assert approve(notice_campaign, [candidates[0], candidates[2]], city_staff)


def test_only_the_shortlist_on_the_notice_can_be_approved(notice_campaign, candidates, city_staff):
    close_notice(notice_campaign)
    notice_campaign.shortlist.filter(nomination=candidates[2]).delete()
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "not_shortlisted" and "陈淑芬" in refused.message


def test_total_and_per_category_quotas(notice_campaign, candidates, city_staff):
    close_notice(notice_campaign)
    notice_campaign.honouree_quota_min, notice_campaign.honouree_quota_max = 1, 2
    notice_campaign.save()
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "over_quota" and "上限2人" in refused.message
    notice_campaign.honouree_quota_max = 40
    notice_campaign.category_quota = 1
    notice_campaign.save()
    candidates[2].category = candidates[0].category
    candidates[2].save()
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "over_quota" and "助人为乐2人" in refused.message and "每类入选上限1人" in refused.message


def test_a_disqualified_candidate_leaves_the_notice_and_cannot_be_approved(
    client, notice_page, notice_campaign, candidates, city_staff
):
    assert "刘志刚" in client.get(notice_page.url + "notice/").content.decode()
    with pytest.raises(Exception, match="至少10个字"):
        disqualification.disqualify(notice_campaign, candidates[1], actor=city_staff, grounds="刷票")
    decision = disqualification.disqualify(
        notice_campaign, candidates[1], actor=city_staff, grounds="经核查，其亲属组织多人使用虚拟号码集中刷票。"
    )
    assert decision.decided_by == city_staff
    assert candidates[1].events.filter(action="disqualified").exists()
    html = client.get(notice_page.url + "notice/").content.decode()
    assert "刘志刚" not in html and "王秀英" in html
    assert candidates[1] not in approval.approvable(notice_campaign)
    close_notice(notice_campaign)
    refused = refusal_code(notice_campaign, candidates, city_staff)
    assert refused.code == "disqualified" and "刘志刚" in refused.message


def test_publication_follows_approval_after_the_notice(roll, notice_campaign, candidates, city_staff):
    with pytest.raises(publication.PublicationRefused) as refused:
        publication.publish(notice_campaign, actor=city_staff)
    assert refused.value.code == "not_approved"
    close_notice(notice_campaign)
    approve(notice_campaign, candidates[:2], city_staff)
    # An approval entered before the rule existed, during the notice: publication still waits for the notice.
    set_notice(notice_campaign, timezone.localdate() - DAY, timezone.localdate() + DAY)
    with pytest.raises(publication.PublicationRefused) as refused:
        publication.publish(notice_campaign, actor=city_staff)
    assert refused.value.code == "notice_open"
    close_notice(notice_campaign)
    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    publication.publish(notice_campaign, actor=city_staff)
    # Only the approved people are published.
    assert sorted(Honour.objects.values_list("name", flat=True)) == sorted(n.nominee_name for n in candidates[:2])


# ---- the staff API -----------------------------------------------------------------------------------------


def approval_body(nominations):
    ids = [n.pk for n in nominations]
    return {"document_number": DOC, "date": timezone.localdate().isoformat(), "nomination_ids": ids}


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def api(campaign, action):
    return f"/api/v1/staff/campaigns/{campaign.pk}/{action}"


def test_pipeline_reports_each_candidates_standing(client, notice_campaign, candidates, city_staff):
    inspect(notice_campaign, candidates[1], InspectionVerdict.FAILED)
    notice_campaign.inspections.filter(nomination=candidates[2]).delete()
    objection(notice_campaign, candidates[0])
    client.force_login(city_staff)
    body = client.get(api(notice_campaign, "pipeline")).json()
    stage = notice.notice_stage(notice_campaign)
    assert body["notice"] == {
        "starts": stage.starts_on.isoformat(),
        "ends": stage.ends_on.isoformat(),
        "open": True,
        "open_cases": 1,
    }
    rows = {row["name"]: row for row in body["candidates"]}
    assert [row["name"] for row in body["candidates"]] == ["王秀英", "刘志刚", "陈淑芬"]
    assert rows["王秀英"]["inspection"] == "pass" and rows["刘志刚"]["inspection"] == "fail"
    assert rows["陈淑芬"]["inspection"] == "none"
    assert all(r["shortlisted"] and not r["approved"] and not r["published"] for r in rows.values())
    assert set(rows["王秀英"]) == {
        "id",
        "name",
        "category",
        "shortlisted",
        "inspection",
        "approved",
        "published",
        "disqualified",
    }


@pytest.mark.parametrize(
    "arrange, code",
    [
        (lambda c, n, s: None, "notice_open"),
        (lambda c, n, s: (close_notice(c), objection(c, n[0])), "objection_open"),
        (lambda c, n, s: (close_notice(c), objection(c, n[0], "upheld", s)), "objection_upheld"),
        (lambda c, n, s: (close_notice(c), c.inspections.filter(nomination=n[0]).delete()), "inspection_missing"),
        (lambda c, n, s: (close_notice(c), inspect(c, n[0], InspectionVerdict.FAILED)), "inspection_failed"),
        (lambda c, n, s: (close_notice(c), c.shortlist.filter(nomination=n[0]).delete()), "not_shortlisted"),
        (
            lambda c, n, s: (
                close_notice(c),
                Disqualification.objects.create(campaign=c, nomination=n[0], grounds="确认刷票。", decided_by=s),
            ),
            "disqualified",
        ),
        (lambda c, n, s: (close_notice(c), setattr(c, "category_quota", 0), c.save()), "over_quota"),
    ],
)
def test_approval_api_refuses_with_the_rules_code(client, notice_campaign, candidates, city_staff, arrange, code):
    arrange(notice_campaign, candidates, city_staff)
    client.force_login(city_staff)
    body = approval_body(candidates)
    response = post(client, api(notice_campaign, "approval"), body)
    assert response.status_code == 409, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert not Approval.objects.exists()


def test_approval_and_publication_through_the_api(client, roll, notice_campaign, candidates, city_staff):
    client.force_login(city_staff)
    response = post(client, api(notice_campaign, "publication"), {})
    assert response.status_code == 409 and response.json()["code"] == "not_approved"
    body = approval_body(candidates)
    assert post(client, api(notice_campaign, "approval"), body).json()["code"] == "notice_open"

    close_notice(notice_campaign)
    bad = post(client, api(notice_campaign, "approval"), {**body, "document_number": " "})
    assert bad.status_code == 400 and "批复文号" in bad.json()["message"]
    response = post(client, api(notice_campaign, "approval"), body)
    assert response.status_code == 201, response.content
    assert sorted(response.json()["nomination_ids"]) == sorted(n.pk for n in candidates)
    assert CampaignEvent.objects.filter(campaign=notice_campaign, action="approval_recorded").exists()

    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    response = post(client, api(notice_campaign, "publication"), {})
    assert response.status_code == 201, response.content
    release_path = response.json()["release_url"].removeprefix("http://testserver")
    assert "王秀英" in client.get(release_path).content.decode()
    rows = client.get(api(notice_campaign, "pipeline")).json()["candidates"]
    assert all(r["approved"] and r["published"] for r in rows)
    assert CampaignEvent.objects.filter(campaign=notice_campaign, action="campaign_published").exists()


def test_staff_api_is_for_city_staff_only(client, notice_campaign, candidates, staff, jurisdictions):
    expert = make_staff("expert_x", Role.EXPERT, jurisdictions["city"])
    for user in (staff["hexi_reviewer"], expert):
        client.force_login(user)
        for response in (
            client.get(api(notice_campaign, "pipeline")),
            post(client, api(notice_campaign, "publication"), {}),
        ):
            assert response.status_code == 403
            assert set(response.json()) == {"message", "errors"} and "市文明办" in response.json()["message"]
    client.logout()
    assert client.get(api(notice_campaign, "pipeline")).status_code == 401
    schema = client.get("/api/v1/openapi.json").json()
    for action in ("pipeline", "approval", "publication"):
        assert f"/api/v1/staff/campaigns/{{campaign_id}}/{action}" in schema["paths"]


def test_the_admin_names_the_rule_and_records_a_disqualification(client, notice_campaign, candidates, city_staff):
    client.force_login(city_staff)
    form = {
        "campaign": notice_campaign.pk,
        "document_number": DOC,
        "approved_on": timezone.localdate().isoformat(),
        "nominations": [n.pk for n in candidates],
        "note": "",
    }
    response = client.post("/admin/evaluation/approvals/new/", form)
    assert response.status_code == 200 and "公示期内不能审批" in response.content.decode()
    assert not Approval.objects.exists()

    url = "/admin/evaluation/disqualifications/new/"
    assert "取消资格理由" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "campaign": notice_campaign.pk,
            "nomination": candidates[2].pk,
            "grounds": "经核查，其亲属组织多人使用虚拟号码集中刷票。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Disqualification.objects.get().nomination == candidates[2]
    listing = client.get("/admin/evaluation/disqualifications/").content.decode()
    assert "陈淑芬" in listing
    close_notice(notice_campaign)
    response = client.post("/admin/evaluation/approvals/new/", form)
    assert "陈淑芬已因刷票被取消候选资格" in response.content.decode()


def test_the_publish_command_keeps_the_same_rules(roll, notice_campaign, candidates, city_staff):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=r"\[not_approved\]"):
        call_command("publish_campaign", str(notice_campaign.pk), "--user", city_staff.username)
    close_notice(notice_campaign)
    approve(notice_campaign, candidates, city_staff)
    notice_campaign.publication_mode = PublicationMode.LIVE
    notice_campaign.save()
    call_command("publish_campaign", str(notice_campaign.pk), "--user", city_staff.username)
    assert Honour.objects.filter(campaign=notice_campaign).count() == 3
    with pytest.raises(CommandError, match="不存在"):
        call_command("publish_campaign", "99999", "--user", city_staff.username)
