"""Votes at the same moment: each counted exactly once, none lost, no "database is locked".

Every racer is a thread with its own database connection (transactional test);
on SQLite they queue on the write lock (BEGIN IMMEDIATE, WAL, busy timeout), on
PostgreSQL only a voter's own votes queue, on the voter's row lock. The ledger
is appended afterwards by the sequencer (here called directly, or through the
API, which appends the waiting votes when the log or a proof is asked for).
"""

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from evaluation import merkle
from evaluation.models import LedgerEntry, Vote
from evaluation.services import ledger, voting
from evaluation.services.voting import VoteRefused

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/v1"


def in_threads(callables, workers):
    """Run the callables on `workers` threads released together; their outcomes in order."""
    barrier = threading.Barrier(min(workers, len(callables)))

    def run(action):
        try:
            try:
                barrier.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass
            return action()
        except VoteRefused as exc:
            return exc.code
        except Exception as exc:  # reported by the assertions, never swallowed
            return repr(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, callables))


def test_identical_votes_at_once_make_one_row(voting_campaign, candidates):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.4")
    voter, _ = voting.issue_voter(voting_campaign, request=request)

    def cast():
        return "created" if voting.cast(voting_campaign, candidates[0].pk, voter, request=request).created else "?"

    outcomes = in_threads([cast] * 10, workers=10)
    ledger.sequence(voting_campaign.pk)

    assert sorted(outcomes) == ["already_counted"] * 9 + ["created"], outcomes
    assert Vote.objects.count() == 1 and LedgerEntry.objects.count() == 1
    assert voting.counts(voting_campaign)[candidates[0].pk]["valid"] == 1


def test_many_voters_at_once_are_all_counted(voting_campaign, candidates):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.5")
    voters = [voting.issue_voter(voting_campaign, request=request)[0] for _ in range(16)]
    jobs = [
        (lambda v=v, c=c: voting.cast(voting_campaign, c.pk, v, request=request).receipt)
        for v in voters
        for c in candidates[:3]
    ]

    outcomes = in_threads(jobs, workers=8)
    ledger.sequence(voting_campaign.pk)

    assert all(len(o) == 20 for o in outcomes), [o for o in outcomes if len(o) != 20]
    assert {c.pk: voting.counts(voting_campaign)[c.pk]["valid"] for c in candidates[:3]} == {
        c.pk: 16 for c in candidates[:3]
    }
    assert ledger.state(voting_campaign)["size"] == 48
    assert list(LedgerEntry.objects.order_by("index").values_list("index", flat=True)) == list(range(48))


def _api_candidates(client, campaign):
    rows = client.get(f"{API}/campaigns/{campaign.pk}/candidates").json()
    return {row["id"]: row["votes"] for row in rows}


def test_sixty_voters_three_candidates_three_identical_requests_each(voting_campaign, candidates):
    """The user's check: exactly one 201 per voter and candidate, the rest 409, counts and ledger agree."""
    client = Client()
    chosen = [c.pk for c in candidates[:3]]
    tokens = []
    for n in range(60):
        response = client.post(
            f"{API}/voters",
            {"campaign_id": voting_campaign.pk},
            content_type="application/json",
            REMOTE_ADDR=f"10.{n // 250}.{n % 250}.9",
        )
        tokens.append(response.json()["token"])
    counts_before = _api_candidates(client, voting_campaign)
    size_before = client.get(f"{API}/campaigns/{voting_campaign.pk}/ledger").json()["size"]

    def request(token, candidate_id):
        response = Client().post(
            f"{API}/campaigns/{voting_campaign.pk}/votes",
            {"candidate_id": candidate_id},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Voter {token}",
        )
        return (token, candidate_id, response.status_code, response.json())

    # The three copies of each vote are neighbours in the queue, so they run at once.
    pairs = [(t, c) for t in tokens for c in chosen]
    random.Random(8).shuffle(pairs)
    jobs = [(lambda t=t, c=c: request(t, c)) for t, c in pairs for _ in range(3)]
    outcomes = in_threads(jobs, workers=9)

    assert all(isinstance(o, tuple) for o in outcomes), [o for o in outcomes if not isinstance(o, tuple)]
    per_pair = Counter((token, cid, status) for token, cid, status, _ in outcomes)
    created = Counter()
    for token, cid in pairs:
        assert per_pair[(token, cid, 201)] == 1 and per_pair[(token, cid, 409)] == 2
        created[cid] += 1
    refusals = [body for _, _, status, body in outcomes if status == 409]
    assert all(body["reason"] == "already_counted" and body["message"] for body in refusals)

    counts_after = _api_candidates(client, voting_campaign)
    assert (
        {cid: counts_after[cid] - counts_before[cid] for cid in chosen} == dict(created) == {cid: 60 for cid in chosen}
    )
    ledger_after = client.get(f"{API}/campaigns/{voting_campaign.pk}/ledger").json()
    assert ledger_after["size"] - size_before == sum(created.values()) == 180

    # Every receipt proves its inclusion under the root published afterwards.
    checkpoint = ledger.publish_checkpoint(voting_campaign, reason="close")
    receipts = [body["receipt"] for _, _, status, body in outcomes if status == 201]
    for receipt in random.Random(3).sample(receipts, 12):
        proof = client.get(f"{API}/votes/{receipt}").json()
        assert proof["published"]["root"] == checkpoint.root
        assert merkle.verify_inclusion(
            proof["leaf_hash"], proof["index"], checkpoint.size, proof["published"]["proof"], checkpoint.root
        )
