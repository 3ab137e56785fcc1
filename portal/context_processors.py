"""Template context shared by the public pages."""

from django.conf import settings


def session_state(request):
    """Whether the visitor has a session at all.

    Anonymous visitors have none; templates then skip what would read the session
    (messages, the Wagtail user bar), so their pages carry no `Vary: Cookie` and stay
    identical for everyone in the anonymous page cache.
    """
    return {"has_session": settings.SESSION_COOKIE_NAME in request.COOKIES}
