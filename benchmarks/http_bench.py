"""HTTP benchmark of the portal under gunicorn, on its own throw-away database.

    make bench                              # = .venv/bin/python benchmarks/http_bench.py
    .venv/bin/python benchmarks/http_bench.py --workers 2 --concurrency 8 --duration 5
    .venv/bin/python benchmarks/http_bench.py --no-cache          # cold renders only
    .venv/bin/python benchmarks/http_bench.py --redis-url redis://127.0.0.1:6379/0
    .venv/bin/python benchmarks/http_bench.py --database-url postgres://u:p@127.0.0.1/bench
    .venv/bin/python benchmarks/http_bench.py --reference http://127.0.0.1:18801   # bakerydemo beside it

Steps: a temp dir holds a SQLite database (unless --database-url / DATABASE_URL
is given: that database is migrated and gets the demo content), MEDIA_ROOT and
STATIC_ROOT; `migrate` and `load_demo` run there with the development settings
(as `make run` does; the production settings refuse demo content), then
`collectstatic` and gunicorn as `make serve` runs them (production settings,
throw-away SECRET_KEY and PRIVACY_KEY); the pages to measure
are found with the ORM; each is warmed up and then loaded from a separate
process on 127.0.0.1 (wrk if installed, else a Python client) for a fixed
time. Every mode (MODES) is measured unless --cache-only / --no-cache.
With --reference (a wagtail/bakerydemo served beside it), each rendered page
is followed at once by its comparable reference page, loaded the same way, and
gets the ratio of the two: measured side by side, so that a machine that speeds
up or slows down during the run moves both. --rounds N repeats each pair N
times and reports the median ratio. Figures only: nothing here asserts a speed.
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GUNICORN = str(VENV_BIN / "gunicorn") if (VENV_BIN / "gunicorn").exists() else (shutil.which("gunicorn") or "gunicorn")
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10  # seconds; slower answers count as errors

# The reference site's comparable page for each of ours (wagtail/bakerydemo's paths),
# and its minimal view (bakerydemo.sh serves one at /__ceiling/).
REFERENCE_PAGES = {
    "home": "/",
    "channel": "/blog/",
    "roll": "/blog/",
    "release": "/blog/",
    "article": "/blog/wild-yeast/",
    "honouree": "/blog/wild-yeast/",
    "search": "/search/?q=bread",
    "healthz": "/__ceiling/",
}

# wrk reports through this script: counts non-200 answers and prints one JSON line.
WRK_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body) if status ~= 200 then non200 = non200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non200") end
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    bad + e.connect + e.read + e.write + e.timeout))
end
"""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--concurrency", type=int, default=8, help="simultaneous connections (default 8)")
    p.add_argument("--duration", type=float, default=5.0, help="seconds measured per URL (default 5)")
    p.add_argument("--requests", type=int, default=0, help="also stop after N requests per URL (Python client)")
    p.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per URL (default 1)")
    p.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="default: temp SQLite file")
    p.add_argument("--redis-url", help="REDIS_URL for the server's cache (default: files shared by the workers)")
    p.add_argument("--engine", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--no-cache", action="store_true", help="only renders (page cache off)")
    mode.add_argument("--cache-only", action="store_true", help="only with the anonymous page cache on")
    mode.add_argument("--modes", help=f"comma-separated subset of {','.join(MODES)}")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (database, logs)")
    p.add_argument("--reference", help="base URL of a reference site to compare with, e.g. http://127.0.0.1:18801")
    p.add_argument("--rounds", type=int, default=1, help="with --reference: measure each pair N times (median ratio)")
    args = p.parse_args()
    if args.modes:
        args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
        if not args.modes or set(args.modes) - set(MODES):
            p.error(f"--modes takes names from {', '.join(MODES)}")
    else:
        args.modes = ["cache"] if args.cache_only else list(MODES[1:]) if args.no_cache else list(MODES)
    if args.rounds < 1:
        p.error("--rounds must be 1 or more")
    if args.engine == "auto":
        args.engine = "wrk" if shutil.which("wrk") and not args.requests else "python"
    return args


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def manage(env, *command):
    started = time.monotonic()
    print(f"[setup] manage.py {' '.join(command)} ...", end=" ", flush=True)
    done = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        print("FAILED\n" + done.stdout[-3000:] + done.stderr[-5000:])
        raise SystemExit(f"manage.py {command[0]} failed")
    print(f"{time.monotonic() - started:.1f} s")


def discover_urls(env):
    """Paths of one page of each kind, read with the ORM from the benchmark database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from portal.models import ArticlePage, ChannelPage, HonoureePage, HonourRollPage, ReleasePage

    urls = [("home", "/")]
    kinds = {
        "channel": ChannelPage,
        "roll": HonourRollPage,
        "release": ReleasePage,
        "article": ArticlePage,
        "honouree": HonoureePage,
    }
    for label, model in kinds.items():  # the first page (shallowest, in tree order) that is routable
        parts = (page.get_url_parts() for page in model.objects.live().public().order_by("depth", "path")[:20])
        urls.append((label, next((p[2] for p in parts if p), None)))
    return [*urls, ("search", "/search/?query=" + quote("志愿")), ("healthz", "/healthz")]


def count_queries(urls, **settings):
    """SQL queries of each page's second anonymous GET in this process (page cache off, `settings` overridden)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0, **settings):
        client = Client(HTTP_HOST=HOST)
        for label, path in urls:
            if path is None:
                continue
            client.get(path)
            with CaptureQueriesContext(connection) as ctx:
                status = client.get(path).status_code
            counts[label] = len(ctx.captured_queries) if status == 200 else f"HTTP {status}"
    connection.close()
    return counts


def get(port, path, host=HOST):
    """One GET: (status, headers); a failure comes back as the exception's name."""
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status, resp.headers
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, {}
    finally:
        conn.close()


def start_server(env, workers, port, log_path):
    log = open(log_path, "ab")  # noqa: SIM115 - closed in stop_server
    cmd = [GUNICORN, "portal.wsgi:application", "--workers", str(workers), "--bind", f"{HOST}:{port}"]
    # gunicorn 27's control socket defaults to ~/.gunicorn/gunicorn.ctl: keep off a `make serve` running alongside.
    cmd += ["--control-socket", str(Path(log_path).parent / "gunicorn.ctl")]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    proc.log = log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}; see {log_path}:\n" + tail(log_path, 30))
        if get(port, "/healthz")[0] == 200:
            return proc
        time.sleep(0.25)
    stop_server(proc)
    raise SystemExit("gunicorn did not answer /healthz within 60 s:\n" + tail(log_path, 30))


