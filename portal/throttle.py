"""A small per-client rate limit in fixed windows, shared by every worker.

Counts are database counters (portal.models.SharedCounter), one per client,
scope and window, so workers count the same attempts with or without Redis.
The table holds a keyed hash, never a visitor's address.
"""

import datetime
import ipaddress
import random

from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.models import SharedCounter
from portal.security.addresses import client_address

MESSAGE = "操作过于频繁，请稍后再试。"


def client_group(address):
    """What one visitor counts as: the address, or its /64 for IPv6.

    One IPv6 subscriber usually holds a whole /64 and can change addresses at will.
    """
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def allow(request, scope, limit, window):
    """Count one attempt; False once the client has made more than `limit` in this `window` (seconds)."""
    return hit(client_group(client_address(request)), scope, limit, window)[0]


def hit(identity, scope, limit, window):
    """Count one attempt by `identity` (an address group, a session, a phone): (allowed, when the window ends).

    Only a keyed hash of the identity is stored.
    """
    digest = salted_hmac("throttle", identity).hexdigest()[:32]
    now = timezone.now().timestamp()
    period = int(now // window)
    expires_at = datetime.datetime.fromtimestamp((period + 1) * window, tz=datetime.UTC)
    count = SharedCounter.objects.incr(f"throttle:{scope}:{digest}:{period}", expires_at=expires_at)
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        SharedCounter.objects.purge_expired()
    return count <= limit, expires_at
