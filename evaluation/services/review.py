"""Tiered review: approve, return, reject, resubmit; department opinions; consent."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation import rules
from evaluation.choices import Verdict
from evaluation.models import DepartmentOpinion, Nomination
from evaluation.services import audit, candidate_photos
from evaluation.services.quotas import check_quota
from evaluation.workflows.nomination import REVIEW_ACTIONS, Action, Status, Step, next_status


def _locked(nomination):
    # of=("self",): lock the nomination only. Without it PostgreSQL also locks the joined campaign and
    # jurisdiction rows, which an import racing this review needs (foreign keys) and deadlocks on.
    locked = Nomination.objects.select_for_update(of=("self",)).select_related("campaign", "jurisdiction")
    return locked.get(pk=nomination.pk)


def content_changed_since_return(nomination):
    """Was the nomination's material edited after it was last returned?"""
    last_return = nomination.events.filter(action=Action.RETURN).order_by("-pk").first()
    return last_return is not None and nomination.events.filter(action="edited", pk__gt=last_return.pk).exists()


def opinion_problems(nomination):
    """(missing departments, departments that object) for the campaign's department list."""
    recorded = {o.department: o.verdict for o in nomination.opinions.all()}
    required = nomination.campaign.department_list
    missing = [d for d in required if d not in recorded]
    objecting = [d for d, verdict in recorded.items() if verdict == Verdict.OBJECT]
    return missing, objecting


@transaction.atomic
def record_opinions(nomination, *, actor, opinions):
    """Save department opinions: {department: (verdict, note)}. District reviewers and city staff only."""
    nomination = _locked(nomination)
    if not (rules.can_review(actor, nomination) or rules.is_city_staff(actor)):
        raise PermissionDenied("您无权记录该推荐的部门意见。")
    allowed = set(nomination.campaign.department_list)
    unknown = [d for d in opinions if d not in allowed]
    if unknown:
        raise ValidationError(f"未配置的部门：{'、'.join(unknown)}。")
    for department, (verdict, note) in opinions.items():
        if verdict not in Verdict.values:
            raise ValidationError(f"{department}的意见无效。")
        DepartmentOpinion.objects.update_or_create(
            nomination=nomination,
            department=department,
            defaults={"verdict": verdict, "note": (note or "")[:500], "recorded_by": actor},
        )
    audit.record(nomination, action="opinions", actor=actor, departments=sorted(opinions))
    return nomination


@transaction.atomic
def review(nomination, *, actor, action, reason="", override_reason=""):
    """Apply one review action; checks permission, transition, opinions and quota, then logs it."""
    if action not in REVIEW_ACTIONS:
        raise ValidationError("无效的审核操作。", code="action")
    nomination = _locked(nomination)
    reason, override_reason = (reason or "").strip(), (override_reason or "").strip()
    source = nomination.status
    changed = action == Action.RESUBMIT and content_changed_since_return(nomination)
    target = next_status(nomination, action, content_changed=changed)
    allowed = (
        rules.can_resubmit(actor, nomination) if action == Action.RESUBMIT else rules.can_review(actor, nomination)
    )
    if not allowed:
        raise PermissionDenied("您无权对该推荐执行此操作（仅限本辖区、本环节的审核人员）。")
    step = Status.step_of(source)
    if action in (Action.RETURN, Action.REJECT) and not reason:
        raise ValidationError("退回修改或不予通过时，必须填写理由。", code="reason_required")
    data = {}
    if action == Action.APPROVE and step == Step.DISTRICT:
        missing, objecting = opinion_problems(nomination)
        if (missing or objecting) and not override_reason:
            parts = []
            if missing:
                parts.append(f"尚未记录{'、'.join(missing)}的意见")
            if objecting:
                parts.append(f"{'、'.join(objecting)}有异议")
            raise ValidationError(f"{'；'.join(parts)}。如确需报送，请填写说明理由。", code="opinions")
        if override_reason:
            data["override_reason"] = override_reason
            data["missing"], data["objecting"] = missing, objecting
    if target == Status.PENDING_CITY:
        # District approval, or a resubmission straight back to the city: either takes a place.
        check_quota(nomination.campaign, nomination.jurisdiction)
        nomination.forwarded_at = timezone.now()
    if changed:
        data["content_changed"] = True
    nomination.status = target
    if action == Action.RETURN:
        nomination.returned_from = step
    elif action == Action.RESUBMIT:
        nomination.returned_from = ""
    nomination.save()
    audit.record(
        nomination,
        action=action,
        actor=actor,
        from_status=source,
        to_status=target,
        reason=reason or override_reason,
        **data,
    )
    candidate_photos.publish(nomination, actor=actor)
    return nomination


@transaction.atomic
def record_consent(nomination, *, actor, note):
    """Staff record that the nominee agreed to publication (needed before anything is published)."""
    nomination = _locked(nomination)
    if not rules.can_record_consent(actor, nomination):
        raise PermissionDenied("您无权为该推荐记录本人同意。")
    note = (note or "").strip()
    if not note:
        raise ValidationError("请说明本人如何表示同意（如：电话确认、书面签字）。")
    nomination.consent_given = True
    nomination.consent_recorded_by = actor
    nomination.consent_recorded_at = timezone.now()
    nomination.consent_note = note[:200]
    nomination.save()
    audit.record(nomination, action="consent", actor=actor, reason=note[:200])
    candidate_photos.publish(nomination, actor=actor)
    return nomination
