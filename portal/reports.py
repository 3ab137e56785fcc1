"""Editors' reports (报告 menu): content-check findings and broken links."""

import django_filters
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .choices import CheckLevel, LinkKind
from .models import BrokenLink, ContentFinding


def _edit_url(row):
    return reverse("wagtailadmin_pages:edit", args=[row.page_id])


class EditorReportView(ReportView):
    """Open to everyone who may edit pages."""

    permission_policy = PagePermissionPolicy()
    permission_required = "change"
    header_icon = "warning"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class ContentFindingFilterSet(WagtailFilterSet):
    level = django_filters.ChoiceFilter(label="级别", choices=CheckLevel.choices, empty_label="全部")

    class Meta:
        model = ContentFinding
        fields = ["level"]


class ContentFindingReportView(EditorReportView):
    model = ContentFinding
    page_title = "内容检查"
    index_url_name = "portal_reports:content_findings"
    index_results_url_name = "portal_reports:content_findings_results"
    filterset_class = ContentFindingFilterSet
    columns = [
        TitleColumn("page", label="页面", get_url=_edit_url),
        Column("location", label="位置"),
        Column("offset", label="第几字", accessor=lambda row: row.offset + 1),
        Column("text", label="匹配内容"),
        Column("level", label="级别", accessor="get_level_display"),
        Column("suggestion", label="建议改为"),
        Column("note", label="说明"),
        DateColumn("checked_at", label="检查时间"),
    ]
    list_export = ["page", "location", "offset", "text", "level", "suggestion", "note", "checked_at"]
    export_headings = {
        "page": "页面",
        "location": "位置",
        "offset": "字符位置",
        "text": "匹配内容",
        "level": "级别",
        "suggestion": "建议改为",
        "note": "说明",
        "checked_at": "检查时间",
    }

    def get_filename(self):
        return "content-findings"


class BrokenLinkFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="链接类型", choices=LinkKind.choices, empty_label="全部")

    class Meta:
        model = BrokenLink
        fields = ["kind"]


class BrokenLinkReportView(EditorReportView):
    model = BrokenLink
    page_title = "失效链接"
    index_url_name = "portal_reports:broken_links"
    index_results_url_name = "portal_reports:broken_links_results"
    filterset_class = BrokenLinkFilterSet
    columns = [
        TitleColumn("page", label="页面", get_url=_edit_url),
        Column("location", label="位置"),
        Column("kind", label="链接类型", accessor="get_kind_display"),
        Column("target", label="链接地址"),
        Column("reason", label="问题"),
        DateColumn("checked_at", label="检查时间"),
    ]
    list_export = ["page", "location", "kind", "target", "reason", "checked_at"]
    export_headings = {
        "page": "页面",
        "location": "位置",
        "kind": "链接类型",
        "target": "链接地址",
        "reason": "问题",
        "checked_at": "检查时间",
    }

    def get_filename(self):
        return "broken-links"
