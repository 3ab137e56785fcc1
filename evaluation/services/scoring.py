"""Declarations, scores, the ranking and the shortlist: one function per use case.

Experts score only the candidates assigned to them (the round's panel × the
candidates for review, minus recusals); a submitted score is final.  Before a
round closes nobody sees another expert's scores; city staff see progress only.
"""

import importlib
import logging
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from evaluation import rules
from evaluation.choices import DeclarationDecision, StageKind
from evaluation.models import (
    ConflictDeclaration,
    Disqualification,
    Expert,
    ExpertDraw,
    ExpertScore,
    Nomination,
    Rubric,
    ShortlistEntry,
)
from evaluation.models.scoring import CRITERION_MAX_POINTS
from evaluation.services import audit, ranking, stage_dates
from evaluation.services.conflicts import candidates_for_review, conflict_reasons
from evaluation.services.review_settings import settings_for

logger = logging.getLogger(__name__)
VOTING_MODULE = "evaluation.services.voting"


def vote_totals(campaign):
    """{candidate id: valid votes} from the voting service, also while the public sees no counts;
    empty only when that service is not installed."""
    try:
        voting = importlib.import_module(VOTING_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != VOTING_MODULE:
            raise
        logger.warning("Voting service absent: ranking campaign %s without votes", campaign.pk)
        return {}
    return {int(candidate): int(valid) for candidate, valid in voting.valid_counts(campaign).items()}


# --- who is assigned what -------------------------------------------------------------------------


def open_rounds_for(expert):
    """Drawn, not yet closed rounds with `expert` on the panel."""
    return [
        d for d in ExpertDraw.objects.filter(drawn_at__isnull=False, closed_at__isnull=True) if expert.pk in d.panel
    ]


def is_on_panel(expert, draw):
    return expert is not None and draw.is_drawn and expert.pk in draw.panel


@dataclass
class Assignment:
    nomination: Nomination
    declaration: ConflictDeclaration | None
    score: ExpertScore | None

    @property
    def status(self):
        if self.score is not None:
            return "已提交评分"
        if self.declaration is None:
            return "待声明利害关系"
        if self.declaration.is_recusal:
            return "已回避"
        return "待评分"


def assignments(expert, draw):
    """Every candidate of the round for `expert`, with their declaration and own score."""
    if not is_on_panel(expert, draw):
        return []
    declarations = {d.nomination_id: d for d in draw.declarations.filter(expert=expert)}
    scores = {s.nomination_id: s for s in draw.scores.filter(expert=expert)}
    return [Assignment(n, declarations.get(n.pk), scores.get(n.pk)) for n in candidates_for_review(draw.campaign)]


def _assigned_candidate(expert, draw, nomination, action, today=None):
    if not is_on_panel(expert, draw):
        raise PermissionDenied("您不在本轮评议组中。")
    if draw.is_closed:
        raise ValidationError("本轮评审已经结束。")
    stage_dates.check_open(draw.campaign, StageKind.EXPERT_REVIEW, action, today)
    if not candidates_for_review(draw.campaign).filter(pk=nomination.pk).exists():
        raise PermissionDenied("该候选人不在本轮评审范围内。")


# --- declaring and scoring ------------------------------------------------------------------------


@transaction.atomic
def declare(draw, *, actor, nomination, decision, reason="", today=None):
    """The expert's declaration for one candidate; detected conflicts force a recusal.

    `today`, here and in submit_score: the day checked against the stage dates (the demo replays a past round).
    """
    expert = rules.expert_of(actor)
    _assigned_candidate(expert, draw, nomination, "声明利害关系", today)
    if decision not in DeclarationDecision.values:
        raise ValidationError("请选择利害关系声明。")
    reason = (reason or "").strip()
    detected = conflict_reasons(expert, nomination)
    automatic = False
    if decision == DeclarationDecision.NO_CONFLICT and detected:
        decision, reason, automatic = DeclarationDecision.RECUSE, "系统检出：" + "；".join(detected), True
    if decision == DeclarationDecision.RECUSE and not reason:
        raise ValidationError("选择需要回避时，请说明理由。")
    try:
        with transaction.atomic():
            declaration = ConflictDeclaration.objects.create(
                draw=draw, expert=expert, nomination=nomination, decision=decision, reason=reason, automatic=automatic
            )
    except IntegrityError:
        raise ValidationError("您已对该候选人作出声明，不能更改。") from None
    audit.record(nomination, action="declared", actor=actor, round=draw.round, expert=expert.pk, decision=decision)
    return declaration


def weighted_total(rubric, points):
    """Σ weight × points / 10 over the rubric's criteria: 0–100."""
    return round(sum(c.weight * points[c.pk] for c in rubric.criteria.all()) / CRITERION_MAX_POINTS, 4)


def rubric_for(campaign):
    rubric = Rubric.objects.filter(campaign=campaign).prefetch_related("criteria").first()
    if rubric is None or not rubric.criteria.exists():
        raise ValidationError("本活动尚未设置评分细则。")
    if rubric.total_weight != 100:
        raise ValidationError(f"评分细则的权重之和为{rubric.total_weight}，应为100。")
    return rubric


@transaction.atomic
def submit_score(draw, *, actor, nomination, points, comment="", today=None):
    """Record the expert's score for one candidate. Final: a second submission is refused."""
    expert = rules.expert_of(actor)
    _assigned_candidate(expert, draw, nomination, "评分", today)
    declaration = draw.declarations.filter(expert=expert, nomination=nomination).first()
    if declaration is None:
        raise ValidationError("请先声明与该候选人有无利害关系。")
    if declaration.is_recusal:
        raise PermissionDenied("您已回避该候选人，不能评分。")
    if draw.scores.filter(expert=expert, nomination=nomination).exists():
        raise ValidationError("评分已提交，不能修改。")
    rubric = rubric_for(draw.campaign)
    clean = {}
    for criterion in rubric.criteria.all():
        value = points.get(criterion.pk, points.get(str(criterion.pk)))
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"请为“{criterion.name}”打分。") from None
        if not 0 <= value <= CRITERION_MAX_POINTS:
            raise ValidationError(f"“{criterion.name}”的得分应在0至{CRITERION_MAX_POINTS}分之间。")
        clean[criterion.pk] = value
    try:
        with transaction.atomic():
            score = ExpertScore.objects.create(
                draw=draw,
                expert=expert,
                nomination=nomination,
                points={str(k): v for k, v in clean.items()},
                total=weighted_total(rubric, clean),
                comment=comment.strip(),
            )
    except IntegrityError:
        raise ValidationError("评分已提交，不能修改。") from None
    audit.record(nomination, action="scored", actor=actor, round=draw.round, expert=expert.pk)
    return score


