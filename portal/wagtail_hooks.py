from wagtail.snippets.models import register_snippet

from .security import admin_hooks  # noqa: F401  (lockout screen, 2FA account item)
from .viewsets import SiteDataGroup

register_snippet(SiteDataGroup)
