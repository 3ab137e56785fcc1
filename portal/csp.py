"""Content-Security-Policy: enforced on the public site, report-only in the admin.

Public templates load every script and style from /static/, so the policy
allows no inline script or style at all. Wagtail's admin still relies on
inline scripts, so there the same policy is only reported, never enforced.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """The enforced policy leaves the admin out (its EXCLUDE_URL_PREFIXES); there it is reported only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        policy = settings.CONTENT_SECURITY_POLICY
        if report_only and request.path_info.startswith(tuple(policy["EXCLUDE_URL_PREFIXES"])):
            return PolicyParts(config=policy["DIRECTIVES"], nonce=parts.nonce)
        return parts
