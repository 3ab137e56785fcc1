"""The voting API as an H5 client sees it: tokens, candidates with counts, votes, refusals, receipts."""

import logging

import pytest
from django.test import Client

from evaluation import merkle
from evaluation.choices import CountsDisplay, StageKind
from evaluation.models import CampaignStage, SmsCode, Vote
from evaluation.services import ledger

from .conftest import set_rules

API = "/api/v1"


def token_for(client, campaign, **extra):
    response = client.post(f"{API}/voters", {"campaign_id": campaign.pk, **extra}, content_type="application/json")
    assert response.status_code == 201, response.json()
    return response.json()["token"]


def vote(client, campaign, token, candidate_id, **extra):
    return client.post(
        f"{API}/campaigns/{campaign.pk}/votes",
        {"candidate_id": candidate_id, **extra},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Voter {token}",
    )


def assert_refusal(response, status, reason, words):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors", "reason"}
    assert body["reason"] == reason and words in body["message"]


def test_vote_with_a_device_token_and_see_the_count(voting_campaign, candidates):
    client = Client(enforce_csrf_checks=True)  # the token is the credential: no CSRF cookie needed
    token = token_for(client, voting_campaign)

    response = vote(client, voting_campaign, token, candidates[0].pk)

    assert response.status_code == 201
    receipt = response.json()["receipt"]
    listed = {c["id"]: c for c in client.get(f"{API}/campaigns/{voting_campaign.pk}/candidates").json()}
    assert listed[candidates[0].pk]["votes"] == 1 and listed[candidates[0].pk]["quarantined"] == 0
    assert listed[candidates[0].pk]["name"] == candidates[0].nominee_name
    assert listed[candidates[1].pk]["votes"] == 0
    campaigns = {c["id"]: c for c in client.get(f"{API}/campaigns").json()}
    assert campaigns[voting_campaign.pk]["stage"] in {StageKind.NOMINATION, StageKind.VOTE}
    assert client.get(f"{API}/votes/{receipt}").json()["candidate_id"] == candidates[0].pk


def test_repeat_is_409_and_limit_is_429_with_reasons(voting_campaign, candidates):
    set_rules(voting_campaign, per_day_total=2)
    client = Client()
    token = token_for(client, voting_campaign)
    assert vote(client, voting_campaign, token, candidates[0].pk).status_code == 201

    assert_refusal(vote(client, voting_campaign, token, candidates[0].pk), 409, "already_counted", "已计入")
    assert vote(client, voting_campaign, token, candidates[1].pk).status_code == 201
    assert_refusal(vote(client, voting_campaign, token, candidates[2].pk), 429, "daily_limit", "请明天再来")
    assert Vote.objects.count() == 2


def test_captcha_required_then_accepted(voting_campaign, candidates):
    set_rules(voting_campaign, captcha_after=1)
    client = Client()
    token = token_for(client, voting_campaign)
    vote(client, voting_campaign, token, candidates[0].pk)

    assert_refusal(vote(client, voting_campaign, token, candidates[1].pk), 428, "captcha_required", "验证码")
    from evaluation.guards import captcha

    key = client.get(f"{API}/captcha").json()["captcha_key"]
    response = vote(
        client, voting_campaign, token, candidates[1].pk, captcha_key=key, captcha_answer=captcha.answer_for(key)
    )
    assert response.status_code == 201


