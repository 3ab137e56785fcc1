"""关怀模式 (elderly mode): a visitor's preference kept in a cookie.

The page cache keys on it (portal/cache.py) so both versions of a page are
cached and served; js/care-mode.js applies the cookie before first paint too,
for copies a browser kept from before the switch.
"""

COOKIE_NAME = "care_mode"
COOKIE_AGE = 365 * 24 * 3600


def is_on(request):
    return request.COOKIES.get(COOKIE_NAME) == "1"
