"""Configuration comes from the environment; production passes Django's deploy checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# The caller's own configuration (and the browser tests' async switch) must not leak in.
IGNORED_ENV = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "ELASTICSEARCH_URL",
    "PRIVACY_KEY",
    "PRIVACY_KEY_VERSION",
    "PRIVACY_PREVIOUS_KEYS",
}
PRODUCTION_ENV = {
    "SECRET_KEY": "x9#Lk2!vQ7@pZ4$wR8%tY1^uI6&oP3*aS5(dF0)gH-jK=lZ_cX+vB.nM,qW;eR",
    "ALLOWED_HOSTS": "wenming.example.cn",
    "PRIVACY_KEY": "m3Q!8vRt#2kLp@9zXw$5sNc%7bYh^4jDf",
}


def read_settings(module, **env):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'],"
        " 'name': str(settings.DATABASES['default']['NAME']),"
        " 'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG,"
        " 'renditions': settings.CACHES['renditions']['BACKEND'],"
        " 'hosts': settings.ALLOWED_HOSTS, 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE,"
        " 'search': settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'],"
        " 'ssl': getattr(settings, 'SECURE_SSL_REDIRECT', False),"
        " 'proxy_ssl': settings.SECURE_PROXY_SSL_HEADER, 'preload': settings.SECURE_HSTS_PRELOAD,"
        " 'secure_cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_defaults_need_nothing_running():
    config = read_settings("portal.settings.dev")
    assert config["db"] == "django.db.backends.sqlite3"
    assert config["cache"].endswith("FileBasedCache")  # shared by gunicorn workers
    assert config["renditions"].endswith("LocMemCache")  # Wagtail writes one per image shown: not to files
    assert config["search"] == "wagtail.search.backends.database"
    assert (config["lang"], config["tz"]) == ("zh-hans", "Asia/Shanghai")
    assert config["debug"] is True


def test_services_are_switched_on_by_environment():
    config = read_settings(
        "portal.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DEBUG="0",
        ALLOWED_HOSTS="a.example.cn,b.example.cn",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert config["db"] == "django.db.backends.postgresql"
    assert config["name"] == "portal"
    assert config["cache"] == "django_redis.cache.RedisCache"
    assert config["renditions"] == "django_redis.cache.RedisCache"
    assert config["search"] == "search.backends.elasticsearch8"  # Wagtail's, with the segmented-text analyzer
    assert config["debug"] is False
    assert config["hosts"] == ["a.example.cn", "b.example.cn"]


def test_production_refuses_the_development_secret_key():
    with pytest.raises(subprocess.CalledProcessError) as exc:
        read_settings("portal.settings.production")
    assert "SECRET_KEY" in exc.value.stderr


@pytest.mark.parametrize("privacy_key", ["", PRODUCTION_ENV["SECRET_KEY"]])
def test_production_refuses_a_missing_or_shared_privacy_key(privacy_key):
    with pytest.raises(subprocess.CalledProcessError) as exc:
        read_settings("portal.settings.production", **{**PRODUCTION_ENV, "PRIVACY_KEY": privacy_key})
    assert "ImproperlyConfigured" in exc.value.stderr and "PRIVACY_KEY" in exc.value.stderr


def test_production_ssl_redirect_can_be_switched_off():
    assert read_settings("portal.settings.production", **PRODUCTION_ENV)["ssl"] is True
    assert read_settings("portal.settings.production", SECURE_SSL_REDIRECT="0", **PRODUCTION_ENV)["ssl"] is False


def test_check_deploy_prints_no_warnings():
    env = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="portal.settings.production")
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "WARNING" not in out.stderr and "no issues" in out.stdout


def test_production_cookies_are_secure_even_without_the_ssl_redirect():
    config = read_settings("portal.settings.production", SECURE_SSL_REDIRECT="0", **PRODUCTION_ENV)
    assert config["secure_cookies"] == [True, True]


def test_x_forwarded_proto_is_trusted_only_behind_a_proxy():
    assert read_settings("portal.settings.production", **PRODUCTION_ENV)["proxy_ssl"] is None
    behind_proxy = read_settings("portal.settings.production", NUM_PROXIES="1", **PRODUCTION_ENV)
    assert behind_proxy["proxy_ssl"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_preload_only_when_asked_for():
    assert read_settings("portal.settings.production", **PRODUCTION_ENV)["preload"] is False
    assert read_settings("portal.settings.production", SECURE_HSTS_PRELOAD="1", **PRODUCTION_ENV)["preload"] is True
