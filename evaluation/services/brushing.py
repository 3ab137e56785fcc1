"""Brushing (防刷票): run the detectors, hold suspect votes, and record staff decisions.

`detect(campaign)` reads a campaign's votes once, runs every detector
(services/detectors.py) and, for each finding, opens (or adds to) a
VoteSuspicion with its evidence and quarantines its votes through
`voting.set_status`, so the ledger gets a status entry and the vote entry stays.
Nothing is deleted. A vote staff released is never held again by a later run.

Staff then `confirm` a finding (its held votes become invalid) or `release` it
(valid again, unless another open finding still holds them). The public count
is the valid count; `public_report` gives the totals and the rules in words.

Run by `manage.py detect_brushing [--campaign N]` (cron, see README).
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.log_actions import log

from evaluation import rules
from evaluation.choices import IdentityMode, StageKind, VoteStatus
from evaluation.models import CampaignStage, Detector, SuspicionStatus, Vote, Voter, VoteSuspicion
from evaluation.services import detectors, voting
from evaluation.services.detectors import Thresholds, VoteRow

logger = logging.getLogger(__name__)

HELD = "brushing_{}"  # reason code of a held vote, by detector
CONFIRMED = "brushing_confirmed_{}"
RELEASED = "brushing_released"


def thresholds():
    """The default thresholds, with settings.VOTE_BRUSHING applied."""
    return dataclasses.replace(Thresholds(), **getattr(settings, "VOTE_BRUSHING", {}))


def _rows(campaign):
    fields = (
        "id",
        "candidate_id",
        "voter_id",
        "created_at",
        "day",
        "address_hash",
        "subnet_hash",
        "device_hash",
        "voter__phone_bucket",
        "voter__identity_hash",
        "status",
        "reason_code",
    )
    rows = []
    for values in Vote.objects.filter(campaign=campaign).values_list(*fields).iterator(chunk_size=5000):
        *head, status, reason = values
        rows.append(VoteRow(*head, open=status == VoteStatus.VALID and not reason))
    return rows


def _campaigns_by_identity(campaign, t, now):
    """For this campaign's phone and account voters: in how many campaigns each voted recently."""
    since = now - datetime.timedelta(days=t.cross_days)
    identities = Voter.objects.filter(campaign=campaign).exclude(mode=IdentityMode.DEVICE).values("identity_hash")
    found = (
        Vote.objects.filter(voter__identity_hash__in=identities, created_at__gte=since)
        .values("voter__identity_hash")
        .annotate(n=Count("campaign", distinct=True))
    )
    return {row["voter__identity_hash"]: row["n"] for row in found}


def find(campaign, *, t=None, now=None):
    """Every detector's findings for `campaign`, without changing anything."""
    t = t or thresholds()
    rows = _rows(campaign)
    findings = []
    for detector in detectors.ALL.values():
        findings.extend(detector(rows, t))
    by_identity = _campaigns_by_identity(campaign, t, now or timezone.now())
    findings.extend(detectors.cross_campaign(rows, t, by_identity))
    return findings


def _record(campaign, finding):
    """Open or extend the suspicion for this finding and hold its votes; returns the number newly held."""
    with transaction.atomic():
        suspicion = VoteSuspicion.objects.filter(
            campaign=campaign, detector=finding.detector, key=finding.key, status=SuspicionStatus.OPEN
        ).first()
        if suspicion is None:
            suspicion = VoteSuspicion.objects.create(
                campaign=campaign, detector=finding.detector, key=finding.key, evidence=finding.evidence
            )
        else:
            suspicion.evidence = finding.evidence
        held = 0
        # Locked and checked again: a vote reviewed or held since the rows were read is left as it is.
        unreviewed = Vote.objects.select_for_update().filter(status=VoteStatus.VALID, reason_code="")
        for vote in unreviewed.filter(pk__in=finding.vote_ids).order_by("pk"):
            voting.set_status(vote, VoteStatus.QUARANTINED, reason_code=HELD.format(finding.detector))
            held += 1
        suspicion.votes.add(*finding.vote_ids)
        suspicion.vote_count = suspicion.votes.count()
        suspicion.save(update_fields=["evidence", "vote_count", "updated_at"])
    return held


