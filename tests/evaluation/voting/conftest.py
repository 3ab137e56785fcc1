import pytest
from django.test import RequestFactory

from evaluation.choices import StageKind
from evaluation.models import VotingRules
from tests.factories.evaluation import CampaignFactory, build_jurisdictions, make_candidate, make_candidates


@pytest.fixture
def voting_campaign(db):
    """A campaign in its vote stage with default rules (device mode, live counts, 10 a day)."""
    campaign = CampaignFactory(stages=[StageKind.NOMINATION, StageKind.VOTE])
    VotingRules.objects.create(campaign=campaign)
    return campaign


@pytest.fixture
def candidates(voting_campaign):
    places = build_jurisdictions()
    return make_candidates(voting_campaign, places["hexi_street"], 6)


@pytest.fixture
def rf_request():
    """A request from one client address (the address keys the per-client limits)."""

    def make(address="203.0.113.7"):
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        return request

    return make


def set_rules(campaign, **values):
    VotingRules.objects.filter(campaign=campaign).update(**values)


# ---- the public voting page (test_vote_page.py, test_comments.py) -----------------------------

ORIGIN = "http://testserver"


@pytest.fixture
def voting_page(home, voting_campaign):
    from evaluation.pages import CampaignPage

    page = CampaignPage(title="我推荐我评议身边好人", slug="pingyi", campaign=voting_campaign)
    home.add_child(instance=page)
    return page


@pytest.fixture
def named_candidates(voting_campaign, jurisdictions):
    """Three public candidates in different categories and districts, and one still under review."""
    from evaluation.workflows.nomination import Status

    return {
        "wang": make_candidate(
            voting_campaign,
            jurisdictions["hexi_street"],
            "王秀英",
            "201",
            story="王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        ),
        "li": make_candidate(
            voting_campaign,
            jurisdictions["cg_street"],
            "李建国",
            "203",
            category="bravery",
            story="李建国在汾河岸边跳入冰冷的河水，救起一名落水的小学生，随后悄然离开未留姓名。",
        ),
        "zhang": make_candidate(
            voting_campaign,
            jurisdictions["unit"],
            "张敏",
            "205",
            category="honesty",
            story="张敏在供电营业厅工作十二年，拾到顾客遗失的现金和证件，总是第一时间设法归还失主。",
        ),
        "pending": make_candidate(
            voting_campaign, jurisdictions["hexi"], "待审核者", "207", status=Status.PENDING_CITY
        ),
    }


@pytest.fixture
def list_url(voting_page):
    return voting_page.url + "candidates/"


def action_url(page, action, pk):
    """Where the page's forms post (outside Wagtail's serve view, so that CSRF can be replaced)."""
    return f"/evaluation/campaigns/{page.pk}/{action}/{pk}/"


def vote_url(page, candidate):
    return action_url(page, "vote", candidate.pk)