def stop_server(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            proc.wait(timeout=35)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    proc.log.close()


def tail(path, lines):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def run_wrk(port, path, concurrency, duration, tmp, host=HOST):
    script = Path(tmp) / "report.lua"
    script.write_text(WRK_LUA)
    threads, seconds = min(2, concurrency), max(1, round(duration))
    cmd = f"wrk -t {threads} -c {concurrency} -d {seconds}s --timeout {REQUEST_TIMEOUT}s -s {script}".split()
    cmd.append(f"http://{host}:{port}{path}")
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + REQUEST_TIMEOUT + 30).stdout
    line = next((x for x in out.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{out}")
    r = json.loads(line.split(" ", 1)[1])
    return dict(rps=r["requests"] / r["seconds"], p50=r["p50_ms"], p99=r["p99_ms"], errors=r["errors"], n=r["requests"])


def python_load(port, path, concurrency, duration, max_requests, host=HOST):
    """Keep-alive HTTP/1.1 client threads (run in a child process); bounded by time and count."""
    import threading

    lock, issued, per_thread = threading.Lock(), [0], [[] for _ in range(concurrency)]
    deadline = time.monotonic() + duration

    def worker(out):
        conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
        while time.monotonic() < deadline:
            if max_requests:
                with lock:
                    if issued[0] >= max_requests:
                        break
                    issued[0] += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
                if resp.will_close:  # gunicorn's sync workers close after each response
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            out.append((time.perf_counter() - t0, ok))
        conn.close()

    threads = [threading.Thread(target=worker, args=(out,), daemon=True) for out in per_thread]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + REQUEST_TIMEOUT + 5)
    elapsed = time.perf_counter() - started
    results = [r for out in per_thread for r in out]
    lat = sorted(r[0] * 1000 for r in results) or [float("nan")]
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    errors = sum(1 for r in results if not r[1])
    return dict(rps=len(results) / elapsed, p50=pct(0.50), p99=pct(0.99), errors=errors, n=len(results))


def measure(args, pool, port, path, duration, tmp, host=HOST):
    if args.engine == "wrk":
        return run_wrk(port, path, args.concurrency, duration, tmp, host)
    return pool.submit(python_load, port, path, args.concurrency, duration, args.requests, host).result()


def reference_loader(args, pool, tmp):
    """A function measuring the reference site's page comparable to one of ours (by label), or None."""
    ref = urlsplit(args.reference)
    port, checked = ref.port or 80, {}

    def load(label):
        path = REFERENCE_PAGES.get(label)
        if path is None:
            return None
        if path not in checked:
            checked[path] = get(port, path, ref.hostname)[0]
            if checked[path] != 200:
                print(f"  reference {path}: first GET answered {checked[path]}", flush=True)
        if checked[path] != 200:
            return None
        if args.warmup > 0:
            measure(args, pool, port, path, args.warmup, tmp, ref.hostname)
        return dict(measure(args, pool, port, path, args.duration, tmp, ref.hostname), path=path)

    return load


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def pick_median(results):
    """Of several measurements of one URL, the one with the median req/s (the lower of the two middle ones)."""
    ranked = sorted(results, key=lambda r: r["rps"])
    return ranked[(len(ranked) - 1) // 2]


# The ways a page is served: whole from the page cache; rendered with its fragments
# (head, header, content, footer) cached by generation; its content rendered, with
# menus, breadcrumbs, footer, settings, site and route by generation (CACHE_PAGE_FRAGMENTS=0); nothing cached.
MODES = ("cache", "render", "content", "bare")


def bench_mode(args, env, pool, urls, tmp, mode, load_reference=None):
    """Start gunicorn for one mode (MODES), measure every URL; ([(label, path, result, pairs)], notes).

    With load_reference (rendered modes only), each measurement of a page is followed
    at once by one of its reference page; `pairs` holds the (ours, reference) results."""
    cached = mode == "cache"
    env = dict(env, PAGE_CACHE_SECONDS=env["PAGE_CACHE_SECONDS"] if cached else "0")
    if mode == "content":
        env["CACHE_PAGE_FRAGMENTS"] = "0"
    if mode == "bare":
        env["FRAGMENT_CACHE_SECONDS"] = "0"
    paired = load_reference is not None and not cached
    log_path = Path(tmp) / f"gunicorn-{mode}.log"
    port = args.port or free_port()
    proc = start_server(env, args.workers, port, log_path)
    rows, notes, cache_state = [], [], []
    try:
        for label, path in urls:
            if path is None:
                rows.append((label, None, None, []))
                print(f"  {label}: no live page of this type", flush=True)
                continue
            status, _ = get(port, path)
            if status != 200:
                notes.append(f"{label} `{path}`: first GET answered {status}")
            results, pairs = [], []
            for _ in range(args.rounds if paired else 1):
                if args.warmup > 0:
                    measure(args, pool, port, path, args.warmup, tmp)
                r = measure(args, pool, port, path, args.duration, tmp)
                results.append(r)
                line = f"  {label} {path}: {r['rps']:.1f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms"
                ref = load_reference(label) if paired else None
                if ref is not None:
                    pairs.append((r, ref))
                    if r["n"] and ref["n"]:
                        line += f" · reference {ref['path']} {ref['rps']:.1f} req/s, {r['rps'] / ref['rps']:.2f}×"
                print(line, flush=True)
            r = pick_median(results)
            cache_state.append(f"{label}={get(port, path)[1].get('X-Page-Cache', '-')}")
            rows.append((label, path, r, pairs))
            if not r["n"]:
                notes.append(f"{label}: no response within {args.duration:g} s; try a longer --duration")
    finally:
        stop_server(proc)
    if cached:
        notes.append("X-Page-Cache after the run: " + ", ".join(cache_state))
    notes.extend(log_problems(log_path.read_text(errors="replace").splitlines()))
    return rows, notes


def log_problems(lines):
    """Django's error responses counted by path, and the first traceback (its start and its end)."""
    failed = Counter(m.groups() for m in map(re.compile(r"^([A-Z][A-Za-z ]+): (/\S*)$").match, lines) if m)
    notes = [f"gunicorn log: {reason} {path} ×{n}" for (reason, path), n in failed.items()]
    if "Traceback (most recent call last):" in lines:
        start = lines.index("Traceback (most recent call last):")
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines) - 1)
        frames, frame = [], []  # each frame: its "File ..." line and its source line (no ^^^ markers)
        for line in lines[start + 1 : end]:
            if line.startswith("  File "):
                frames.append(frame := [])
            if line.strip("^~ "):
                frame.append(line)
        # The project's own frames, and the last three (where it failed).
        kept = [f for i, f in enumerate(frames) if "/site-packages/" not in f[0] or i >= len(frames) - 3]
        tb = [lines[start], *(line for f in kept for line in f), lines[end]]
        notes.append(
            "first traceback in the gunicorn log (library frames trimmed; --keep keeps the log):\n\n```\n"
            + "\n".join(tb)
            + "\n```"
        )
    return notes


