"""The public notice (网上公示): who is on it, objections filed against them, and the cases' handling.

The notice stage's dates decide what the public sees (no one has to open or close it);
`record_stage_events` notes the opening and closing in the campaign's log and runs
from the scheduler beside the web server (wagtail_hooks.py: `scheduled_tasks`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from evaluation import rules
from evaluation.choices import StageKind
from evaluation.models import (
    Campaign,
    CampaignEvent,
    Disqualification,
    Nomination,
    NominationPhoto,
    Objection,
    ObjectionEvidence,
    ShortlistEntry,
)
from evaluation.services import audit
from evaluation.services.evidence import check_files
from evaluation.services.intake import NAME_RE, neutralise
from evaluation.workflows.notice import ObjectionOutcome, ObjectionStatus, check_transition

FACTS_MIN_CHARS = 10
FACTS_MAX_CHARS = 2000


def notice_stage(campaign):
    stage = campaign.stage(StageKind.NOTICE)
    return stage if stage is not None and stage.enabled else None


def phase(campaign, today=None):
    """'before', 'open' or 'after' the notice period; None when the campaign has no notice stage."""
    stage = notice_stage(campaign)
    if stage is None:
        return None
    today = today or timezone.localdate()
    if today < stage.starts_on:
        return "before"
    return "open" if today <= stage.ends_on else "after"


def candidates(campaign):
    """The shortlisted nominations in rank order (the disqualified left out), with their published photos only."""
    published = NominationPhoto.objects.filter(public_image__isnull=False).select_related("public_image")
    ranked = (
        ShortlistEntry.objects.filter(campaign=campaign)
        .exclude(nomination_id__in=Disqualification.objects.nomination_ids(campaign))
        .order_by("rank")
        .values_list("nomination_id", flat=True)
    )
    ids = list(ranked)
    order = {pk: i for i, pk in enumerate(ids)}
    nominations = (
        Nomination.objects.filter(pk__in=ids)
        .select_related("jurisdiction__district")
        .prefetch_related(Prefetch("photos", queryset=published.order_by("pk"), to_attr="public_photos"))
    )
    return sorted(nominations, key=lambda n: order[n.pk])


def objection_counts(campaign):
    counts = Objection.objects.filter(campaign=campaign).aggregate(
        open=Count("id", filter=Q(status__in=ObjectionStatus.unresolved())),
        closed=Count("id", filter=Q(status=ObjectionStatus.CLOSED)),
    )
    return {"open": counts["open"] or 0, "closed": counts["closed"] or 0}


def published_results(campaign):
    """Closed cases with their anonymised answer: candidate, outcome and the staff's public text only."""
    return (
        Objection.objects.filter(campaign=campaign, status=ObjectionStatus.CLOSED)
        .exclude(public_result="")
        .select_related("nomination")
        .order_by("closed_at")
    )


def validate(campaign, *, nomination_id, name, phone, facts, today=None):
    """Checks that need no writes; returns the nomination objected to."""
    if phase(campaign, today) != "open":
        raise ValidationError("本次活动当前不在公示期，暂不受理异议。", code="closed")
    errors = []
    nomination = Nomination.objects.filter(pk=nomination_id, shortlist_entries__campaign=campaign).first()
    if nomination is None:
        errors.append("请选择公示名单中的候选人。")
    if not NAME_RE.match(name or ""):
        errors.append("请填写真实姓名（2至30个汉字或字母）。")
    if len(facts) < FACTS_MIN_CHARS:
        errors.append(f"异议事实不少于{FACTS_MIN_CHARS}字。")
    if len(facts) > FACTS_MAX_CHARS:
        errors.append(f"异议事实不超过{FACTS_MAX_CHARS}字。")
    if errors:
        raise ValidationError(errors)
    return nomination


@transaction.atomic
def file_objection(campaign, *, nomination_id, name, phone, facts, evidence=(), today=None):
    """Record an objection from the public form or the API; `phone` must already be a valid mobile number."""
    name, facts = neutralise(name), neutralise(facts)
    nomination = validate(campaign, nomination_id=nomination_id, name=name, phone=phone, facts=facts, today=today)
    files = check_files(evidence)
    objection = Objection(campaign=campaign, nomination=nomination, objector_name=name, facts=facts)
    objection.set_contact(phone)
    objection.save()
    for checked in files:
        ObjectionEvidence.objects.create(
            objection=objection, file=checked.content, content_type=checked.content_type, size=checked.size
        )
    audit.record(nomination, action="objection_filed", case=objection.number, files=len(files))
    return objection


@transaction.atomic
def update_case(objection, *, actor, assignee=None, deadline=None, notes="", outcome="", public_result=""):
    """Staff handling of a case: assign, note the investigation, and close it with an outcome."""
    if not rules.can_handle_objections(actor):
        raise PermissionDenied("您无权办理公示异议。")
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.status == ObjectionStatus.CLOSED:
        raise ValidationError("该异议已办结，不能再修改。")
    if outcome:
        if outcome not in ObjectionOutcome.values:
            raise ValidationError("核查结论无效。")
        if not (public_result or "").strip():
            raise ValidationError("办结时须填写公开答复（不含异议人信息）。")
        target = ObjectionStatus.CLOSED
    else:
        target = ObjectionStatus.INVESTIGATING if assignee else ObjectionStatus.OPEN
        if objection.status == ObjectionStatus.INVESTIGATING and target == ObjectionStatus.OPEN:
            raise ValidationError("核查中的异议须保留承办人。")
    check_transition(objection.status, target)
    old = objection.status
    objection.assignee = assignee
    objection.deadline = deadline
    objection.investigation_notes = notes or ""
    objection.outcome = outcome or ""
    objection.public_result = (public_result or "").strip()
    objection.status = target
    if target == ObjectionStatus.CLOSED:
        objection.closed_at = timezone.now()
    objection.save()
    audit.record(
        objection.nomination,
        action="objection_closed" if target == ObjectionStatus.CLOSED else "objection_updated",
        actor=actor,
        from_status=old,
        to_status=target,
        case=objection.number,
        outcome=objection.outcome,
    )
    return objection


def unresolved_for(nominations):
    """Unresolved cases against any of `nominations`."""
    return Objection.objects.unresolved().filter(nomination__in=nominations).select_related("nomination")


def record_stage_events(today=None):
    """Log each notice stage's opening and closing once, on or after its dates. Returns the new events."""
    today = today or timezone.localdate()
    made = []
    campaigns = Campaign.objects.filter(
        stages__kind=StageKind.NOTICE, stages__enabled=True, stages__starts_on__lte=today
    ).distinct()
    for campaign in campaigns:
        stage = notice_stage(campaign)
        done = set(CampaignEvent.objects.filter(campaign=campaign).values_list("action", flat=True))
        dates = {"starts_on": stage.starts_on.isoformat(), "ends_on": stage.ends_on.isoformat()}
        if "notice_opened" not in done:
            made.append(
                audit.record_campaign(campaign, action="notice_opened", candidates=len(candidates(campaign)), **dates)
            )
        if stage.ends_on < today and "notice_closed" not in done:
            made.append(audit.record_campaign(campaign, action="notice_closed", **objection_counts(campaign), **dates))
    return made