def detect(campaign, *, t=None, now=None):
    """Run the detectors on `campaign` and hold what they find; {detector: votes newly held}."""
    held = dict.fromkeys(Detector.values, 0)
    for finding in find(campaign, t=t, now=now):
        if finding.vote_ids:
            held[finding.detector] += _record(campaign, finding)
    if any(held.values()):
        logger.info("brushing: campaign %s, votes held %s", campaign.pk, held)
    return held


def campaigns_to_check(today=None):
    """Campaigns voting today or until yesterday (late votes of the last day are checked once more)."""
    today = today or timezone.localdate()
    stages = CampaignStage.objects.filter(
        kind=StageKind.VOTE, enabled=True, starts_on__lte=today, ends_on__gte=today - datetime.timedelta(days=1)
    )
    return [stage.campaign for stage in stages.select_related("campaign").order_by("campaign_id")]


# ---- staff decisions -------------------------------------------------------------------------------


def _decide(suspicions, user, status, action):
    if not rules.is_city_staff(user):
        raise PermissionDenied("只有市文明办工作人员可以处理刷票预警。")
    decided = []
    for suspicion in suspicions:
        with transaction.atomic():
            suspicion = VoteSuspicion.objects.select_for_update().get(pk=suspicion.pk)
            if suspicion.status != SuspicionStatus.OPEN:
                continue
            held = list(suspicion.votes.filter(status=VoteStatus.QUARANTINED))
            for vote in held:
                action(suspicion, vote)
            suspicion.status, suspicion.decided_by, suspicion.decided_at = status, user, timezone.now()
            suspicion.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
            log(instance=suspicion, action=f"evaluation.suspicion_{status}", user=user, data={"votes": len(held)})
        decided.append(suspicion)
    return decided


def confirm(suspicions, *, user):
    """Staff confirm brushing: the findings' held votes become invalid (kept, with the reason)."""

    def invalidate(suspicion, vote):
        voting.set_status(vote, VoteStatus.INVALID, reason_code=CONFIRMED.format(suspicion.detector))

    return _decide(suspicions, user, SuspicionStatus.CONFIRMED, invalidate)


def release(suspicions, *, user):
    """Staff clear the findings: held votes count again, unless another open finding still holds them."""

    def restore(suspicion, vote):
        if not vote.suspicions.open().exclude(pk=suspicion.pk).exists():
            voting.set_status(vote, VoteStatus.VALID, reason_code=RELEASED)

    return _decide(suspicions, user, SuspicionStatus.RELEASED, restore)


# ---- what the public sees ------------------------------------------------------------------------


def rules_in_words(t=None):
    """The detection rules as the campaign page states them."""
    t = t or thresholds()
    return [
        f"同一候选人 {t.burst_window_minutes} 分钟内得票不少于 {t.burst_min_votes} 票且超过平时的 "
        f"{t.burst_factor:g} 倍",
        f"同一网络地址一天内有 {t.address_min_voters} 人以上投票",
        f"同一网段一天内有 {t.subnet_min_voters} 人以上投票",
        f"同一设备特征一天内有 {t.device_min_voters} 人以上投票",
        f"（以上三条：其中 {t.group_min_share:.0%} 以上的人集中投给同一候选人，"
        f"按其他投票人的投票比例，偶然出现的概率低于 {t.group_max_chance:g}）",
        f"短信投票中同一号段（前 9 位相同）有 {t.phone_bucket_min_voters} 个以上号码投票",
        f"连续 {t.regular_run} 次投票间隔几乎相同（机器操作）",
        f"同一手机号或账号 {t.cross_days} 天内在 {t.cross_min_campaigns} 个以上活动中投票",
        "疑似刷票的投票先暂停计票，经工作人员核查后确认无效或恢复有效；公开票数只计有效票",
    ]


def public_report(campaign):
    """Valid, quarantined and invalid totals and the rules used, for the campaign page and the API."""
    totals = voting.totals(campaign)
    return {
        "valid": totals[VoteStatus.VALID],
        "quarantined": totals[VoteStatus.QUARANTINED],
        "invalid": totals[VoteStatus.INVALID],
        "rules": rules_in_words(),
    }
