"""Site search at archive scale: build (or reuse) a database with many articles, then measure /search/.

    .venv/bin/python benchmarks/search_bench.py                          # temp SQLite, 100,000 articles
    .venv/bin/python benchmarks/search_bench.py --workdir /tmp/sb         # keep it; run again to reuse it
    .venv/bin/python benchmarks/search_bench.py --database-url postgres://postgres@127.0.0.1:5432/srch_bench \\
        --workdir /tmp/sb-pg
    .venv/bin/python benchmarks/search_bench.py --reference "http://127.0.0.1:18801/search/?q=bread"

Steps: `migrate` and `load_demo` (development settings, as `make run`), then
`create_random_content --articles N` (its bulk path, timed) unless the
database already holds N generated articles; gunicorn as `make serve` runs it
(benchmarks/http_bench.py's helpers; production settings, page cache off);
the single-visitor latency of a fixed mix of queries (common words, rare
words, names, single characters, two-word queries, plus filtered searches),
one request at a time; throughput of the same mix with wrk; the same wrk run
against --reference for the ratio; the workers' resident memory.
Figures only: nothing here asserts a speed.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_bench  # noqa: E402 - the shared helpers live beside this script
from http_bench import (  # noqa: E402
    HOST,
    PYTHON,
    ROOT,
    describe_database,
    free_port,
    manage,
    start_server,
    stop_server,
)

if not Path(http_bench.GUNICORN).exists() and (Path(sys.executable).parent / "gunicorn").exists():
    http_bench.GUNICORN = str(Path(sys.executable).parent / "gunicorn")  # a worktree without its own .venv

COMMON = ["文明", "志愿", "活动", "服务", "群众"]
SINGLE = ["张", "王", "李", "爱", "文"]

# wrk requests the mix's paths in turn (each thread from its own offset) and reports one JSON line.
WRK_MIX_LUA = """
local paths = {%s}
local i = 0
function init(args) i = math.random(#paths) end
function request() i = i %% #paths + 1; return wrk.format(nil, paths[i]) end
local non200 = 0
function response(status) if status ~= 200 then non200 = non200 + 1 end end
function done(summary, latency, requests)
  io.write(string.format('BENCHJSON {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p99_ms": %%f, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout + summary.errors.status))
end
"""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=100_000, help="generated articles in the database (default 100000)")
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="default: SQLite in the work dir")
    p.add_argument("--workdir", help="keep the database and media here and reuse them (default: a temp dir)")
    p.add_argument("--rebuild", action="store_true", help="with --workdir: build the database again")
    p.add_argument("--runs", type=int, default=5, help="timed requests per query for the latency mix (default 5)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--concurrency", type=int, default=4, help="wrk connections for throughput (default 4)")
    p.add_argument("--duration", type=float, default=8.0, help="seconds of wrk per throughput run (default 8)")
    p.add_argument("--reference", help="a search URL to compare throughput with, e.g. bakerydemo's")
    return p.parse_args()


def setup_env(args, workdir):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PRIVACY_KEY=(Path(workdir) / "privacy-key").read_text() if (Path(workdir) / "privacy-key").exists() else "",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url or f"sqlite:///{workdir}/db.sqlite3",
        MEDIA_ROOT=f"{workdir}/media",
        STATIC_ROOT=f"{workdir}/static",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="0",  # every search is computed, as for a visitor with a new query
    )
    if not env["PRIVACY_KEY"]:
        env["PRIVACY_KEY"] = secrets.token_urlsafe(50)
        (Path(workdir) / "privacy-key").write_text(env["PRIVACY_KEY"])
    return env


def django_setup(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def generated_articles():
    from portal.models import ArticlePage

    return ArticlePage.objects.filter(slug__startswith="b").count()


def count_generated(env):
    """Generated articles already in the database (0 when it is empty or not migrated)."""
    code = "from portal.models import ArticlePage as A; print(A.objects.filter(slug__startswith='b').count())"
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        capture_output=True,
        text=True,
    )
    lines = done.stdout.split()
    return int(lines[-1]) if done.returncode == 0 and lines and lines[-1].isdigit() else 0


def build(args, env):
    """migrate + load_demo + the bulk generator; returns the generator's wall time in seconds."""
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    manage(dev_env, "migrate", "--noinput")
    manage(dev_env, "load_demo")
    print(f"[setup] manage.py create_random_content --articles {args.articles} ...", flush=True)
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "manage.py", "create_random_content", "--articles", str(args.articles)], cwd=ROOT, env=dev_env
    )
    seconds = time.monotonic() - started
    if done.returncode:
        raise SystemExit("create_random_content failed")
    return seconds


def query_mix():
    """(class, label, query string) of the latency and throughput mix, read from the database."""
    from portal.models import ArticlePage, ChannelPage, HonoureePage
    from search.models import SearchTerm

    names = list(HonoureePage.objects.live().order_by("pk").values_list("title", flat=True)[:3])
    bylines = ArticlePage.objects.filter(slug__startswith="b").order_by("pk").values_list("author", flat=True)[:50]
    names += sorted({b.split()[-1] for b in bylines})[:2]
    rare_terms = (
        SearchTerm.objects.filter(pages__gte=1, pages__lte=5, term__regex=r"^[\u4e00-\u9fff]{2,4}$")
        .order_by("term")
        .values_list("term", flat=True)
    )
    rare_terms = list(rare_terms)
    rare = rare_terms[:: max(1, len(rare_terms) // 5)][:5]
    channel = ChannelPage.objects.filter(depth=3, slug="bobao").first()
    mix = [("common", q, {"query": q}) for q in COMMON]
    mix += [("rare", q, {"query": q}) for q in rare]
    mix += [("name", q, {"query": q}) for q in names]
    mix += [("single", q, {"query": q}) for q in SINGLE]
    pairs = ["志愿 服务", "文明 实践", "社区 活动", f"{names[0]} 好人", f"{rare[0]} 文明" if rare else "文明 城市"]
    mix += [("two-word", q, {"query": q}) for q in pairs]
    year = time.localtime().tm_year
    filtered = [
        ("志愿 type=story", {"query": "志愿", "type": "story"}),
        (f"文明 year={year}", {"query": "文明", "year": year}),
        ("好人 category=filial_love", {"query": "好人", "category": "filial_love"}),
    ]
    if channel:
        filtered.append(("活动 channel=bobao", {"query": "活动", "channel": channel.pk}))
    mix += [("filtered", label, params) for label, params in filtered]
    return [(cls, label, "/search/?" + urlencode(params)) for cls, label, params in mix]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * len(values) + 0.5) - 1))] if values else float("nan")


