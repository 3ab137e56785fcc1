"""Whole-page cache for anonymous visitors.

Rendered public pages are kept in the default cache (Redis when REDIS_URL is
set, else files shared by the workers) under a key that includes a site-wide
generation number.  The generation is a database counter, so a publish in one
worker (committed with the content it publishes) is seen by all at once.  Publishing,
unpublishing, moving or deleting a page, or saving a snippet or setting that
public pages show, bumps the generation (see portal/signals.py), so every page
that could show the change is rendered afresh on its next request.

关怀模式 (elderly mode, portal/care_mode.py) is part of the key: a page is cached
once per mode, so visitors in either mode are served from the cache, and the
responses say `Vary: Cookie` so browsers and proxies keep the modes apart too.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

from portal import care_mode
from portal.models.counters import SharedCounter

GENERATION_KEY = "pagecache:generation"
# Search results are not cached so that every query reaches the query log.
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/api/", "/documents/", "/search/")


def current_generation():
    return SharedCounter.objects.value(GENERATION_KEY)


def invalidate_all():
    """Make every cached page stale (called on publish and similar changes)."""
    SharedCounter.objects.incr(GENERATION_KEY)


def _key(request, generation):
    mode = "care" if care_mode.is_on(request) else "standard"
    raw = f"{request.get_host()}|{request.get_full_path()}|{mode}".encode()
    return f"pagecache:{generation}:{hashlib.sha256(raw).hexdigest()}"


def _cacheable_request(request):
    if request.method != "GET":
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    # Visitors with a session (editors, reviewers) always see fresh pages.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _max_age(response):
    """The response's own max-age, if it sets one (a JSON feed of live counts sets a few seconds)."""
    found = re.search(r"max-age=(\d+)", response.get("Cache-Control", ""))
    return int(found.group(1)) if found else None


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-cache" not in cache_control


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ("Cookie",))
            max_age = _max_age(response)
            response.setdefault("Cache-Control", f"public, max-age={min(seconds, 60)}")
            timeout = seconds if max_age is None else min(seconds, max_age)
            if timeout > 0:
                cache.set(key, response, timeout)
        return response
