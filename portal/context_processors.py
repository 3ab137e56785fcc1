"""Template context shared by the public pages."""

from django.conf import settings
from wagtail.models import Site


def session_state(request):
    """Whether the visitor has a session at all.

    Anonymous visitors have none; templates then skip what would read the session
    (messages, the Wagtail user bar), so their pages carry no `Vary: Cookie` and stay
    identical for everyone in the anonymous page cache.
    """
    return {"has_session": settings.SESSION_COOKIE_NAME in request.COOKIES}


def site_settings(request):
    """The site's SiteSettings, loaded on first use and kept in the cache until the next generation."""
    from django.utils.functional import SimpleLazyObject

    from portal import fragments
    from portal.models import SiteSettings

    def load():
        site = Site.find_for_request(request)
        if site is None:
            return SiteSettings()
        return fragments.by_generation(f"site_settings:{site.pk}", request, lambda: SiteSettings.for_site(site))

    return {"site_settings": SimpleLazyObject(load)}


def generation(request):
    """The site-wide generation, which base.html's cached fragments vary on (read when a fragment is)."""
    from django.utils.functional import SimpleLazyObject

    from portal import cache

    return {"generation": SimpleLazyObject(cache.current_generation)}
