"""Reproducible random draw of an expert panel (commit–reveal).

1. `prepare_draw` fixes the pool, the affiliation types, the exclusions (conflicts
   found before the draw), `max_per_type` and the panel size, picks a random seed and
   publishes its SHA-256 hash.  The seed itself stays sealed.
2. `perform_draw` runs `draw_panel` with the sealed seed, records the panel and
   reveals the seed, so anyone can check the hash and re-run the rule.

The rule (`draw_panel`) needs nothing but the published values and SHA-256:
order the pool by the hex digest of "{seed}:{expert_id}" ascending, walk that
order, skip excluded experts and those whose affiliation type already has
`max_per_type` members on the panel, stop at `size`.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from evaluation import rules
from evaluation.choices import StageKind
from evaluation.models import Expert, ExpertDraw
from evaluation.services import audit, conflicts, stage_dates
from evaluation.services.review_settings import settings_for


def seed_hash(seed):
    """The published commitment: SHA-256 hex digest of the seed's UTF-8 bytes."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def draw_order(seed, pool):
    """The pool ordered by sha256("{seed}:{expert_id}") hex digest, ascending."""
    return sorted(pool, key=lambda expert_id: hashlib.sha256(f"{seed}:{expert_id}".encode()).hexdigest())


def draw_panel(seed, pool, types, excluded, max_per_type, size):
    """The panel the published rule gives. `types` maps expert id (int or str) to affiliation type;
    `excluded` is a collection of expert ids (or of {"expert": id, ...} records)."""
    excluded_ids = {int(e["expert"]) if isinstance(e, dict) else int(e) for e in excluded}
    type_of = {int(k): v for k, v in types.items()}
    panel, per_type = [], {}
    for expert_id in draw_order(seed, [int(e) for e in pool]):
        if len(panel) >= size:
            break
        if expert_id in excluded_ids:
            continue
        kind = type_of[expert_id]
        if per_type.get(kind, 0) >= max_per_type:
            continue
        panel.append(expert_id)
        per_type[kind] = per_type.get(kind, 0) + 1
    return panel


def verify(draw):
    """True if the revealed seed matches the published hash and re-running the rule gives the recorded panel."""
    if not draw.seed:
        return False
    return seed_hash(draw.seed) == draw.seed_hash and draw.panel == draw_panel(
        draw.seed, draw.pool, draw.types, draw.excluded, draw.max_per_type, draw.size
    )


def _check_staff(actor):
    if not rules.can_run_expert_review(actor):
        raise PermissionDenied("只有市文明办工作人员可以组织专家抽取。")


@transaction.atomic
def prepare_draw(campaign, *, actor, size=None, max_per_type=None, extra_exclusions=(), today=None):
    """Fix the inputs of the next round and publish the seed's hash. `extra_exclusions`: [(expert, reason)].

    `today` is the day the stage dates are checked against (the demo replays a past round); screens leave it.
    """
    _check_staff(actor)
    stage_dates.check_open(campaign, StageKind.EXPERT_REVIEW, "抽取专家", today)
    review_settings = settings_for(campaign)
    size = size or review_settings.panel_size
    max_per_type = max_per_type or review_settings.max_per_type
    if ExpertDraw.objects.filter(campaign=campaign, drawn_at__isnull=True).exists():
        raise ValidationError("上一轮抽取尚未完成，请先完成抽取。")
    experts = list(Expert.objects.active().select_related("jurisdiction").order_by("id"))
    excluded = {}
    for expert, reason in conflicts.exclusions_before_draw(campaign, experts):
        excluded.setdefault(expert.pk, reason)
    for expert, reason in extra_exclusions:
        excluded.setdefault(expert.pk, reason or "工作人员排除")
    eligible = [e for e in experts if e.pk not in excluded]
    types = {str(e.pk): e.affiliation_type for e in experts}
    reachable = sum(min(max_per_type, sum(1 for e in eligible if e.affiliation_type == t)) for t in set(types.values()))
    if reachable < size:
        raise ValidationError(f"可抽取的专家不足：按每个界别最多{max_per_type}人，最多只能抽出{reachable}人。")
    seed = secrets.token_hex(32)
    round_number = (campaign.expert_draws.aggregate(n=Max("round"))["n"] or 0) + 1
    draw = ExpertDraw.objects.create(
        campaign=campaign,
        round=round_number,
        seed_hash=seed_hash(seed),
        sealed_seed=seed,
        pool=[e.pk for e in experts],
        types=types,
        max_per_type=max_per_type,
        size=size,
        excluded=[{"expert": pk, "reason": reason} for pk, reason in sorted(excluded.items())],
        created_by=actor,
    )
    audit.record_campaign(
        campaign, action="draw_prepared", actor=actor, round=draw.round, seed_hash=draw.seed_hash, size=size
    )
    return draw


@transaction.atomic
def perform_draw(draw, *, actor, today=None):
    """Draw the panel with the sealed seed and reveal the seed."""
    _check_staff(actor)
    draw = ExpertDraw.objects.select_for_update().get(pk=draw.pk)
    if draw.is_drawn:
        raise ValidationError("本轮专家已抽取，不能重复抽取。")
    stage_dates.check_open(draw.campaign, StageKind.EXPERT_REVIEW, "抽取专家", today)
    draw.panel = draw_panel(draw.sealed_seed, draw.pool, draw.types, draw.excluded, draw.max_per_type, draw.size)
    draw.seed = draw.sealed_seed
    draw.drawn_at = timezone.now()
    draw.save(update_fields=["panel", "seed", "drawn_at"])
    audit.record_campaign(
        draw.campaign, action="draw_performed", actor=actor, round=draw.round, seed=draw.seed, panel=draw.panel
    )
    return draw


@transaction.atomic
def close_round(draw, *, actor):
    """End scoring for the round; scores become visible to staff and the panel."""
    _check_staff(actor)
    draw = ExpertDraw.objects.select_for_update().get(pk=draw.pk)
    if not draw.is_drawn:
        raise ValidationError("本轮专家尚未抽取。")
    if draw.is_closed:
        raise ValidationError("本轮评审已经结束。")
    draw.closed_at = timezone.now()
    draw.save(update_fields=["closed_at"])
    audit.record_campaign(
        draw.campaign, action="round_closed", actor=actor, round=draw.round, scores=draw.scores.count()
    )
    return draw


def close_expired_rounds(today=None):
    """Close every drawn round whose campaign's 专家评审 stage has ended (the scoring window is over).

    Run by the scheduler beside the web server (wagtail_hooks.py: `scheduled_tasks`); returns the closed rounds.
    """
    closed = []
    open_rounds = ExpertDraw.objects.filter(drawn_at__isnull=False, closed_at__isnull=True).select_related("campaign")
    for draw in open_rounds:
        if not stage_dates.has_ended(draw.campaign, StageKind.EXPERT_REVIEW, today):
            continue
        with transaction.atomic():
            locked = ExpertDraw.objects.select_for_update().get(pk=draw.pk)
            if locked.is_closed:
                continue
            locked.closed_at = timezone.now()
            locked.save(update_fields=["closed_at"])
            audit.record_campaign(
                draw.campaign,
                action="round_closed",
                round=locked.round,
                scores=locked.scores.count(),
                reason="评分期结束",
            )
        closed.append(locked)
    return closed
