"""The committee's approval (文明委审批): recorded once per campaign by city staff, in the rules' order.

`refusal` says whether the rules allow approving a set of candidates today, and
why not (workflows/pipeline.py); `record_approval` is the one writer.  Input
mistakes (no document number, a date in the future) are ValidationErrors; a step
out of the rules' order is an OutOfOrder with its code.
"""

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation import rules
from evaluation.choices import Category, InspectionVerdict
from evaluation.models import Approval, Disqualification, Inspection, Nomination, Objection, ShortlistEntry
from evaluation.services import audit, notice
from evaluation.workflows.notice import ObjectionOutcome, ObjectionStatus
from evaluation.workflows.pipeline import OutOfOrder, Refusal


def _day(date):
    return f"{date.year}年{date.month}月{date.day}日"


def _names(nominations):
    return "、".join(n.nominee_name for n in nominations)


def approvable(campaign):
    """Nominations the committee may be asked about: the shortlist that went on the notice, less the disqualified."""
    shortlisted = ShortlistEntry.objects.filter(campaign=campaign).values("nomination_id")
    disqualified = Disqualification.objects.nomination_ids(campaign)
    return Nomination.objects.filter(pk__in=shortlisted).exclude(pk__in=disqualified)


def notice_refusal(campaign, *, today=None, on=None):
    """OutOfOrder when the public notice has not ended by `today` (and before `on`, the decision's date)."""
    stage = notice.notice_stage(campaign)
    if stage is None:
        return OutOfOrder(
            Refusal.NOTICE_OPEN, "本次活动未进行网上公示。按评选办法，拟入选名单须经社会公示无异议后方可报文明委审批。"
        )
    today = today or timezone.localdate()
    if today <= stage.ends_on:
        return OutOfOrder(
            Refusal.NOTICE_OPEN,
            f"网上公示至{_day(stage.ends_on)}结束，公示期内不能审批或发布。"
            "按评选办法，须经社会公示无异议后方可报文明委审批。",
        )
    if on is not None and on <= stage.ends_on:
        return OutOfOrder(
            Refusal.NOTICE_OPEN, f"批复日期须在网上公示结束（{_day(stage.ends_on)}）之后：公示期内不能作出审批决定。"
        )
    return None


def inspection_refusal(campaign, nominations):
    """OutOfOrder when a candidate's site inspection failed, or (unless optional) has no passing verdict."""
    verdicts = dict(
        Inspection.objects.filter(campaign=campaign, nomination__in=nominations).values_list("nomination_id", "verdict")
    )
    failed = [n for n in nominations if verdicts.get(n.pk) == InspectionVerdict.FAILED]
    if failed:
        return OutOfOrder(
            Refusal.INSPECTION_FAILED, f"{_names(failed)}的实地考察结论为“不通过”，按评选办法不能批准入选。"
        )
    if campaign.inspection_optional:
        return None
    missing = [n for n in nominations if verdicts.get(n.pk) != InspectionVerdict.PASSED]
    if missing:
        return OutOfOrder(
            Refusal.INSPECTION_MISSING,
            f"{_names(missing)}尚无“通过”的实地考察结论。按评选办法，拟入选者须经实地考察后方可报批。",
        )
    return None


def quota_refusal(campaign, nominations):
    """OutOfOrder when the set exceeds the campaign's total quota or its per-category quota."""
    if len(nominations) > campaign.honouree_quota_max:
        return OutOfOrder(
            Refusal.OVER_QUOTA,
            f"批准人数{len(nominations)}人，超过本次活动入选名额上限{campaign.honouree_quota_max}人。",
        )
    per_category = Counter(n.category for n in nominations)
    over = [c for c, count in sorted(per_category.items()) if count > campaign.category_quota]
    if over:
        labels = "、".join(f"{Category(c).label}{per_category[c]}人" for c in over)
        return OutOfOrder(Refusal.OVER_QUOTA, f"{labels}，超过每类入选上限{campaign.category_quota}人。")
    return None


def refusal(campaign, nominations, *, today=None, on=None):
    """The first rule that forbids approving `nominations` today, as an OutOfOrder; None when all allow it."""
    nominations = list(nominations)
    found = notice_refusal(campaign, today=today, on=on)
    if found:
        return found
    allowed = set(ShortlistEntry.objects.filter(campaign=campaign).values_list("nomination_id", flat=True))
    outside = [n for n in nominations if n.pk not in allowed]
    if outside:
        return OutOfOrder(Refusal.NOT_SHORTLISTED, f"{_names(outside)}不在本次活动公示的拟入选名单中，不能批准入选。")
    disqualified = set(Disqualification.objects.nomination_ids(campaign))
    out = [n for n in nominations if n.pk in disqualified]
    if out:
        return OutOfOrder(Refusal.DISQUALIFIED, f"{_names(out)}已因刷票被取消候选资格，不能批准入选。")
    objections = Objection.objects.filter(campaign=campaign, nomination__in=nominations)
    pending = {o.nomination_id for o in objections if o.status in ObjectionStatus.unresolved()}
    if pending:
        return OutOfOrder(
            Refusal.OBJECTION_OPEN,
            f"{_names(n for n in nominations if n.pk in pending)}有未办结的公示异议，办结前不能审批。",
        )
    upheld = {o.nomination_id for o in objections if o.outcome == ObjectionOutcome.UPHELD}
    if upheld:
        return OutOfOrder(
            Refusal.OBJECTION_UPHELD,
            f"{_names(n for n in nominations if n.pk in upheld)}的公示异议经核查成立，不能批准入选。",
        )
    return inspection_refusal(campaign, nominations) or quota_refusal(campaign, nominations)


def check(campaign, nominations, *, today=None, on=None):
    """Raise the OutOfOrder that `refusal` finds."""
    found = refusal(campaign, nominations, today=today, on=on)
    if found:
        raise found


@transaction.atomic
def record_approval(campaign, *, actor, document_number, approved_on, nominations, note="", today=None):
    """Record the committee's decision; `today` is the day it is entered (the demo replays the past)."""
    if not rules.can_publish(actor):
        raise PermissionDenied("您无权录入文明委审批。")
    if Approval.objects.filter(campaign=campaign).exists():
        raise ValidationError("本次活动已录入文明委审批，不能重复录入。")
    today = today or timezone.localdate()
    nominations = list(nominations)
    errors = []
    if not (document_number or "").strip():
        errors.append("请填写批复文号。")
    if not nominations:
        errors.append("请选择批准入选的人员。")
    if approved_on is None:
        errors.append("请填写批复日期。")
    elif approved_on > today:
        errors.append("批复日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    check(campaign, nominations, today=today, on=approved_on)
    approval = Approval.objects.create(
        campaign=campaign,
        document_number=document_number.strip(),
        approved_on=approved_on,
        note=note,
        recorded_by=actor,
    )
    approval.nominations.set(nominations)
    audit.record_campaign(
        campaign,
        action="approval_recorded",
        actor=actor,
        document_number=approval.document_number,
        approved_on=approved_on.isoformat(),
        nominations=[n.pk for n in nominations],
    )
    for nomination in nominations:
        audit.record(nomination, action="approved", actor=actor, document_number=approval.document_number)
    return approval
