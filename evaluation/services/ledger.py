"""The verifiable vote ledger: sequence, append, checkpoint, prove.

Each accepted vote is appended as a canonical JSON record without personal data;
its chain hash is SHA-256(previous chain hash || record) and its Merkle leaf is
`merkle.leaf_hash(record)`. A later status change (quarantine, invalidation) is a
new entry naming the receipt and a reason code; no entry is ever rewritten.

A vote commits on its own (services/voting.py), so voters never queue behind
each other; `sequence` then appends the committed votes that are not in the
log yet (`Vote.ledger_index` is null), oldest first, in batches. It runs every
second beside the web server (`run_scheduler`, hook `frequent_scheduled_tasks`)
and on demand: before a checkpoint or a status entry, and when a proof or the
log's size is asked for. Appends to one campaign are serialised by locking its
LedgerHead row (SELECT … FOR UPDATE on PostgreSQL; on SQLite every write
transaction is BEGIN IMMEDIATE and so already exclusive).
"""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from evaluation import merkle
from evaluation.choices import StageKind
from evaluation.models import CampaignStage, LedgerCheckpoint, LedgerEntry, LedgerHead, Vote

SEQUENCE_BATCH = 2000  # votes appended per transaction; the rest wait for the next round


def canonical(record):
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def vote_record(vote):
    """What the public log says about a vote: no voter identity, no address."""
    return {
        "type": "vote",
        "campaign": vote.campaign_id,
        "candidate": vote.candidate_id,
        "day": vote.day.isoformat(),
        "receipt": vote.receipt,
        "mode": vote.accepted_because.get("mode", ""),
        "time": timezone.localtime(vote.created_at).isoformat(timespec="seconds"),
    }


def _head(campaign_id, *, wait=True):
    """The campaign's head row, locked; None when `wait` is false and another sequencer holds it."""
    LedgerHead.objects.get_or_create(campaign_id=campaign_id)
    return LedgerHead.objects.select_for_update(skip_locked=not wait).filter(campaign_id=campaign_id).first()


def _entry(head, kind, record, vote_id=None):
    """The next entry after `head` (moved along in memory; the caller saves it)."""
    data = canonical({**record, "seq": head.size})
    chain = hashlib.sha256(bytes.fromhex(head.chain_hash) + data).hexdigest()
    entry = LedgerEntry(
        campaign_id=head.campaign_id,
        index=head.size,
        kind=kind,
        vote_id=vote_id,
        record=data.decode(),
        leaf_hash=merkle.leaf_hash(data).hex(),
        prev_hash=head.chain_hash,
        chain_hash=chain,
    )
    head.size, head.chain_hash = head.size + 1, chain
    return entry


def _save(head, entries):
    LedgerEntry.objects.bulk_create(entries)
    LedgerHead.objects.filter(pk=head.pk).update(size=head.size, chain_hash=head.chain_hash)


def _sequence_locked(head, limit=None):
    """Append the committed votes still outside the log (the caller holds the head lock)."""
    pending = Vote.objects.filter(campaign_id=head.campaign_id, ledger_index__isnull=True).order_by("created_at", "pk")
    votes = list(pending[:limit] if limit else pending)
    if not votes:
        return 0
    entries = [_entry(head, LedgerEntry.Kind.VOTE, vote_record(vote), vote.pk) for vote in votes]
    for vote, entry in zip(votes, entries, strict=True):
        vote.ledger_index = entry.index
    _save(head, entries)
    Vote.objects.bulk_update(votes, ["ledger_index"], batch_size=500)
    return len(votes)


def sequence(campaign_id, *, wait=True):
    """Append the campaign's waiting votes; how many, or None if another sequencer was at it (`wait=False`)."""
    appended = 0
    while True:
        with transaction.atomic():
            head = _head(campaign_id, wait=wait)
            if head is None:
                return None
            done = _sequence_locked(head, SEQUENCE_BATCH)
        appended += done
        if done < SEQUENCE_BATCH:
            return appended


def sequence_pending():
    """The scheduler's round: every campaign with votes waiting for the ledger (one indexed query if none)."""
    waiting = Vote.objects.filter(ledger_index__isnull=True).values_list("campaign_id", flat=True).distinct()
    return {campaign_id: sequence(campaign_id) for campaign_id in list(waiting)}


def append_status(vote, *, status, reason_code):
    """Append a status change of `vote` (its original entry stays as it was); call inside the change's transaction.

    The waiting votes go first, so the vote's own entry always precedes its status entries.
    """
    head = _head(vote.campaign_id)
    _sequence_locked(head)
    record = {"type": "status", "campaign": vote.campaign_id, "receipt": vote.receipt, "status": status}
    record["reason"] = reason_code
    entry = _entry(head, LedgerEntry.Kind.STATUS, record, vote.pk)
    _save(head, [entry])
    return entry


