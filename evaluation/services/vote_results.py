"""Vote results for staff: per candidate and per hour, by status, and as an XLSX workbook.

Staff figures include held and invalid votes (the public sees the valid count only);
every text cell of the workbook goes through exports.safe_cell.
"""

import io

from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from evaluation.choices import VoteStatus
from evaluation.exports import safe_cell
from evaluation.models import Detector, Vote, VoteSuspicion

STATUS_COUNTS = {s: Count("votes", filter=Q(votes__status=s)) for s in VoteStatus.values}


def per_candidate(campaign):
    """Rows of candidate, category, district and valid / quarantined / invalid votes, most valid votes first."""
    from evaluation.services.voting import votable_candidates

    candidates = votable_candidates(campaign).select_related("jurisdiction")
    candidates = candidates.annotate(**{f"n_{s}": c for s, c in STATUS_COUNTS.items()})
    rows = [
        {
            "id": c.pk,
            "name": c.nominee_name,
            "category": c.get_category_display(),
            "jurisdiction": c.jurisdiction.name,
            **{s: getattr(c, f"n_{s}") for s in VoteStatus.values},
        }
        for c in candidates
    ]
    return sorted(rows, key=lambda r: (-r[VoteStatus.VALID], r["id"]))


def per_hour(campaign):
    """[(local hour, {status: n})] for every hour with votes, oldest first."""
    found = (
        Vote.objects.filter(campaign=campaign)
        .annotate(hour=TruncHour("created_at", tzinfo=timezone.get_current_timezone()))
        .values("hour", "status")
        .annotate(n=Count("id"))
        .order_by("hour")
    )
    hours = {}
    for row in found:
        hours.setdefault(row["hour"], dict.fromkeys(VoteStatus.values, 0))[row["status"]] = row["n"]
    return list(hours.items())


def workbook(campaign):
    """The campaign's results as XLSX bytes: one sheet per candidate totals, one of the brushing alerts."""
    book = Workbook()
    sheet = book.active
    sheet.title = "投票结果"
    sheet.append([safe_cell(campaign.title)])
    sheet.append(["导出时间", timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    header = ["排名", "候选人", "类别", "所属地区", "有效票", "待核查", "无效票", "合计"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for rank, row in enumerate(per_candidate(campaign), start=1):
        counts = [row[s] for s in VoteStatus.values]
        sheet.append([rank, *(safe_cell(row[k]) for k in ("name", "category", "jurisdiction")), *counts, sum(counts)])
    alerts = book.create_sheet("刷票预警")
    alerts.append(["发现时间", "检测规则", "涉及票数", "处理状态", "处理人", "处理时间"])
    labels = dict(Detector.choices)
    for s in VoteSuspicion.objects.filter(campaign=campaign).select_related("decided_by"):
        decided_by = s.decided_by.get_full_name() or s.decided_by.get_username() if s.decided_by else ""
        decided_at = timezone.localtime(s.decided_at).strftime("%Y-%m-%d %H:%M") if s.decided_at else ""
        alerts.append(
            [
                timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"),
                labels.get(s.detector, s.detector),
                s.vote_count,
                s.get_status_display(),
                safe_cell(decided_by),
                decided_at,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
