"""Runs scheduled work beside the web server: Wagtail's `publish_scheduled` every minute.

`make serve` starts it next to gunicorn and stops it with it, so pages with a
go-live or expiry time are published and unpublished on time without cron.
Other apps add their own periodic work through the `scheduled_tasks` hook
(a function of no arguments), so this command never has to name them. Work
that must not wait a minute (appending accepted votes to the ledger) goes in
the `frequent_scheduled_tasks` hook, run every `--frequent-interval` seconds
in between, in the same thread and on the same database connection.
"""

import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from wagtail import hooks


class Command(BaseCommand):
    help = "每隔一段时间发布到期的定时页面、下线到期的页面（Wagtail publish_scheduled），直到收到停止信号。"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="两次检查之间的秒数（默认 60）。")
        parser.add_argument("--iterations", type=int, default=0, help="检查几次后退出；0 表示一直运行。")
        parser.add_argument(
            "--frequent-interval",
            type=float,
            default=1.0,
            help="两次检查之间运行 frequent_scheduled_tasks（如把新投票写入账本）的间隔秒数（默认 1）。",
        )

    def handle(self, *args, interval, iterations, frequent_interval, **options):
        # A plain flag, not threading.Event: Event.set() from a signal handler
        # deadlocks if the signal lands while this thread holds the Event's own
        # lock (inside wait()), which with a one-second loop happens sooner or later.
        self.stopping = False
        previous = {}
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                previous[signum] = signal.signal(signum, self.stop)
        if options["verbosity"] > 0:
            self.stdout.write(f"定时发布已启动：每 {interval:g} 秒检查一次。")
        try:
            done = 0
            while not self.stopping:
                self.run_once()
                done += 1
                if iterations and done >= iterations:
                    break
                due = time.monotonic() + interval
                next_frequent = time.monotonic() + frequent_interval
                while not self.stopping and time.monotonic() < due:
                    # Short sleeps, so a stop signal is noticed within a fraction of a second.
                    time.sleep(max(0.0, min(0.2, due - time.monotonic(), next_frequent - time.monotonic())))
                    if not self.stopping and next_frequent <= time.monotonic() < due:
                        self.run_tasks("frequent_scheduled_tasks")
                        next_frequent = time.monotonic() + frequent_interval
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def stop(self, *_):
        self.stopping = True

    def run_once(self):
        close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception as exc:  # noqa: BLE001 - one failed run must not stop the loop
            self.stderr.write(f"定时发布失败：{exc!r}")
        self.run_tasks("scheduled_tasks", "frequent_scheduled_tasks")

    def run_tasks(self, *hook_names):
        close_old_connections()
        for hook_name in hook_names:
            for task in hooks.get_hooks(hook_name):
                try:
                    task()
                except Exception as exc:  # noqa: BLE001 - nor may one failing task
                    self.stderr.write(f"定时任务 {task.__module__}.{task.__name__} 失败：{exc!r}")
        close_old_connections()
