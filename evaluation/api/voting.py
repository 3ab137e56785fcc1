"""Public voting over the JSON API: voters, candidates with counts, votes, receipts and the ledger.

A voter's token is the credential (header `Authorization: Voter <token>`); no
cookie is involved, so these endpoints need no CSRF token. Refusals carry the
documented `{"message", "errors"}` shape plus `reason`, a stable code
(`already_counted`, `daily_limit`, `captcha_required`, …).
"""

import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status

from evaluation.choices import StageKind
from evaluation.models import Campaign, LedgerCheckpoint
from evaluation.services import ledger, voting
from evaluation.services.voting import VoteRefused
from evaluation.validators import validate_phone

router = Router(tags=["公开"])

AUTH_HEADER = {
    "parameters": [
        {
            "in": "header",
            "name": "Authorization",
            "required": False,
            "description": "Voter <token>：由 POST /api/v1/voters 取得的投票凭证。",
            "schema": {"type": "string"},
        }
    ]
}


class VoteErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = {}
    reason: str = ""


class VoterIn(Schema):
    campaign_id: int
    phone: str = ""
    code: str = ""


class SmsCodeIn(Schema):
    campaign_id: int
    phone: str


class TokenOut(Schema):
    token: str


class MessageOut(Schema):
    message: str


PUBLISHED_LABEL = "已发布"


class CampaignOut(Schema):
    id: int
    title: str
    stage: str = Field(description="nomination, review, vote, expert_review, inspection, notice, approval or published")
    stage_label: str


class CandidateOut(Schema):
    id: int
    name: str
    category: str
    category_label: str
    jurisdiction: str
    votes: int | None
    quarantined: int | None


class VoteIn(Schema):
    candidate_id: int
    captcha_key: str = ""
    captcha_answer: str = ""


class ReceiptOut(Schema):
    receipt: str


class ProofOut(Schema):
    size: int
    root: str
    proof: list[str]
    published_at: datetime.datetime | None = None


class StatusEntryOut(Schema):
    index: int
    record: str
    leaf_hash: str


class InclusionOut(Schema):
    receipt: str
    campaign_id: int
    candidate_id: int
    status: str
    reason_code: str
    index: int
    record: str
    leaf_hash: str
    published: ProofOut | None
    current: ProofOut
    status_entries: list[StatusEntryOut]


class CheckpointOut(Schema):
    size: int
    root: str
    chain_hash: str
    reason: str
    published_at: datetime.datetime


class LedgerOut(Schema):
    size: int
    root: str
    checkpoints: list[CheckpointOut]


def _refusal(exc):
    return Status(exc.http_status, {"message": exc.message, "errors": {}, "reason": exc.code})


def _campaign(campaign_id):
    campaign = Campaign.objects.filter(pk=campaign_id).prefetch_related("stages").first()
    if campaign is None:
        raise VoteRefused("not_found", "评选活动不存在。", 404)
    return campaign


MISSING_VOTER = "缺少有效的投票凭证（请求头 Authorization: Voter <token>）。"


def _phone(value):
    try:
        return validate_phone(value)
    except ValidationError as exc:
        raise VoteRefused("invalid_phone", exc.messages[0], 400) from None


ERRORS = {400: VoteErrorOut, 401: VoteErrorOut, 403: VoteErrorOut, 404: VoteErrorOut, 429: VoteErrorOut}


@router.post("/voters/sms-code", response={200: MessageOut, **ERRORS}, summary="短信投票：获取验证码")
def request_sms_code(request, payload: SmsCodeIn):
    try:
        campaign = _campaign(payload.campaign_id)
        voting.request_sms_code(campaign, _phone(payload.phone), request=request)
    except VoteRefused as exc:
        return _refusal(exc)
    return Status(200, {"message": "验证码已发送，5 分钟内有效。"})


@router.post("/voters", response={201: TokenOut, **ERRORS}, summary="取得投票凭证（短信方式需手机号和验证码）")
def create_voter(request, payload: VoterIn):
    try:
        campaign = _campaign(payload.campaign_id)
        mode_data = {"phone": _phone(payload.phone), "code": payload.code} if payload.phone else {}
        _, token = voting.issue_voter(campaign, mode_data=mode_data, request=request)
    except VoteRefused as exc:
        return _refusal(exc)
    return Status(201, {"token": token})


