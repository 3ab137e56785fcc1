"""The embedded default (SQLite) is set up for concurrent votes: WAL, a busy timeout, BEGIN IMMEDIATE."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]

PROBE = (
    "import json, django; django.setup(); from django.db import connection;"
    "c = connection.cursor();"
    "print(json.dumps({'journal': c.execute('PRAGMA journal_mode').fetchone()[0],"
    " 'busy': c.execute('PRAGMA busy_timeout').fetchone()[0],"
    " 'mode': connection.transaction_mode}))"
)


def test_make_run_and_make_serve_open_sqlite_in_wal_with_a_busy_timeout(tmp_path):
    for module in ("portal.settings.dev", "portal.settings.production"):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        env.update(
            DJANGO_SETTINGS_MODULE=module,
            DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
            SECRET_KEY="probe-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG",
            PRIVACY_KEY="probe-privacy-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDE",
            ALLOWED_HOSTS="127.0.0.1",
        )
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        found = json.loads(out.stdout.strip().splitlines()[-1])
        assert found == {"journal": "wal", "busy": 20000, "mode": "IMMEDIATE"}, module
