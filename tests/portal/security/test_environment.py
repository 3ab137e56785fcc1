"""Two-factor sign-in is on in production and off in development; limits come from the environment."""

import json
import os
import subprocess
import sys

import pytest

from tests.portal.test_settings import IGNORED_ENV, PRODUCTION_ENV, ROOT

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

CODE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'2fa': settings.STAFF_2FA_REQUIRED, 'axes': settings.AXES_ENABLED,"
    " 'limit': settings.AXES_FAILURE_LIMIT, 'minutes': settings.AXES_COOLOFF_TIME.total_seconds() / 60,"
    " 'age': settings.SESSION_COOKIE_AGE, 'close': settings.SESSION_EXPIRE_AT_BROWSER_CLOSE}))"
)


def read(module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV | {"STAFF_2FA_REQUIRED", "AXES_ENABLED"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CODE], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_requires_two_factor_and_locks_out():
    config = read("portal.settings.production", **PRODUCTION_ENV)
    assert config == {"2fa": True, "axes": True, "limit": 5, "minutes": 30, "age": 8 * 3600, "close": True}


def test_development_signs_in_with_a_password_but_still_locks_out():
    config = read("portal.settings.dev")
    assert config["2fa"] is False and config["axes"] is True


def test_environment_overrides():
    config = read(
        "portal.settings.production",
        STAFF_2FA_REQUIRED="0",
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_MINUTES="60",
        **PRODUCTION_ENV,
    )
    assert (config["2fa"], config["limit"], config["minutes"]) == (False, 3, 60)
    assert read("portal.settings.dev", STAFF_2FA_REQUIRED="1")["2fa"] is True
