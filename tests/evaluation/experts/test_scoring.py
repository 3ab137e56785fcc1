"""Declarations, locked scores, who sees which scores, votes, and cutting the shortlist."""

import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import ModelLogEntry

from evaluation.choices import AffiliationType, Role
from evaluation.models import ExpertReviewSettings, ExpertScore, NominationEvent, ShortlistEntry
from evaluation.services import drawing, scoring
from tests.factories.evaluation import make_staff

from .conftest import make_candidate, make_expert


@pytest.fixture
def panel(campaign, jurisdictions, city_staff, rubric):
    """Five experts with accounts, one per type, all on the drawn panel; three candidates."""
    experts = []
    for n, kind in enumerate(AffiliationType.values):
        user = make_staff(f"expert{n}", Role.EXPERT, jurisdictions["city"])
        experts.append(make_expert(n, jurisdictions["city"], kind=kind, user=user))
    candidates = [make_candidate(campaign, jurisdictions["cg_street"], n) for n in range(1, 4)]
    draw = drawing.perform_draw(
        drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1), actor=city_staff
    )
    assert sorted(draw.panel) == sorted(e.pk for e in experts)
    return draw, experts, candidates


def points(rubric, first, second):
    a, b = rubric.criteria.order_by("sort_order")
    return {a.pk: first, b.pk: second}


def score(draw, expert, candidate, rubric, first=8, second=6):
    scoring.declare(draw, actor=expert.user, nomination=candidate, decision="no_conflict")
    return scoring.submit_score(draw, actor=expert.user, nomination=candidate, points=points(rubric, first, second))


@pytest.mark.django_db
def test_weighted_total_and_a_submitted_score_is_locked(panel, rubric):
    draw, experts, candidates = panel
    saved = score(draw, experts[0], candidates[0], rubric, 8, 6)
    # 60% × 8/10 + 40% × 6/10 = 48 + 24
    assert saved.total == 72
    with pytest.raises(ValidationError, match="评分已提交，不能修改"):
        scoring.submit_score(draw, actor=experts[0].user, nomination=candidates[0], points=points(rubric, 10, 10))
    saved.total = 100
    with pytest.raises(ValueError):
        saved.save()
    with pytest.raises(ValueError):
        saved.delete()
    # Even a bulk UPDATE that bypasses the model is refused by the database.
    with pytest.raises(DatabaseError), transaction.atomic():
        ExpertScore.objects.filter(pk=saved.pk).update(total=100)
    assert ExpertScore.objects.get(pk=saved.pk).total == 72
    assert NominationEvent.objects.filter(nomination=candidates[0], action="scored").exists()


@pytest.mark.django_db
def test_scoring_needs_a_declaration_and_a_recusal_bars_it(panel, rubric):
    draw, experts, candidates = panel
    user = experts[1].user
    with pytest.raises(ValidationError, match="请先声明"):
        scoring.submit_score(draw, actor=user, nomination=candidates[0], points=points(rubric, 5, 5))
    with pytest.raises(ValidationError, match="请说明理由"):
        scoring.declare(draw, actor=user, nomination=candidates[0], decision="recuse")
    scoring.declare(draw, actor=user, nomination=candidates[0], decision="recuse", reason="候选人是本人表亲")
    with pytest.raises(PermissionDenied, match="已回避"):
        scoring.submit_score(draw, actor=user, nomination=candidates[0], points=points(rubric, 5, 5))
    with pytest.raises(ValidationError, match="不能更改"):
        scoring.declare(draw, actor=user, nomination=candidates[0], decision="no_conflict")
    statuses = {a.nomination.pk: a.status for a in scoring.assignments(experts[1], draw)}
    assert statuses == {
        candidates[0].pk: "已回避",
        candidates[1].pk: "待声明利害关系",
        candidates[2].pk: "待声明利害关系",
    }


@pytest.mark.django_db
def test_a_detected_conflict_turns_no_conflict_into_a_recusal(panel, rubric):
    draw, experts, candidates = panel
    experts[2].declared_ties = candidates[1].nominee_name
    experts[2].save()
    declaration = scoring.declare(draw, actor=experts[2].user, nomination=candidates[1], decision="no_conflict")
    assert declaration.is_recusal and declaration.automatic
    with pytest.raises(PermissionDenied):
        scoring.submit_score(draw, actor=experts[2].user, nomination=candidates[1], points=points(rubric, 9, 9))


@pytest.mark.django_db
def test_only_panel_members_score_only_candidates_under_review(panel, rubric, campaign, jurisdictions):
    draw, experts, candidates = panel
    outsider = make_expert(50, jurisdictions["city"], user=make_staff("outsider", Role.EXPERT, jurisdictions["city"]))
    with pytest.raises(PermissionDenied, match="不在本轮评议组"):
        scoring.declare(draw, actor=outsider.user, nomination=candidates[0], decision="no_conflict")
    no_consent = make_candidate(campaign, jurisdictions["cg_street"], 9, consent=False)
    with pytest.raises(PermissionDenied, match="不在本轮评审范围"):
        scoring.declare(draw, actor=experts[0].user, nomination=no_consent, decision="no_conflict")
    with pytest.raises(ValidationError, match="0至10分"):
        scoring.declare(draw, actor=experts[0].user, nomination=candidates[0], decision="no_conflict")
        scoring.submit_score(draw, actor=experts[0].user, nomination=candidates[0], points=points(rubric, 11, 5))


