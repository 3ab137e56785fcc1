"""The ranking arithmetic against numbers worked out by hand (see each test's comments)."""

import math

import pytest

from evaluation.services import ranking
from evaluation.services.ranking import Weights

# Expert 1 gives 80 / 70 / 60; expert 2 gives everyone 90 (no variance); expert 3 recused from
# candidate 30 and gives 50 / 70.
SCORES = [
    (1, 10, 80),
    (1, 20, 70),
    (1, 30, 60),
    (2, 10, 90),
    (2, 20, 90),
    (2, 30, 90),
    (3, 10, 50),
    (3, 20, 70),
]
VOTES = {10: 500, 20: 100, 30: 2000}
CAPPED = Weights(expert_weight=70, vote_weight=30, vote_transform="capped", vote_cap=1000)


def by_candidate(rows):
    return {r.candidate: r for r in rows}


def test_zscores_are_population_z_and_zero_without_variance():
    # mean 70, population sd sqrt(200/3) = 8.164966 -> ±10 / 8.164966 = ±1.2247449
    assert ranking.zscores([80, 70, 60]) == pytest.approx([1.2247449, 0.0, -1.2247449])
    assert ranking.zscores([90, 90, 90]) == [0.0, 0.0, 0.0]
    assert ranking.zscores([50, 70]) == pytest.approx([-1.0, 1.0])


def test_expert_score_is_the_mean_of_each_experts_z_score():
    rows = by_candidate(ranking.rank(SCORES, {}, Weights(100, 0)))
    # candidate 10: (1.2247449 + 0 - 1) / 3; candidate 20: (0 + 0 + 1) / 3; candidate 30: (-1.2247449 + 0) / 2
    assert rows[10].expert_score == pytest.approx(0.0749150, abs=1e-6)
    assert rows[20].expert_score == pytest.approx(0.3333333, abs=1e-6)
    assert rows[30].expert_score == pytest.approx(-0.6123724, abs=1e-6)


def test_capped_votes_combined_seventy_thirty():
    rows = ranking.rank(SCORES, VOTES, CAPPED)
    # capped votes 500 / 100 / 1000: mean 533.333, sd 368.1787 -> z -0.0905357, -1.1769647, 1.2675004
    got = by_candidate(rows)
    assert got[10].vote_score == pytest.approx(-0.0905357, abs=1e-6)
    assert got[30].vote_score == pytest.approx(1.2675004, abs=1e-6)
    # 0.7 × expert + 0.3 × vote
    assert got[10].combined == pytest.approx(0.0252798, abs=1e-6)
    assert got[20].combined == pytest.approx(-0.1197561, abs=1e-6)
    assert got[30].combined == pytest.approx(-0.0484106, abs=1e-6)
    assert [r.candidate for r in rows] == [10, 30, 20]
    assert [r.rank for r in rows] == [1, 2, 3]


def test_votes_change_the_order_only_through_their_weight():
    assert [r.candidate for r in ranking.rank(SCORES, VOTES, Weights(100, 0))] == [20, 10, 30]
    # With votes counting 30% candidate 20 (fewest votes) drops to last.
    assert [r.candidate for r in ranking.rank(SCORES, VOTES, CAPPED)] == [10, 30, 20]


def test_rank_transform_uses_mid_ranks():
    rows = by_candidate(ranking.rank(SCORES, VOTES, Weights(70, 30, "rank")))
    # ranks from the bottom 1 / 0 / 2 -> z 0, -1.2247449, 1.2247449
    assert rows[10].vote_score == pytest.approx(0.0, abs=1e-9)
    assert rows[20].vote_score == pytest.approx(-1.2247449, abs=1e-6)
    assert rows[20].combined == pytest.approx(0.2333333 - 0.3674235, abs=1e-6)
    assert ranking.transform_votes({1: 5, 2: 5, 3: 1}, [1, 2, 3], "rank") == {1: 1.5, 2: 1.5, 3: 0.0}


def test_log_and_cap_transforms():
    assert ranking.transform_votes({1: 0, 2: 99}, [1, 2], "log") == pytest.approx({1: 0.0, 2: math.log(100)})
    assert ranking.transform_votes({1: 5000, 2: 20}, [1, 2, 3], "capped", cap=1000) == {1: 1000, 2: 20, 3: 0}


def test_no_votes_at_all_leaves_the_expert_order():
    rows = ranking.rank(SCORES, {}, CAPPED)
    assert [r.candidate for r in rows] == [20, 10, 30]
    assert all(r.vote_score == 0 for r in rows)


def test_robustness_report():
    base, scenarios = ranking.robustness(SCORES, VOTES, CAPPED, quota=1, expert_labels={1: "甲"})
    assert base == [10]
    report = {s.label: s for s in scenarios}
    # Without votes candidate 20 leads (expert scores only).
    assert report["不计网络投票"].changed and report["不计网络投票"].entered == [20]
    # Without expert 1: 10 -> -0.3771607, 20 -> -0.0030894, 30 -> 0.3802501: candidate 30 takes the place.
    assert report["去掉专家甲的评分"].entered == [30] and report["去掉专家甲的评分"].left == [10]
    assert not report["去掉专家2的评分"].changed
    assert not report["去掉专家3的评分"].changed
    # Trimmed: 10 -> 0 and 20 -> 0 (middle z only), 30 keeps both (only two scores): 10 still first.
    assert not report["去掉每名候选人的最高分和最低分"].changed
    assert len(scenarios) == 5
