"""A small per-client rate limit for the public actions (nominate, status lookup, captchas).

Counts are database counters (portal.models.SharedCounter) in fixed windows,
one per client and window, so every worker counts the same attempts with or
without Redis.
"""

import datetime
import ipaddress
import random

from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.models import SharedCounter
from portal.security.addresses import client_address

LIMITS = {
    # scope: (requests, seconds)
    "nominate": (10, 3600),
    "status": (30, 600),
    "captcha": (30, 600),
    "comment": (5, 600),
    "comment_report": (20, 3600),
    # Public voting: anonymous device voters issued and SMS codes requested per client.
    "voter": (60, 600),
    "sms": (10, 3600),
}


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


def allow(request, scope):
    """Count one attempt; False once the client has used up this scope's window."""
    limit, window = LIMITS[scope]
    # Keyed hash: the table never holds a visitor's address.
    digest = salted_hmac("throttle", client_group(client_address(request))).hexdigest()[:32]
    now = timezone.now().timestamp()
    period = int(now // window)
    expires_at = datetime.datetime.fromtimestamp((period + 1) * window, tz=datetime.UTC)
    count = SharedCounter.objects.incr(f"throttle:{scope}:{digest}:{period}", expires_at=expires_at)
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        SharedCounter.objects.purge_expired()
    return count <= limit


MESSAGE = "操作过于频繁，请稍后再试。"
