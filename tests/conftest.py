import pytest
from django.core.cache import cache

from tests.factories.portal import (
    ChannelPageFactory,
    HonourRollPageFactory,
    ReleasePageFactory,
    make_home_site,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Tests roll the page-cache generation back, so a worker's recent pages
    # from one test could answer the next: forget them with the shared cache.
    from portal.cache import forget_recent

    cache.clear()
    forget_recent()
    yield
    cache.clear()
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

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
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
    url = f"redis://127.0.0.1:{port}/15"
    for _ in range(50):
        if _redis_answers(url):
            break
        time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
