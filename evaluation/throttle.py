"""A small per-client rate limit for the public actions (nominate, status lookup).

Counts live in the default cache (Redis in production), one counter per
client address and window, so all workers share them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

LIMITS = {
    # scope: (requests, seconds)
    "nominate": (10, 3600),
    "status": (30, 600),
}


def client_address(request):
    """The visitor's address; behind a proxy the last hop it appended (set NUM_PROXIES)."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope):
    """Count one attempt; False once the client has used up this scope's window."""
    limit, window = LIMITS[scope]
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count <= limit


MESSAGE = "操作过于频繁，请稍后再试。"
