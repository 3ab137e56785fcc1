"""What the voting pages need around the voting service: the device cookie, the
counts cache, one-time result messages in the URL, and the same-origin check.

The candidate pages are served from the shared anonymous page cache, so nothing
here is read while rendering them: the cookie is read only by the vote POST, and
a result message travels in a signed, short-lived query parameter whose page is
marked private (never stored in the shared cache).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from evaluation.services import voting

COOKIE_MAX_AGE = 60 * 86400
COUNTS_CACHE_SECONDS = 3
FLASH_MAX_AGE = 600
FLASH_PARAM = "msg"
_FLASH_SALT = "evaluation.votes.flash"


def cookie_name(campaign):
    return f"voter_{campaign.pk}"


def voter_for(request, campaign):
    """The voter of this device's cookie, else a new one: (voter, token to set or None)."""
    voter = voting.voter_from_token(campaign, request.COOKIES.get(cookie_name(campaign), ""))
    if voter is not None:
        return voter, None
    return voting.issue_voter(campaign, mode_data={}, request=request)


def set_voter_cookie(response, campaign, token, path):
    response.set_cookie(
        cookie_name(campaign),
        token,
        max_age=COOKIE_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )


def live_counts(campaign):
    """{candidate id: valid votes} (values None while counts are hidden), at most a few seconds old.

    One short-lived cache entry per campaign, so a burst of visitors costs one aggregate query.
    """
    key = f"votecounts:{campaign.pk}"
    found = cache.get(key)
    if found is None:
        found = {pk: row["valid"] for pk, row in voting.counts(campaign).items()}
        cache.set(key, found, COUNTS_CACHE_SECONDS)
    return found


def flash_token(*, ok, message, candidate_id, receipt=""):
    return signing.dumps({"ok": ok, "m": message, "c": candidate_id, "r": receipt}, salt=_FLASH_SALT, compress=True)


def read_flash(request):
    """The signed result message in the URL, if any and fresh; forged or stale ones are ignored."""
    raw = request.GET.get(FLASH_PARAM)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_FLASH_SALT, max_age=FLASH_MAX_AGE)
    except signing.BadSignature:
        return None
    return {
        "ok": bool(data.get("ok")),
        "message": data.get("m", ""),
        "candidate_id": data.get("c"),
        "receipt": data.get("r", ""),
    }


def same_origin(request):
    """True when a POST comes from one of our own pages (Fetch Metadata, Origin, else Referer).

    The vote and comment forms sit in pages shared by every anonymous visitor, which
    cannot carry a per-visitor CSRF token; these headers stop other sites posting them.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    allowed = {f"{request.scheme}://{request.get_host()}", *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin in allowed
    referer = request.headers.get("Referer")
    if not referer:
        return False
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" in allowed
