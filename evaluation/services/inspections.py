"""Site inspection (实地考察) of shortlisted candidates: assign, then record findings and the verdict."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from evaluation import rules
from evaluation.choices import InspectionVerdict, StageKind
from evaluation.models import Inspection, ShortlistEntry
from evaluation.services import audit, stage_dates


@transaction.atomic
def assign(entry, *, actor, scheduled_on, inspectors, today=None):
    """Plan the inspection of a shortlisted candidate (or re-plan it, keeping the findings).

    `today`, here and in record_findings: the day checked against the stage dates (the demo replays the past).
    """
    if not rules.can_run_expert_review(actor):
        raise PermissionDenied("只有市文明办工作人员可以安排实地考察。")
    if not isinstance(entry, ShortlistEntry):
        raise ValidationError("只能对初步拟定名单中的候选人安排实地考察。")
    stage_dates.check_open(entry.campaign, StageKind.INSPECTION, "安排实地考察", today)
    inspectors = list(inspectors)
    if not inspectors:
        raise ValidationError("请至少指定一名考察人员。")
    inspection, _ = Inspection.objects.update_or_create(
        campaign=entry.campaign,
        nomination=entry.nomination,
        defaults={"scheduled_on": scheduled_on, "assigned_by": actor},
    )
    inspection.inspectors.set(inspectors)
    audit.record(
        entry.nomination,
        action="inspection_assigned",
        actor=actor,
        scheduled_on=scheduled_on.isoformat(),
        inspectors=[u.pk for u in inspectors],
    )
    return inspection


@transaction.atomic
def record_findings(inspection, *, actor, findings, verdict, today=None):
    """The inspectors' (or city staff's) findings and verdict; a verdict other than 待定 needs findings."""
    if not (rules.can_run_expert_review(actor) or inspection.inspectors.filter(pk=actor.pk).exists()):
        raise PermissionDenied("只有考察人员或市文明办工作人员可以记录考察情况。")
    stage_dates.check_open(inspection.campaign, StageKind.INSPECTION, "记录考察情况", today)
    if verdict not in InspectionVerdict.values:
        raise ValidationError("请选择考察结论。")
    findings = (findings or "").strip()
    if verdict != InspectionVerdict.PENDING and not findings:
        raise ValidationError("作出考察结论前，请填写考察情况。")
    previous = inspection.verdict
    inspection.findings, inspection.verdict = findings, verdict
    inspection.save(update_fields=["findings", "verdict", "updated_at"])
    audit.record(
        inspection.nomination,
        action="inspection_recorded",
        actor=actor,
        from_status=previous,
        to_status=verdict,
    )
    return inspection


@transaction.atomic
def edit(inspection, *, actor, scheduled_on, inspectors, findings, verdict, today=None):
    """Staff's changes on the inspection screen: the plan, the photos, and the findings and verdict.

    `inspection` may hold photos added or removed in memory (the admin form's inline); they are
    written here with it. A changed plan is recorded as a re-plan; changed findings or verdict go
    through `record_findings`, with its stage and verdict rules.
    """
    if not rules.can_run_expert_review(actor):
        raise PermissionDenied("只有市文明办工作人员可以修改实地考察。")
    stored = Inspection.objects.select_for_update().get(pk=inspection.pk)
    inspectors = list(inspectors)
    if not inspectors:
        raise ValidationError("请至少指定一名考察人员。")
    replanned = stored.scheduled_on != scheduled_on or {u.pk for u in stored.inspectors.all()} != {
        u.pk for u in inspectors
    }
    findings_changed = (stored.findings, stored.verdict) != (findings, verdict)
    inspection.scheduled_on = scheduled_on
    inspection.findings, inspection.verdict = stored.findings, stored.verdict
    inspection.save()
    inspection.inspectors.set(inspectors)
    if replanned:
        audit.record(
            inspection.nomination,
            action="inspection_assigned",
            actor=actor,
            scheduled_on=scheduled_on.isoformat(),
            inspectors=[u.pk for u in inspectors],
        )
    if findings_changed:
        record_findings(inspection, actor=actor, findings=findings, verdict=verdict, today=today)
    return inspection
