"""Reserve pool (储备库): keep people on file and carry them into later campaigns."""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from evaluation import rules
from evaluation.choices import NominationChannel, NominationMethod
from evaluation.models import Nomination, ReserveEntry
from evaluation.privacy import crypto
from evaluation.services import audit, intake
from evaluation.services.intake import neutralise
from evaluation.services.quotas import check_quota, lock_owner
from evaluation.validators import validate_id_number


def _require(user):
    if not rules.can_manage_reserve(user):
        raise PermissionDenied("仅市文明办工作人员可以管理储备库。")


def _refuse_if_on_file(name, id_number_hash):
    """One entry on file per person (same ID number); a database constraint backs this up."""
    if not id_number_hash:
        return
    entry = ReserveEntry.objects.filter(id_number_hash=id_number_hash, carried_into__isnull=True).first()
    if entry is not None:
        raise ValidationError(
            f"{name}已在储备库中（{entry.get_level_display()}，{entry.created_at:%Y年%m月%d日}入库），不能重复入库。",
            code="duplicate",
        )


@transaction.atomic
def register(*, actor, name, category, level, jurisdiction, unit, story, intake, contact="", id_number=""):
    """Put a person on file at any time (intake by email, phone or by staff)."""
    _require(actor)
    entry = ReserveEntry(
        name=neutralise(name),
        category=category,
        level=level,
        jurisdiction=jurisdiction,
        unit=neutralise(unit),
        story=neutralise(story),
        intake=intake,
        created_by=actor,
    )
    if contact:
        entry.set_contact(contact, intake)
    if id_number:
        entry.set_id_number(validate_id_number(id_number))
        _refuse_if_on_file(entry.name, entry.id_number_hash)
    entry.full_clean(exclude=["jurisdiction"])
    entry.save()
    return entry


@transaction.atomic
def keep_on_file(nomination, *, actor, level=None):
    """Copy a nomination that was not listed into the reserve pool (once per person)."""
    if not rules.can_keep_on_file(actor, nomination):
        raise PermissionDenied("仅市文明办工作人员或本辖区的县区审核员可以把推荐转入储备库。")
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=nomination.pk)
    _refuse_if_on_file(nomination.nominee_name, nomination.id_number_hash)
    entry = ReserveEntry.objects.create(
        name=nomination.nominee_name,
        category=nomination.category,
        level=level or nomination.campaign.level,
        jurisdiction=nomination.jurisdiction,
        unit=nomination.unit,
        story=nomination.story,
        intake=ReserveEntry.Intake.NOMINATION,
        id_number_hash=nomination.id_number_hash,
        id_number_masked=nomination.id_number_masked,
        id_number_cipher=nomination.id_number_cipher,
        source_nomination=nomination,
        created_by=actor,
    )
    audit.record(nomination, action="reserved", actor=actor)
    return entry


def carry_raw(entry, actor):
    """The raw nomination a reserve entry stands for, carried by `actor` on their own account."""
    return {
        "method": NominationMethod.ORGANISATION,
        "channel": NominationChannel.TERRITORIAL,
        "category": entry.category,
        "nominee_name": entry.name,
        "id_number": entry.reveal_id_number(),
        "jurisdiction": entry.jurisdiction,
        "unit": entry.unit,
        "story": entry.story,
        "nominator_name": actor.get_full_name() or actor.get_username(),
    }


@transaction.atomic
def carry_into_campaign(entries, campaign, *, actor):
    """Turn chosen reserve entries into nominations of `campaign`, all or none, through intake (clean, then submit)."""
    _require(actor)
    entries = list(ReserveEntry.objects.select_for_update().filter(pk__in=[e.pk for e in entries]).order_by("pk"))
    errors, created, cleaned = [], [], {}
    for entry in entries:
        if entry.carried_into_id and entry.carried_into.campaign_id == campaign.pk:
            errors.append(f"{entry.name}已转入该活动。")
        elif not entry.id_number_cipher:
            errors.append(f"{entry.name}缺少身份证号，请先补充后再转入。")
        elif Nomination.objects.filter(campaign=campaign, id_number_hash=entry.id_number_hash).exists():
            errors.append(f"{entry.name}已在该活动中被推荐。")
        else:
            try:
                cleaned[entry.pk] = intake.clean(campaign, carry_raw(entry, actor), public=False, require_phone=False)
            except crypto.UndecryptableRecord as exc:
                errors.append(str(exc))
            except intake.NominationInvalid as exc:
                errors.extend(f"{entry.name}：{message}" for message in exc.messages)
    # Carried entries go straight to the city, so they take places of their district's quota.
    owners = Counter(lock_owner(entry.jurisdiction) for entry in entries)
    for owner, adding in owners.items():
        try:
            check_quota(campaign, owner, adding=adding)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    for entry in entries:
        nomination, _ = intake.submit(campaign, cleaned[entry.pk], actor=actor, public=False, reserve_entry=entry)
        entry.carried_into = nomination
        entry.save(update_fields=["carried_into"])
        created.append(nomination)
    return created
