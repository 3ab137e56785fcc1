"""Values of public pages kept in the cache until the site-wide generation changes.

The whole-page cache (portal/cache.py) serves repeat visits. For a page that
is rendered, base.html wraps its parts in `{% wagtailcache %}` keyed by the
generation and the URL (portal.models.mixins.fragment_caches chooses the cache),
and the values here are what every page reads around them: menus, breadcrumbs,
site settings, the route down the page tree. Publishing anything bumps the
generation, so each is built afresh on its next use. All of them are kept also
when CACHE_PAGE_FRAGMENTS is off: they are the site's chrome, not the content.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal import cache as page_cache
from portal.models.mixins import shares_fragments


def seconds():
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


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


def by_generation(name, request, build):
    """`build()`'s value kept in the cache until the generation changes (menus, site settings)."""
    if seconds() <= 0:
        return build()
    return kept(f"generation:{page_cache.current_generation()}:{name}", build)


def cached_route(root, request, path_components, route):
    """`route(request, path_components)` from the site root, its page remembered by generation.

    Only a page the page tree alone reaches (its url_path is the whole path) is
    remembered; a hit asks that page to route the empty rest, which is what the
    last step of the full walk did. 404s and sub-routes always walk the tree.
    """
    if not path_components or not shares_fragments(request):
        return route(request, path_components)
    path = "/".join(path_components)
    found_key = f"route:{page_cache.current_generation()}:{root.pk}:{hashlib.sha256(path.encode()).hexdigest()}"
    page = cache.get(found_key)
    if page is not None:
        return page.route(request, [])
    result = route(request, path_components)
    page = result[0]
    if page.url_path == f"{root.url_path}{path}/":
        cache.set(found_key, page, seconds())
    return result
