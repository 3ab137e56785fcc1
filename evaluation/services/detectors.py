"""The brushing detectors (防刷票): pure functions over a campaign's vote rows.

Each detector takes the rows (`VoteRow`, read once by services/brushing.py) and the
thresholds, and returns `Finding`s: the detector, a group key (keyed hashes, a
candidate and a time, never personal data), the evidence staff will read and the
ids of the votes to hold. Only rows with `open=True` (valid and never reviewed)
are flagged; every row counts towards the rates and baselines.
"""

import dataclasses
import datetime
import math
import statistics
from collections import defaultdict

from evaluation.models import Detector


@dataclasses.dataclass(frozen=True)
class Thresholds:
    """When a pattern counts as brushing; override with settings.VOTE_BRUSHING = {name: value}."""

    burst_window_minutes: int = 10
    burst_min_votes: int = 15  # a burst has at least this many votes in one window …
    burst_factor: float = 5.0  # … and this many times the candidate's usual rate per window
    address_min_voters: int = 8  # distinct voters from one address (IPv6: its /64) on one day
    subnet_min_voters: int = 20  # distinct voters from one /24 (IPv6: /48) on one day
    device_min_voters: int = 5  # distinct voters with one device fingerprint on one day
    group_min_share: float = 0.6  # … of whom at least this share back one candidate, …
    group_max_chance: float = 1e-4  # … which the campaign's other voters would do by chance less often than this
    phone_bucket_min_voters: int = 4  # SMS voters whose phones share the first 9 digits
    regular_run: int = 8  # consecutive votes from one address, device or voter …
    regular_max_cv: float = 0.1  # … whose intervals vary less than this (std / mean)
    regular_max_mean_seconds: float = 0.5  # … or come faster than this on average
    cross_min_campaigns: int = 4  # one phone or account voting in this many campaigns …
    cross_days: int = 30  # … within this many days


@dataclasses.dataclass(frozen=True)
class VoteRow:
    id: int
    candidate_id: int
    voter_id: int
    created_at: datetime.datetime
    day: datetime.date
    address_hash: str
    subnet_hash: str
    device_hash: str
    phone_bucket: str
    identity_hash: str
    open: bool  # valid and never reviewed: the detectors may hold it


@dataclasses.dataclass
class Finding:
    detector: str
    key: str
    evidence: dict
    vote_ids: set


def _time(value):
    return value.isoformat(timespec="seconds")


def burst(rows, t):
    """A candidate getting many more votes in one window than its usual rate.

    Held: the votes, that day, of the voters in the window who had not voted in the campaign before it.
    """
    width = datetime.timedelta(minutes=t.burst_window_minutes)
    per_candidate, first_vote = defaultdict(list), {}  # a voter's first vote in the campaign
    by_voter_day = defaultdict(list)
    for row in rows:
        per_candidate[row.candidate_id].append(row)
        by_voter_day[(row.voter_id, row.day)].append(row)
        if row.created_at < first_vote.get(row.voter_id, row.created_at + width):
            first_vote[row.voter_id] = row.created_at
    findings = []
    for candidate_id, votes in per_candidate.items():
        votes.sort(key=lambda r: r.created_at)
        first, last = votes[0].created_at, votes[-1].created_at
        n_windows = max(1, int((last - first) / width) + 1)
        spans = []
        for offset in (datetime.timedelta(0), width / 2):  # half-shifted windows catch bursts on a boundary
            counts = defaultdict(list)
            for row in votes:
                counts[int((row.created_at - first + offset) / width)].append(row)
            for members in counts.values():
                baseline = (len(votes) - len(members)) / max(1, n_windows - 1)
                if len(members) >= max(t.burst_min_votes, t.burst_factor * baseline):
                    spans.append([members[0].created_at, members[-1].created_at, baseline])
        for start, end, baseline in _merge(spans):
            members = [r for r in votes if start <= r.created_at <= end]
            newcomers = {(r.voter_id, r.day) for r in members if first_vote[r.voter_id] >= start}
            # Their other votes that day (cover votes for other candidates) go with them.
            held = {r.id for key in newcomers for r in by_voter_day[key] if r.open}
            findings.append(
                Finding(
                    Detector.BURST,
                    f"{candidate_id}:{_time(start)}",
                    {
                        "candidate": candidate_id,
                        "from": _time(start),
                        "to": _time(end),
                        "votes": len(members),
                        "usual_per_window": round(baseline, 2),
                        "window_minutes": t.burst_window_minutes,
                    },
                    held,
                )
            )
    return findings


def _merge(spans):
    spans.sort()
    merged = []
    for start, end, baseline in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = min(merged[-1][2], baseline)
        else:
            merged.append([start, end, baseline])
    return merged


def _binomial_tail(n, k, p):
    """P(X >= k) for X ~ Binomial(n, p), in log space (groups can hold thousands of voters)."""
    if k <= 0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        for i in range(k, n + 1)
    ]
    top = max(terms)
    return math.exp(top) * math.fsum(math.exp(x - top) for x in terms)


