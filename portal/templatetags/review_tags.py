"""Template tags for the admin's review screens."""

from django import template

from portal.content_check import check_page

register = template.Library()


@register.simple_tag
def content_findings(page):
    """Findings of the content check in `page`'s latest revision, 禁止 first."""
    if not hasattr(page, "get_latest_revision_as_object"):
        return []
    return sorted(check_page(page.get_latest_revision_as_object()), key=lambda finding: not finding.forbidden)
