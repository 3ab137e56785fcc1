"""JSON API for H5 / WeChat front-ends: the same public actions as the campaign page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Form, NinjaAPI, Router, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from evaluation import rules
from evaluation.guards import captcha, throttle
from evaluation.models import Campaign, Nomination, PrivateDataAccess
from evaluation.privacy import crypto
from evaluation.services import audit, intake, review
from evaluation.validators import validate_phone
from evaluation.workflows.nomination import RECEIVED_LABEL, Action, TransitionNotAllowed
from evaluation.workflows.nomination import Status as NominationStatus

from . import experts, pipeline
from .errors import install_error_handlers
from .results import router as results_router
from .schemas import (
    CaptchaOut,
    ErrorOut,
    NominationCreated,
    NominationIn,
    NominationStatusOut,
    ReviewIn,
    StaffNominationOut,
    StatusLookupIn,
)
from .voting import router as voting_router

# What a public channel says about any nomination it has just received, merged or not.
RECEIVED = {"status": "received", "status_label": RECEIVED_LABEL}

api = NinjaAPI(
    title="文明网 好人评选 API",
    version="1.0.0",
    description="公开推荐、进度查询、网络投票与投票账本，以及工作人员的审核接口（会话登录）。",
    urls_namespace="api-v1",
    docs_url=None,
)
install_error_handlers(api)
public = Router(tags=["公开"])
staff = Router(tags=["审核（需登录）"], auth=django_auth)


@public.get("/captcha", response={200: CaptchaOut, 429: ErrorOut}, summary="获取一次性图片验证码")
def get_captcha(request):
    token = captcha.issue(request)
    if token is None:
        return Status(429, {"message": throttle.MESSAGE})
    return {"captcha_key": token, "image_url": request.build_absolute_uri(reverse("evaluation:captcha", args=[token]))}


@public.post(
    "/nominations",
    response={201: NominationCreated, 400: ErrorOut, 404: ErrorOut, 413: ErrorOut, 429: ErrorOut},
    summary="提交推荐（multipart/form-data）",
)
def create_nomination(request, payload: Form[NominationIn], photos: File[list[UploadedFile]] = None):
    if refusal := throttle.nomination_refusal(request, payload.nominator_phone):
        return Status(429, {"message": refusal})
    campaign = Campaign.objects.filter(pk=payload.campaign).first()
    if campaign is None:
        return Status(404, {"message": "评选活动不存在。"})
    errors = {}
    captcha_solved = captcha.verify(payload.captcha_key, payload.captcha_answer)
    if not captcha_solved:
        errors["captcha_answer"] = [captcha.WRONG_ANSWER]
    try:
        data = intake.clean(campaign, payload.dict(), photos=list(photos or []), eligibility=captcha_solved)
    except intake.NominationInvalid as exc:
        errors = exc.errors | errors
    if errors:
        # A problem with the request as a whole (the stage is closed) is the message itself.
        message = "；".join(errors.get("__all__", [])) or "提交的信息有误，请修改后重试。"
        return Status(400, {"message": message, "errors": errors})
    try:
        _, nominator = intake.submit(campaign, data)
    except ValidationError as exc:
        return Status(400, {"message": "；".join(exc.messages), "errors": {"__all__": exc.messages}})
    return Status(201, {"receipt_number": nominator.receipt_number, **RECEIVED})


@public.post(
    "/nominations/status",
    response={200: NominationStatusOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="按回执编号和推荐人手机号查询进度（JSON 请求体）",
)
def nomination_status(request, payload: StatusLookupIn):
    if not throttle.allow(request, "status"):
        return Status(429, {"message": throttle.MESSAGE})
    try:
        phone = validate_phone(payload.phone)
    except ValidationError as exc:
        return Status(400, {"message": exc.messages[0]})
    nominator = intake.find_for_status_page(payload.receipt_number, phone)
    if nominator is None:
        return Status(404, {"message": "未找到该推荐，请核对回执编号和手机号。"})
    nomination = nominator.nomination
    if nominator.is_original:
        progress = {
            "status": nomination.status,
            "status_label": NominationStatus(nomination.status).label,
            "updated_at": nomination.updated_at,
        }
    else:
        progress = {**RECEIVED, "updated_at": nominator.created_at}
    return Status(200, {"receipt_number": nominator.receipt_number, "campaign": nomination.campaign.title, **progress})


def _staff_out(nomination, *, full):
    return {
        "id": nomination.pk,
        "tracking_number": nomination.tracking_number,
        "campaign": nomination.campaign.title,
        "nominee_name": nomination.nominee_name,
        "category": nomination.get_category_display(),
        "jurisdiction": nomination.jurisdiction.name,
        "status": nomination.status,
        "status_label": NominationStatus(nomination.status).label,
        "id_number": nomination.reveal_id_number() if full else nomination.id_number_masked,
        "consent_given": nomination.consent_given,
    }


def _staff_response(user, nominations):
    """Staff output for one nomination or a list; full ID numbers only for city staff, and audited."""
    items = nominations if isinstance(nominations, list) else [nominations]
    full = rules.can_view_private_data(user)
    try:
        body = [_staff_out(n, full=full) for n in items]
    except crypto.UndecryptableRecord as exc:
        return Status(500, {"message": str(exc)})
    if full and items:
        audit.record_private_access(
            user=user, purpose=PrivateDataAccess.Purpose.API, model=Nomination, ids=[n.pk for n in items]
        )
    return Status(200, body if isinstance(nominations, list) else body[0])


@staff.get(
    "/nominations", response={200: list[StaffNominationOut], 403: ErrorOut, 500: ErrorOut}, summary="本辖区的推荐"
)
def staff_nominations(request, status: str = "", campaign: int | None = None):
    if not rules.can_access_nominations(request.user):
        return Status(403, {"message": "您没有评选审核权限。"})
    qs = rules.nominations_for(request.user).select_related("campaign", "jurisdiction")
    if status:
        qs = qs.filter(status=status)
    if campaign:
        qs = qs.filter(campaign_id=campaign)
    return _staff_response(request.user, list(qs[:500]))


@staff.get(
    "/nominations/{nomination_id}", response={200: StaffNominationOut, 404: ErrorOut, 500: ErrorOut}, summary="推荐详情"
)
def staff_nomination(request, nomination_id: int):
    nomination = get_object_or_404(
        rules.nominations_for(request.user).select_related("campaign", "jurisdiction"), pk=nomination_id
    )
    return _staff_response(request.user, nomination)


@staff.post(
    "/nominations/{nomination_id}/review",
    response={200: StaffNominationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 500: ErrorOut},
    summary="审核：approve 通过 / return 退回 / reject 不予通过 / resubmit 重新提交",
)
def staff_review(request, nomination_id: int, payload: ReviewIn):
    nomination = get_object_or_404(rules.nominations_for(request.user), pk=nomination_id)
    if payload.action not in Action.values:
        return Status(400, {"message": "无效的审核操作。"})
    try:
        nomination = review.review(
            nomination,
            actor=request.user,
            action=payload.action,
            reason=payload.reason,
            override_reason=payload.override_reason,
        )
    except PermissionDenied as exc:
        return Status(403, {"message": str(exc)})
    except TransitionNotAllowed as exc:
        return Status(409, {"message": str(exc)})
    except ValidationError as exc:
        return Status(400, {"message": "；".join(exc.messages)})
    nomination = Nomination.objects.select_related("campaign", "jurisdiction").get(pk=nomination.pk)
    return _staff_response(request.user, nomination)


api.add_router("/", public)
api.add_router("/", voting_router)
api.add_router("/", results_router)
api.add_router("/review", staff)
api.add_router("/", experts.router)
api.add_router("/staff", pipeline.router)
