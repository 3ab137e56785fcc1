"""Admin screens for the portal's non-page data."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CommonMistake, District, ErrorReport, ErrorReportStatus, Menu, WordRule


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "县区"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = "菜单"
    list_display = ["name", "slug"]


class SiteDataGroup(SnippetViewSetGroup):
    items = (MenuViewSet, DistrictViewSet)
    menu_icon = "cog"
    menu_label = "网站数据"
    menu_name = "site_data"
    menu_order = 800


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "level", "note", "active"]
    list_filter = ["level", "active"]
    search_fields = ["word", "note"]


class CommonMistakeViewSet(SnippetViewSet):
    model = CommonMistake
    icon = "edit"
    menu_label = "易错词"
    list_display = ["wrong", "right", "level", "note", "active"]
    list_filter = ["level", "active"]
    search_fields = ["wrong", "right", "note"]


class ContentCheckGroup(SnippetViewSetGroup):
    items = (WordRuleViewSet, CommonMistakeViewSet)
    menu_icon = "warning"
    menu_label = "内容检查"
    menu_name = "content_check"
    menu_order = 810


class ErrorReportIndexView(IndexView):
    """The report list, headed by counts per status and the average response time."""

    template_name = "portal/admin/error_report_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = ErrorReport.objects.summary()
        context["report_summary"] = summary
        context["status_counts"] = [(status.label, summary[status.value]) for status in ErrorReportStatus]
        context["average_response"] = format_duration(summary["average_response"])
        return context


def format_duration(value):
    """A response time in Chinese: 2天3小时, 5小时12分钟, 8分钟; a dash when there is none yet."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{minutes}分钟"
    return f"{minutes}分钟"


class ErrorReportFilterSet(WagtailFilterSet):
    class Meta:
        model = ErrorReport
        fields = ["status", "assignee"]


class ErrorReportViewSet(ModelViewSet):
    """我要纠错 reports: staff assign, answer and close them."""

    model = ErrorReport
    icon = "warning"
    menu_label = "纠错报告"
    menu_name = "error_reports"
    menu_order = 810
    add_to_admin_menu = True
    index_view_class = ErrorReportIndexView
    list_display = ["page_url", "status", "assignee", "created_at", "replied_at"]
    filterset_class = ErrorReportFilterSet
    search_fields = ["page_url", "description"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
