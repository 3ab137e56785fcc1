"""Client addresses: only our own proxies (or, in development, a loopback client) may name them."""

from django.test import RequestFactory, override_settings

from portal.security.addresses import client_address


def request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(NUM_PROXIES=0, TRUST_LOOPBACK_FORWARDED_FOR=True)
def test_development_trusts_a_loopback_client_only():
    assert client_address(request("127.0.0.1", "10.1.2.3")) == "10.1.2.3"
    assert client_address(request("::1", "10.1.2.4")) == "10.1.2.4"
    assert client_address(request("203.0.113.9", "10.1.2.3")) == "203.0.113.9"


@override_settings(NUM_PROXIES=0, TRUST_LOOPBACK_FORWARDED_FOR=False)
def test_without_the_setting_the_header_is_ignored():
    assert client_address(request("127.0.0.1", "10.1.2.3")) == "127.0.0.1"


def test_development_settings_switch_it_on_and_production_does_not():
    import importlib

    dev = importlib.import_module("portal.settings.dev")
    base = importlib.import_module("portal.settings.base")
    assert dev.TRUST_LOOPBACK_FORWARDED_FOR is True
    assert not hasattr(base, "TRUST_LOOPBACK_FORWARDED_FOR")
