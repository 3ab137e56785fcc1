"""Which address a request comes from, trusting only our own proxies."""

from django.conf import settings


def client_address(request):
    """The visitor's address; behind a proxy the last hop it appended (set NUM_PROXIES)."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
