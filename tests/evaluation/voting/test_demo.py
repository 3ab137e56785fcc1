"""The voting demo: a device-mode campaign open for voting with 20+ candidates and votes, and an SMS one."""

import pytest
from django.test import Client

from evaluation import demo
from evaluation.choices import CountsDisplay, IdentityMode, StageKind
from evaluation.demo import voting as demo_voting
from evaluation.models import Campaign, LedgerCheckpoint, NominationPhoto
from evaluation.services import ledger, voting


@pytest.fixture
def loaded(demo_site, db):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_site["roll"]


def test_device_mode_campaign_open_with_candidates_photos_and_votes(loaded):
    campaign = Campaign.objects.get(title=demo_voting.VOTE_TITLE)
    rules = voting.rules_for(campaign)
    assert campaign.stage_is_open(StageKind.VOTE)
    assert (rules.identity_mode, rules.counts_display) == (IdentityMode.DEVICE, CountsDisplay.LIVE)

    candidates = list(voting.votable_candidates(campaign).select_related("jurisdiction"))
    assert len(candidates) >= 20
    assert len({c.category for c in candidates}) == 5
    assert len({c.jurisdiction.get_parent().pk for c in candidates}) >= 2
    photos = NominationPhoto.objects.filter(nomination__in=candidates, public_image__isnull=False)
    assert photos.values("nomination").distinct().count() == len(candidates)

    counts = voting.counts(campaign)
    total = sum(c["valid"] for c in counts.values())
    assert total == campaign.votes.count() > 0
    assert ledger.state(campaign)["size"] == total
    assert LedgerCheckpoint.objects.filter(campaign=campaign, size=total).exists()

    rows = Client().get(f"/api/v1/campaigns/{campaign.pk}/candidates").json()
    assert sum(row["votes"] for row in rows) == total


def test_sms_campaign_and_a_second_load_changes_nothing(loaded):
    campaign = Campaign.objects.get(title=demo_voting.SMS_TITLE)
    assert voting.rules_for(campaign).identity_mode == IdentityMode.SMS
    assert voting.votable_candidates(campaign).count() == len(demo_voting.SMS_CANDIDATES)

    before = Campaign.objects.count()
    assert demo.load(log=lambda *args: None) is False
    assert Campaign.objects.count() == before