def _many_voters(rows, detector, attribute, minimum, t):
    """Groups (one value of `attribute`, one day) with many voters, most of whom back one candidate.

    A carrier's NAT or a popular phone model also gathers many voters, but they vote
    like everyone else; brushing gathers them behind one candidate. Held: the group's
    votes for the candidate its voters back far more often than the campaign's voters do.
    """
    all_voters, backers = set(), defaultdict(set)
    groups = defaultdict(list)
    for row in rows:
        all_voters.add(row.voter_id)
        backers[row.candidate_id].add(row.voter_id)
        value = getattr(row, attribute)
        if value:
            groups[(value, row.day)].append(row)
    findings = []
    for (value, day), members in groups.items():
        voters = {r.voter_id for r in members}
        if len(voters) < minimum:
            continue
        in_group = defaultdict(set)
        for r in members:
            in_group[r.candidate_id].add(r.voter_id)
        for candidate_id, group_backers in in_group.items():
            share = len(group_backers) / len(voters)
            if share < t.group_min_share:
                continue
            outside = len(all_voters) - len(voters)  # how the rest of the campaign votes (smoothed)
            usual = (len(backers[candidate_id] - voters) + 1) / (outside + 2)
            chance = _binomial_tail(len(voters), len(group_backers), usual)
            if chance > t.group_max_chance:
                continue
            # The backers' votes from this group that day, cover votes for other candidates included.
            votes = [r for r in members if r.voter_id in group_backers]
            evidence = {"group": value[:8], "day": day.isoformat(), "voters": len(voters), "votes": len(votes)}
            evidence.update(candidate=candidate_id, share=round(share, 2), usual_share=round(usual, 2))
            evidence["chance"] = float(f"{chance:.2g}")
            evidence["threshold"] = minimum
            key = f"{day.isoformat()}:{value}:{candidate_id}"
            findings.append(Finding(detector, key, evidence, {r.id for r in votes if r.open}))
    return findings


def address(rows, t):
    """Many voters from one address (an IPv6 /64 counts as one) on one day."""
    return _many_voters(rows, Detector.ADDRESS, "address_hash", t.address_min_voters, t)


def subnet(rows, t):
    """Many voters from one /24 (IPv6 /48) on one day."""
    return _many_voters(rows, Detector.SUBNET, "subnet_hash", t.subnet_min_voters, t)


def device(rows, t):
    """Many voters with one device fingerprint on one day."""
    return _many_voters(rows, Detector.DEVICE, "device_hash", t.device_min_voters, t)


def phone_sequence(rows, t):
    """SMS voters whose phone numbers fall in one block of 100 consecutive numbers."""
    groups = defaultdict(list)
    for row in rows:
        if row.phone_bucket:
            groups[row.phone_bucket].append(row)
    findings = []
    for bucket, members in groups.items():
        voters = {r.voter_id for r in members}
        if len(voters) >= t.phone_bucket_min_voters:
            evidence = {"group": bucket[:8], "voters": len(voters), "votes": len(members)}
            evidence["threshold"] = t.phone_bucket_min_voters
            findings.append(Finding(Detector.PHONE_SEQUENCE, bucket, evidence, {r.id for r in members if r.open}))
    return findings


def _regular(intervals, t):
    mean = statistics.fmean(intervals)
    if mean < t.regular_max_mean_seconds:
        return True, mean, 0.0
    cv = statistics.pstdev(intervals) / mean
    return cv <= t.regular_max_cv, mean, cv


def regular_timing(rows, t):
    """Runs of votes from one address, device or voter at machine-regular intervals."""
    groups = defaultdict(list)
    for row in rows:
        for kind, value in (("address", row.address_hash), ("device", row.device_hash), ("voter", row.voter_id)):
            if value:
                groups[(kind, value)].append(row)
    findings = []
    for (kind, value), members in groups.items():
        if len(members) < t.regular_run:
            continue
        members.sort(key=lambda r: r.created_at)
        times = [r.created_at.timestamp() for r in members]
        flagged, stats = set(), None
        for i in range(len(members) - t.regular_run + 1):
            window = times[i : i + t.regular_run]
            is_regular, mean, cv = _regular([b - a for a, b in zip(window, window[1:], strict=False)], t)
            if is_regular:
                flagged.update(range(i, i + t.regular_run))
                stats = stats or (mean, cv)
        if flagged:
            run = [members[i] for i in sorted(flagged)]
            evidence = {
                "by": kind,
                "group": str(value)[:8],
                "votes": len(run),
                "from": _time(run[0].created_at),
                "to": _time(run[-1].created_at),
                "mean_interval_seconds": round(stats[0], 2),
                "variation": round(stats[1], 3),
            }
            key = f"{kind}:{str(value)[:32]}:{int(run[0].created_at.timestamp())}"
            findings.append(Finding(Detector.REGULAR_TIMING, key, evidence, {r.id for r in run if r.open}))
    return findings


def cross_campaign(rows, t, campaigns_by_identity):
    """Phones or accounts that vote in many campaigns (`campaigns_by_identity`: identity hash → count)."""
    groups = defaultdict(list)
    for row in rows:
        if campaigns_by_identity.get(row.identity_hash, 0) >= t.cross_min_campaigns:
            groups[row.identity_hash].append(row)
    findings = []
    for identity, members in groups.items():
        evidence = {
            "group": identity[:8],
            "campaigns": campaigns_by_identity[identity],
            "days": t.cross_days,
            "votes": len(members),
            "threshold": t.cross_min_campaigns,
        }
        findings.append(Finding(Detector.CROSS_CAMPAIGN, identity, evidence, {r.id for r in members if r.open}))
    return findings


ALL = {
    Detector.BURST: burst,
    Detector.ADDRESS: address,
    Detector.SUBNET: subnet,
    Detector.DEVICE: device,
    Detector.PHONE_SEQUENCE: phone_sequence,
    Detector.REGULAR_TIMING: regular_timing,
}
