"""Whole-page cache for anonymous visitors.

Rendered public pages are kept in the default cache (Redis when REDIS_URL is
set, else files shared by the workers) under a key that includes a site-wide
generation number.  The generation is a database counter, so a publish in one
worker (committed with the content it publishes) is seen by all at once.  Publishing,
unpublishing, moving or deleting a page, or saving a snippet or setting that
public pages show, bumps the generation (see portal/signals.py), so every page
that could show the change is rendered afresh on its next request.

Every worker reads the generation on every request, so a copy of it is kept in
the cache itself (one cache read instead of a database connection and query):
a bump deletes the copy at once and writes the new value after the commit;
readers that find no copy read the database and `add` it (never overwriting a
newer value). Cache hits then touch neither the database nor the session.

关怀模式 (elderly mode, portal/care_mode.py) is part of the key: a page is cached
once per mode, so visitors in either mode are served from the cache, and the
responses say `Vary: Cookie` so browsers and proxies keep the modes apart too.
"""

import hashlib
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from portal import care_mode
from portal.models.counters import SharedCounter

GENERATION_KEY = "pagecache:generation"
# How long the cached copy of the generation lives: a bound on how long a copy
# left behind by an unlikely race (a reader's stale `add` after an eviction) can last.
GENERATION_COPY_SECONDS = 30
# Search results are not cached so that every query reaches the query log;
# /healthz is the liveness probe and the minimal view benchmarks compare against.
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/api/", "/documents/", "/search/", "/healthz")


class Recent:
    """What this worker read last from the shared cache, kept in its memory for a few seconds.

    For entries whose keys carry the generation: a publish reaches them at once,
    and they outlive the shared copy by at most RECENT_SECONDS. A hit skips
    reading and unpickling the shared copy.
    """

    def __init__(self, entries):
        self.entries = entries
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            entry = self._items.get(key)
        if entry is None or entry[0] < time.monotonic():
            return default
        return entry[1]

    def put(self, key, value, seconds):
        with self._lock:
            self._items[key] = (time.monotonic() + min(seconds, RECENT_SECONDS), value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self):
        with self._lock:
            self._items.clear()


RECENT_SECONDS = 5
# The pages this worker served last, as status, headers and bytes.
recent_pages = Recent(100)
# Values kept by generation (menus, breadcrumbs, settings: portal/fragments.py), read
# on every rendered page, and QR codes; the count bounds the memory they take.
recent_values = Recent(300)


def _recall(key):
    entry = recent_pages.get(key)
    if entry is None:
        return None
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _remember(key, response, seconds):
    recent_pages.put(key, (response.status_code, list(response.items()), response.content), seconds)


def forget_recent():
    """Drop what this worker keeps in memory (tests; the shared cache is cleared on its own)."""
    recent_pages.clear()
    recent_values.clear()


def _forget_recent(setting, **kwargs):
    # Tests switch caches and the page and fragment caches on and off; nothing may carry over.
    if setting in ("CACHES", "PAGE_CACHE_SECONDS", "FRAGMENT_CACHE_SECONDS", "CACHE_PAGE_FRAGMENTS"):
        forget_recent()


setting_changed.connect(_forget_recent, dispatch_uid="portal_cache_forget_recent")


def current_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = SharedCounter.objects.value(GENERATION_KEY)
        # Inside a transaction the value may be one not yet committed: never share it.
        if not transaction.get_connection().in_atomic_block:
            cache.add(GENERATION_KEY, value, GENERATION_COPY_SECONDS)
    return value


def _copy_generation():
    """After the commit: the cache's copy takes the database's value (re-read until it holds still)."""
    value = None
    while (latest := SharedCounter.objects.value(GENERATION_KEY)) != value:
        value = latest
        cache.set(GENERATION_KEY, value, GENERATION_COPY_SECONDS)


def invalidate_all():
    """Make every cached page stale (called on publish and similar changes)."""
    SharedCounter.objects.incr(GENERATION_KEY)
    cache.delete(GENERATION_KEY)  # this transaction's own reads go to the database until then
    transaction.on_commit(_copy_generation)


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
        cached = _recall(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                _remember(key, cached, seconds)
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
                _remember(key, response, timeout)
        return response
