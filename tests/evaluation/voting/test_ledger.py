"""The vote ledger: proofs a third party can check, invalidation that keeps the entry, daily checkpoints."""

import datetime
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.test import RequestFactory
from django.utils import timezone

from evaluation import merkle
from evaluation.choices import StageKind, VoteStatus
from evaluation.models import CampaignStage, LedgerCheckpoint, LedgerEntry
from evaluation.services import ledger, voting


def mth(leaves):
    """RFC 6962's recursive definition, written independently of evaluation.merkle."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 13, 32, 33])
def test_merkle_root_and_every_proof_match_the_rfc_definition(size):
    leaves = [merkle.leaf_hash(f"record {i}".encode()) for i in range(size)]
    root = merkle.root_from_leaves(leaves)
    assert root == mth(leaves)
    for index in range(size):
        proof = [p.hex() for p in merkle.inclusion_proof(leaves, index)]
        assert merkle.verify_inclusion(leaves[index].hex(), index, size, proof, root.hex())
        # The same proof does not fit another leaf, another position or another root.
        assert not merkle.verify_inclusion(merkle.leaf_hash(b"forged").hex(), index, size, proof, root.hex())
        if size > 1:
            assert not merkle.verify_inclusion(leaves[index].hex(), (index + 1) % size, size, proof, root.hex())
            other_root = merkle.root_from_leaves(leaves[:-1] + [merkle.leaf_hash(b"changed")]).hex()
            assert not merkle.verify_inclusion(leaves[index].hex(), index, size, proof, other_root)


def cast_many(campaign, candidates, voters=3):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    results = []
    for _ in range(voters):
        voter, _ = voting.issue_voter(campaign, request=request)
        results += [voting.cast(campaign, c.pk, voter, request=request) for c in candidates[:3]]
    ledger.sequence(campaign.pk)  # what the scheduler beside the web server does every second
    return results


def test_records_hold_no_personal_data_and_chain_to_each_other(voting_campaign, candidates):
    results = cast_many(voting_campaign, candidates)
    entries = list(LedgerEntry.objects.order_by("index"))

    assert [e.index for e in entries] == list(range(9))
    assert entries[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.chain_hash for earlier, later in zip(entries, entries[1:], strict=False))
    record = json.loads(entries[0].record)
    assert set(record) == {"type", "campaign", "candidate", "day", "receipt", "mode", "time", "seq"}
    assert record["receipt"] == results[0].receipt
    assert results[0].vote.address_hash not in entries[0].record
    assert results[0].vote.voter.identity_hash not in entries[0].record
    assert ledger.verify_chain(voting_campaign) is None


def test_proof_under_the_published_root_and_the_current_one(voting_campaign, candidates):
    first = cast_many(voting_campaign, candidates, voters=2)
    checkpoint = ledger.publish_checkpoint(voting_campaign)
    later = cast_many(voting_campaign, candidates, voters=1)

    proof = ledger.receipt_proof(first[4].receipt)
    published, current = proof["published"], proof["current"]
    assert (published["size"], published["root"]) == (6, checkpoint.root)
    assert current["size"] == 9 and current["root"] == ledger.state(voting_campaign)["root"]
    for view in (published, current):
        assert merkle.verify_inclusion(proof["leaf_hash"], proof["index"], view["size"], view["proof"], view["root"])
    # A vote after the checkpoint is provable only under the current root until the next one.
    newer = ledger.receipt_proof(later[0].receipt)
    assert newer["published"] is None
    assert merkle.verify_inclusion(
        newer["leaf_hash"],
        newer["index"],
        newer["current"]["size"],
        newer["current"]["proof"],
        newer["current"]["root"],
    )


def test_invalidated_vote_keeps_its_entry_and_gains_a_status_entry(voting_campaign, candidates):
    results = cast_many(voting_campaign, candidates, voters=1)
    checkpoint = ledger.publish_checkpoint(voting_campaign)
    original = LedgerEntry.objects.get(vote=results[1].vote, kind=LedgerEntry.Kind.VOTE)

    voting.set_status(results[1].vote, VoteStatus.INVALID, reason_code="brushing_confirmed")

    assert LedgerEntry.objects.get(pk=original.pk).record == original.record
    status_entry = LedgerEntry.objects.get(kind=LedgerEntry.Kind.STATUS)
    assert json.loads(status_entry.record)["reason"] == "brushing_confirmed"
    assert status_entry.index == 3
    proof = ledger.receipt_proof(results[1].receipt)
    assert proof["status"] == "invalid" and proof["reason_code"] == "brushing_confirmed"
    assert proof["status_entries"][0]["index"] == 3
    assert merkle.verify_inclusion(
        proof["leaf_hash"], proof["index"], checkpoint.size, proof["published"]["proof"], checkpoint.root
    )
    assert voting.counts(voting_campaign)[candidates[1].pk] == {"valid": 0, "quarantined": 0}
    assert voting.totals(voting_campaign) == {"valid": 2, "quarantined": 0, "invalid": 1}
    assert ledger.verify_chain(voting_campaign) is None


def test_entries_cannot_be_rewritten(voting_campaign, candidates):
    cast_many(voting_campaign, candidates, voters=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(index=0).update(record="{}")


def test_daily_command_publishes_open_campaigns_and_closes_ended_ones(voting_campaign, candidates):
    cast_many(voting_campaign, candidates, voters=1)
    out = io.StringIO()
    call_command("publish_vote_checkpoint", stdout=out)
    call_command("publish_vote_checkpoint", stdout=io.StringIO())  # a second run the same day adds nothing

    daily = LedgerCheckpoint.objects.get(campaign=voting_campaign)
    assert (daily.size, daily.reason) == (3, "daily") and daily.root in out.getvalue()

    CampaignStage.objects.filter(campaign=voting_campaign, kind=StageKind.VOTE).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("publish_vote_checkpoint", stdout=io.StringIO())
    call_command("publish_vote_checkpoint", stdout=io.StringIO())
    assert list(LedgerCheckpoint.objects.filter(campaign=voting_campaign).values_list("reason", flat=True)) == [
        "close",
        "daily",
    ]
