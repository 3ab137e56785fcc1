"""The committee's approval (文明委审批): recorded once per campaign by city staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from evaluation import rules
from evaluation.models import Approval, Nomination, Objection, ShortlistEntry
from evaluation.services import audit
from evaluation.workflows.nomination import Status
from evaluation.workflows.notice import ObjectionOutcome


def approvable(campaign):
    """Nominations the committee may approve: the shortlist, or the accepted candidates without one."""
    shortlisted = ShortlistEntry.objects.filter(campaign=campaign).values("nomination_id")
    if ShortlistEntry.objects.filter(campaign=campaign).exists():
        return Nomination.objects.filter(pk__in=shortlisted)
    return Nomination.objects.filter(campaign=campaign, status=Status.ACCEPTED)


@transaction.atomic
def record_approval(campaign, *, actor, document_number, approved_on, nominations, note=""):
    if not rules.can_publish(actor):
        raise PermissionDenied("您无权录入文明委审批。")
    if Approval.objects.filter(campaign=campaign).exists():
        raise ValidationError("本次活动已录入文明委审批，不能重复录入。")
    nominations = list(nominations)
    errors = []
    if not (document_number or "").strip():
        errors.append("请填写批复文号。")
    if not nominations:
        errors.append("请选择批准入选的人员。")
    allowed = set(approvable(campaign).values_list("pk", flat=True))
    outside = [n.nominee_name for n in nominations if n.pk not in allowed]
    if outside:
        errors.append(f"{'、'.join(outside)}不在本次活动的拟入选名单中。")
    if len(nominations) > campaign.honouree_quota_max:
        errors.append(f"批准人数{len(nominations)}超过入选名额上限{campaign.honouree_quota_max}。")
    upheld = Objection.objects.filter(nomination__in=nominations, outcome=ObjectionOutcome.UPHELD)
    for objection in upheld.select_related("nomination"):
        errors.append(f"候选人{objection.nomination.nominee_name}的公示异议经核查成立，不能批准入选。")
    if errors:
        raise ValidationError(errors)
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
