"""Crossway beside the physical limit and a naive server, scenario by scenario, in one run.

    uv run python -m bench.run --database-url postgresql://postgres@127.0.0.1:5432/crossway_bench

Seeds the database (bench/seed.py; --skip-seed reuses it), then for each server in turn (Crossway,
the limit: bench/limit_server.py, the naive server: bench/naive_server.py) starts it alone on a
loopback port with uvloop and httptools, drives every scenario with wrk, and prints requests per
second, p50 and p99 latency, SQL statements per request (each server reports them in Server-Timing)
and peak RSS, each as a ratio to the limit. --soak-minutes N adds a mixed load on Crossway alone,
sampling its RSS. Needs Debian's `wrk`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.seed import STATE_FILE

ROOT = Path(__file__).resolve().parent.parent
GRAPHQL_RUNS = "{ runs(first: 100) { edges { node { id state tiers { tierId state phases { phaseId state } } } } } }"
GRAPHQL_COUNTS = ('{ eventCounts(since: "2026-03-30T12:00:00Z", until: "2026-03-31T12:00:00Z", bucket: HOUR) '
                  "{ bucketStart widgetId eventType count } }")
# Events the ingest scenarios write fall outside the 24 hours the count scenario reads, so every server
# counts the same rows whatever ran before it.
INGESTED_AT = "2026-03-29T11:00:00Z"
SERVERS = {
    "crossway": ["app.main:create_app", "--factory"],
    "limit": ["bench.limit_server:app"],
    "naive": ["bench.naive_server:app"],
}


@dataclass
class Scenario:
    name: str
    method: str
    path: dict[str, str]  # per server
    body: dict[str, str] | None = None
    events_per_request: int = 1
    connections: int | None = None  # this scenario's own concurrency, the same for every server


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    statements: int
    rss_mb: float
    failed: int = 0  # answers that were not 2xx or 3xx: a figure with any is not comparable


def scenarios(credentials: dict[str, str], detail_run: str) -> list[Scenario]:
    event = json.dumps({"widget_id": credentials["widget_id"], "event_type": "clicked",
                        "occurred_at": INGESTED_AT})
    batch = json.dumps({"events": [json.loads(event)] * 1000})
    same = lambda path: {name: path for name in SERVERS}  # noqa: E731
    return [
        Scenario("GET /runs?limit=100", "GET", same("/runs?limit=100")),
        Scenario("GraphQL runs(first: 100) with tiers and phases", "POST",
                 {"crossway": "/graphql", "limit": "/graphql/runs", "naive": "/graphql/runs"},
                 {"crossway": json.dumps({"query": GRAPHQL_RUNS}), "limit": "{}", "naive": "{}"}),
        Scenario("GET /runs/{id} (20 phases)", "GET", same(f"/runs/{detail_run}")),
        Scenario("POST /api/v2/interaction-events", "POST", same("/api/v2/interaction-events"),
                 {name: event for name in SERVERS}),
        Scenario("POST /api/v2/interaction-events/batch (1,000 events)", "POST",
                 same("/api/v2/interaction-events/batch"), {name: batch for name in SERVERS}, events_per_request=1000),
        Scenario("GraphQL event counts per widget per hour, 24 h", "POST",
                 {"crossway": "/graphql", "limit": "/graphql/event-counts", "naive": "/graphql/event-counts"},
                 {"crossway": json.dumps({"query": GRAPHQL_COUNTS}), "limit": "{}", "naive": "{}"},
                 connections=4),  # ~58,000 rows per answer: 32 at once would only measure queueing
    ]


def start(server: str, port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url, "BENCH_DATABASE_URL": database_url.replace("postgresql://", "postgresql+asyncpg://"),
           "CROSSWAY_AUTO_MIGRATE": "0", "CROSSWAY_SERVER_TIMING": "1", "CROSSWAY_WEBHOOK_WORKER": "0",
           "CROSSWAY_LOG_LEVEL": "WARNING", "AUTOPACK_PUBLIC_READ": "1", "CROSSWAY_SEED_DEMO": "0",
           # The bench key has a budget of its own (bench/seed.py); the per-hub one, a setting, would refuse
           # a scenario past 6,000 requests a minute. Every request is still charged to both.
           "CROSSWAY_HUB_RATE_PER_MINUTE": "1000000000"}
    command = [sys.executable, "-m", "uvicorn", *SERVERS[server], "--host", "127.0.0.1", "--port", str(port),
               "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/runs?limit=1", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{server} did not start")


def wrk(url: str, method: str, body: str | None, api_key: str, seconds: int,
        connections: int) -> tuple[float, float, float, int]:
    script = f"""wrk.method = "{method}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "{api_key}"
