"""The demo shows the end of the pipeline: a release on the honour roll with certificates, and a live notice."""

import pytest

from evaluation.demo.results import NOTICE_TITLE, PUBLISHED_TITLE
from evaluation.models import Campaign, Certificate, Objection, ShortlistEntry
from evaluation.services import drawing, scoring
from portal.models import HonoureePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_site, db):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_site["roll"]


def test_demo_has_a_published_release_linked_from_the_honour_roll(client, loaded):
    campaign = Campaign.objects.get(title=PUBLISHED_TITLE)
    assert campaign.is_published and campaign.release_page.get_parent().pk == loaded.pk
    roll_html = client.get(loaded.url).content.decode()
    assert campaign.release_page.url in roll_html and "孟凡荣" in roll_html
    profiles = HonoureePage.objects.child_of(campaign.release_page).live()
    assert profiles.count() == 3
    assert Certificate.objects.filter(honour__campaign=campaign, revoked_at__isnull=True).count() == 3
    results = client.get(f"/api/v1/campaigns/{campaign.pk}/results").json()
    assert len(results["honourees"]) == 3
    assert "异议不成立" in client.get("/2026q3-haoren/notice/").content.decode()


def test_demo_has_a_notice_with_an_open_objection(client, loaded):
    campaign = Campaign.objects.get(title=NOTICE_TITLE)
    html = client.get("/gongshi/notice/").content.decode()
    assert "彭国庆" in html and "谭雅琴" in html and "龚德明" in html and "提交异议" in html
    assert Objection.objects.filter(campaign=campaign, status="open").count() == 1
    assert client.get(f"/api/v1/campaigns/{campaign.pk}/notice").json()["objections"] == {"open": 1, "closed": 0}
    assert client.get(f"/api/v1/campaigns/{campaign.pk}/results").status_code == 404


@pytest.mark.parametrize("title", [PUBLISHED_TITLE, NOTICE_TITLE])
def test_demo_shortlists_come_from_a_drawn_scored_and_ranked_round(loaded, title):
    """The shortlist is what the services produce: a verifiable draw, five experts' scores, the ranking's cut,
    and inspections: all passed where published; passed, failed and not yet done where the notice is open."""
    campaign = Campaign.objects.get(title=title)
    (draw,) = campaign.expert_draws.all()
    assert drawing.verify(draw) and draw.is_closed and len(draw.panel) == 5
    entries = list(ShortlistEntry.objects.filter(campaign=campaign).order_by("rank"))
    report = scoring.ranking_report(campaign)
    assert [e.nomination_id for e in entries] == [row.candidate for row in report.rows]
    assert draw.scores.count() == 5 * len(entries)
    verdicts = [getattr(e.nomination.inspections.first(), "verdict", None) for e in entries]
    assert verdicts == (["passed"] * 3 if title == PUBLISHED_TITLE else ["passed", "failed", None])
    assert campaign.events.filter(action="shortlist_cut").exists()


def test_demo_has_two_honours_on_one_profile_and_a_group_nomination(client, loaded):
    from evaluation.models import Honour, Nomination
    from portal.models import HonoureePage

    (promoted,) = [h for h in Honour.objects.all() if h.promotions.filter(status="awarded").exists()]
    profile = HonoureePage.objects.get(pk=promoted.page_id)
    assert HonoureePage.objects.filter(title=promoted.name).count() == 1
    assert [h.level for h in profile.honours_newest_first()] == ["province", "city"]
    assert "河东好人" in client.get(profile.url).content.decode()
    assert {d.kind for d in promoted.promotions.get().decisions.all()} == {"expert_review", "directors_meeting"}
    group = Nomination.objects.get(subject_kind="collective")
    assert group.members.count() == 4 and group.contact_name and not group.id_number_hash
