"""runProgress over graphql-transport-ws on a real server: one message per phase update."""

from __future__ import annotations

import asyncio
import json

import httpx
import websockets

from tests.helpers import set_phase, start_run
from tests.live import live_server

SUBSCRIBE = "subscription($id: String!) { runProgress(runId: $id) { runId state phasesCompleted tokensUsed } }"


async def _next_data(ws, timeout: float = 5.0) -> dict:
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] in ("next", "error"):
                return message


async def test_run_progress_emits_on_phase_updates(settings):
    async with live_server(settings) as host:
        async with httpx.AsyncClient(base_url=f"http://{host}") as http:
            await start_run(http, "live", tiers=1, phases_per_tier=2)
            async with websockets.connect(f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
                await ws.send(json.dumps({"type": "connection_init"}))
                assert json.loads(await ws.recv())["type"] == "connection_ack"
                await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                          "payload": {"query": SUBSCRIBE, "variables": {"id": "live"}}}))
                # The subscription is live once the server has subscribed to the topic; updates sent
                # before that are not replayed, so keep updating (bounded) until the first one arrives.
                first = None
                for attempt in range(50):
                    await set_phase(http, "live", "P0-0", "EXECUTING", tokens_used=attempt + 1)
                    try:
                        first = await _next_data(ws, timeout=0.2)
                        break
                    except TimeoutError:
                        continue
                assert first is not None, "no progress message arrived"
                assert first["payload"]["data"]["runProgress"]["runId"] == "live"
                assert first["payload"]["data"]["runProgress"]["state"] == "PHASE_EXECUTION"

                await set_phase(http, "live", "P0-0", "COMPLETE", tokens_used=100)
                done = await _next_data(ws)
                # drain any update that was in flight from the warm-up loop
                while done["payload"]["data"]["runProgress"]["phasesCompleted"] != 1:
                    done = await _next_data(ws)
                assert done["payload"]["data"]["runProgress"]["tokensUsed"] == 100

                await set_phase(http, "live", "P0-1", "COMPLETE")
                final = await _next_data(ws)
                assert final["payload"]["data"]["runProgress"]["state"] == "DONE_SUCCESS"
                assert final["payload"]["data"]["runProgress"]["phasesCompleted"] == 2


async def test_subscription_to_unknown_run_is_an_error(settings):
    async with live_server(settings) as host:
        async with websockets.connect(f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            await ws.recv()
            await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": SUBSCRIBE, "variables": {"id": "ghost"}}}))
            message = await _next_data(ws)
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["message"] == "Run ghost not found"
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
