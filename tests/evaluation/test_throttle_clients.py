"""Who counts as one visitor for the rate limits."""

import pytest
from django.test import RequestFactory

from evaluation.guards import throttle


@pytest.fixture
def tiny_limit(monkeypatch):
    monkeypatch.setitem(throttle.LIMITS, "status", (1, 600))


def visit(address):
    return throttle.allow(RequestFactory().get("/", REMOTE_ADDR=address), "status")


@pytest.mark.django_db
def test_ipv6_addresses_in_one_64_share_a_limit(tiny_limit):
    assert visit("2001:db8:1:2::1") is True
    assert visit("2001:db8:1:2:abcd:ef01:2345:6789") is False
    assert visit("2001:db8:1:3::1") is True


@pytest.mark.django_db
def test_ipv4_addresses_are_counted_one_by_one(tiny_limit):
    assert visit("203.0.113.7") is True
    assert visit("203.0.113.8") is True
    assert visit("::ffff:203.0.113.7") is False
