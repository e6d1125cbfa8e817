"""CPU time per ingest request, in process (no HTTP server, no load generator): a steadier figure than
requests per second on a shared machine, for comparing two versions of the ingest path. Requests go to
the ASGI application directly (no HTTP client in the figure), one at a time.

    uv run python -m bench.ingest_cpu --database-url postgresql://postgres@127.0.0.1:5432/crossway_bench [--requests 400] [--concurrency 16]

Uses a database seeded by bench/seed.py and its credentials file; sends bench/run.py's single-event and
1,000-event bodies (they write events dated outside the counted day, as the harness does) and prints
milliseconds of this process's CPU per request (the median of nine rounds). `--profile FILE` also writes a cProfile of the single
ingest requests (`--profile-batch FILE` of the batch ones) for `python -m pstats`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import statistics
import time

from bench.run import scenarios
from bench.seed import STATE_FILE

ROUNDS = 9


async def call(app, path: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """One request through the whole ASGI stack (middleware, routing, handler), as a server would make it."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}, "app": app}
    sent = False
    status, chunks = 0, []

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def measure(path: str, body: str, requests: int, api_key: str, expected: int,
                  profile: str | None, concurrency: int = 1) -> float:
    from app.main import create_app

    app = create_app()
    async with app.router.lifespan_context(app):
        raw = body.encode()
        headers = [(b"host", b"bench"), (b"content-type", b"application/json"), (b"x-api-key", api_key.encode()),
                   (b"content-length", str(len(raw)).encode())]
        for _ in range(3):  # warm up: caches, prepared statements
            status, answer = await call(app, path, raw, headers)
            assert status == expected, answer[:300]
        profiler = cProfile.Profile(time.process_time) if profile else None
        if profiler is not None:
            profiler.enable()
        rounds = []  # the median of nine rounds: a neighbour's burst on a shared machine moves one round only
        per_round = max(1, requests // ROUNDS)

        async def client(count: int) -> None:
            for _ in range(count):
                status, answer = await call(app, path, raw, headers)
                if status != expected:  # a refusal costs less than the work: the figure would mean nothing
                    raise SystemExit(f"{path} answered {status}: {answer[:300]!r}")

        for _ in range(ROUNDS):
            started = time.process_time()
            # `concurrency` clients at once, as on a loaded server: the request log and the pools batch and
            # share their work as they do there.
            await asyncio.gather(*(client(per_round // concurrency + (i < per_round % concurrency))
                                   for i in range(concurrency)))
            rounds.append((time.process_time() - started) * 1000 / per_round)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=400, help="single events measured, in nine rounds (batches: a twentieth)")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="requests in flight at once (default 1; 16 or so resembles a loaded server)")
    parser.add_argument("--profile", help="write a cProfile of the single-event requests here")
    parser.add_argument("--profile-batch", help="write a cProfile of the batch requests here")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=args.database_url, CROSSWAY_AUTO_MIGRATE="0", CROSSWAY_SEED_DEMO="0",
                      CROSSWAY_WEBHOOK_WORKER="0", CROSSWAY_LOG_LEVEL="WARNING", CROSSWAY_SERVER_TIMING="1",
                      CROSSWAY_HUB_RATE_PER_MINUTE="1000000000")  # as bench/run.py: the bench key's own budget applies
    credentials = json.loads(STATE_FILE.read_text())
    by_name = {s.name: s for s in scenarios(credentials, detail_run="-")}
    single = by_name["POST /api/v2/interaction-events"]
    batch = by_name["POST /api/v2/interaction-events/batch (1,000 events)"]
    one = asyncio.run(measure(single.path["crossway"], single.body["crossway"], args.requests,
                              credentials["api_key"], 201, args.profile, args.concurrency))
    many = asyncio.run(measure(batch.path["crossway"], batch.body["crossway"], max(1, args.requests // 20),
                               credentials["api_key"], 200, args.profile_batch, args.concurrency))
    print(f"POST /api/v2/interaction-events: {one:.2f} ms CPU per request")
    print(f"POST /api/v2/interaction-events/batch (1,000 events): {many:.1f} ms CPU per request "
          f"({1000 / many * 1000:,.0f} events per CPU second)")


if __name__ == "__main__":
    main()
