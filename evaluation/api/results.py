"""Public API of the notice, the published results and certificate verification (no private field)."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from evaluation.models import Campaign, Certificate
from evaluation.services import notice, publication

from .schemas import ErrorOut

router = Router(tags=["公示与结果"])


class HonoureeOut(Schema):
    name: str
    category: str
    profile_url: str
    certificate: str | None


class ResultsOut(Schema):
    release_url: str
    honourees: list[HonoureeOut]


class CertificateOut(Schema):
    number: str
    name: str
    title: str
    issued: datetime.date
    status: str
    revoked_at: datetime.datetime | None


class NoticeCandidateOut(Schema):
    name: str
    category: str
    district: str


class ObjectionCountsOut(Schema):
    open: int
    closed: int


class NoticeOut(Schema):
    starts: datetime.date
    ends: datetime.date
    candidates: list[NoticeCandidateOut]
    objections: ObjectionCountsOut


def _absolute(request, url):
    return request.build_absolute_uri(url)


@router.get(
    "/campaigns/{campaign_id}/results",
    response={200: ResultsOut, 404: ErrorOut},
    summary="评选结果（发布到好人榜之后才有）",
)
def campaign_results(request, campaign_id: int):
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    if not campaign.is_published:
        return Status(404, {"message": "评选结果尚未发布。"})
    honourees = []
    for honour in publication.results(campaign):
        certificate = getattr(honour, "certificate", None)
        honourees.append(
            {
                "name": honour.page.title,
                "category": honour.page.category,
                "profile_url": _absolute(request, honour.page.url),
                "certificate": certificate.number if certificate else None,
            }
        )
    return {"release_url": _absolute(request, campaign.release_page.url), "honourees": honourees}


@router.get(
    "/certificates/{number}", response={200: CertificateOut, 404: ErrorOut}, summary="荣誉证书查验（有效或已撤销）"
)
def certificate(request, number: str):
    cert = Certificate.objects.filter(number=number.strip().upper()).first()
    if cert is None:
        return Status(404, {"message": "未查到该证书。"})
    return {
        "number": cert.number,
        "name": cert.name,
        "title": cert.title,
        "issued": cert.issued_on,
        "status": cert.status,
        "revoked_at": cert.revoked_at,
    }


@router.get(
    "/campaigns/{campaign_id}/notice",
    response={200: NoticeOut, 404: ErrorOut},
    summary="网上公示：公示期内的拟入选名单与异议数量",
)
def campaign_notice(request, campaign_id: int):
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    stage = notice.notice_stage(campaign)
    if stage is None:
        return Status(404, {"message": "本次活动没有网上公示阶段。"})
    shown = notice.candidates(campaign) if notice.phase(campaign) == "open" else []
    return {
        "starts": stage.starts_on,
        "ends": stage.ends_on,
        "candidates": [
            {
                "name": n.nominee_name,
                "category": n.category,
                "district": district.name if (district := n.jurisdiction.public_district) else "",
            }
            for n in shown
        ],
        "objections": notice.objection_counts(campaign),
    }
