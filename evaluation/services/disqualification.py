"""Disqualifying a candidate found brushing (seed 000 §3.3): the one writer of Disqualification.

The decision is city staff's, recorded with its grounds and the confirmed brushing
findings behind it.  From then on the candidate is left out of the ranking
(services/scoring.py), the public notice (services/notice.py) and approval
(services/approval.py); the votes and the findings stay as they were.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from evaluation import rules
from evaluation.models import Disqualification, Nomination, SuspicionStatus, VoteSuspicion
from evaluation.services import audit

GROUNDS_MIN_CHARS = 10


@transaction.atomic
def disqualify(campaign, nomination, *, actor, grounds, suspicions=()):
    """Record that `nomination` leaves `campaign`; `suspicions` are the confirmed findings relied on."""
    if not rules.can_publish(actor):
        raise PermissionDenied("只有市文明办工作人员可以取消候选资格。")
    if not Nomination.objects.filter(pk=nomination.pk, campaign=campaign).exists():
        raise ValidationError(f"{nomination.nominee_name}不是本次活动的候选人。")
    grounds = (grounds or "").strip()
    if len(grounds) < GROUNDS_MIN_CHARS:
        raise ValidationError(f"请写明取消资格的事实和依据（至少{GROUNDS_MIN_CHARS}个字）。")
    suspicions = list(suspicions)
    foreign = [s for s in suspicions if s.campaign_id != campaign.pk]
    if foreign:
        raise ValidationError("所选刷票预警不属于本次活动。")
    unconfirmed = [s for s in suspicions if s.status != SuspicionStatus.CONFIRMED]
    if unconfirmed:
        raise ValidationError("只能依据已确认的刷票预警取消资格，请先在“刷票预警”中核查确认。")
    if Disqualification.objects.filter(campaign=campaign, nomination=nomination).exists():
        raise ValidationError(f"{nomination.nominee_name}已被取消候选资格。")
    decision = Disqualification.objects.create(
        campaign=campaign, nomination=nomination, grounds=grounds, decided_by=actor
    )
    decision.suspicions.set(suspicions)
    audit.record(
        nomination,
        action="disqualified",
        actor=actor,
        reason=grounds,
        suspicions=[s.pk for s in suspicions],
    )
    return decision


def confirmed_findings(campaign):
    """The campaign's confirmed brushing findings, the grounds staff may cite."""
    return VoteSuspicion.objects.filter(campaign=campaign, status=SuspicionStatus.CONFIRMED)
