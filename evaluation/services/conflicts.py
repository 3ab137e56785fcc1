"""Conflicts of interest between experts and candidates, detected from the records.

An expert conflicts with a candidate when they share a unit or a district-level
jurisdiction with the nominee or with any nominating organisation, or when a
declared tie names the nominee or the nominee's unit.  Every conflict found
before a draw excludes the expert from it; one found afterwards (or declared by
the expert) is a recusal for that candidate.  Reasons name districts and
candidate numbers only, never people, so they can be published with the draw.
"""

from evaluation.models import Nomination
from evaluation.workflows.nomination import Status


def candidates_for_review(campaign):
    """Accepted nominations whose nominee agreed to publication: what the panel scores."""
    return (
        Nomination.objects.filter(campaign=campaign, status=Status.ACCEPTED, consent_given=True)
        .select_related("jurisdiction")
        .prefetch_related("nominators__organisation")
        .order_by("id")
    )


def _district_path(jurisdiction):
    """Path of the district-level ancestor (or None for the city itself)."""
    if jurisdiction is None or jurisdiction.depth < 2:
        return None
    return jurisdiction.path[: 2 * jurisdiction.steplen]


def _same(a, b):
    a, b = (a or "").strip(), (b or "").strip()
    return bool(a) and a == b


def conflict_reasons(expert, nomination):
    """Why `expert` may not score `nomination` (empty list when nothing was found)."""
    reasons = []
    organisations = [n.organisation for n in nomination.nominators.all() if n.organisation is not None]
    if nomination.submitting_organisation_id and nomination.submitting_organisation not in organisations:
        organisations.append(nomination.submitting_organisation)
    if (
        _same(expert.unit, nomination.unit)
        or expert.jurisdiction_id == nomination.jurisdiction_id
        and (nomination.jurisdiction.depth > 2)
    ):
        reasons.append("与候选人同一单位")
    if any(_same(expert.unit, o.name) or expert.jurisdiction_id == o.pk for o in organisations):
        reasons.append("与推荐单位同一单位")
    district = _district_path(expert.jurisdiction)
    if district and _district_path(nomination.jurisdiction) == district:
        reasons.append("与候选人同属一个县区/单位")
    elif district and any(_district_path(o) == district for o in organisations):
        reasons.append("与推荐单位同属一个县区/单位")
    unit = (nomination.unit or "").strip()
    for tie in expert.tie_list:
        if tie == nomination.nominee_name.strip() or (unit and len(tie) >= 2 and (tie in unit or unit in tie)):
            reasons.append("申报的利害关系涉及候选人")
            break
    return reasons


def exclusions_before_draw(campaign, experts):
    """(expert, reason) for each expert with a conflict with any candidate of the campaign."""
    candidates = list(candidates_for_review(campaign))
    found = []
    for expert in experts:
        for nomination in candidates:
            reasons = conflict_reasons(expert, nomination)
            if reasons:
                found.append((expert, f"{'；'.join(reasons)}（候选人编号{nomination.pk}）"))
                break
    return found
