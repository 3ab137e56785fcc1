"""The rate limits of the public evaluation actions (nominate, status lookup, captchas, objections).

The counting itself is portal's (portal/throttle.py): database counters in
fixed windows, one per client and window, shared by every worker.
"""

from portal import throttle as portal_throttle
from portal.throttle import MESSAGE, client_group

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
    "objection": (5, 3600),
}

__all__ = ["LIMITS", "MESSAGE", "allow", "client_group"]


def allow(request, scope):
    """Count one attempt; False once the client has used up this scope's window."""
    limit, window = LIMITS[scope]
    return portal_throttle.allow(request, scope, limit, window)
