"""A vote commits on its own and gets its receipt at once; the sequencer appends it to the ledger afterwards."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory

from evaluation import merkle
from evaluation.choices import VoteStatus
from evaluation.models import LedgerEntry, Vote
from evaluation.services import ledger, voting

from .conftest import set_rules
from .test_api import API, assert_refusal, token_for, vote


def test_the_vote_is_counted_at_once_and_its_proof_is_pending_until_appended(voting_campaign, candidates, monkeypatch):
    client = Client()
    receipt = vote(client, voting_campaign, token_for(client, voting_campaign), candidates[0].pk).json()["receipt"]

    # Counted and receipted, but not in the log yet: the request did not touch the ledger.
    listed = {c["id"]: c["votes"] for c in client.get(f"{API}/campaigns/{voting_campaign.pk}/candidates").json()}
    assert listed[candidates[0].pk] == 1 and LedgerEntry.objects.count() == 0
    assert Vote.objects.get(receipt=receipt).ledger_index is None

    # Another sequencer is at work: the voter is told the vote counts and the proof follows.
    with monkeypatch.context() as patched:
        patched.setattr(ledger, "sequence", lambda campaign_id, wait=True: None)
        pending = client.get(f"{API}/votes/{receipt}")
    assert_refusal(pending, 202, "pending", "已计入")

    proof = client.get(f"{API}/votes/{receipt}").json()  # nobody else at work: appended on demand
    assert proof["index"] == 0 and proof["candidate_id"] == candidates[0].pk
    current = proof["current"]
    assert merkle.verify_inclusion(proof["leaf_hash"], 0, current["size"], current["proof"], current["root"])
    assert Vote.objects.get(receipt=receipt).ledger_index == 0


def test_a_checkpoint_covers_every_vote_accepted_before_it(voting_campaign, candidates):
    client = Client()
    token = token_for(client, voting_campaign)
    receipts = [vote(client, voting_campaign, token, c.pk).json()["receipt"] for c in candidates[:4]]

    checkpoint = ledger.publish_checkpoint(voting_campaign)

    assert checkpoint.size == 4 and ledger.verify_chain(voting_campaign) is None
    records = LedgerEntry.objects.order_by("index").values_list("record", flat=True)
    assert [next(r for r in receipts if r in record) for record in records] == receipts  # in the order cast


def test_a_status_change_of_a_waiting_vote_follows_its_vote_entry(voting_campaign, candidates, rf_request):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    first, second = (voting.cast(voting_campaign, c.pk, voter, request=rf_request()) for c in candidates[:2])

    voting.set_status(second.vote, VoteStatus.QUARANTINED, reason_code="brushing_device")

    entries = list(LedgerEntry.objects.order_by("index").values_list("kind", "vote_id"))
    assert entries == [("vote", first.vote.pk), ("vote", second.vote.pk), ("status", second.vote.pk)]
    assert ledger.verify_chain(voting_campaign) is None
    assert ledger.receipt_proof(second.receipt)["status_entries"][0]["index"] == 2


def test_the_ledger_endpoint_shows_every_vote_accepted_so_far(voting_campaign, candidates):
    client = Client()
    for candidate in candidates[:3]:
        vote(client, voting_campaign, token_for(client, voting_campaign), candidate.pk)

    body = client.get(f"{API}/campaigns/{voting_campaign.pk}/ledger").json()

    assert body["size"] == 3 and body["root"] == ledger.state(voting_campaign)["root"]


def test_a_vote_costs_the_same_few_queries_however_many_votes_exist(
    voting_campaign, candidates, django_assert_num_queries
):
    set_rules(voting_campaign, per_day_total=10, per_category_per_day=5, min_interval_seconds=0)
    client = Client()
    for n in range(20):
        vote(client, voting_campaign, token_for(client, voting_campaign), candidates[n % 6].pk)
    token = token_for(client, voting_campaign)

    # Savepoint, the locked voter with its facts, the voter's counts, the insert, release.
    with django_assert_num_queries(5):
        assert vote(client, voting_campaign, token, candidates[1].pk).status_code == 201
    # A retry is answered from the first statement (savepoint, facts, rollback to and release the savepoint).
    with django_assert_num_queries(4):
        assert vote(client, voting_campaign, token, candidates[1].pk).status_code == 409


def test_unknown_campaign_or_token_on_the_vote_endpoint(voting_campaign, candidates):
    client = Client()
    token = token_for(client, voting_campaign)
    missing = client.post(
        f"{API}/campaigns/999999/votes",
        {"candidate_id": candidates[0].pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Voter {token}",
    )
    assert_refusal(missing, 404, "not_found", "评选活动不存在")
    assert_refusal(vote(client, voting_campaign, "", candidates[0].pk), 401, "voter_required", "Authorization")


# A real transaction: the scheduler closes stale connections between runs, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_scheduler_beside_the_server_appends_accepted_votes(voting_campaign, candidates):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    voter, _ = voting.issue_voter(voting_campaign, request=request)
    receipts = [voting.cast(voting_campaign, c.pk, voter, request=request).receipt for c in candidates[:3]]
    assert ledger.state(voting_campaign)["size"] == 0

    call_command("run_scheduler", iterations=1, interval=0, stdout=io.StringIO())

    assert ledger.state(voting_campaign)["size"] == 3 and ledger.verify_chain(voting_campaign) is None
    assert sorted(Vote.objects.values_list("ledger_index", flat=True)) == [0, 1, 2]
    proof = ledger.receipt_proof(receipts[2])
    assert merkle.verify_inclusion(
        proof["leaf_hash"],
        proof["index"],
        proof["current"]["size"],
        proof["current"]["proof"],
        proof["current"]["root"],
    )
