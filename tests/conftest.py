import pytest
from django.core.cache import cache, caches

from tests.factories.portal import (
    ChannelPageFactory,
    HonourRollPageFactory,
    ReleasePageFactory,
    make_home_site,
)

SLOW_FIXTURES = {"live_server", "transactional_db", "demo_site"}


def pytest_collection_modifyitems(items):
    """`slow`: tests with a live server, a real transaction (concurrency) or the whole demo; modules that
    start servers or subprocesses mark themselves. `make test` runs them all, `make test-fast` skips them."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Tests roll the page-cache generation back, so a worker's recent pages
    # from one test could answer the next: forget them with the shared cache.
    from portal.cache import forget_recent

    cache.clear()
    caches["fragments"].clear()
    forget_recent()
    yield
    cache.clear()
    caches["fragments"].clear()
    forget_recent()


@pytest.fixture
def wagtail_roots(transactional_db):
    """Transactional tests flush the data Wagtail's migrations create; put the tree roots back."""
    ensure_wagtail_roots()


def ensure_wagtail_roots():
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.get_first_root_node():
        Collection.add_root(name="全部文件")
    root = Page.get_first_root_node() or Page.add_root(title="全部站点", slug="root")
    if not Site.objects.exists():
        welcome = root.add_child(instance=Page(title="Welcome", slug="home"))
        Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo (home page, honour roll, every campaign), loaded once for a test module.

    It is written inside a transaction that stays open while the module's tests run (each
    test's own transaction is a savepoint within it, as with Django's setUpTestData) and is
    rolled back after the last one: every test sees the demo as loaded and leaves nothing.
    """
    from django.db import transaction

    from evaluation import demo
    from portal.models import District

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        ensure_wagtail_roots()
        home = make_home_site()
        District.objects.bulk_create([District(name="迎泽区", sort_order=1), District(name="杏花岭区", sort_order=2)])
        roll = HonourRollPageFactory(parent=home)
        roll.save_revision().publish()
        assert demo.load(log=lambda *args: None)
    yield {"home": home, "roll": roll}
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def home(db):
    ensure_wagtail_roots()  # a no-op unless an earlier transactional test flushed them
    return make_home_site()


@pytest.fixture
def channel(home):
    return ChannelPageFactory(parent=home, title="要闻", slug="news")


@pytest.fixture
def honour_roll(home):
    return HonourRollPageFactory(parent=home)


@pytest.fixture
def release(honour_roll):
    return ReleasePageFactory(parent=honour_roll, title="2026年第二季度", slug="2026q2")


def _redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: REDIS_URL, else the local server, else a private redis-server."""
    import os
    import shutil
    import socket
    import subprocess
    import time

    # Parallel workers (pytest-xdist: gw0, gw1, ...) each get a database of their own.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = os.environ.get("REDIS_URL") or f"redis://127.0.0.1:6379/{15 - worker}"
    if _redis_answers(url):
        yield url
        return
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: `make test` installs Debian's redis-server"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/{15 - worker}"
    for _ in range(50):
        if _redis_answers(url):
            break
        time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