""" + (f"wrk.body = [==[{body}]==]\n" if body else "")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    # A 30 s timeout, so a slow server's requests are measured rather than dropped as timeouts.
    output = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency",
                             "-s", handle.name, url],
                            capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    refused = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, _latency(output, "50%"), _latency(output, "99%"), int(refused.group(1)) if refused else 0


def _latency(output: str, label: str) -> float:
    value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def statements(url: str, method: str, body: str | None, api_key: str) -> int:
    response = httpx.request(method, url, content=body, timeout=60,
                             headers={"Content-Type": "application/json", "X-API-Key": api_key})
    match = re.search(r'desc="(\d+) queries"', response.headers.get("server-timing", ""))
    return int(match.group(1)) if match else -1


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def twenty_phase_run(database_url: str) -> str:
    import asyncio

    import asyncpg

    async def find() -> str:
        conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
        try:
            return await conn.fetchval("SELECT run_id FROM phases GROUP BY run_id HAVING count(*) = 20 LIMIT 1")
        finally:
            await conn.close()

    return asyncio.run(find())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per scenario and server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--soak-minutes", type=float, default=0,
                        help="then a mixed load on a fresh Crossway worker for this long, sampling its RSS")
    parser.add_argument("--soak-only", action="store_true", help="skip the scenarios, run only the soak")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run only the scenarios whose name contains TEXT (repeatable)")
    parser.add_argument("--servers", default=",".join(SERVERS),
                        help="comma-separated servers to run (the limit always runs: ratios are to it)")
    args = parser.parse_args()
    servers = [name for name in SERVERS if name in args.servers.split(",") or name == "limit"]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    if not args.skip_seed:
        subprocess.run([sys.executable, "-m", "bench.seed", "--database-url", args.database_url], cwd=ROOT, check=True)
    credentials = json.loads(STATE_FILE.read_text())
    detail_run = twenty_phase_run(args.database_url)
    plan = [s for s in scenarios(credentials, detail_run) if not args.only or any(t in s.name for t in args.only)]
    if not plan and not args.soak_only:
        raise SystemExit(f"no scenario matches {args.only}")
    results: dict[str, dict[str, Result]] = {s.name: {} for s in plan}
    for server in servers if not args.soak_only else []:
        port = 8100 + list(SERVERS).index(server)
        process = start(server, port, args.database_url)
        SERVER_PIDS[port] = process.pid
        try:
            for scenario in plan:
                url = f"http://127.0.0.1:{port}{scenario.path[server]}"
                body = scenario.body[server] if scenario.body else None
                connections = scenario.connections or args.connections
                wrk(url, scenario.method, body, credentials["api_key"], 2, connections)  # warm up
                count = statements(url, scenario.method, body, credentials["api_key"])  # once warm: caches filled
                rps, p50, p99, failed = wrk(url, scenario.method, body, credentials["api_key"], args.seconds,
                                            connections)
                results[scenario.name][server] = Result(rps * scenario.events_per_request, p50, p99, count,
                                                        peak_rss_mb(process.pid), failed)
                print(f"  {server:9} {scenario.name}: {rps:,.0f} req/s" + (f", {failed} not 2xx/3xx" if failed else ""),
                      file=sys.stderr)
        finally:
            stop(process)
    if not args.soak_only:
        report(plan, results)
    if args.soak_minutes:
        # A fresh worker, so the soak measures the mixed load alone, not what the scenarios left behind.
        port = 8103
        process = start("crossway", port, args.database_url)
        SERVER_PIDS[port] = process.pid
        try:
            soak(port, credentials, detail_run, args.soak_minutes, args.connections)
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:  # still busy with queued requests: stop it hard
        process.kill()
        process.wait()


def soak(port: int, credentials: dict[str, str], detail_run: str, minutes: float, connections: int) -> None:
    """A mixed load (inbox, GraphQL runs page, run detail, event ingest) on Crossway alone for `minutes`, sampling the
    server's RSS every 10 s; reports the peak and the growth after the first fifth (warm-up)."""
    event = json.dumps({"widget_id": credentials["widget_id"], "event_type": "viewed",
                        "occurred_at": INGESTED_AT})
    graphql_page = json.dumps({"query": GRAPHQL_RUNS})
    script = f"""local requests = {{}}
init = function(args)
  local headers = {{["Content-Type"] = "application/json", ["X-API-Key"] = "{credentials['api_key']}"}}
  requests[1] = wrk.format("GET", "/runs?limit=100", headers)
  requests[2] = wrk.format("GET", "/runs/{detail_run}", headers)
  requests[3] = wrk.format("POST", "/api/v2/interaction-events", headers, [==[{event}]==])
  requests[4] = wrk.format("POST", "/graphql", headers, [==[{graphql_page}]==])
end
request = function() return requests[math.random(#requests)] end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    pid = _server_pid(port)
    seconds = int(minutes * 60)
    load = subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", handle.name,
                             f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
    samples: list[float] = []
    began = time.monotonic()
    while load.poll() is None:
        samples.append(_rss_mb(pid))
        print(f"  soak {time.monotonic() - began:>5.0f} s  RSS {samples[-1]:.0f} MB", file=sys.stderr)
        time.sleep(10)
    os.unlink(handle.name)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", load.stdout.read() if load.stdout else "")
    warm = samples[max(1, len(samples) // 5):] or samples
    growth = (warm[-1] - warm[0]) / warm[0] * 100 if warm and warm[0] else 0.0
    print(f"soak: {minutes:g} min mixed load, {float(rps.group(1)) if rps else 0:,.0f} req/s; RSS peak "
          f"{max(samples):.0f} MB (target < 250), after warm-up {warm[0]:.0f} -> {warm[-1]:.0f} MB ({growth:+.1f}%)")


def _server_pid(port: int) -> int:
    return SERVER_PIDS[port]


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


SERVER_PIDS: dict[int, int] = {}


def report(plan: list[Scenario], results: dict[str, dict[str, Result]]) -> None:
    print(HEADER)
    for scenario in plan:
        limit = results[scenario.name]["limit"]
        for server, result in results[scenario.name].items():
            print(row(scenario.name, server, result, limit, scenario.events_per_request > 1))
            if result.failed:
                print(f"{'':52} {server}: {result.failed:,} answers were not 2xx/3xx; this figure is not comparable")
        naive, crossway = results[scenario.name].get("naive"), results[scenario.name].get("crossway")
        if naive and crossway:
            print(f"{'':52} crossway / naive throughput: {ratio(crossway.rps, naive.rps)}")


HEADER = (f"{'scenario':52} {'server':9} {'req/s':>10} {'x limit':>8} {'p50 ms':>8} {'x limit':>8} {'p99 ms':>8} "
          f"{'x limit':>8} {'SQL':>5} {'x limit':>8} {'RSS MB':>7} {'x limit':>8}")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "n/a"


def row(name: str, server: str, result: Result, limit: Result, events: bool) -> str:
    """One line of the report: each figure beside its ratio to the limit's."""
    return (f"{name:52} {server:9} {result.rps:>10,.0f} {ratio(result.rps, limit.rps):>8} "
            f"{result.p50_ms:>8.2f} {ratio(result.p50_ms, limit.p50_ms):>8} {result.p99_ms:>8.2f} "
            f"{ratio(result.p99_ms, limit.p99_ms):>8} {result.statements:>5} "
            f"{ratio(result.statements, limit.statements):>8} {result.rss_mb:>7.0f} "
            f"{ratio(result.rss_mb, limit.rss_mb):>8}" + (" (events/s)" if events else ""))


if __name__ == "__main__":
    main()
