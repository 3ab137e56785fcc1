"""Vote benchmark: many clients voting through the JSON API under gunicorn on PostgreSQL.

    .venv/bin/python benchmarks/vote_bench.py                       # 16 clients, 15 s
    .venv/bin/python benchmarks/vote_bench.py --clients 32 --duration 30 --workers 4
    .venv/bin/python benchmarks/vote_bench.py --pg-host 127.0.0.1 --pg-user postgres --db-prefix vote_bench_

Steps: create a throw-away PostgreSQL database (createdb on --pg-host, trust auth),
`migrate` and `load_demo` with the development settings, `collectstatic` and
gunicorn as `make serve` runs them (production settings, SECURE_SSL_REDIRECT=0,
NUM_PROXIES=1 so that each simulated voter presents its own address in
X-Forwarded-For), with `manage.py run_scheduler` beside it as `make serve`
starts it (it appends accepted votes to the ledger every second); the helpers
are benchmarks/http_bench.py's. Then, on the
demo's open device-mode campaign, `--clients` threads each register voters
(POST /api/v1/voters) and vote for several candidates, repeating some votes at
once (a double tap) and some after a pause (a retry). Bounded by --duration
and --max-votes. Afterwards the stored count (candidates' valid + held votes)
must have grown by exactly the number of distinct (voter, candidate) pairs that
got a 201, no pair may have had two 201s, and the ledger must reach the same
size (it is polled until it does, for at most --ledger-wait seconds).
The same run measures GET /healthz with the same number of clients: the
ceiling of this server on this machine. The database is dropped at the end.
Figures only, except the exactly-once check, which sets the exit status.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import http_bench as hb  # noqa: E402

HOST = hb.HOST


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=16, help="concurrent voting clients (default 16)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--duration", type=float, default=15.0, help="seconds of voting (default 15)")
    p.add_argument("--ceiling-duration", type=float, default=5.0, help="seconds of GET /healthz (default 5)")
    p.add_argument("--max-votes", type=int, default=20000, help="stop after this many vote requests")
    p.add_argument("--per-voter", type=int, default=5, help="candidates each voter votes for (default 5)")
    p.add_argument("--double-tap", type=float, default=0.2, help="share of votes sent twice at once")
    p.add_argument("--retry", type=float, default=0.2, help="share of votes sent again after an answer")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-user", default=os.environ.get("PGUSER", "postgres"))
    p.add_argument("--db-prefix", default="vote_bench_", help="name prefix of the throw-away database")
    p.add_argument("--ledger-wait", type=float, default=15.0, help="seconds to wait for the ledger to catch up")
    p.add_argument("--redis-url", default="", help="run with this REDIS_URL (cache, counters); keys get a prefix")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (logs) and the database")
    return p.parse_args()


def call(port, method, path, payload=None, headers=None):
    """One request on a fresh connection: (status or exception name, parsed JSON or None, milliseconds)."""
    body = json.dumps(payload).encode() if payload is not None else None
    headers = {"Content-Type": "application/json", **(headers or {})}
    conn = http.client.HTTPConnection(HOST, port, timeout=hb.REQUEST_TIMEOUT)
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        status = resp.status
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, None, (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        return status, json.loads(data or b"null"), elapsed
    except ValueError:
        return status, None, elapsed


def psql_tool(args, tool, *extra):
    cmd = [tool, "-h", args.pg_host, "-U", args.pg_user, *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"{tool} failed: {done.stderr.strip()}")


def find_campaign(port):
    """The demo campaign voting now in device mode (a voter is issued without a phone)."""
    status, campaigns, _ = call(port, "GET", "/api/v1/campaigns")
    if status != 200:
        raise SystemExit(f"GET /api/v1/campaigns answered {status}")
    for campaign in campaigns:
        if campaign["stage"] == "vote":
            status, _, _ = call(port, "POST", "/api/v1/voters", {"campaign_id": campaign["id"]}, xff("192.0.2.1"))
            if status == 201:
                return campaign
    raise SystemExit("no campaign open for voting in device mode: did load_demo run?")


def xff(address):
    return {"X-Forwarded-For": address}


def stored(port, campaign_id):
    """(valid + held votes over all candidates, ledger size), read through the public API."""
    _, rows, _ = call(port, "GET", f"/api/v1/campaigns/{campaign_id}/candidates")
    _, ledger, _ = call(port, "GET", f"/api/v1/campaigns/{campaign_id}/ledger")
    return sum((r["votes"] or 0) + (r["quarantined"] or 0) for r in rows), ledger["size"]


def settled(port, campaign_id, before, wait):
    """`stored` once the ledger has caught up with the count (or `wait` seconds have passed); and the seconds taken."""
    started = time.monotonic()
    while True:
        after = stored(port, campaign_id)
        waited = time.monotonic() - started
        if after[1] - before[1] >= after[0] - before[0] or waited >= wait:
            return after, waited
        time.sleep(0.2)


def start_scheduler(env, log_path):
    """`manage.py run_scheduler` as `make serve` starts it beside gunicorn."""
    log = open(log_path, "ab")  # noqa: SIM115 - closed in stop_server
    cmd = [hb.PYTHON, "manage.py", "run_scheduler", "--verbosity", "0"]
    proc = subprocess.Popen(cmd, cwd=hb.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    proc.log = log
    return proc


class VoteLoad:
    """Client threads voting until the deadline or the request budget; records every answer."""

    def __init__(self, args, port, campaign_id, candidates):
        self.args, self.port, self.campaign_id, self.candidates = args, port, campaign_id, candidates
        self.lock = threading.Lock()
        self.latencies, self.statuses, self.accepted = [], Counter(), Counter()
        self.voter_latencies = []
        self.voters, self.issued = 0, 0

    def _address(self):
        with self.lock:
            self.voters += 1
            n = self.voters
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def _budget(self):
        with self.lock:
            if self.issued >= self.args.max_votes:
                return False
            self.issued += 1
            return True

    def _vote(self, token, address, candidate):
        path = f"/api/v1/campaigns/{self.campaign_id}/votes"
        headers = {"Authorization": f"Voter {token}", **xff(address)}
        status, _, ms = call(self.port, "POST", path, {"candidate_id": candidate}, headers)
        with self.lock:
            self.latencies.append(ms)
            self.statuses[status] += 1
            if status == 201:
                self.accepted[(token, candidate)] += 1
        return status

    def client(self, seed, deadline):
        rng = random.Random(seed)  # noqa: S311 - load pattern
        while time.monotonic() < deadline:
            address = self._address()
            payload = {"campaign_id": self.campaign_id}
            status, body, ms = call(self.port, "POST", "/api/v1/voters", payload, xff(address))
            with self.lock:
                self.voter_latencies.append(ms)
                if status != 201:
                    self.statuses[f"voter {status}"] += 1
            if status != 201:
                continue
            token = body["token"]
            for candidate in rng.sample(self.candidates, min(self.args.per_voter, len(self.candidates))):
                if time.monotonic() >= deadline or not self._budget():
                    return
                if rng.random() < self.args.double_tap:  # two identical requests at once
                    twin = threading.Thread(target=self._vote, args=(token, address, candidate))
                    twin.start()
                    self._vote(token, address, candidate)
                    twin.join()
                else:
                    self._vote(token, address, candidate)
                if rng.random() < self.args.retry:  # the client did not see the answer and tries again
                    self._vote(token, address, candidate)

    def run(self):
        deadline = time.monotonic() + self.args.duration
        threads = [
            threading.Thread(target=self.client, args=(i, deadline), daemon=True) for i in range(self.args.clients)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(self.args.duration + hb.REQUEST_TIMEOUT * 3)
        self.elapsed = time.perf_counter() - started


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main():
    args = parse_args()
    load_before = os.getloadavg()[0]
    tmp = tempfile.mkdtemp(prefix="vote-bench-")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database = f"{args.db_prefix}{secrets.token_hex(4)}"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG", "DATABASE_URL")}
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PRIVACY_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://{args.pg_user}@{args.pg_host}/{database}",
        MEDIA_ROOT=f"{tmp}/media",
        STATIC_ROOT=f"{tmp}/static",
        LOG_LEVEL="WARNING",
        NUM_PROXIES="1",  # each simulated voter names its address in X-Forwarded-For
        CACHE_KEY_PREFIX=f"vote-bench-{secrets.token_hex(4)}",
    )
    psql_tool(args, "createdb", database)
    proc, scheduler, ok = None, None, False
    try:
        dev_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
        hb.manage(dev_env, "migrate", "--noinput")
        hb.manage(dev_env, "load_demo")
        hb.manage(env, "collectstatic", "--noinput")
        port = hb.free_port()
        proc = hb.start_server(env, args.workers, port, Path(tmp) / "gunicorn.log")
        scheduler = start_scheduler(env, Path(tmp) / "scheduler.log")
        campaign = find_campaign(port)
        _, rows, _ = call(port, "GET", f"/api/v1/campaigns/{campaign['id']}/candidates")
        candidates = [r["id"] for r in rows]
        before = stored(port, campaign["id"])

        print(f"[bench] GET /healthz, {args.clients} clients, {args.ceiling_duration:g} s", flush=True)
        ceiling = hb.python_load(port, "/healthz", args.clients, args.ceiling_duration, 0)
        print(f"[bench] voting on campaign {campaign['id']} ({len(candidates)} candidates), {args.duration:g} s")
        load = VoteLoad(args, port, campaign["id"], candidates)
        load.run()
        after, waited = settled(port, campaign["id"], before, args.ledger_wait)
        ok = report(args, load, ceiling, before, after, load_before, waited)
    finally:
        if scheduler is not None:
            hb.stop_server(scheduler)
            for line in (Path(tmp) / "scheduler.log").read_text(errors="replace").splitlines()[-5:]:
                print(f"- scheduler log: {line}")
        if proc is not None:
            hb.stop_server(proc)
            problems = hb.log_problems((Path(tmp) / "gunicorn.log").read_text(errors="replace").splitlines())
            for note in problems:
                print(f"- {note}")
        if args.redis_url:
            hb.clear_redis(args.redis_url, env["CACHE_KEY_PREFIX"])
        if args.keep:
            print(f"\nkept {tmp} and database {database}")
        else:
            psql_tool(args, "dropdb", "--if-exists", database)
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


def report(args, load, ceiling, before, after, load_before, waited):
    import django
    import wagtail

    distinct = len(load.accepted)
    doubled_pairs = sum(1 for n in load.accepted.values() if n > 1)
    grown, ledger_grown = after[0] - before[0], after[1] - before[1]
    n = len(load.latencies)
    vote_rps = n / load.elapsed if load.elapsed else 0.0
    accepted_rps = distinct / load.elapsed if load.elapsed else 0.0
    print(
        f"\nclients {args.clients} · gunicorn sync workers {args.workers} · PostgreSQL {args.pg_host} "
        f"· {args.duration:g} s of voting (max {args.max_votes} vote requests), "
        f"{args.ceiling_duration:g} s of /healthz · double taps {args.double_tap:.0%}, retries {args.retry:.0%} "
        f"· nproc {os.cpu_count()}, load average {load_before:.2f} before the run "
        f"· cache {'Redis' if args.redis_url else 'default (no REDIS_URL)'} "
        f"· Django {django.get_version()}, Wagtail {wagtail.__version__}\n"
    )
    print("| request | requests | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|")
    errors = sum(v for k, v in load.statuses.items() if k not in (201, 409))
    print(
        f"| POST /api/v1/campaigns/N/votes (201 + 409) | {n} | {vote_rps:.1f} | "
        f"{percentile(load.latencies, 0.5):.1f} | {percentile(load.latencies, 0.99):.1f} | {errors} |"
    )
    voter_errors = sum(v for k, v in load.statuses.items() if str(k).startswith("voter "))
    print(
        f"| POST /api/v1/voters (same clients, same time) | {len(load.voter_latencies)} | "
        f"{len(load.voter_latencies) / load.elapsed:.1f} | {percentile(load.voter_latencies, 0.5):.1f} | "
        f"{percentile(load.voter_latencies, 0.99):.1f} | {voter_errors} |"
    )
    print(
        f"| GET /healthz (ceiling) | {ceiling['n']} | {ceiling['rps']:.1f} | {ceiling['p50']:.1f} | "
        f"{ceiling['p99']:.1f} | {ceiling['errors']} |"
    )
    share = vote_rps / ceiling["rps"] if ceiling["rps"] else float("nan")
    print(f"\nvote requests/s ÷ ceiling: {share:.0%} · accepted votes/s: {accepted_rps:.1f} · voters: {load.voters}")
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(load.statuses.items(), key=str)))
    lost, extra = max(0, distinct - grown), max(0, grown - distinct)
    print(
        f"exactly once: distinct accepted (voter, candidate) pairs {distinct}; stored count grew by {grown}; "
        f"ledger grew by {ledger_grown} ({waited:.1f} s after the last vote); lost {lost}; "
        f"doubled {extra + doubled_pairs}"
    )
    ok = grown == distinct == ledger_grown and doubled_pairs == 0
    print("RESULT: " + ("OK, zero lost and zero doubled" if ok else "FAILED"))
    return ok


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted: gunicorn stopped")
