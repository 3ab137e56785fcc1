from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import review
from .reports import BrokenLinkReportView, ContentFindingReportView
from .security import admin_hooks  # noqa: F401  (lockout screen, 2FA account item)
from .viewsets import ContentCheckGroup, ErrorReportViewSet, SiteDataGroup

register_snippet(SiteDataGroup)
register_snippet(ContentCheckGroup)

hooks.register("review_task_refusal", review.review_task_refusal)
hooks.register("before_publish_page", review.refuse_forbidden_publish)
hooks.register("before_bulk_action", review.refuse_forbidden_bulk_publish)
hooks.register("before_edit_page", review.show_findings)
hooks.register("after_edit_page", review.show_findings_after_submit)
hooks.register("after_create_page", review.show_findings_after_submit)

report_urls = [
    path("content-check/", ContentFindingReportView.as_view(), name="content_findings"),
    path(
        "content-check/results/",
        ContentFindingReportView.as_view(results_only=True),
        name="content_findings_results",
    ),
    path("broken-links/", BrokenLinkReportView.as_view(), name="broken_links"),
    path("broken-links/results/", BrokenLinkReportView.as_view(results_only=True), name="broken_links_results"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("portal-reports/", include((report_urls, "portal_reports")))]


@hooks.register("register_reports_menu_item")
def register_content_findings_menu_item():
    return MenuItem("内容检查", reverse_lazy("portal_reports:content_findings"), icon_name="warning", order=910)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return MenuItem("失效链接", reverse_lazy("portal_reports:broken_links"), icon_name="link", order=920)


@hooks.register("register_admin_viewset")
def register_error_reports():
    return ErrorReportViewSet("error_reports")
