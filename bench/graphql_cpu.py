"""CPU time per GraphQL request, in process (no HTTP server, no load generator): a steadier figure than
requests per second on a shared machine, for comparing two versions of the executor or the resolvers.

    uv run python -m bench.graphql_cpu --database-url postgresql://postgres@127.0.0.1:5432/crossway_bench [--requests 20]

Uses a database seeded by bench/seed.py and its credentials file; prints milliseconds of this process's
CPU per request for the runs page and the 24-hour event counts of bench/run.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time

import httpx

from bench.run import GRAPHQL_COUNTS, GRAPHQL_RUNS
from bench.seed import STATE_FILE


async def measure(query: str, requests: int, api_key: str) -> float:
    from app.main import create_app

    app = create_app()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=120) as client:
            headers = {"X-API-Key": api_key}
            for _ in range(2):  # warm up: caches, prepared statements
                response = await client.post("/graphql", json={"query": query}, headers=headers)
                response.raise_for_status()
                assert "errors" not in response.json(), response.text[:300]
            started = time.process_time()
            for _ in range(requests):
                await client.post("/graphql", json={"query": query}, headers=headers)
            return (time.process_time() - started) * 1000 / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=20, help="runs pages measured (event counts: a fifth)")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=args.database_url, CROSSWAY_AUTO_MIGRATE="0", CROSSWAY_SEED_DEMO="0",
                      CROSSWAY_WEBHOOK_WORKER="0", CROSSWAY_LOG_LEVEL="WARNING")
    api_key = json.loads(STATE_FILE.read_text())["api_key"]
    page = asyncio.run(measure(GRAPHQL_RUNS, args.requests, api_key))
    counts = asyncio.run(measure(GRAPHQL_COUNTS, max(1, args.requests // 5), api_key))
    print(f"GraphQL runs(first: 100) with tiers and phases: {page:.2f} ms CPU per request")
    print(f"GraphQL event counts per widget per hour, 24 h: {counts:.0f} ms CPU per request")


if __name__ == "__main__":
    main()