def visible_scores(user, draw):
    """Scores `user` may read: their own while the round is open; all once it is closed (staff and panel)."""
    expert = rules.expert_of(user)
    if draw.is_closed and (rules.can_run_expert_review(user) or is_on_panel(expert, draw)):
        return draw.scores.all()
    if expert is not None:
        return draw.scores.filter(expert=expert)
    return draw.scores.none()


def progress(draw):
    """Per panel expert: candidates assigned, declared, recused, scored (counts only)."""
    candidates = candidates_for_review(draw.campaign).count()
    experts = {e.pk: e for e in Expert.objects.filter(pk__in=draw.panel)}
    rows = []
    for expert_id in draw.panel:
        declarations = draw.declarations.filter(expert_id=expert_id)
        recused = declarations.filter(decision=DeclarationDecision.RECUSE).count()
        rows.append(
            {
                "expert": experts.get(expert_id),
                "candidates": candidates,
                "declared": declarations.count(),
                "recused": recused,
                "assigned": candidates - recused,
                "scored": draw.scores.filter(expert_id=expert_id).count(),
            }
        )
    return rows


# --- ranking and the shortlist --------------------------------------------------------------------


def closed_round(campaign):
    """The latest closed round, whose scores make the ranking."""
    return ExpertDraw.objects.filter(campaign=campaign, closed_at__isnull=False).order_by("-round").first()


def weights_for(review_settings):
    return ranking.Weights(
        review_settings.expert_weight,
        review_settings.vote_weight,
        review_settings.vote_transform,
        review_settings.vote_cap,
    )


@dataclass
class RankingReport:
    draw: ExpertDraw
    rows: list
    nominations: dict
    quota: int
    scenarios: list


def ranking_report(campaign, votes=None):
    """The ranking of the latest closed round and its robustness; `votes` defaults to vote_totals()."""
    draw = closed_round(campaign)
    if draw is None:
        raise ValidationError("尚无已结束的评审轮次。")
    review_settings = settings_for(campaign)
    disqualified = Disqualification.objects.nomination_ids(campaign)
    scores = draw.scores.exclude(nomination_id__in=disqualified)
    scores = list(scores.values_list("expert_id", "nomination_id", "total"))
    if not scores:
        raise ValidationError("本轮没有提交的评分。")
    votes = vote_totals(campaign) if votes is None else votes
    weights = weights_for(review_settings)
    rows = ranking.rank(scores, votes, weights)
    labels = dict(Expert.objects.filter(pk__in=draw.panel).values_list("pk", "name"))
    _, scenarios = ranking.robustness(scores, votes, weights, review_settings.honouree_quota, labels)
    nominations = Nomination.objects.in_bulk([r.candidate for r in rows])
    return RankingReport(draw, rows, nominations, review_settings.honouree_quota, scenarios)


@transaction.atomic
def cut_shortlist(campaign, *, actor, votes=None):
    """Write the shortlist: the first `honouree_quota` of the ranking, at most `category_quota` per category
    (a candidate past it gives way to the next one down), replacing any earlier cut."""
    if not rules.can_run_expert_review(actor):
        raise PermissionDenied("只有市文明办工作人员可以拟定名单。")
    report = ranking_report(campaign, votes)
    ShortlistEntry.objects.filter(campaign=campaign).delete()
    per_category = Counter()
    entries = []
    for row in report.rows:
        if len(entries) == report.quota:
            break
        category = report.nominations[row.candidate].category
        if per_category[category] >= campaign.category_quota:
            continue
        per_category[category] += 1
        entries.append(
            ShortlistEntry.objects.create(
                campaign=campaign,
                nomination_id=row.candidate,
                rank=row.rank,
                combined_score=row.combined,
                created_by=actor,
            )
        )
    for entry in entries:
        audit.record(entry.nomination, action="shortlisted", actor=actor, rank=entry.rank)
    audit.record_campaign(
        campaign,
        action="shortlist_cut",
        actor=actor,
        round=report.draw.round,
        quota=report.quota,
        shortlist=[e.nomination_id for e in entries],
    )
    return entries
