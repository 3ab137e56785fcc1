"""After publication: the negative list, care and courtesy records and 好人卡 (promotion: services/promotion.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation import rules
from evaluation.models import (
    CareCard,
    CareCardStatus,
    CareKind,
    CareRecord,
    HeldTitle,
    Honour,
    NegativeGround,
    NegativeKind,
    NegativeRecord,
)
from evaluation.models.records import HonourStatus
from evaluation.services import audit, publication
from evaluation.services.evidence import check_files


def _require_care(actor, honour):
    if not rules.can_care_for(actor, honour):
        raise PermissionDenied("只能管理本辖区、本单位推荐的入选者的关爱帮扶和好人卡。")


def _require(actor):
    if not rules.can_manage_honours(actor):
        raise PermissionDenied("您无权管理入选者档案。")


@transaction.atomic
def record_negative(honour, *, actor, kind, ground, reason, decided_on, unit_report, document_number="", evidence=None):
    """A warning or a revocation on one of the rules' clauses (`ground`, a NegativeGround).

    A revocation recalls everything the honour gave: the public profile, the certificate,
    the held title (eligibility is restored) and any 好人卡 still active.
    """
    _require(actor)
    honour = Honour.objects.select_for_update().select_related("nomination").get(pk=honour.pk)
    if kind not in NegativeKind.values:
        raise ValidationError("类型无效。")
    if ground not in NegativeGround.for_kind(kind):
        label = "撤销荣誉称号" if kind == NegativeKind.REVOCATION else "诫勉谈话、责令整改"
        raise ValidationError(f"请选择{label}所依据的条款。")
    if not (reason or "").strip() or not (unit_report or "").strip():
        raise ValidationError("请填写事由和推荐单位情况报告（谁推荐谁负责）。")
    if honour.is_revoked:
        raise ValidationError(f"{honour.name}的荣誉称号已被撤销。")
    files = check_files([evidence] if evidence else [], max_files=1)
    nomination = honour.nomination
    record = NegativeRecord.objects.create(
        honour=honour,
        kind=kind,
        ground=ground,
        reason=reason.strip(),
        decided_on=decided_on,
        document_number=document_number,
        reporting_unit=nomination.submitting_organisation or nomination.jurisdiction,
        unit_report=unit_report.strip(),
        evidence=files[0].content if files else "",
        recorded_by=actor,
    )
    if kind == NegativeKind.REVOCATION:
        now = timezone.now()
        honour.status, honour.revoked_at = HonourStatus.REVOKED, now
        honour.save(update_fields=["status", "revoked_at"])
        certificate = getattr(honour, "certificate", None)
        if certificate is not None and certificate.revoked_at is None:
            certificate.revoked_at = now
            certificate.save(update_fields=["revoked_at"])
        if honour.held_title_id:
            HeldTitle.objects.filter(pk=honour.held_title_id, revoked_at__isnull=True).update(revoked_at=now)
        recalled = recall_cards(honour, reason=f"撤销荣誉称号（{NegativeGround(ground).label}）", on=decided_on)
        publication.withdraw_profile(honour, actor=actor)
        audit.record(nomination, action="revoked", actor=actor, record=record.pk, ground=ground, cards=recalled)
    else:
        audit.record(nomination, action="negative", actor=actor, kind=kind, ground=ground, record=record.pk)
    return record


@transaction.atomic
def record_care(honour, *, actor, kind, happened_on=None, note="", amount=None, card_number=""):
    """One entry of the care log, by city staff or the recommending district or unit; a death is also noted on the
    honour (no more visit reminders)."""
    _require_care(actor, honour)
    if kind not in CareKind.values:
        raise ValidationError("类型无效。")
    if kind == CareKind.BENEFIT and not (card_number or note):
        raise ValidationError("礼遇待遇请填写好人卡号或说明。")
    happened_on = happened_on or timezone.localdate()
    record = CareRecord.objects.create(
        honour=honour,
        kind=kind,
        happened_on=happened_on,
        note=note,
        amount=amount,
        card_number=card_number,
        recorded_by=actor,
    )
    if kind == CareKind.DECEASED:
        Honour.objects.filter(pk=honour.pk).update(deceased_on=happened_on)
    audit.record(honour.nomination, action="care", actor=actor, kind=kind, record=record.pk)
    return record


# --- 好人卡: issued, renewed, recalled ----------------------------------------------------------------


@transaction.atomic
def issue_card(honour, *, actor, number, valid_until, areas=(), issued_on=None):
    """Issue a 好人卡 with the courtesies it carries; refused for a revoked honour or a card number in use."""
    honour = Honour.objects.select_related("nomination__jurisdiction").get(pk=honour.pk)
    _require_care(actor, honour)
    number = (number or "").strip()
    issued_on = issued_on or timezone.localdate()
    if honour.is_revoked:
        raise ValidationError(f"{honour.name}的荣誉称号已被撤销，不能发放好人卡。")
    if not number:
        raise ValidationError("请填写好人卡号。")
    if valid_until is None or valid_until <= issued_on:
        raise ValidationError("有效期须晚于发放日期。")
    if CareCard.objects.filter(number=number).exists():
        raise ValidationError(f"卡号{number}已被使用。")
    card = CareCard.objects.create(
        honour=honour, number=number, issued_on=issued_on, valid_until=valid_until, issued_by=actor
    )
    card.areas.set(areas)
    audit.record(honour.nomination, action="card_issued", actor=actor, card=card.number)
    return card


@transaction.atomic
def renew_card(card, *, actor, valid_until):
    """Extend an active card's validity."""
    card = CareCard.objects.select_for_update().select_related("honour__nomination__jurisdiction").get(pk=card.pk)
    _require_care(actor, card.honour)
    if card.status != CareCardStatus.ACTIVE:
        raise ValidationError(f"好人卡{card.number}已收回，不能续期。")
    if valid_until is None or valid_until <= card.valid_until:
        raise ValidationError("新的有效期须晚于原有效期。")
    card.valid_until = valid_until
    card.save(update_fields=["valid_until"])
    audit.record(card.honour.nomination, action="card_renewed", actor=actor, card=card.number)
    return card


def recall_cards(honour, *, reason, on=None):
    """Recall the honour's active cards (revocation, death); returns their numbers."""
    active = CareCard.objects.filter(honour=honour, status=CareCardStatus.ACTIVE)
    numbers = list(active.values_list("number", flat=True))
    active.update(status=CareCardStatus.RECALLED, recalled_on=on or timezone.localdate(), recall_reason=reason)
    return numbers


@transaction.atomic
def recall_card(card, *, actor, reason):
    """Recall one card by staff decision, with the reason."""
    _require_care(actor, card.honour)
    if card.status != CareCardStatus.ACTIVE:
        raise ValidationError(f"好人卡{card.number}已收回。")
    if not (reason or "").strip():
        raise ValidationError("请填写收回原因。")
    CareCard.objects.filter(pk=card.pk).update(
        status=CareCardStatus.RECALLED, recalled_on=timezone.localdate(), recall_reason=reason.strip()
    )
    audit.record(card.honour.nomination, action="card_recalled", actor=actor, card=card.number)
    card.refresh_from_db()
    return card
