"""The three statements of a vote, written out in SQL once (services/voting.py decides with them).

A vote is the hottest request of the site. Built with the ORM, the first
statement (three subqueries and a join) took longer to compile in Python than
the database took to run it, so the statements are plain SQL, valid on
PostgreSQL and SQLite, built once per backend from the models' table names.
Values always travel as parameters, through Django's own cursor (so they are
logged and counted like every other query).

1. `locked_facts`: the voter's row (by id or token hash), locked FOR UPDATE on
   PostgreSQL, with everything the vote depends on that the voter cannot change
   by voting: the vote stage open today, the candidate votable (the same test
   as `candidate_photos.public_candidates()`: accepted, consent given), the
   campaign's rules, and whether this vote already exists.
2. `counts_now`: the voter's own votes, read after the lock is held (a new
   statement, so a new snapshot): today's total, this candidate today, the
   category today, the last vote's time.
3. `insert`: INSERT … ON CONFLICT (campaign, candidate, voter, day) DO NOTHING
   RETURNING id.
"""

import datetime
import functools

from django.db import connection
from django.utils.dateparse import parse_datetime

from evaluation.choices import StageKind
from evaluation.models import CampaignStage, Nomination, Vote, Voter, VotingRules
from evaluation.workflows.nomination import Status

RULES = ("per_day_total", "per_category_per_day", "min_interval_seconds", "captcha_after")

# Every column but the id and the ledger position (the sequencer's).
INSERTED_FIELDS = [f for f in Vote._meta.concrete_fields if not f.primary_key and f.name != "ledger_index"]


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


@functools.cache
def _facts_sql(vendor, by):
    lock = " FOR UPDATE OF v" if connection.features.has_select_for_update_of else ""
    rules = ", ".join(f"r.{name}" for name in RULES)
    return (
        "SELECT v.id, v.campaign_id, v.mode, "  # noqa: S608 - table names from the models, values as parameters
        f"EXISTS (SELECT 1 FROM {_table(CampaignStage)} s WHERE s.campaign_id = v.campaign_id AND s.kind = %s"
        " AND s.enabled AND s.starts_on <= %s AND s.ends_on >= %s), "
        f"(SELECT n.category FROM {_table(Nomination)} n WHERE n.id = %s AND n.campaign_id = v.campaign_id"
        " AND n.status = %s AND n.consent_given), "
        f"EXISTS (SELECT 1 FROM {_table(Vote)} x WHERE x.voter_id = v.id AND x.day = %s AND x.candidate_id = %s"
        " AND x.campaign_id = v.campaign_id), "
        f"{rules} FROM {_table(Voter)} v LEFT JOIN {_table(VotingRules)} r ON r.campaign_id = v.campaign_id "
        # Found through its unique key alone (not with the campaign, whose index the planner may
        # prefer while the table's statistics are young); the campaign is compared afterwards.
        f"WHERE v.{'id' if by == 'pk' else 'token_hash'} = %s{lock}"
    )


def locked_facts(campaign_id, candidate_id, voter_lookup, day):
    """A dict of the facts (rules with their defaults filled in), or None when no such voter."""
    ((by, value),) = voter_lookup.items()
    day = connection.ops.adapt_datefield_value(day)
    params = [StageKind.VOTE, day, day, candidate_id, Status.ACCEPTED, day, candidate_id, value]
    with connection.cursor() as cursor:
        cursor.execute(_facts_sql(connection.vendor, by), params)
        row = cursor.fetchone()
    if row is None or row[1] != campaign_id:
        return None
    voter_id, _, mode, vote_open, category, already, *limits = row
    rules = {
        name: VotingRules._meta.get_field(name).default if limit is None else limit
        for name, limit in zip(RULES, limits, strict=True)
    }
    return {
        "voter_id": voter_id,
        "mode": mode,
        "vote_open": bool(vote_open),
        "category": category,
        "already": bool(already),
        "rules": rules,
    }


@functools.cache
def _counts_sql(vendor):
    return (
        "SELECT COUNT(CASE WHEN x.day = %s THEN 1 END), "  # noqa: S608 - table names from the models
        "COUNT(CASE WHEN x.day = %s AND x.candidate_id = %s THEN 1 END), "
        "COUNT(CASE WHEN x.day = %s AND n.category = %s THEN 1 END), MAX(x.created_at) "
        f"FROM {_table(Vote)} x JOIN {_table(Nomination)} n ON n.id = x.candidate_id WHERE x.voter_id = %s"
    )


def counts_now(voter_id, candidate_id, category, day):
    """{"used": today's votes, "again": this candidate today, "in_category": today in the category, "last": time}."""
    day = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(_counts_sql(connection.vendor), [day, day, candidate_id, day, category, voter_id])
        used, again, in_category, last = cursor.fetchone()
    if isinstance(last, str):  # SQLite keeps datetimes as text, in UTC
        last = parse_datetime(last).replace(tzinfo=datetime.UTC)
    return {"used": used, "again": again, "in_category": in_category, "last": last}


@functools.cache
def _insert_sql(vendor):
    meta, quote = Vote._meta, connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in INSERTED_FIELDS)
    key = ", ".join(quote(meta.get_field(name).column) for name in ("campaign", "candidate", "voter", "day"))
    placeholders = ", ".join(["%s"] * len(INSERTED_FIELDS))
    return (
        f"INSERT INTO {_table(Vote)} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - no user input
        f"ON CONFLICT ({key}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )


def insert(vote):
    """Insert `vote` unless its natural key exists: the new row's id, or None."""
    params = [f.get_db_prep_save(getattr(vote, f.attname), connection) for f in INSERTED_FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(connection.vendor), params)
        row = cursor.fetchone()
    return row[0] if row else None
