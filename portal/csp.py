"""Content-Security-Policy: enforced on the public site, report-only in the admin.

Public templates load every script and style from /static/, so the policy
allows no inline script or style at all. Wagtail's admin still relies on
inline scripts, so there the same policy is only reported, never enforced.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return parts
        if not report_only:
            response._csp_exempt = True
            return parts
        return PolicyParts(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], nonce=parts.nonce)
