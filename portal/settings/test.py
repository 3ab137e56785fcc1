"""Test settings: fast hashing, local cache, temporary media."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-private-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
PAGE_CACHE_SECONDS = 0  # the cache tests switch it on explicitly
FRAGMENT_CACHE_SECONDS = 0  # likewise the fragment cache
# Tests that exercise two-factor sign-in switch it on with override_settings;
# lockout stays on everywhere (tests/portal/security/).
STAFF_2FA_REQUIRED = False
# The suite searches the database even when ELASTICSEARCH_URL is set (Elasticsearch
# makes a write searchable only after a refresh); tests/search/elasticsearch_live/
# switches to the real server test by test.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: threads in the concurrency tests then wait on
    # SQLite's file lock (with the busy timeout) as they would in production.
    DATABASES["default"]["TEST"] = {"NAME": f"{tempfile.mkdtemp(prefix='portal-test-db-')}/test.sqlite3"}  # noqa: F405
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-test"},
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-test-fragments"},
        "none": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