def test_error_shapes(voting_campaign, candidates):
    client = Client()
    token = token_for(client, voting_campaign)

    assert_refusal(vote(client, voting_campaign, "forged", candidates[0].pk), 401, "voter_required", "投票凭证")
    assert_refusal(vote(client, voting_campaign, token, 999999), 404, "not_a_candidate", "不在本次投票范围")
    missing = client.post(f"{API}/voters", {"campaign_id": 999999}, content_type="application/json")
    assert_refusal(missing, 404, "not_found", "评选活动不存在")
    assert_refusal(client.get(f"{API}/votes/NOSUCHRECEIPT"), 404, "not_found", "回执")
    broken = client.post(
        f"{API}/campaigns/{voting_campaign.pk}/votes",
        {"candidate_id": "abc"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Voter {token}",
    )
    assert broken.status_code == 400 and broken.json()["errors"] == {"candidate_id": ["请输入整数。"]}

    CampaignStage.objects.filter(campaign=voting_campaign, kind=StageKind.VOTE).delete()
    assert_refusal(vote(client, voting_campaign, token, candidates[0].pk), 403, "not_open", "不在投票时间")


def test_hidden_counts_are_null(voting_campaign, candidates):
    set_rules(voting_campaign, counts_display=CountsDisplay.HIDDEN)
    rows = Client().get(f"{API}/campaigns/{voting_campaign.pk}/candidates").json()
    assert rows and all(row["votes"] is None and row["quarantined"] is None for row in rows)


def test_sms_mode_code_logs_only_the_masked_phone(voting_campaign, candidates, caplog):
    set_rules(voting_campaign, identity_mode="sms")
    client = Client()
    phone = "13912345678"
    assert_refusal(
        client.post(f"{API}/voters", {"campaign_id": voting_campaign.pk}, content_type="application/json"),
        400,
        "sms_required",
        "手机号",
    )

    with caplog.at_level(logging.INFO, logger="evaluation.sms"):
        sent = client.post(
            f"{API}/voters/sms-code",
            {"campaign_id": voting_campaign.pk, "phone": phone},
            content_type="application/json",
        )
    assert sent.status_code == 200
    logged = caplog.text
    assert "139****5678" in logged and phone not in logged
    code = logged.split("验证码为 ")[1][:6]
    stored = SmsCode.objects.get()
    assert phone not in stored.phone_hash and code not in stored.code_hash

    again = client.post(
        f"{API}/voters/sms-code", {"campaign_id": voting_campaign.pk, "phone": phone}, content_type="application/json"
    )
    assert_refusal(again, 429, "sms_too_soon", "60 秒")
    wrong = client.post(
        f"{API}/voters",
        {"campaign_id": voting_campaign.pk, "phone": phone, "code": "000000" if code != "000000" else "111111"},
        content_type="application/json",
    )
    assert_refusal(wrong, 400, "sms_invalid", "验证码不正确")

    token = token_for(client, voting_campaign, phone=phone, code=code)
    assert vote(client, voting_campaign, token, candidates[0].pk).status_code == 201
    # A code works once.
    replay = client.post(
        f"{API}/voters",
        {"campaign_id": voting_campaign.pk, "phone": phone, "code": code},
        content_type="application/json",
    )
    assert_refusal(replay, 400, "sms_invalid", "验证码不正确")


def test_sms_code_allows_five_wrong_tries_then_not_even_the_right_one(voting_campaign, caplog):
    set_rules(voting_campaign, identity_mode="sms")
    client = Client()
    phone = "13700001111"
    with caplog.at_level(logging.INFO, logger="evaluation.sms"):
        client.post(
            f"{API}/voters/sms-code",
            {"campaign_id": voting_campaign.pk, "phone": phone},
            content_type="application/json",
        )
    code = caplog.text.split("验证码为 ")[1][:6]
    wrong = [c for c in (f"{n:06d}" for n in range(7)) if c != code][:5]

    def attempt(value):
        return client.post(
            f"{API}/voters",
            {"campaign_id": voting_campaign.pk, "phone": phone, "code": value},
            content_type="application/json",
        )

    assert [attempt(value).status_code for value in wrong] == [400] * 5
    assert_refusal(attempt(code), 400, "sms_invalid", "验证码不正确")
    assert SmsCode.objects.get().attempts == 5


@pytest.mark.parametrize("closed_reason", ["daily", "close"])
def test_ledger_endpoint_and_receipt_proof_verify(voting_campaign, candidates, closed_reason):
    client = Client()
    receipts = []
    for candidate in candidates[:5]:
        token = token_for(client, voting_campaign)
        receipts.append(vote(client, voting_campaign, token, candidate.pk).json()["receipt"])
    checkpoint = ledger.publish_checkpoint(voting_campaign, reason=closed_reason)

    body = client.get(f"{API}/campaigns/{voting_campaign.pk}/ledger").json()
    assert body["size"] == 5 and body["root"] == checkpoint.root
    assert body["checkpoints"][0]["size"] == 5 and body["checkpoints"][0]["reason"] == closed_reason

    for receipt in receipts:
        proof = client.get(f"{API}/votes/{receipt}").json()
        published = proof["published"]
        assert published["root"] == body["checkpoints"][0]["root"]
        assert merkle.verify_inclusion(
            proof["leaf_hash"], proof["index"], published["size"], published["proof"], published["root"]
        )
        assert "\\u" not in proof["record"] and receipt in proof["record"]


@pytest.mark.django_db
def test_campaign_stage_names_follow_the_pipeline_and_published(client):
    import datetime

    from django.utils import timezone

    from evaluation.choices import StageKind
    from evaluation.models import CampaignStage
    from tests.factories.evaluation import CampaignFactory

    today = timezone.localdate()
    campaign = CampaignFactory()
    campaign.stages.all().delete()
    for offset, kind in enumerate([StageKind.NOMINATION, StageKind.REVIEW, StageKind.VOTE]):
        start = today + datetime.timedelta(days=10 * (offset - 1))
        CampaignStage.objects.create(
            campaign=campaign, kind=kind, starts_on=start, ends_on=start + datetime.timedelta(5)
        )

    def stage():
        return next(item for item in client.get("/api/v1/campaigns").json() if item["id"] == campaign.pk)

    assert stage()["stage"] == "review" and stage()["stage_label"] == "逐级审核"
    # Between two stages the campaign is still in the one already begun.
    CampaignStage.objects.filter(campaign=campaign, kind=StageKind.REVIEW).update(ends_on=today - datetime.timedelta(1))
    assert stage()["stage"] == "review"
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["published_at"])
    assert stage() == {"id": campaign.pk, "title": campaign.title, "stage": "published", "stage_label": "已发布"}