def _leaves(campaign_id, size=None):
    qs = LedgerEntry.objects.filter(campaign_id=campaign_id).order_by("index")
    if size is not None:
        qs = qs.filter(index__lt=size)
    return [bytes.fromhex(h) for h in qs.values_list("leaf_hash", flat=True)]


def state(campaign):
    """The current size, Merkle root and chain head of a campaign's log."""
    with transaction.atomic():
        head = LedgerHead.objects.filter(campaign=campaign).first()
        size = head.size if head else 0
        leaves = _leaves(campaign.pk, size)
    return {
        "size": size,
        "root": merkle.root_from_leaves(leaves).hex(),
        "chain_hash": head.chain_hash if head else "0" * 64,
    }


def publish_checkpoint(campaign, *, reason=LedgerCheckpoint.Reason.DAILY):
    """Publish the current root; a second call the same day with nothing new returns the first checkpoint.

    Every vote accepted before the call is appended first, so the checkpoint covers it.
    """
    sequence(campaign.pk)
    current = state(campaign)
    latest = latest_checkpoint(campaign)
    if (
        latest is not None
        and latest.size == current["size"]
        and latest.reason == reason
        and timezone.localdate(latest.published_at) == timezone.localdate()
    ):
        return latest
    return LedgerCheckpoint.objects.create(
        campaign=campaign, size=current["size"], root=current["root"], chain_hash=current["chain_hash"], reason=reason
    )


def publish_due_checkpoints(today=None):
    """The daily run: a checkpoint for every campaign voting today, and a closing one once voting has ended."""
    today = today or timezone.localdate()
    published = []
    stages = CampaignStage.objects.filter(kind=StageKind.VOTE, enabled=True, starts_on__lte=today)
    for stage in stages.select_related("campaign"):
        campaign = stage.campaign
        if stage.ends_on >= today:
            published.append(publish_checkpoint(campaign, reason=LedgerCheckpoint.Reason.DAILY))
        elif not campaign.ledger_checkpoints.filter(reason=LedgerCheckpoint.Reason.CLOSE).exists():
            published.append(publish_checkpoint(campaign, reason=LedgerCheckpoint.Reason.CLOSE))
    return published


def verify_chain(campaign):
    """Recompute every chain hash from the stored records; the index of the first bad entry, or None."""
    previous = "0" * 64
    entries = LedgerEntry.objects.filter(campaign=campaign).order_by("index")
    for position, (index, record, leaf, prev, chain) in enumerate(
        entries.values_list("index", "record", "leaf_hash", "prev_hash", "chain_hash").iterator()
    ):
        data = record.encode()
        expected = hashlib.sha256(bytes.fromhex(previous) + data).hexdigest()
        if index != position or prev != previous or chain != expected or leaf != merkle.leaf_hash(data).hex():
            return index
        previous = chain
    return None


def latest_checkpoint(campaign):
    return LedgerCheckpoint.objects.filter(campaign=campaign).order_by("-published_at", "-size").first()


def proof_for(entry, size):
    """Inclusion proof of `entry` in the first `size` entries, or None when it is not among them."""
    if entry.index >= size:
        return None
    leaves = _leaves(entry.campaign_id, size)
    return {
        "size": size,
        "root": merkle.root_from_leaves(leaves).hex(),
        "proof": [h.hex() for h in merkle.inclusion_proof(leaves, entry.index)],
    }


PENDING = "pending"


def receipt_proof(receipt):
    """Everything a voter needs to check a receipt: the entry, and proofs under the published and current roots.

    None for an unknown receipt. The votes waiting for the ledger are appended first, unless another
    sequencer is at it: then a vote not appended yet gives PENDING (it is counted, its entry follows).
    """
    campaign_id = Vote.objects.filter(receipt=receipt).values_list("campaign_id", flat=True).first()
    if campaign_id is None:
        return None
    sequence(campaign_id, wait=False)
    entry = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.VOTE, vote__receipt=receipt).select_related("vote").first()
    if entry is None:
        return PENDING
    checkpoint = latest_checkpoint(entry.campaign)
    current = state(entry.campaign)
    published = proof_for(entry, checkpoint.size) if checkpoint else None
    if published is not None:
        published["published_at"] = checkpoint.published_at
    changes = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.STATUS, vote=entry.vote).order_by("index")
    return {
        "receipt": receipt,
        "campaign_id": entry.campaign_id,
        "candidate_id": entry.vote.candidate_id,
        "status": entry.vote.status,
        "reason_code": entry.vote.reason_code,
        "index": entry.index,
        "record": entry.record,
        "leaf_hash": entry.leaf_hash,
        "published": published,
        "current": proof_for(entry, current["size"]),
        "status_entries": [{"index": c.index, "record": c.record, "leaf_hash": c.leaf_hash} for c in changes],
    }
