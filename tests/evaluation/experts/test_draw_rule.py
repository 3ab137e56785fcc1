"""The published draw rule, checked by hand and re-run by a third-party implementation."""

import hashlib

from evaluation.services.drawing import draw_order, draw_panel, seed_hash

SEED = "qinghe-2026"
# sha256("qinghe-2026:{id}") begins: 1 0ba7cc…, 2 19abad…, 3 ec647e…, 4 e8b9f6…,
# 5 c520fe…, 6 b4c1cb…, 7 5e8b56…, 8 0f68ee…  ->  ascending order 1, 8, 2, 7, 6, 5, 4, 3.
TYPES = {
    1: "government",
    2: "government",
    3: "media",
    4: "university",
    5: "enterprise",
    6: "government",
    7: "media",
    8: "university",
}


def test_order_by_digest_checked_by_hand():
    assert draw_order(SEED, list(TYPES)) == [1, 8, 2, 7, 6, 5, 4, 3]
    assert seed_hash(SEED) == "61a7a187357aab7a2e731692e3a74c7fb71fce309126c4d6a1adebfc4e580164"


def test_exclusions_and_max_per_type_checked_by_hand():
    # 1 taken, 8 excluded, 2 and 6 skipped (government full), 7 media, 5 enterprise, 4 university.
    assert draw_panel(SEED, list(TYPES), TYPES, [{"expert": 8, "reason": "x"}], 1, 4) == [1, 7, 5, 4]
    # Two per type and nobody excluded: the first four in order.
    assert draw_panel(SEED, list(TYPES), TYPES, [], 2, 4) == [1, 8, 2, 7]


def test_string_keys_from_json_give_the_same_panel():
    types = {str(k): v for k, v in TYPES.items()}
    assert draw_panel(SEED, list(TYPES), types, [8], 1, 4) == [1, 7, 5, 4]


def independent_draw(seed, pool, types, excluded, max_per_type, size):
    """A re-implementation from the published description only."""
    digests = sorted((hashlib.sha256(f"{seed}:{e}".encode()).hexdigest(), e) for e in pool)
    chosen, count = [], {}
    for _, e in digests:
        t = types[str(e)]
        if len(chosen) == size:
            break
        if e in excluded or count.get(t, 0) == max_per_type:
            continue
        chosen.append(e)
        count[t] = count.get(t, 0) + 1
    return chosen


def test_agrees_with_an_independent_implementation():
    kinds = ["government", "enterprise", "university", "media", "model_person"]
    types = {str(i): kinds[i % 5] for i in range(1, 40)}
    for seed in ("a", "b" * 64, "随机种子", "0"):
        expected = independent_draw(seed, range(1, 40), types, {3, 17}, 2, 8)
        assert draw_panel(seed, list(range(1, 40)), types, [3, 17], 2, 8) == expected
        assert len(expected) == 8
