"""The arithmetic of the ranking, as pure functions over plain data (no database).

Scores are `(expert_id, candidate_id, total)` triples; votes map candidate id to
valid votes.  Each expert's totals become z-scores (an expert who gave everyone
the same total contributes 0 to all); a candidate's expert score is the mean of
its z-scores.  Votes are transformed (capped, rank-based, log or linear) and
z-scored across the ranked candidates.  The combined score is
(expert_weight × expert score + vote_weight × vote score) / 100; ties go to the
higher expert score, then the lower candidate id.
"""

import math
from dataclasses import dataclass, field
from statistics import fmean, pstdev

LINEAR, CAPPED, RANK, LOG = "linear", "capped", "rank", "log"


@dataclass(frozen=True)
class Weights:
    expert_weight: int = 70
    vote_weight: int = 30
    vote_transform: str = CAPPED
    vote_cap: int = 1000


@dataclass
class Ranked:
    candidate: int
    expert_score: float
    votes: int
    vote_score: float
    combined: float
    rank: int = 0
    z_scores: list = field(default_factory=list)


def zscores(values):
    """Population z-scores; all zeros when the values do not vary."""
    values = list(values)
    if not values:
        return []
    mean, spread = fmean(values), pstdev(values)
    if spread == 0:
        return [0.0] * len(values)
    return [(v - mean) / spread for v in values]


def normalise(scores):
    """{candidate: [z-score from each expert who scored it]} from (expert, candidate, total) triples."""
    by_expert = {}
    for expert, candidate, total in scores:
        by_expert.setdefault(expert, []).append((candidate, float(total)))
    per_candidate = {}
    for rows in by_expert.values():
        for (candidate, _), z in zip(rows, zscores(t for _, t in rows), strict=True):
            per_candidate.setdefault(candidate, []).append(z)
    return per_candidate


def transform_votes(votes, candidates, transform, cap=None):
    """The transformed vote value of each candidate (missing candidates have 0 votes)."""
    raw = {c: int(votes.get(c, 0)) for c in candidates}
    if transform == CAPPED:
        return {c: float(min(v, cap)) for c, v in raw.items()}
    if transform == LOG:
        return {c: math.log1p(v) for c, v in raw.items()}
    if transform == RANK:
        # Mid-rank from the bottom: candidates with fewer votes, plus half of those tied.
        values = list(raw.values())
        return {c: sum(1 for w in values if w < v) + (sum(1 for w in values if w == v) - 1) / 2 for c, v in raw.items()}
    return {c: float(v) for c, v in raw.items()}


def rank(scores, votes, weights, *, trim=False):
    """Ranked candidates, best first. `trim` drops each candidate's highest and lowest z-score (3+ scores)."""
    per_candidate = normalise(scores)
    candidates = sorted(per_candidate)
    expert_scores = {}
    for c in candidates:
        zs = sorted(per_candidate[c])
        if trim and len(zs) >= 3:
            zs = zs[1:-1]
        expert_scores[c] = fmean(zs)
    values = transform_votes(votes, candidates, weights.vote_transform, weights.vote_cap)
    vote_scores = dict(zip(candidates, zscores(values[c] for c in candidates), strict=True))
    ranked = [
        Ranked(
            candidate=c,
            expert_score=expert_scores[c],
            votes=int(votes.get(c, 0)),
            vote_score=vote_scores[c],
            combined=(weights.expert_weight * expert_scores[c] + weights.vote_weight * vote_scores[c]) / 100,
            z_scores=per_candidate[c],
        )
        for c in candidates
    ]
    ranked.sort(key=lambda r: (-round(r.combined, 12), -round(r.expert_score, 12), r.candidate))
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked


def shortlist(ranked, quota):
    """Candidate ids of the first `quota` ranked."""
    return [r.candidate for r in ranked[:quota]]


@dataclass
class Scenario:
    label: str
    shortlist: list
    entered: list
    left: list

    @property
    def changed(self):
        return bool(self.entered or self.left)


def _scenario(label, base, other):
    return Scenario(
        label=label,
        shortlist=other,
        entered=[c for c in other if c not in base],
        left=[c for c in base if c not in other],
    )


def robustness(scores, votes, weights, quota, expert_labels=None):
    """Does the shortlist change without votes, without any one expert, or with extreme scores dropped?"""
    expert_labels = expert_labels or {}
    base = shortlist(rank(scores, votes, weights), quota)
    no_votes = Weights(100, 0, weights.vote_transform, weights.vote_cap)
    scenarios = [_scenario("不计网络投票", base, shortlist(rank(scores, votes, no_votes), quota))]
    for expert in sorted({s[0] for s in scores}):
        rest = [s for s in scores if s[0] != expert]
        scenarios.append(
            _scenario(
                f"去掉专家{expert_labels.get(expert, expert)}的评分", base, shortlist(rank(rest, votes, weights), quota)
            )
        )
    trimmed = shortlist(rank(scores, votes, weights, trim=True), quota)
    scenarios.append(_scenario("去掉每名候选人的最高分和最低分", base, trimmed))
    return base, scenarios
