"""Corrections and withdrawal: a nomination's material changes and its end, each kept in the audit trail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from evaluation import rules
from evaluation.models import Nomination
from evaluation.services import audit, field_rules
from evaluation.workflows.nomination import Action, next_status

# Only the fact of a change is recorded for these: their values never enter the audit trail.
PRIVATE_FIELDS = frozenset(
    {"id_number", "id_number_hash", "id_number_masked", "id_number_cipher", "phone", "address", "contact"}
)


def _audit_value(value):
    if isinstance(value, models.Model):
        return str(value)
    return value


@transaction.atomic
def update_material(nomination, *, actor, values):
    """Apply corrected field values and record old and new values (private fields: only that they changed).

    Changed material is held to intake's rules (field_rules.clean_material): a refusal raises
    NominationInvalid by field, with intake's messages, and writes nothing.
    """
    nomination = Nomination.objects.select_for_update().select_related("campaign").get(pk=nomination.pk)
    if not rules.can_edit_nomination(actor, nomination):
        raise PermissionDenied("您无权修改该推荐。")
    changed = {name: new for name, new in values.items() if getattr(nomination, name) != new}
    values = {**values, **field_rules.clean_material(nomination.campaign, changed, group=nomination.is_group)}
    changes, private = {}, []
    for name, new in values.items():
        old = getattr(nomination, name)
        if old == new:
            continue
        setattr(nomination, name, new)
        if name in PRIVATE_FIELDS or any(name.startswith(p) for p in PRIVATE_FIELDS):
            private.append(name)
        else:
            changes[name] = {"old": _audit_value(old), "new": _audit_value(new)}
    if not changes and not private:
        return nomination
    nomination.save()
    audit.record(
        nomination,
        action="edited",
        actor=actor,
        fields=sorted([*changes, *private]),
        changes=changes,
        private_changed=sorted(private),
    )
    return nomination


@transaction.atomic
def withdraw(nomination, *, actor, reason):
    """Withdraw a nomination (已撤回) with a reason; it stays on record with its whole history."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    reason = (reason or "").strip()
    target = next_status(nomination, Action.WITHDRAW)
    if not rules.can_withdraw(actor, nomination):
        raise PermissionDenied("您无权撤回该推荐（已报送市文明办的推荐只能由市文明办撤回）。")
    if not reason:
        raise ValidationError("撤回推荐时，必须填写理由。", code="reason_required")
    source = nomination.status
    nomination.status = target
    nomination.save(update_fields=["status", "updated_at"])
    audit.record(nomination, action=Action.WITHDRAW, actor=actor, from_status=source, to_status=target, reason=reason)
    return nomination
