"""A small per-client rate limit for the public actions (nominate, status lookup).

Counts live in the default cache (Redis in production), one counter per
client address and window, so all workers share them.
"""

import hashlib

from django.core.cache import cache

from portal.security.addresses import client_address

LIMITS = {
    # scope: (requests, seconds)
    "nominate": (10, 3600),
    "status": (30, 600),
}


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
