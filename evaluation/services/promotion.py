"""Promotion lineage (seed 000 §8): a city honouree put forward to the province, a provincial one to the nation.

The levels and the records each step needs are data (ROUTE, REQUIRED): a provincial
recommendation rests on an expert review and a directors' meeting, a national one on a
directors' meeting.  The rule's exception: a city honouree without the provincial title
whose deeds stand out goes straight to the national recommendation, on a recorded
directors' meeting decision and a stated reason.  An award from the higher level
becomes a held title and appears on the honouree's own profile.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from evaluation import rules
from evaluation.choices import Level
from evaluation.models import DecisionKind, DecisionOutcome, HeldTitle, Honour, Promotion, PromotionDecision
from evaluation.models.records import PromotionStatus
from evaluation.services import audit, publication
from evaluation.services.intake import check_held_titles

ROUTE = {Level.CITY: Level.PROVINCE, Level.PROVINCE: Level.NATIONAL}
SKIP = {(Level.CITY, Level.NATIONAL)}
REQUIRED = {
    Level.PROVINCE: (DecisionKind.EXPERT_REVIEW, DecisionKind.DIRECTORS_MEETING),
    Level.NATIONAL: (DecisionKind.DIRECTORS_MEETING,),
}


@dataclass(frozen=True)
class Decision:
    """One review or meeting as staff enter it; `participants` one person per line."""

    kind: str
    held_on: datetime.date
    participants: str
    outcome: str
    minutes_number: str = ""


def level_reached(honour):
    """The highest level the honouree holds through this honour: its own, or an awarded promotion's."""
    awarded = honour.promotions.filter(status=PromotionStatus.AWARDED).values_list("target_level", flat=True)
    return max([honour.level, *awarded], key=Level.rank)


def _check_decisions(target, decisions):
    for d in decisions:
        if d.kind not in DecisionKind.values or d.outcome not in DecisionOutcome.values or d.held_on is None:
            raise ValidationError("评议或议定记录不完整：请填写程序、日期和结论。")
        if not (d.participants or "").strip():
            raise ValidationError(f"请填写{DecisionKind(d.kind).label}的参加人员。")
    agreed = {d.kind for d in decisions if d.outcome == DecisionOutcome.AGREED}
    missing = [DecisionKind(k).label for k in REQUIRED[target] if k not in agreed]
    if missing:
        raise ValidationError(
            f"推荐{Level(target).label}须先经{'和'.join(missing)}同意，请录入相应记录（日期、参加人员、结论）。"
        )


@transaction.atomic
def promote(honour, *, actor, target_level=None, target_campaign=None, note="", decisions=()):
    """Put an honouree forward, one level up or by the skip-level route; refuses holders of the target title."""
    if not rules.can_manage_honours(actor):
        raise PermissionDenied("您无权管理入选者档案。")
    honour = Honour.objects.select_for_update().select_related("nomination").get(pk=honour.pk)
    if honour.is_revoked:
        raise ValidationError(f"{honour.name}的荣誉称号已被撤销，不能推荐上级。")
    reached = level_reached(honour)
    target = target_level or ROUTE.get(reached)
    if target is None:
        raise ValidationError(f"{honour.name}已是{Level(reached).label}荣誉，没有更高一级可以推荐。")
    skips = ROUTE.get(reached) != target
    if skips and (reached, target) not in SKIP:
        raise ValidationError(
            f"{honour.name}现为{Level(reached).label}荣誉，只能推荐{Level(ROUTE[reached]).label}评选"
            "（市级入选者事迹特别突出的，可经主任会议议定直接推荐全国）。"
            if reached in ROUTE
            else f"{honour.name}已是{Level(reached).label}荣誉，没有更高一级可以推荐。"
        )
    if skips and not (note or "").strip():
        raise ValidationError("越级推荐须写明事迹特别突出、群众认可度特别高的情况。")
    if target_campaign is not None and target_campaign.level != target:
        raise ValidationError(f"所选上级评选活动不是{Level(target).label}活动。")
    decisions = list(decisions)
    _check_decisions(target, decisions)
    check_held_titles(target, honour.nomination.id_number_hash, detailed=True)
    try:
        with transaction.atomic():
            promotion = Promotion.objects.create(
                honour=honour,
                target_level=target,
                target_campaign=target_campaign,
                skips_level=skips,
                note=note,
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError(f"{honour.name}已推荐过{Level(target).label}评选。") from None
    PromotionDecision.objects.bulk_create(
        PromotionDecision(
            promotion=promotion,
            kind=d.kind,
            held_on=d.held_on,
            participants=d.participants.strip(),
            outcome=d.outcome,
            minutes_number=d.minutes_number,
        )
        for d in decisions
    )
    audit.record(
        honour.nomination,
        action="promoted",
        actor=actor,
        target_level=target,
        promotion=promotion.pk,
        skips_level=skips,
        decisions=[f"{d.kind}:{d.held_on.isoformat()}:{d.outcome}" for d in decisions],
    )
    return promotion


@transaction.atomic
def record_promotion_result(promotion, *, actor, awarded, title="", awarded_on=None, higher_nomination=None):
    """The higher level's decision; an award becomes a held title and a line on the honouree's profile."""
    if not rules.can_manage_honours(actor):
        raise PermissionDenied("您无权管理入选者档案。")
    promotion = Promotion.objects.select_for_update().select_related("honour__nomination").get(pk=promotion.pk)
    if promotion.status != PromotionStatus.PROPOSED:
        raise ValidationError("该推荐已有结果，不能重复录入。")
    promotion.higher_nomination = higher_nomination
    honour = promotion.honour
    if awarded:
        if not title or awarded_on is None:
            raise ValidationError("请填写上级授予的称号和日期。")
        nomination = honour.nomination
        held = HeldTitle(
            person_name=honour.name,
            title=title,
            level=promotion.target_level,
            awarded_on=awarded_on,
            id_number_hash=nomination.id_number_hash,
            id_number_masked=nomination.id_number_masked,
            id_number_cipher=nomination.id_number_cipher,
        )
        held.save()
        promotion.held_title = held
        promotion.awarded_title, promotion.awarded_on = title, awarded_on
        promotion.status = PromotionStatus.AWARDED
        publication.add_to_profile(honour, name=title, level=promotion.target_level, date=awarded_on, actor=actor)
    else:
        promotion.status = PromotionStatus.NOT_AWARDED
    promotion.save()
    audit.record(honour.nomination, action="promotion_result", actor=actor, promotion=promotion.pk, awarded=awarded)
    return promotion
