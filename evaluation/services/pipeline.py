"""Where a campaign stands at the end of the pipeline, per candidate: what staff need to decide the next step."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from evaluation.choices import InspectionVerdict
from evaluation.models import Disqualification, Honour, Inspection, Nomination, Objection, ShortlistEntry
from evaluation.services import notice
from evaluation.workflows.nomination import Status

INSPECTION_STATES = {InspectionVerdict.PASSED: "pass", InspectionVerdict.FAILED: "fail"}


@dataclass
class CandidateState:
    nomination: Nomination
    shortlisted: bool
    inspection: str  # "pass" | "fail" | "none"
    approved: bool
    published: bool
    disqualified: bool


def notice_state(campaign, today=None):
    """The notice's dates, whether it is open today, and how many objection cases are not closed."""
    stage = notice.notice_stage(campaign)
    return {
        "starts": stage.starts_on if stage else None,
        "ends": stage.ends_on if stage else None,
        "open": notice.phase(campaign, today) == "open",
        "open_cases": Objection.objects.filter(campaign=campaign).unresolved().count(),
    }


def candidates(campaign):
    """The accepted candidates and everyone shortlisted or approved, shortlist first in rank order."""
    shortlist = dict(ShortlistEntry.objects.filter(campaign=campaign).values_list("nomination_id", "rank"))
    approval = getattr(campaign, "approval", None)
    approved = set(approval.nominations.values_list("pk", flat=True)) if approval else set()
    published = set(Honour.objects.filter(campaign=campaign, page__live=True).values_list("nomination_id", flat=True))
    disqualified = set(Disqualification.objects.nomination_ids(campaign))
    verdicts = dict(Inspection.objects.filter(campaign=campaign).values_list("nomination_id", "verdict"))
    nominations = Nomination.objects.filter(
        Q(campaign=campaign, status=Status.ACCEPTED) | Q(pk__in=shortlist) | Q(pk__in=approved)
    ).distinct()
    rows = [
        CandidateState(
            nomination=n,
            shortlisted=n.pk in shortlist,
            inspection=INSPECTION_STATES.get(verdicts.get(n.pk), "none"),
            approved=n.pk in approved,
            published=n.pk in published,
            disqualified=n.pk in disqualified,
        )
        for n in nominations
    ]
    rows.sort(key=lambda r: (r.nomination.pk not in shortlist, shortlist.get(r.nomination.pk, 0), r.nomination.pk))
    return rows


def state(campaign, today=None):
    """The campaign's stage, its notice and its candidates' standing (plain data for the API and the admin)."""
    today = today or timezone.localdate()
    return {
        "stage": campaign.public_stage(today),
        "notice": notice_state(campaign, today),
        "candidates": candidates(campaign),
    }
