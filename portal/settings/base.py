"""Settings shared by every environment.

Optional services are switched on by environment variables so that a bare
machine runs on SQLite, local-memory cache and Wagtail's database search.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "home",
    "portal",
    "search",
    "evaluation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.SiteCSPMiddleware",
    # Before anything reads request.POST (CsrfViewMiddleware does): refuses
    # oversized nominations from Content-Length alone.
    "evaluation.public.upload_limits.NominationSizeLimitMiddleware",
    "portal.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it can turn a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        # With DEBUG off, Django wraps these loaders in its cached loader.
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.session_state",
                "portal.context_processors.site_settings",
                "portal.context_processors.generation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections do not help SQLite and keep files open in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Take the write lock when a transaction starts, not at its first write: a quota
    # count and the write it allows then run under one lock (services/quotas.py).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # WAL: readers never wait for the writer, so concurrent votes queue only behind
    # each other (busy timeout, in milliseconds, as the sqlite3 `timeout` above).
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    # Files are shared by all gunicorn workers (a per-process cache would keep
    # stale pages in some of them). Counters and captchas that need atomic
    # updates live in the database instead (portal.models.counters, evaluation.guards.captcha).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# Wagtail writes every rendition it hands out to the "renditions" cache, found or not:
# in the file cache that is a file written per image per page view. Without Redis each
# worker keeps renditions in memory for a minute (an edited image's new renditions show
# within that minute); with Redis they share it, and Wagtail's purge reaches every worker.
if REDIS_URL:
    CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":renditions"}
else:
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

# Page fragments ({% wagtailcache %} in base.html) carry the publish generation in their
# keys, so a worker may keep them in its own memory: a publish moves every worker to new
# keys at once, and a hit costs no file read and no unpickling. With Redis they are shared.
if REDIS_URL:
    CACHES["fragments"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":fragments"}
else:
    CACHES["fragments"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_MAX_ENTRIES", "2000"))},
    }

# The cache of fragments that must not be kept (portal.models.mixins.fragment_caches):
# {% wagtailcache … using="none" %} renders every time.
CACHES["none"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Key for the keyed hashes and encryption of ID numbers and phones (evaluation/privacy/crypto.py).
# Defaults to SECRET_KEY outside production; set it separately so SECRET_KEY can be rotated.
# Rotation: raise PRIVACY_KEY_VERSION (or move the old secret into the comma-separated
# PRIVACY_PREVIOUS_KEYS and set a new PRIVACY_KEY), restart, run `manage.py rotate_privacy_key`.
PRIVACY_KEY = os.environ.get("PRIVACY_KEY", "")
PRIVACY_KEY_VERSION = int(os.environ.get("PRIVACY_KEY_VERSION", "1"))
PRIVACY_PREVIOUS_KEYS = [key for key in os.environ.get("PRIVACY_PREVIOUS_KEYS", "").split(",") if key.strip()]

# How many reverse proxies append to X-Forwarded-For in front of the site
# (0: trust REMOTE_ADDR). Used to tell visitors apart for rate limits.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))

# Sends the one-time codes of SMS-mode voting; the default writes them to the log
# (masked phone) and is for development only: set a real gateway in production.
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "evaluation.services.sms.DevelopmentGateway")

# Content-Security-Policy (portal/csp.py): no inline script or style on public
# pages; report-only in the admin. CSP_FRAME_SRC lists video hosts for embeds.
CONTENT_SECURITY_POLICY = {
    # Enforced on the public site only: Wagtail's admin gets it report-only (portal/csp.py).
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *env_list("CSP_FRAME_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": os.environ.get("CSP_REPORT_URI") or None,
    },
}

# Request bodies: text fields up to 2.5 MB (Wagtail's editing forms), uploaded
# files above 1 MB go to a temporary file instead of memory (photos stay below).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2560 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Anonymous page cache (portal.cache): seconds a rendered public page is kept.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Rendered fragments of public pages ({% wagtailcache %} in base.html) and the values kept
# by generation (portal.fragments: menus, breadcrumbs, settings, routes); 0 switches them off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
# The per-URL fragments of pages (head, header, content); off, they are rendered every
# time while menus, breadcrumbs, the footer, settings and routes still come by generation.
CACHE_PAGE_FRAGMENTS = os.environ.get("CACHE_PAGE_FRAGMENTS", "1") != "0"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (portal/security/): sessions last one working day and end
# with the browser; repeated wrong passwords lock the username on that address.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.forms.StaffLoginForm"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
# Who must use an authenticator app: superusers, plus whoever a
# `requires_two_factor` hook names (evaluation names its city staff).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "文明网")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
# The project's own zh_Hans catalogue fills the Wagtail strings still in English (portal/locale).
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Uploads that must never be public (nominee photos, sealed PDFs, objection
# evidence) live outside MEDIA_ROOT and are served only by checking views; with
# PRIVATE_MEDIA_X_ACCEL_PREFIX set, those views hand the bytes to nginx's
# `internal` location of that prefix (X-Accel-Redirect).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
PRIVATE_MEDIA_X_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_X_ACCEL_PREFIX", "")
# The only MEDIA_ROOT folders served under MEDIA_URL: Wagtail images and their
# renditions.  Documents go through Wagtail's document view (collection privacy).
PUBLIC_MEDIA_DIRS = ("images", "original_images")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "文明网"
# No Gravatar: staff networks are often intranets, and a broken avatar image helps nobody.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# 三审: the last approval publishes (no review group holds "publish"); see portal/workflow_finish.py.
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.workflow_finish.publish_approved"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # never a direct /media/ link: collection privacy must hold
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip", "ofd", "wps"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Wagtail's database search. jieba-segmented text is what gets indexed (see
# search/segmentation.py), so the tokenizer only has to split on spaces; on
# PostgreSQL the `simple` configuration keeps Chinese tokens as they are.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "simple",
    }
}
if os.environ.get("ELASTICSEARCH_URL"):
    # Wagtail's Elasticsearch 8 backend with a whitespace analyzer on the
    # segmented text (search/backends/elasticsearch8.py). Indices are named
    # <prefix>wagtailcore_page etc.; several sites can share one cluster.
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.elasticsearch8",
        "URLS": os.environ["ELASTICSEARCH_URL"].split(","),
        "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
        "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
        "OPTIONS": {},
        "INDEX_SETTINGS": {
            "settings": {
                "index": {
                    "number_of_shards": int(os.environ.get("ELASTICSEARCH_SHARDS", "1")),
                    "number_of_replicas": int(os.environ.get("ELASTICSEARCH_REPLICAS", "1")),
                }
            }
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The development SMS gateway's codes must reach the console (masked phone only).
    "loggers": {"evaluation.sms": {"level": "INFO"}},
}
