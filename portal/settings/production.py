"""Production: `make serve` (gunicorn + WhiteNoise). Secrets come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
if SECRET_KEY.startswith("dev-only") and not env_bool("ALLOW_DEV_SECRET_KEY"):  # noqa: F405
    raise ImproperlyConfigured("生产环境必须通过 SECRET_KEY 环境变量设置密钥。")

# Private data needs a key of its own: rotating SECRET_KEY must not lose ID numbers and phones.
if not PRIVACY_KEY or PRIVACY_KEY == SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("生产环境必须通过 PRIVACY_KEY 环境变量设置个人信息加密密钥，且不得与 SECRET_KEY 相同。")

# WhiteNoise serves the collected static files right after SecurityMiddleware.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview frames the site's own pages, so DENY would break the
# editors' preview; SAMEORIGIN still stops other sites from framing us.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
CSRF_TRUSTED_ORIGINS = [origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin]

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
