"""Which address a request comes from, trusting only our own proxies."""

import ipaddress

from django.conf import settings


def _is_loopback(address):
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def client_address(request):
    """The visitor's address; behind a proxy the last hop it appended (set NUM_PROXIES).

    With TRUST_LOOPBACK_FORWARDED_FOR (development only), a client on this machine
    may name its address in X-Forwarded-For, so a local load test can present many.
    """
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies and forwarded and getattr(settings, "TRUST_LOOPBACK_FORWARDED_FOR", False) and _is_loopback(remote):
        proxies = 1
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return remote
