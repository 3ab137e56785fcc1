"""Every rule of a campaign's vote, with the reason a voter is told."""

import datetime

import pytest
from django.utils import timezone

from evaluation.choices import CountsDisplay, StageKind, VoteStatus
from evaluation.guards import captcha
from evaluation.models import CampaignStage, LedgerEntry, Vote, Voter
from evaluation.privacy import crypto
from evaluation.services import ledger, voting
from evaluation.services.voting import VoteRefused
from evaluation.workflows.nomination import Status

from .conftest import set_rules


def refused(callable_, *args, **kwargs):
    with pytest.raises(VoteRefused) as info:
        callable_(*args, **kwargs)
    return info.value


def test_a_vote_is_counted_once_with_its_receipt_and_why(voting_campaign, candidates, rf_request):
    voter, token = voting.issue_voter(voting_campaign, request=rf_request())
    assert voting.voter_from_token(voting_campaign, token) == voter
    assert token not in voter.token_hash and voter.mode == "device"

    result = voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())

    assert result.created and result.receipt == result.vote.receipt
    assert result.vote.status == VoteStatus.VALID
    assert result.vote.accepted_because["mode"] == "device"
    assert result.vote.accepted_because["limits"]["per_day_total"] == [1, 10]
    assert "203.0.113.7" not in result.vote.address_hash and len(result.vote.address_hash) == 32
    assert voting.counts(voting_campaign)[candidates[0].pk] == {"valid": 1, "quarantined": 0}
    assert voting.counts(voting_campaign)[candidates[1].pk] == {"valid": 0, "quarantined": 0}


def test_a_retry_or_double_tap_counts_once(voting_campaign, candidates, rf_request):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())

    error = refused(voting.cast, voting_campaign, candidates[0].pk, voter, request=rf_request())

    assert (error.code, error.http_status) == ("already_counted", 409)
    assert "已为该候选人投过票" in error.message
    ledger.sequence(voting_campaign.pk)
    assert Vote.objects.count() == 1 and LedgerEntry.objects.count() == 1
    assert voting.counts(voting_campaign)[candidates[0].pk]["valid"] == 1


def test_the_same_voter_may_vote_again_the_next_day(voting_campaign, candidates, rf_request, monkeypatch):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)

    assert voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request()).created
    assert voting.counts(voting_campaign)[candidates[0].pk]["valid"] == 2


def test_daily_total_limit(voting_campaign, candidates, rf_request):
    set_rules(voting_campaign, per_day_total=2)
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    for candidate in candidates[:2]:
        voting.cast(voting_campaign, candidate.pk, voter, request=rf_request())

    error = refused(voting.cast, voting_campaign, candidates[2].pk, voter, request=rf_request())

    assert (error.code, error.http_status) == ("daily_limit", 429)
    assert "今天的 2 票已全部投出" in error.message
    assert Vote.objects.count() == 2


def test_per_category_limit(voting_campaign, candidates, rf_request):
    set_rules(voting_campaign, per_category_per_day=1)
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    same_category = [c for c in candidates if c.category == candidates[0].category]
    voting.cast(voting_campaign, same_category[0].pk, voter, request=rf_request())

    error = refused(voting.cast, voting_campaign, same_category[1].pk, voter, request=rf_request())
    other = next(c for c in candidates if c.category != candidates[0].category)

    assert (error.code, error.http_status) == ("category_limit", 429)
    assert "助人为乐" in error.message
    assert voting.cast(voting_campaign, other.pk, voter, request=rf_request()).created


def test_minimum_interval(voting_campaign, candidates, rf_request, monkeypatch):
    set_rules(voting_campaign, min_interval_seconds=30)
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start)
    voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())

    monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=10))
    error = refused(voting.cast, voting_campaign, candidates[1].pk, voter, request=rf_request())
    assert (error.code, error.http_status) == ("too_fast", 429)
    assert "至少间隔 30 秒" in error.message

    monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=31))
    assert voting.cast(voting_campaign, candidates[1].pk, voter, request=rf_request()).created


