"""The rate limits of the public evaluation actions (nominate, status lookup, captchas, objections).

The counting itself is portal's (portal/throttle.py): database counters in
fixed windows, one per client and window, shared by every worker.

Nominations tell apart the many people behind one address (an office
network, a carrier's NAT): each browser session has its own limit, each
nominator's phone another, and the address only a generous ceiling. A request
without a session (a script, the JSON API) is held to the per-session limit
by its address.
"""

from django.utils import timezone

from portal import throttle as portal_throttle
from portal.security.addresses import client_address
from portal.throttle import MESSAGE, client_group

LIMITS = {
    # scope: (requests, seconds)
    "nominate": (10, 3600),  # per browser session (or per address without one)
    "nominate_address": (300, 3600),  # per address: a ceiling for a whole office or NAT
    "nominate_phone": (5, 86400),  # per nominator phone
    "status": (30, 600),
    "captcha": (30, 600),
    "comment": (5, 600),
    "comment_report": (20, 3600),
    # Public voting: anonymous device voters issued and SMS codes requested per client.
    "voter": (60, 600),
    "sms": (10, 3600),
    "objection": (5, 3600),
}

__all__ = ["LIMITS", "MESSAGE", "allow", "client_group", "nomination_refusal", "retry_message"]


def allow(request, scope):
    """Count one attempt; False once the client has used up this scope's window."""
    limit, window = LIMITS[scope]
    return portal_throttle.allow(request, scope, limit, window)


def retry_message(until):
    """操作过于频繁 with the local time the visitor may try again."""
    local = timezone.localtime(until)
    when = f"{local:%H:%M}" if local.date() == timezone.localdate() else f"{local:%m月%d日 %H:%M}"
    return f"操作过于频繁，请在{when}后再试。已填写的内容和验证码都保留着，届时直接提交即可。"


def nomination_refusal(request, phone=""):
    """None if this nomination attempt may go ahead, else the refusal naming when to try again."""
    address = client_group(client_address(request))
    session = getattr(request, "session", None)
    session_key = session.session_key if session is not None else None
    checks = [("nominate_address", address)]
    checks.append(("nominate", f"session:{session_key}" if session_key else address))
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    if digits:
        checks.append(("nominate_phone", f"phone:{digits}"))
    for scope, identity in checks:
        limit, window = LIMITS[scope]
        allowed, until = portal_throttle.hit(identity, scope, limit, window)
        if not allowed:
            return retry_message(until)
    return None
