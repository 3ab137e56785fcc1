from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .security import admin_hooks  # noqa: F401  (lockout screen, 2FA account item)
from .viewsets import ErrorReportViewSet, SiteDataGroup

register_snippet(SiteDataGroup)


@hooks.register("register_admin_viewset")
def register_error_reports():
    return ErrorReportViewSet("error_reports")