@pytest.mark.django_db
def test_experts_see_only_their_own_scores_until_the_round_closes(panel, rubric, city_staff):
    draw, experts, candidates = panel
    mine = score(draw, experts[0], candidates[0], rubric)
    theirs = score(draw, experts[1], candidates[0], rubric)
    assert list(scoring.visible_scores(experts[0].user, draw)) == [mine]
    assert not scoring.visible_scores(city_staff, draw).exists()
    drawing.close_round(draw, actor=city_staff)
    draw.refresh_from_db()
    assert set(scoring.visible_scores(experts[0].user, draw)) == {mine, theirs}
    assert set(scoring.visible_scores(city_staff, draw)) == {mine, theirs}
    with pytest.raises(ValidationError, match="已经结束"):
        scoring.declare(draw, actor=experts[2].user, nomination=candidates[0], decision="no_conflict")


@pytest.mark.django_db
def test_vote_totals_fall_back_only_when_the_voting_service_is_absent(campaign, monkeypatch):
    monkeypatch.setitem(sys.modules, scoring.VOTING_MODULE, None)  # the module is not installed
    assert scoring.vote_totals(campaign) == {}

    class FakeVoting:
        @staticmethod
        def valid_counts(c):
            return {7: 12}

    monkeypatch.setitem(sys.modules, scoring.VOTING_MODULE, FakeVoting)
    assert scoring.vote_totals(campaign) == {7: 12}

    def broken_import(name):
        raise ModuleNotFoundError("No module named 'redis'", name="redis")

    # The voting service exists but one of its own imports fails: that must not pass as "no votes".
    monkeypatch.setattr(scoring.importlib, "import_module", broken_import)
    with pytest.raises(ModuleNotFoundError):
        scoring.vote_totals(campaign)


@pytest.mark.django_db
def test_cut_shortlist_to_the_quota_with_injected_votes(campaign, jurisdictions, city_staff, rubric):
    users = [make_staff(f"e{n}", Role.EXPERT, jurisdictions["city"]) for n in range(5)]
    experts = [
        make_expert(n, jurisdictions["city"], kind=k, user=u)
        for n, (k, u) in enumerate(zip(AffiliationType.values, users, strict=True))
    ]
    candidates = [make_candidate(campaign, jurisdictions["cg_street"], n) for n in range(1, 23)]
    ExpertReviewSettings.objects.create(campaign=campaign, honouree_quota=20, expert_weight=70, vote_weight=30)
    draw = drawing.perform_draw(
        drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1), actor=city_staff
    )
    for expert in experts:
        for i, candidate in enumerate(candidates):
            # Everyone agrees: candidate i gets 10 - i//3 and 10 - i//4 (later candidates lower).
            score(draw, expert, candidate, rubric, max(0, 10 - i // 3), max(0, 10 - i // 4))
    with pytest.raises(ValidationError, match="尚无已结束"):
        scoring.cut_shortlist(campaign, actor=city_staff, votes={})
    drawing.close_round(draw, actor=city_staff)
    # The last two candidates get so many votes that they overtake the ones above them.
    votes = {candidates[-1].pk: 900, candidates[-2].pk: 800}
    entries = scoring.cut_shortlist(campaign, actor=city_staff, votes=votes)
    assert len(entries) == 20
    shortlisted = [e.nomination_id for e in ShortlistEntry.objects.filter(campaign=campaign).order_by("rank")]
    assert candidates[-1].pk in shortlisted and candidates[-2].pk in shortlisted
    assert [e.rank for e in ShortlistEntry.objects.filter(campaign=campaign)] == list(range(1, 21))
    # Without votes the expert order alone decides: the last two are out.
    report = scoring.ranking_report(campaign, votes=votes)
    no_votes = next(s for s in report.scenarios if s.label == "不计网络投票")
    assert set(no_votes.left) == {candidates[-1].pk, candidates[-2].pk}
    assert ModelLogEntry.objects.filter(action="evaluation.shortlist_cut").count() == 1
    with pytest.raises(PermissionDenied):
        scoring.cut_shortlist(campaign, actor=experts[0].user, votes=votes)


@pytest.mark.django_db
def test_quota_and_weights_are_validated(campaign):
    settings = ExpertReviewSettings(campaign=campaign, honouree_quota=41, expert_weight=70, vote_weight=20)
    with pytest.raises(ValidationError) as exc:
        settings.full_clean()
    assert "vote_weight" in exc.value.message_dict and "honouree_quota" in exc.value.message_dict
    campaign.honouree_quota_min, campaign.honouree_quota_max = 25, 30
    settings = ExpertReviewSettings(campaign=campaign, honouree_quota=22)
    with pytest.raises(ValidationError, match="25至30"):
        settings.full_clean()


@pytest.mark.django_db
def test_the_cut_keeps_the_category_quota_and_leaves_out_the_disqualified(panel, rubric, campaign, city_staff):
    from evaluation.services import disqualification

    draw, experts, candidates = panel
    ExpertReviewSettings.objects.update_or_create(campaign=campaign, defaults={"honouree_quota": 20})
    for expert in experts:
        for i, candidate in enumerate(candidates):
            score(draw, expert, candidate, rubric, 10 - i, 10 - i)
    drawing.close_round(draw, actor=city_staff)
    candidates[1].category = "bravery"
    candidates[1].save()
    campaign.category_quota = 1
    campaign.save()
    # Best first: candidates[0] takes helping_others' one place, so candidates[2] (same category) gives way.
    entries = scoring.cut_shortlist(campaign, actor=city_staff, votes={})
    assert [e.nomination_id for e in entries] == [candidates[0].pk, candidates[1].pk]

    disqualification.disqualify(
        campaign, candidates[0], actor=city_staff, grounds="经核查，其支持者组织多人集中刷票，证据确凿。"
    )
    assert candidates[0].pk not in [r.candidate for r in scoring.ranking_report(campaign, votes={}).rows]
    entries = scoring.cut_shortlist(campaign, actor=city_staff, votes={})
    assert [e.nomination_id for e in entries] == [candidates[1].pk, candidates[2].pk]