def describe_database(url):
    if not url:
        return "SQLite (temp file)"
    u = urlsplit(url)
    return f"{u.scheme}://{u.hostname or ''}{':' + str(u.port) if u.port else ''}{u.path}"


def main():
    args = parse_args()
    args.load_before = os.getloadavg()[0]  # other work on the machine skews the figures: say so
    tmp = tempfile.mkdtemp(prefix="portal-bench-")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on kill too
    prefix = f"bench-{secrets.token_hex(4)}"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG")}
    env["PAGE_CACHE_SECONDS"] = "300"  # the settings default
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PRIVACY_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url or f"sqlite:///{tmp}/db.sqlite3",
        MEDIA_ROOT=f"{tmp}/media",
        STATIC_ROOT=f"{tmp}/static",
        LOG_LEVEL="WARNING",  # the log keeps error responses and tracebacks (production's default is INFO)
        CACHE_KEY_PREFIX=prefix,  # a fresh Redis namespace: no stale pages from earlier runs
        CACHE_DIR=f"{tmp}/cache",  # likewise for the file cache (the settings give it no prefix)
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) if args.engine == "python" else None
    try:
        # As `make run` then `make serve`: the demo is loaded with the development
        # settings (production ones refuse it), then served with the production ones.
        dev_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
        manage(dev_env, "migrate", "--noinput")
        if (ROOT / "portal" / "management" / "commands" / "load_demo.py").exists():
            manage(dev_env, "load_demo")
        else:
            print("[setup] WARNING: portal/management/commands/load_demo.py is missing; measuring what exists")
        manage(env, "collectstatic", "--noinput")
        urls = discover_urls(env)
        queries = {
            "cache": count_queries(urls),
            "render": count_queries(urls),
            "content": count_queries(urls, CACHE_PAGE_FRAGMENTS=False),
            "bare": count_queries(urls, FRAGMENT_CACHE_SECONDS=0),
        }

        load_reference = reference_loader(args, pool, tmp) if args.reference else None
        tables = []
        for mode in args.modes:
            print(f"[bench] mode {mode}", flush=True)
            tables.append((mode, *bench_mode(args, env, pool, urls, tmp, mode, load_reference)))
        print_report(args, env, tables, queries)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
        if args.redis_url:
            clear_redis(args.redis_url, prefix)
        if args.keep:
            print(f"\nkept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def figures(r):
    return f"{r['rps']:.1f} | {r['p50']:.1f} | {r['p99']:.1f}" if r and r["n"] else "– | – | –"


def print_report(args, env, tables, queries):
    import django
    import wagtail

    if args.engine == "wrk":
        engine = "wrk " + subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    else:
        engine = "Python http.client threads (child process)"
    cache = f"Redis {args.redis_url}" if args.redis_url else "FileBasedCache (shared by the workers)"
    limit = f"{args.duration:g} s" + (f" or {args.requests} requests" if args.requests else "")
    print(
        f"\nworkers {args.workers} (gunicorn sync) · concurrency {args.concurrency} · {limit} per URL "
        f"after {args.warmup:g} s warm-up · load: {engine} · database {describe_database(args.database_url)} "
        f"· cache {cache} · machine: nproc {os.cpu_count()}, load average {args.load_before:.2f} before the run, "
        f"Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}"
    )
    if args.reference:
        print(
            f"reference: {args.reference}; each rendered page was followed at once by its reference page "
            f"({args.rounds} round{'s' if args.rounds > 1 else ''} per page); "
            "req/s and ratio are the medians of the rounds"
        )
    titles = {
        "cache": f"Page cache on (PAGE_CACHE_SECONDS={env['PAGE_CACHE_SECONDS']})",
        "render": "Rendered: page cache off (PAGE_CACHE_SECONDS=0), fragments cached by generation",
        "content": "Content rendered: page cache and page fragments off (CACHE_PAGE_FRAGMENTS=0); "
        "menus, breadcrumbs, footer, settings, site and route by generation",
        "bare": "Rendered with nothing cached: page cache and fragment cache off (FRAGMENT_CACHE_SECONDS=0)",
    }
    for mode, rows, notes in tables:
        cached = mode == "cache"
        ceiling = next((r for label, _, r, _ in rows if label == "healthz" and r and r["n"]), None)
        print(f"\n### {titles[mode]}\n")
        head = "| page | URL | req/s | p50 ms | p99 ms | errors | queries |"
        rule = "|---|---|---:|---:|---:|---:|---:|"
        if cached and ceiling:
            head, rule = head + " % of /healthz |", rule + "---:|"
        if not cached and args.reference:
            head += " reference URL | ref req/s | ratio | ratios of the rounds |"
            rule += "---|---:|---:|---|"
        print(head + "\n" + rule)
        for label, path, r, pairs in rows:
            if path is None:
                print(f"| {label} | (no live page of this type) | – | – | – | – | – |")
                continue
            line = f"| {label} | `{path}` | {figures(r)} | {r['errors']} / {r['n']} | {queries[mode].get(label, '–')} |"
            if cached and ceiling:
                line += f" {100 * r['rps'] / ceiling['rps']:.0f} % |"
            if not cached and args.reference:
                ratios = [ours["rps"] / ref["rps"] for ours, ref in pairs if ours["n"] and ref["n"]]
                if ratios:
                    ref_rps = median([ref["rps"] for _, ref in pairs if ref["n"]])
                    rounds = ", ".join(f"{x:.2f}" for x in ratios)
                    line += f" `{pairs[0][1]['path']}` | {ref_rps:.1f} | {median(ratios):.2f}× | {rounds} |"
                else:
                    line += f" `{REFERENCE_PAGES.get(label, '–')}` | – | – | – |"
            print(line)
        print()
        for note in notes:
            print(f"- {note}")
    print(
        "\nqueries: SQL queries of a second anonymous GET of the page in the benchmark process "
        "(page cache off; fragment cache as in that mode)."
    )


def clear_redis(url, prefix):
    try:
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*", count=500):
            client.delete(key)
    except Exception as exc:  # noqa: BLE001 - cleanup must not hide the figures
        print(f"(could not clear Redis keys {prefix}:*: {exc})")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted: gunicorn stopped, temp dir removed")
