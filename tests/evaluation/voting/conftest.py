import pytest
from django.test import RequestFactory

from evaluation.choices import StageKind
from evaluation.models import VotingRules
from tests.factories.evaluation import CampaignFactory, build_jurisdictions, make_candidates


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
