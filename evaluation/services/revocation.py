"""Revocation reports (seed 000 §10.3): the recommending district or unit reports, the city decides.

A district or unit reviewer files an investigation report for an honouree it
recommended (谁推荐谁负责), citing a revocation clause.  City staff approve it —
which records the revocation through honours.record_negative, recalling the
certificate, the held title and the cards — or dismiss it with their reasons.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation import rules
from evaluation.models import NegativeGround, NegativeKind, ReportStatus, RevocationReport
from evaluation.predicates import profile_of
from evaluation.services import audit, honours

FACTS_MIN_CHARS = 20


@transaction.atomic
def file_report(honour, *, actor, ground, facts):
    """A district's or unit's report asking the city to revoke `honour`'s title."""
    if not rules.can_care_for(actor, honour):
        raise PermissionDenied("只能为本辖区、本单位推荐的入选者提交撤销荣誉报告。")
    if honour.is_revoked:
        raise ValidationError(f"{honour.name}的荣誉称号已被撤销。")
    if ground not in NegativeGround.for_kind(NegativeKind.REVOCATION):
        raise ValidationError("请选择撤销荣誉称号所依据的条款。")
    facts = (facts or "").strip()
    if len(facts) < FACTS_MIN_CHARS:
        raise ValidationError(f"请写明调查核实的情况（至少{FACTS_MIN_CHARS}个字）。")
    if RevocationReport.objects.filter(honour=honour, status=ReportStatus.PENDING).exists():
        raise ValidationError(f"{honour.name}已有待审批的撤销荣誉报告。")
    profile = profile_of(actor)
    report = RevocationReport.objects.create(
        honour=honour,
        ground=ground,
        facts=facts,
        reporting_unit=profile.jurisdiction if profile else None,
        filed_by=actor,
    )
    audit.record(honour.nomination, action="revocation_reported", actor=actor, report=report.pk, ground=ground)
    return report


@transaction.atomic
def decide_report(report, *, actor, approve, note="", document_number="", decided_on=None):
    """City staff approve (the title is revoked) or dismiss a pending report, with their reasons."""
    if not rules.can_manage_honours(actor):
        raise PermissionDenied("只有市文明办工作人员可以审批撤销荣誉报告。")
    report = RevocationReport.objects.select_for_update().select_related("honour").get(pk=report.pk)
    if report.status != ReportStatus.PENDING:
        raise ValidationError("该报告已审批，不能重复审批。")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError("不予撤销时请写明审批意见。")
    if approve:
        report.negative_record = honours.record_negative(
            report.honour,
            actor=actor,
            kind=NegativeKind.REVOCATION,
            ground=report.ground,
            reason=note or report.facts,
            decided_on=decided_on or timezone.localdate(),
            unit_report=report.facts,
            document_number=document_number,
        )
    report.status = ReportStatus.APPROVED if approve else ReportStatus.DISMISSED
    report.decided_by, report.decision_note = actor, note
    report.save(update_fields=["status", "decided_by", "decision_note", "negative_record"])
    audit.record(
        report.honour.nomination, action="revocation_report_decided", actor=actor, report=report.pk, approved=approve
    )
    return report