def latency(port, mix, runs):
    """One request at a time: per class and overall p50/p95 in ms, plus each query's result count."""
    import http.client

    def timed(path):
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        started = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return (time.perf_counter() - started) * 1000, resp.status, body.decode(errors="replace")

    for _cls, _label, path in mix:  # warm-up: every worker has loaded jieba and the database pages
        for _ in range(2):
            timed(path)
    samples, notes = {}, []
    for _ in range(runs):
        for cls, label, path in mix:
            ms, status, body = timed(path)
            samples.setdefault(cls, []).append(ms)
            if status != 200:
                notes.append(f"{label}: HTTP {status}")
    counts = []
    for cls, label, path in mix:
        _ms, _status, body = timed(path)
        counts.append((cls, label, result_count(body)))
    return samples, counts, notes


def result_count(body):
    import re

    match = re.search(r'class="result-count">(.*?)</p>', body, re.S)
    if not match:
        return "0（无结果）"
    return re.sub(r"<[^>]+>", "", match.group(1)).split("与“")[0]


def throughput(url_base, paths, args, tmp):
    script = Path(tmp) / "mix.lua"
    script.write_text(WRK_MIX_LUA % ", ".join(f'"{p}"' for p in paths))
    cmd = ["wrk", "-t", "2", "-c", str(args.concurrency), "-d", f"{round(args.duration)}s", "--timeout", "10s"]
    cmd += ["-s", str(script), url_base]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.duration + 60).stdout
    line = next((x for x in out.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{out}")
    import json

    r = json.loads(line.split(" ", 1)[1])
    return dict(rps=r["requests"] / r["seconds"], p50=r["p50_ms"], p99=r["p99_ms"], errors=r["errors"], n=r["requests"])


def worker_memory(master_pid):
    """(pid, RSS MB, peak RSS MB) of each gunicorn worker."""
    rows = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            rss = int(fields["VmRSS"].split()[0]) / 1024
            peak = int(fields["VmHWM"].split()[0]) / 1024
            rows.append((int(fields["Pid"]), rss, peak))
    return sorted(rows)


def main():
    args = parse_args()
    load_before = os.getloadavg()[0]
    workdir = args.workdir or tempfile.mkdtemp(prefix="search-bench-")
    Path(workdir).mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = setup_env(args, workdir)
    proc = None
    try:
        generation = None
        have = 0 if args.rebuild else count_generated(env)
        if args.rebuild or have < args.articles:
            if have:
                raise SystemExit(
                    f"the database holds {have} generated articles, fewer than {args.articles}: "
                    "use a new --workdir / database, or --rebuild on an empty one"
                )
            generation = build(args, env)
        else:
            print(f"[setup] reusing the database: {have} generated articles")
        manage(env, "collectstatic", "--noinput")
        django_setup(env)
        total_articles = generated_articles()
        mix = query_mix()

        port = free_port()
        proc = start_server(env, args.workers, port, Path(workdir) / "gunicorn.log")
        print(f"[bench] single visitor: {len(mix)} queries × {args.runs} runs", flush=True)
        samples, counts, notes = latency(port, mix, args.runs)
        print(f"[bench] throughput: wrk, {args.workers} workers, {args.concurrency} connections", flush=True)
        ours = throughput(f"http://{HOST}:{port}", [p for _c, _l, p in mix if _c != "filtered"], args, workdir)
        memory = worker_memory(proc.pid)
        reference = None
        if args.reference:
            u = urlsplit(args.reference)
            if get_url_status(args.reference) == 200:
                reference = throughput(
                    f"{u.scheme}://{u.netloc}", [u.path + ("?" + u.query if u.query else "")], args, workdir
                )
            else:
                notes.append(f"reference {args.reference} did not answer 200; start it first")
        report(args, env, load_before, total_articles, generation, samples, counts, ours, reference, memory, notes)
    finally:
        if proc is not None:
            stop_server(proc)
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def get_url_status(url):
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 - a URL given on the command line
            return resp.status
    except OSError:
        return None


def report(args, env, load_before, total_articles, generation, samples, counts, ours, reference, memory, notes):
    from django.db import connection

    from portal.models import ArticlePage, HonoureePage, NoticePage, StoryPage

    pages = sum(m.objects.live().count() for m in (ArticlePage, NoticePage, StoryPage, HonoureePage))
    print(
        f"\ndatabase {describe_database(env['DATABASE_URL'])} ({connection.vendor}) · {total_articles} generated "
        f"articles, {pages} searchable pages · workers {args.workers} (gunicorn sync) · page cache off · "
        f"machine: nproc {os.cpu_count()}, load average {load_before:.2f} before the run"
    )
    if generation is not None:
        print(
            f"\ncreate_random_content --articles {args.articles}: {generation:.0f} s "
            f"({args.articles / generation:.0f} articles/s)"
        )
    else:
        print("\ncreate_random_content: not run (database reused)")
    print(f"\n### Single visitor ({args.runs} timed requests per query, after 2 warm-up requests)\n")
    print("| class | queries | requests | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
    required = [c for c in samples if c != "filtered"]
    for cls in [*required, "filtered"]:
        if cls in samples:
            v = samples[cls]
            queries = sum(1 for c, _l, _n in counts if c == cls)
            print(
                f"| {cls} | {queries} | {len(v)} | {percentile(v, 0.5):.1f} | {percentile(v, 0.95):.1f} "
                f"| {max(v):.1f} |"
            )
    overall = [ms for cls in required for ms in samples[cls]]
    print(
        f"| **overall** (all but filtered) | | {len(overall)} | {percentile(overall, 0.5):.1f} "
        f"| {percentile(overall, 0.95):.1f} | {max(overall):.1f} |"
    )
    print("\nresult counts: " + "; ".join(f"{label} → {count}" for _c, label, count in counts))
    print(f"\n### Throughput (wrk, {args.concurrency} connections, {args.duration:g} s, the mix without filters)\n")
    print("| site | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|")
    print(
        f"| this site /search/ | {ours['rps']:.1f} | {ours['p50']:.1f} | {ours['p99']:.1f} | {ours['errors']} "
        f"/ {ours['n']} |"
    )
    if reference:
        print(
            f"| reference {args.reference} | {reference['rps']:.1f} | {reference['p50']:.1f} "
            f"| {reference['p99']:.1f} | {reference['errors']} / {reference['n']} |"
        )
        print(f"\nthroughput ratio (this site / reference): {ours['rps'] / reference['rps']:.1f}×")
    print(
        "\nworker memory after the runs: "
        + ", ".join(f"pid {pid} RSS {rss:.0f} MB (peak {peak:.0f} MB)" for pid, rss, peak in memory)
    )
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted")
