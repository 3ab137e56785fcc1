"""Staff API for the end of the pipeline: where a campaign stands, recording the approval, publishing.

City staff only (session login, CSRF as the other staff endpoints).  Each call goes
through the same services as the admin, so the same rules refuse and the same
audit events are written; a refusal is 409 {"code", "message"} (workflows/pipeline.py).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import django_auth

from evaluation import rules
from evaluation.models import Campaign, Nomination
from evaluation.services import approval, pipeline, publication
from evaluation.workflows.pipeline import OutOfOrder

from .schemas import ErrorOut

router = Router(tags=["审批与发布（市文明办，需登录）"], auth=django_auth)
FORBIDDEN = {"message": "只有市文明办工作人员可以办理审批和发布。", "errors": {}}


class NoticeStateOut(Schema):
    starts: datetime.date | None
    ends: datetime.date | None
    open: bool
    open_cases: int


class CandidateStateOut(Schema):
    id: int
    name: str
    category: str
    shortlisted: bool
    inspection: str
    approved: bool
    published: bool
    disqualified: bool


class PipelineOut(Schema):
    stage: str
    notice: NoticeStateOut
    candidates: list[CandidateStateOut]


class ApprovalIn(Schema):
    document_number: str
    date: datetime.date
    nomination_ids: list[int]


class ApprovalOut(Schema):
    id: int
    document_number: str
    date: datetime.date
    nomination_ids: list[int]


class RefusalOut(Schema):
    code: str
    message: str


class PublicationOut(Schema):
    release_url: str


def _campaign(request, campaign_id):
    return get_object_or_404(Campaign, pk=campaign_id)


@router.get(
    "/campaigns/{campaign_id}/pipeline",
    response={200: PipelineOut, 403: ErrorOut, 404: ErrorOut},
    summary="活动进程：公示、考察、审批、发布情况",
)
def campaign_pipeline(request, campaign_id: int):
    if not rules.can_publish(request.user):
        return Status(403, FORBIDDEN)
    found = pipeline.state(_campaign(request, campaign_id))
    return {
        "stage": found["stage"],
        "notice": found["notice"],
        "candidates": [
            {
                "id": row.nomination.pk,
                "name": row.nomination.nominee_name,
                "category": row.nomination.category,
                "shortlisted": row.shortlisted,
                "inspection": row.inspection,
                "approved": row.approved,
                "published": row.published,
                "disqualified": row.disqualified,
            }
            for row in found["candidates"]
        ],
    }


@router.post(
    "/campaigns/{campaign_id}/approval",
    response={201: ApprovalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: RefusalOut},
    summary="录入文明委审批（公示结束、考察通过、无异议后）",
)
def record_approval(request, campaign_id: int, payload: ApprovalIn):
    if not rules.can_publish(request.user):
        return Status(403, FORBIDDEN)
    campaign = _campaign(request, campaign_id)
    ids = list(dict.fromkeys(payload.nomination_ids))
    nominations = list(Nomination.objects.filter(campaign=campaign, pk__in=ids))
    if len(nominations) != len(ids):
        unknown = sorted(set(ids) - {n.pk for n in nominations})
        return Status(
            400, {"message": "所选人员不是本次活动的候选人。", "errors": {"nomination_ids": [str(i) for i in unknown]}}
        )
    try:
        recorded = approval.record_approval(
            campaign,
            actor=request.user,
            document_number=payload.document_number,
            approved_on=payload.date,
            nominations=nominations,
        )
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except OutOfOrder as exc:
        return Status(409, {"code": exc.code, "message": exc.message})
    except ValidationError as exc:
        return Status(400, {"message": "；".join(exc.messages), "errors": {}})
    return Status(
        201,
        {
            "id": recorded.pk,
            "document_number": recorded.document_number,
            "date": recorded.approved_on,
            "nomination_ids": [n.pk for n in nominations],
        },
    )


@router.post(
    "/campaigns/{campaign_id}/publication",
    response={201: PublicationOut, 403: ErrorOut, 404: ErrorOut, 409: RefusalOut},
    summary="发布到好人榜（审批之后，仅限批准人员）",
)
def publish(request, campaign_id: int):
    if not rules.can_publish(request.user):
        return Status(403, FORBIDDEN)
    campaign = _campaign(request, campaign_id)
    try:
        release = publication.publish(campaign, actor=request.user)
    except PermissionDenied:
        return Status(403, FORBIDDEN)
    except OutOfOrder as exc:
        return Status(409, {"code": exc.code, "message": exc.message})
    return Status(201, {"release_url": request.build_absolute_uri(release.url or release.get_url(request) or "")})