def test_captcha_after_a_threshold(voting_campaign, candidates, rf_request):
    set_rules(voting_campaign, captcha_after=1)
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())

    error = refused(voting.cast, voting_campaign, candidates[1].pk, voter, request=rf_request())
    assert (error.code, error.http_status) == ("captcha_required", 428)
    assert "验证码" in error.message

    wrong = captcha.new_challenge()
    kwargs = {"request": rf_request(), "captcha_key": wrong, "captcha_answer": "wrong"}
    error = refused(voting.cast, voting_campaign, candidates[1].pk, voter, **kwargs)
    assert error.code == "captcha_invalid"

    key = captcha.new_challenge()
    result = voting.cast(
        voting_campaign,
        candidates[1].pk,
        voter,
        request=rf_request(),
        captcha_key=key,
        captcha_answer=captcha.answer_for(key),
    )
    assert result.created and result.vote.accepted_because["captcha"] is True


def test_outside_the_vote_stage(voting_campaign, candidates, rf_request):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    CampaignStage.objects.filter(campaign=voting_campaign, kind=StageKind.VOTE).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    error = refused(voting.cast, voting_campaign, candidates[0].pk, voter, request=rf_request())

    assert (error.code, error.message) == ("not_open", "当前不在投票时间内。")
    assert refused(voting.issue_voter, voting_campaign, request=rf_request()).code == "not_open"


def test_only_accepted_consenting_candidates_of_this_campaign(voting_campaign, candidates, rf_request):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    candidates[0].__class__.objects.filter(pk=candidates[0].pk).update(consent_given=False)
    candidates[1].__class__.objects.filter(pk=candidates[1].pk).update(status=Status.PENDING_CITY)

    for candidate in candidates[:2]:
        error = refused(voting.cast, voting_campaign, candidate.pk, voter, request=rf_request())
        assert (error.code, error.http_status) == ("not_a_candidate", 404)
    assert "不在本次投票范围" in error.message
    assert set(voting.counts(voting_campaign)) == {c.pk for c in candidates[2:]}


def test_account_mode_needs_a_signed_in_user_and_knows_them_again(voting_campaign, candidates, rf_request):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    set_rules(voting_campaign, identity_mode="account")
    request = rf_request()
    request.user = AnonymousUser()
    assert refused(voting.issue_voter, voting_campaign, request=request).code == "login_required"

    request.user = get_user_model().objects.create_user("citizen", password="pw")
    first, old_token = voting.issue_voter(voting_campaign, request=request)
    again, new_token = voting.issue_voter(voting_campaign, request=request)

    assert first == again and Voter.objects.count() == 1
    assert voting.voter_from_token(voting_campaign, old_token) is None
    assert voting.voter_from_token(voting_campaign, new_token) == first
    assert first.identity_hash == crypto.keyed_hash(f"account:{request.user.pk}")


def test_counts_hidden_or_published_daily(voting_campaign, candidates, rf_request, monkeypatch):
    voter, _ = voting.issue_voter(voting_campaign, request=rf_request())
    voting.cast(voting_campaign, candidates[0].pk, voter, request=rf_request())

    set_rules(voting_campaign, counts_display=CountsDisplay.HIDDEN)
    assert voting.counts(voting_campaign)[candidates[0].pk] == {"valid": None, "quarantined": None}

    # Published at 20:00: a vote after the hour shows only in the next day's snapshot.
    set_rules(voting_campaign, counts_display=CountsDisplay.SNAPSHOT, snapshot_hour=20)
    today = timezone.localtime()
    Vote.objects.update(created_at=today.replace(hour=10, minute=0))
    after_hour = today.replace(hour=21, minute=0)
    assert voting.counts(voting_campaign, now=after_hour)[candidates[0].pk] == {"valid": 1, "quarantined": 0}
    Vote.objects.create(
        campaign=voting_campaign,
        candidate=candidates[1],
        voter=voter,
        day=today.date(),
        receipt="LATEVOTE",
        created_at=after_hour,
    )
    assert voting.counts(voting_campaign, now=after_hour)[candidates[1].pk]["valid"] == 0
    next_day = after_hour + datetime.timedelta(days=1)
    assert voting.counts(voting_campaign, now=next_day)[candidates[1].pk]["valid"] == 1
