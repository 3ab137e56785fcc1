"""Scheduled publishing happens under `make serve`: a worker beside gunicorn runs publish_scheduled."""

import datetime
import io
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from tests.factories.portal import ArticlePageFactory
from tests.portal.test_makefile import make_dry_run

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


# A real transaction: the worker closes stale connections between runs, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_publishes_a_scheduled_page_and_takes_down_an_expired_one(wagtail_roots, client, channel):
    scheduled = ArticlePageFactory(parent=channel, title="定时发布的通知稿", slug="scheduled")
    scheduled.unpublish()
    scheduled.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled.save_revision().publish()  # scheduled for later: Wagtail keeps it unpublished
    scheduled.refresh_from_db()
    assert not scheduled.live and client.get("/news/scheduled/").status_code == 404

    expiring = ArticlePageFactory(parent=channel, title="限时公示", slug="expiring")
    Page.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    # The hour passes: move the schedule into the past instead of waiting.
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision = Revision.page_revisions.get(object_id=str(scheduled.pk), approved_go_live_at__isnull=False)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    out = io.StringIO()
    call_command("run_scheduler", iterations=1, interval=0, stdout=out)

    scheduled.refresh_from_db()
    expiring.refresh_from_db()
    assert scheduled.live and "定时发布的通知稿" in client.get("/news/scheduled/").content.decode()
    assert not expiring.live and expiring.expired
    assert client.get("/news/expiring/").status_code == 404
    assert "定时发布已启动" in out.getvalue()


@pytest.mark.django_db
def test_one_failed_run_does_not_stop_the_worker(monkeypatch):
    calls = []

    def flaky(name, **kwargs):
        calls.append(name)
        if len(calls) == 1:
            raise RuntimeError("数据库暂时不可用")

    monkeypatch.setattr("portal.management.commands.run_scheduler.call_command", flaky)
    err = io.StringIO()
    call_command("run_scheduler", iterations=2, interval=0, stdout=io.StringIO(), stderr=err)
    assert calls == ["publish_scheduled", "publish_scheduled"] and "定时发布失败" in err.getvalue()


def test_make_serve_starts_the_worker_beside_gunicorn_and_stops_it_with_it(tmp_path):
    script = make_dry_run("serve", tmp_path, PORT=8123, WORKERS=1, SECRET_KEY="k", PRIVACY_KEY="p")
    line = next(line for line in script.replace("\\\n", " ").splitlines() if "gunicorn" in line)
    assert f"{sys.executable} manage.py run_scheduler &" in line
    assert "trap 'kill $scheduler" in line and "EXIT" in line
    assert line.index("run_scheduler") < line.index("gunicorn")


# The worker's loop, with its work stubbed out, in a child process: a stop signal
# that lands at any moment of the one-second loop must end it (make serve waits for it).
STOP_PROBE = """
import os, signal, sys, threading, time
import django
django.setup()
from portal.management.commands import run_scheduler

rounds = []
run_scheduler.Command.run_once = lambda self: None
run_scheduler.Command.run_tasks = lambda self, *names: rounds.append(1)
threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM)).start()
run_scheduler.Command().handle(interval=3600, iterations=0, frequent_interval=0.0001, verbosity=0)
print("stopped after", len(rounds), "rounds")
"""


@pytest.mark.parametrize("attempt", range(5))
def test_a_stop_signal_ends_the_worker_whenever_it_lands(attempt):
    import os
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", STOP_PROBE], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    rounds = int(result.stdout.split()[2])
    assert rounds > 1  # the frequent tasks did run between the minutely rounds
