"""Rendered fragments of public pages, cached by the site-wide generation.

The whole-page cache (portal/cache.py) serves repeat visits; this one makes the
render itself cheap. A page type opts in (`FragmentCacheMixin` puts
`cache_fragments` in its context) and base.html wraps its parts — head, header
with menu and breadcrumbs, content with the share block, footer with the site
settings — in `{% cachefragment %}`. A fragment is keyed by the generation, its
name and the request's host and full path, so publishing anything renders it
afresh and it never holds more than the URL decides. A fragment marked
`site` (the footer, around its one link that names the page) is keyed by the
host alone and kept also when CACHE_PAGE_FRAGMENTS is off, as menus are. Routing, view restrictions,
messages and the user bar still run on every request; visitors with a session
(editors, reviewers, previews) never use fragments.

Listing pages put their queries in `lazy(...)` context values (portal/lazy_context.py),
which templates call only when a fragment is rendered, so a fragment hit runs none of them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal import cache as page_cache


def seconds():
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def generation(request):
    """The page-cache generation, read once per request (or at each call without one)."""
    if request is None:
        return page_cache.current_generation()
    if not hasattr(request, "_portal_generation"):
        request._portal_generation = page_cache.current_generation()
    return request._portal_generation


def shareable(request):
    """Whether this request may use what is cached for every visitor (as the page cache decides)."""
    return (
        seconds() > 0
        and request is not None
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def enabled(context):
    return (
        getattr(settings, "CACHE_PAGE_FRAGMENTS", True)
        and bool(context.get("cache_fragments"))
        and shareable(context.get("request"))
    )


def site_wide_enabled(context):
    """Site-wide chrome (the footer) is kept by generation like menus, also with CACHE_PAGE_FRAGMENTS off."""
    return bool(context.get("cache_fragments")) and shareable(context.get("request"))


def key(name, request, *, site_wide=False):
    """The fragment's key: generation, name, and the host with the full path (the host alone if `site_wide`)."""
    where = f"site:{request.get_host()}" if site_wide else f"{request.get_host()}|{request.get_full_path()}"
    return f"fragment:{generation(request)}:{name}:{hashlib.sha256(where.encode()).hexdigest()}"


def kept(found_key, build, timeout=None):
    """The value under a key that never names another value: from this worker's memory, the cache, or `build()`.

    Keys that carry the generation (or, for QR codes, the URL) are such keys,
    so a worker keeps what it read for a few seconds (portal/cache.py `Recent`).
    """
    timeout = seconds() if timeout is None else timeout
    value = page_cache.recent_values.get(found_key)
    if value is None:
        value = cache.get(found_key)
        if value is None:
            value = build()
            cache.set(found_key, value, timeout)
        page_cache.recent_values.put(found_key, value, timeout)
    return value


def get_or_render(name, request, render, *, site_wide=False):
    return kept(key(name, request, site_wide=site_wide), render)


def by_generation(name, request, build):
    """`build()`'s value kept in the cache until the generation changes (menus, site settings)."""
    if seconds() <= 0:
        return build()
    return kept(f"generation:{generation(request)}:{name}", build)


def cached_route(root, request, path_components, route):
    """`route(request, path_components)` from the site root, its page remembered by generation.

    Only a page the page tree alone reaches (its url_path is the whole path) is
    remembered; a hit asks that page to route the empty rest, which is what the
    last step of the full walk did. 404s and sub-routes always walk the tree.
    """
    if not path_components or not shareable(request):
        return route(request, path_components)
    path = "/".join(path_components)
    found_key = f"route:{generation(request)}:{root.pk}:{hashlib.sha256(path.encode()).hexdigest()}"
    page = cache.get(found_key)
    if page is not None:
        return page.route(request, [])
    result = route(request, path_components)
    page = result[0]
    if page.url_path == f"{root.url_path}{path}/":
        page.__dict__.pop("_cached_parent_obj", None)  # keep the stored copy small
        cache.set(found_key, page, seconds())
    return result


def cached_view_restrictions(page, restrictions):
    """The page's view restrictions (`restrictions()` builds them), read from the cache by generation.

    Wagtail checks them before serving every page, with a query for the
    ancestors and one for the restrictions. What comes back is still a queryset
    of the same rows (the admin orders and filters it further, which queries afresh).
    """
    if seconds() <= 0 or not page.pk:
        return restrictions()
    from wagtail.models import PageViewRestriction

    rows = by_generation(f"restrictions:{page.pk}", None, lambda: list(restrictions()))
    found = PageViewRestriction.objects.filter(pk__in=[row.pk for row in rows])
    found._result_cache, found._prefetch_done = rows, True
    return found


class CachedSiteMiddleware:
    """Finds the request's Wagtail Site (with its root page, specific) in the cache by generation.

    Wagtail looks the site up with one query and then loads the root page's
    specific object with another on every page request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if shareable(request) and (
            # search pages are not page-cached, but their site is the same as everyone's
            request.path_info.startswith("/search/") or not request.path_info.startswith(page_cache.SKIP_PREFIXES)
        ):
            request._wagtail_site = by_generation(
                f"site:{hashlib.sha256(request.get_host().encode()).hexdigest()}", request, lambda: _site(request)
            )
        return self.get_response(request)


def _site(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
