"""`make serve` serves what the database holds: no demo content, no accounts, private keys."""

import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# MAKEFLAGS/MAKELEVEL: under `make test` a nested make would print "Entering directory" lines.
IGNORED_ENV = {
    *("MAKEFLAGS", "MAKELEVEL", "MFLAGS"),
    *("DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS", "ELASTICSEARCH_URL", "SECRET_KEY", "PRIVACY_KEY"),
}


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV and not k.startswith("DJANGO_")}
    env.update(extra)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_dry_run(target, tmp_path, **variables):
    """The commands `make TARGET` would run, with the virtualenv step taken as done."""
    args = [f"{name}={value}" for name, value in variables.items()]
    out = subprocess.run(  # noqa: S603
        ["make", "-n", "-o", ".venv/.installed", target, f"PY={sys.executable}", *args],  # noqa: S607
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_serve_migrates_and_serves_an_empty_database_without_creating_accounts(tmp_path):
    port = free_port()
    keys = {"SECRET_KEY_FILE": tmp_path / "secret-key", "PRIVACY_KEY_FILE": tmp_path / "privacy-key"}
    script = make_dry_run("serve", tmp_path, PORT=port, WORKERS=1, **keys)
    assert "load_demo" not in script
    assert "manage.py migrate" in script and "collectstatic" in script and "gunicorn" in script

    database = tmp_path / "db.sqlite3"
    env = clean_env(
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SECURE_SSL_REDIRECT="0",
    )
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        ["bash", "-c", script],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _ = get(f"http://127.0.0.1:{port}/admin/login/")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, (tmp_path / "serve.log").read_text()
        assert get(f"http://127.0.0.1:{port}/")[0] == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    # gunicorn.conf.py: no control socket thread in the master, no shared ~/.gunicorn path.
    assert "Control socket" not in (tmp_path / "serve.log").read_text()

    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM evaluation_campaign").fetchone()[0] == 0
    for path in keys.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def run_keys(tmp_path, umask=0o022, **env):
    keys = {"SECRET_KEY_FILE": tmp_path / "secret-key", "PRIVACY_KEY_FILE": tmp_path / "privacy-key"}
    script = make_dry_run("keys", tmp_path, **keys)
    subprocess.run(  # noqa: S603
        ["bash", "-c", f"umask {umask:03o}; {script}"],  # noqa: S607
        cwd=tmp_path,
        env=clean_env(**env),
        check=True,
        capture_output=True,
    )
    return keys["SECRET_KEY_FILE"], keys["PRIVACY_KEY_FILE"]


def test_key_files_are_readable_by_their_owner_only_and_made_once(tmp_path):
    secret, privacy = run_keys(tmp_path)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(privacy.stat().st_mode) == 0o600
    first = (secret.read_text(), privacy.read_text())
    assert len(first[0].strip()) >= 50 and len(first[1].strip()) >= 50
    assert first[0] != first[1]

    run_keys(tmp_path)
    assert (secret.read_text(), privacy.read_text()) == first


def test_key_file_left_readable_by_an_older_make_serve_is_closed(tmp_path):
    secret = tmp_path / "secret-key"
    secret.write_text("old-key-written-by-an-older-make-serve\n")
    secret.chmod(0o644)
    secret, privacy = run_keys(tmp_path)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text() == "old-key-written-by-an-older-make-serve\n"
    # A key of its own: the production settings refuse a PRIVACY_KEY equal to SECRET_KEY.
    assert privacy.read_text().strip() and privacy.read_text() != secret.read_text()
    assert stat.S_IMODE(privacy.stat().st_mode) == 0o600


def test_keys_from_the_environment_write_no_files(tmp_path):
    secret, privacy = run_keys(tmp_path, SECRET_KEY="s" * 60, PRIVACY_KEY="p" * 60)
    assert not secret.exists() and not privacy.exists()
