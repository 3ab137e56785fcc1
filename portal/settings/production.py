"""Production: `make serve` (gunicorn + WhiteNoise). Secrets come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
# Commands that write demo content or accounts refuse to run here (load_demo --allow-production).
PRODUCTION = True
if SECRET_KEY.startswith("dev-only") and not env_bool("ALLOW_DEV_SECRET_KEY"):  # noqa: F405
    raise ImproperlyConfigured("生产环境必须通过 SECRET_KEY 环境变量设置密钥。")

# Private data needs a key of its own: rotating SECRET_KEY must not lose ID numbers and phones.
if not PRIVACY_KEY or PRIVACY_KEY == SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("生产环境必须通过 PRIVACY_KEY 环境变量设置个人信息加密密钥，且不得与 SECRET_KEY 相同。")

# One SQLite connection per worker for its lifetime: opening one costs a connect and
# three PRAGMAs, more than most queries of a page (base.py closes them after each
# request, which the tests need).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405

# WhiteNoise serves the collected static files right after SecurityMiddleware.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "portal.storage.StaticFilesStorage",  # WhiteNoise's, URLs remembered
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Only a proxy we put in front may say the request came over HTTPS; without one
# any client could send the header.
if NUM_PROXIES > 0:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies are Secure even when TLS ends at a proxy and the redirect is switched off.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is hard to undo (browsers ship the list), so it is opt-in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview frames the site's own pages, so DENY would break the
# editors' preview; SAMEORIGIN still stops other sites from framing us.
X_FRAME_OPTIONS = "SAMEORIGIN"
# W019: X_FRAME_OPTIONS is SAMEORIGIN on purpose (above). W021: HSTS preload is opt-in (above).
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021"]
CSRF_TRUSTED_ORIGINS = [origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin]

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
