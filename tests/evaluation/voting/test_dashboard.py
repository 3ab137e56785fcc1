"""The staff voting dashboard: who sees it, the chart data, bulk decisions on alerts, the XLSX export."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from evaluation.choices import IdentityMode, StageKind, VoteStatus
from evaluation.models import Nomination, SuspicionStatus, Vote, VoteSuspicion, VotingRules
from evaluation.services import brushing
from evaluation.viewsets import voting_dashboard
from tests.factories.evaluation import CampaignFactory, build_jurisdictions, build_staff, make_candidates

from .traffic import Generator


@pytest.fixture
def staff(db):
    return build_staff(build_jurisdictions())


@pytest.fixture
def campaign(staff):
    campaign = CampaignFactory(stages=[StageKind.NOMINATION, StageKind.VOTE])
    VotingRules.objects.create(campaign=campaign, identity_mode=IdentityMode.SMS)
    candidates = make_candidates(campaign, campaign_place(), 6)
    Generator(campaign, candidates, seed=21).normal(voters=25).attack("device").attack("phone_sequence").run()
    brushing.detect(campaign)
    return campaign


def campaign_place():
    from evaluation.models import Jurisdiction

    return Jurisdiction.objects.get(name="河西区柳巷街道")


def url(campaign=None, suffix=""):
    return f"/admin/evaluation/voting/{campaign.pk}/{suffix}" if campaign else "/admin/evaluation/voting/"


def test_city_staff_see_hours_candidates_and_alerts(client, staff, campaign):
    client.force_login(staff["city_staff"])

    index = client.get(url())
    page = client.get(url(campaign))

    assert index.status_code == 200 and campaign.title in index.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "vendor/chartjs/chart.umd.js" in html and "js/vote_dashboard.js" in html
    chart = page.context["chart"]
    per_status = {s["status"]: sum(s["data"]) for s in chart["series"]}
    assert per_status == {s: Vote.objects.filter(campaign=campaign, status=s).count() for s in VoteStatus.values}
    assert per_status[VoteStatus.QUARANTINED] >= 20 and chart["labels"]
    assert json.loads(html.split('id="vote-chart-data" type="application/json">')[1].split("</script>")[0]) == chart
    rows = {row["id"]: row for row in page.context["candidates"]}
    for candidate in Nomination.objects.filter(campaign=campaign):
        assert candidate.nominee_name in html
        assert rows[candidate.pk][VoteStatus.VALID] == candidate.votes.filter(status=VoteStatus.VALID).count()
        assert rows[candidate.pk][VoteStatus.QUARANTINED] == candidate.votes.filter(status="quarantined").count()
    assert "同一设备特征多人投票" in html and "连号手机号投票" in html
    assert "个手机号投票" in html  # the evidence in words
    assert "确认刷票" in html and "解除嫌疑" in html


def test_chart_library_is_served_from_static_with_its_licence():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "chartjs"
    assert "Chart.js v4" in (vendor / "chart.umd.js").read_text()[:200]
    assert "MIT" in (vendor / "LICENSE.md").read_text()
    # collectstatic's manifest storage fails on a source map reference to a file not shipped.
    assert "sourceMappingURL" not in (vendor / "chart.umd.js").read_text() or (vendor / "chart.umd.js.map").exists()


@pytest.mark.parametrize("role", ["hexi_reviewer", "hexi_submitter", "editor", "expert"])
def test_other_staff_are_refused(client, staff, campaign, role):
    client.force_login(staff[role])
    suspicion = VoteSuspicion.objects.filter(campaign=campaign).first()

    assert client.get(url()).status_code == 403
    assert client.get(url(campaign)).status_code == 403
    assert client.get(url(campaign, "results.xlsx")).status_code == 403
    response = client.post(url(campaign, "decide/"), {"action": "confirm", "suspicions": [suspicion.pk]})
    assert response.status_code == 403
    assert not Vote.objects.filter(campaign=campaign, status=VoteStatus.INVALID).exists()


def test_anonymous_visitors_are_sent_to_login(client, campaign):
    response = client.get(url(campaign))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_item_only_for_city_staff(staff):
    item = voting_dashboard.menu_item()
    request = RequestFactory().get("/admin/")
    for user, shown in [(staff["city_staff"], True), (staff["hexi_reviewer"], False), (AnonymousUser(), False)]:
        request.user = user
        assert item.is_shown(request) is shown


def test_bulk_confirm_and_release(client, staff, campaign):
    client.force_login(staff["city_staff"])
    device = VoteSuspicion.objects.get(campaign=campaign, detector="device")
    phones = list(VoteSuspicion.objects.filter(campaign=campaign, detector="phone_sequence"))

    response = client.post(url(campaign, "decide/"), {"action": "confirm", "suspicions": [device.pk]}, follow=True)
    assert "已确认 1 条刷票预警" in response.content.decode()
    response = client.post(url(campaign, "decide/"), {"action": "release", "suspicions": [s.pk for s in phones]})
    assert response.status_code == 302

    device.refresh_from_db()
    assert device.status == SuspicionStatus.CONFIRMED and device.decided_by == staff["city_staff"]
    assert set(device.votes.values_list("status", flat=True)) == {VoteStatus.INVALID}
    for suspicion in phones:
        suspicion.refresh_from_db()
        assert suspicion.status == SuspicionStatus.RELEASED
        assert set(suspicion.votes.values_list("status", flat=True)) == {VoteStatus.VALID}
    page = client.get(url(campaign) + "?status=confirmed").content.decode()
    assert "已确认刷票" in page and staff["city_staff"].first_name in page
    # Nothing selected: a message, no change.
    response = client.post(url(campaign, "decide/"), {"action": "confirm"}, follow=True)
    assert "请先勾选要处理的预警" in response.content.decode()


def test_xlsx_export_counts_and_formula_safe_cells(client, staff, campaign):
    client.force_login(staff["city_staff"])
    target = Nomination.objects.filter(campaign=campaign).first()
    Nomination.objects.filter(pk=target.pk).update(nominee_name='=HYPERLINK("http://example.com","点我")')

    response = client.get(url(campaign, "results.xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["投票结果"]
    header = [c.value for c in sheet[3]]
    assert header == ["排名", "候选人", "类别", "所属地区", "有效票", "待核查", "无效票", "合计"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert '\'=HYPERLINK("http://example.com","点我")' in rows
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sum(r[4] + r[5] + r[6] for r in rows.values()) == Vote.objects.filter(campaign=campaign).count()
    assert sum(r[5] for r in rows.values()) == Vote.objects.filter(campaign=campaign, status="quarantined").count()
    assert book["刷票预警"].max_row == 1 + VoteSuspicion.objects.filter(campaign=campaign).count()
