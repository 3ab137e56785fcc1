"""Casting votes: the interface the public pages and the API call.

LOCAL STAND-IN written on the `voting-page` branch so the voting page can be built
and tested before `voting-core` lands; the lead replaces this module with the
real one (Vote/Voter models, limits, ledger, detectors) at merge. It keeps exactly
the real interface: issue_voter, voter_from_token, cast, counts, CastResult,
VoteRefused. It stores nothing but SharedCounter rows: one per (campaign,
candidate, voter, day) whose first increment is the vote, one count per candidate.
"""

import dataclasses
import hashlib
import secrets

from django.utils import timezone

from evaluation.choices import StageKind
from portal.models import SharedCounter

__all__ = ["CastResult", "VoteRefused", "Voter", "cast", "counts", "issue_voter", "voter_from_token"]


class VoteRefused(Exception):  # noqa: N818 - the name of the shared interface
    """A vote that is not counted, with a Chinese reason for the voter."""

    def __init__(self, code, message, http_status=409):
        super().__init__(message)
        self.code, self.message, self.http_status = code, message, http_status


@dataclasses.dataclass(frozen=True)
class Voter:
    campaign_id: int
    key: str


@dataclasses.dataclass(frozen=True)
class CastResult:
    created: bool
    vote: object
    receipt: str


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def issue_voter(campaign, *, mode_data, request):
    """A new anonymous device voter and its bearer token (device mode only here)."""
    token = secrets.token_urlsafe(24)
    voter = Voter(campaign.pk, _hash(token))
    SharedCounter.objects.incr(f"voter:{campaign.pk}:{voter.key}")
    return voter, token


def voter_from_token(campaign, token):
    if not token or len(token) > 100:
        return None
    key = _hash(token)
    if not SharedCounter.objects.filter(key=f"voter:{campaign.pk}:{key}").exists():
        return None
    return Voter(campaign.pk, key)


def _is_candidate(campaign, candidate_id):
    from evaluation.models import Nomination

    return Nomination.objects.candidates(campaign).filter(pk=candidate_id).exists()


def cast(campaign, candidate_id, voter, *, request, captcha_key="", captcha_answer=""):
    """Count one vote per voter, candidate and day; a repeat raises `already_counted`."""
    if not campaign.stage_is_open(StageKind.VOTE):
        raise VoteRefused("closed", "本次评选当前不在投票时间内。", 403)
    if voter is None or voter.campaign_id != campaign.pk:
        raise VoteRefused("no_voter", "投票身份无效，请刷新页面后重试。", 401)
    if not _is_candidate(campaign, candidate_id):
        raise VoteRefused("not_candidate", "该候选人不在本次投票名单中。", 404)
    day = timezone.localdate().isoformat()
    natural_key = f"vote:{campaign.pk}:{candidate_id}:{voter.key}:{day}"
    if SharedCounter.objects.incr(natural_key) > 1:
        raise VoteRefused("already_counted", "您今天已为这位候选人投过票，明天可以再投。", 409)
    SharedCounter.objects.incr(f"votes:{campaign.pk}:{candidate_id}")
    receipt = hashlib.sha256(natural_key.encode()).hexdigest()[:20]
    return CastResult(created=True, vote=None, receipt=receipt)


def counts(campaign):
    """Valid and quarantined votes per candidate id (nothing is quarantined here)."""
    prefix = f"votes:{campaign.pk}:"
    rows = SharedCounter.objects.filter(key__startswith=prefix).values_list("key", "value")
    return {int(key[len(prefix) :]): {"valid": value, "quarantined": 0} for key, value in rows}
