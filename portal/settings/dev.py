"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Demo accounts sign in with their password alone (README); set it to 1 to try 2FA.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", False)

# `make run` trusts X-Forwarded-For from a client on this machine (and only there),
# so that a local load test can present many client addresses.
TRUST_LOOPBACK_FORWARDED_FOR = env_bool("TRUST_LOOPBACK_FORWARDED_FOR", True)
