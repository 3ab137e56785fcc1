from wagtail.snippets.models import register_snippet

from .viewsets import SiteDataGroup

register_snippet(SiteDataGroup)