@router.get("/campaigns", response=list[CampaignOut], summary="评选活动及当前阶段")
def campaigns(request):
    out = []
    for campaign in Campaign.objects.prefetch_related("stages"):
        stage = campaign.public_stage()
        out.append(
            {
                "id": campaign.pk,
                "title": campaign.title,
                "stage": stage,
                "stage_label": PUBLISHED_LABEL if stage == "published" else StageKind(stage).label,
            }
        )
    return out


@router.get(
    "/campaigns/{campaign_id}/candidates",
    response={200: list[CandidateOut], 400: VoteErrorOut, 404: VoteErrorOut},
    summary="候选人及票数（不公开票数时为 null）",
)
def candidates(request, campaign_id: int):
    try:
        campaign = _campaign(campaign_id)
    except VoteRefused as exc:
        return _refusal(exc)
    counts = voting.counts(campaign)
    rows = voting.votable_candidates(campaign).select_related("jurisdiction").order_by("pk")
    return Status(
        200,
        [
            {
                "id": c.pk,
                "name": c.nominee_name,
                "category": c.category,
                "category_label": c.get_category_display(),
                "jurisdiction": c.jurisdiction.name,
                "votes": counts.get(c.pk, {}).get("valid"),
                "quarantined": counts.get(c.pk, {}).get("quarantined"),
            }
            for c in rows
        ],
    )


@router.post(
    "/campaigns/{campaign_id}/votes",
    response={201: ReceiptOut, 409: VoteErrorOut, 428: VoteErrorOut, **ERRORS},
    summary="投票（请求头 Authorization: Voter <token>）",
    openapi_extra=AUTH_HEADER,
)
def cast_vote(request, campaign_id: int, payload: VoteIn):
    # The hot path: the token is looked up in the statement that locks the voter (no campaign query first).
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    try:
        result = voting.cast_with_token(
            campaign_id,
            token.strip() if scheme == "Voter" else "",
            payload.candidate_id,
            request=request,
            captcha_key=payload.captcha_key,
            captcha_answer=payload.captcha_answer,
        )
    except VoteRefused as exc:
        if exc.code == "voter_required":
            exc = VoteRefused(exc.code, MISSING_VOTER, exc.http_status)
        return _refusal(exc)
    return Status(201, {"receipt": result.receipt})


@router.get(
    "/votes/{receipt}",
    response={200: InclusionOut, 202: VoteErrorOut, 400: VoteErrorOut, 404: VoteErrorOut},
    summary="按回执查询投票的账本包含证明（已公布的根与当前的根）；202 表示已计票、尚待写入账本",
)
def vote_proof(request, receipt: str):
    proof = ledger.receipt_proof(receipt)
    if proof is None:
        return Status(404, {"message": "未找到该投票回执。", "errors": {}, "reason": "not_found"})
    if proof == ledger.PENDING:
        message = "该票已计入，正在写入公开账本，请稍后再查询包含证明。"
        return Status(202, {"message": message, "errors": {}, "reason": "pending"})
    return Status(200, proof)


@router.get(
    "/campaigns/{campaign_id}/ledger",
    response={200: LedgerOut, 400: VoteErrorOut, 404: VoteErrorOut},
    summary="投票账本：当前记录数、根哈希与已公布的检查点",
)
def campaign_ledger(request, campaign_id: int):
    try:
        campaign = _campaign(campaign_id)
    except VoteRefused as exc:
        return _refusal(exc)
    ledger.sequence(campaign.pk, wait=False)  # the votes accepted so far, unless a sequencer is at it now
    current = ledger.state(campaign)
    checkpoints = LedgerCheckpoint.objects.filter(campaign=campaign).order_by("-published_at", "-size")[:100]
    return Status(
        200,
        {
            "size": current["size"],
            "root": current["root"],
            "checkpoints": [
                {
                    "size": c.size,
                    "root": c.root,
                    "chain_hash": c.chain_hash,
                    "reason": c.reason,
                    "published_at": c.published_at,
                }
                for c in checkpoints
            ],
        },
    )
