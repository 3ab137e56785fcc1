"""Two server processes on one database behave as one site (no Redis).

Each process is a separate gunicorn; a per-process cache would make a captcha
issued by one fail on the other, count limits per process and keep stale pages.
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.factories.evaluation import make_id_number

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
IGNORED_ENV = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"}

SETUP = """
import json, django; django.setup()
from tests.factories.evaluation import CampaignFactory, build_jurisdictions
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory, make_home_site
home = make_home_site()
channel = ChannelPageFactory(parent=home, title="要闻", slug="news")
article = ArticlePageFactory(parent=channel, title="初版标题", slug="first")
campaign = CampaignFactory()
jurisdiction = build_jurisdictions()["hexi"]
print(json.dumps({"article": article.pk, "url": article.url, "campaign": campaign.pk, "jurisdiction": jurisdiction.pk}))
"""

PUBLISH = """
import sys, django; django.setup()
from portal.models import ArticlePage

article = ArticlePage.objects.get(pk=int(sys.argv[1]))
article.title = "修改后的标题"
article.save_revision().publish()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(base, path, data=None, visitor="198.51.100.1"):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(base + path, data=body, headers={"X-Forwarded-For": visitor})  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310 - local test server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workers")
    env = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        CACHE_DIR=str(tmp / "cache"),
        MEDIA_ROOT=str(tmp / "media"),
        PAGE_CACHE_SECONDS="300",
        ALLOWED_HOSTS="127.0.0.1",
        NUM_PROXIES="1",
    )
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], **run)  # noqa: S603
    content = json.loads(subprocess.run([sys.executable, "-c", SETUP], **run).stdout.strip().splitlines()[-1])  # noqa: S603
    procs, bases = [], []
    for _ in range(2):
        port = free_port()
        procs.append(
            subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", "1"]
                + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT,
                env=env,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    for base in bases:
        for _ in range(100):
            try:
                if request(base, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
    yield {"bases": bases, "db": tmp / "db.sqlite3", "run": run, **content}
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)


def captcha_answer(db, token):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT answer FROM portal_captchachallenge WHERE token = ?", [token]).fetchone()[0]


def test_a_captcha_issued_by_one_server_verifies_once_on_the_other(servers):
    first, second = servers["bases"]
    status, body = request(first, "/api/v1/captcha", visitor="198.51.100.10")
    assert status == 200
    token = json.loads(body)["captcha_key"]
    data = {
        "campaign": servers["campaign"],
        "method": "individual",
        "channel": "media",
        "nominee_name": "王秀英",
        "gender": "female",
        "birth_year": 1968,
        "id_number": make_id_number(seq="124"),
        "jurisdiction": servers["jurisdiction"],
        "category": "helping_others",
        "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": token,
        "captcha_answer": captcha_answer(servers["db"], token),
    }
    status, body = request(second, "/api/v1/nominations", data, visitor="198.51.100.10")
    assert status == 201, body
    status, body = request(first, "/api/v1/nominations", data, visitor="198.51.100.10")
    assert status == 400 and "captcha_answer" in json.loads(body)["errors"]


def test_a_limit_counts_requests_to_both_servers_once(servers):
    from evaluation.guards.throttle import LIMITS

    limit = LIMITS["captcha"][0]
    for i in range(limit):
        assert request(servers["bases"][i % 2], "/api/v1/captcha", visitor="198.51.100.20")[0] == 200
    for base in servers["bases"]:
        status, body = request(base, "/api/v1/captcha", visitor="198.51.100.20")
        assert status == 429 and "操作过于频繁" in json.loads(body)["message"]
    assert request(servers["bases"][0], "/api/v1/captcha", visitor="198.51.100.21")[0] == 200


def test_a_publish_is_seen_by_both_servers_at_once(servers):
    url = servers["url"]
    for base in servers["bases"]:
        for _ in range(2):
            status, body = request(base, url)
            assert status == 200 and "初版标题" in body
    subprocess.run([sys.executable, "-c", PUBLISH, str(servers["article"])], **servers["run"])  # noqa: S603
    for base in servers["bases"]:
        status, body = request(base, url)
        assert "修改后的标题" in body and "初版标题" not in body
