"""The generated Python client against a real server on a loopback port: the whole v2 flow."""

from __future__ import annotations

import asyncio
import typing

import httpx
import pytest
from sqlalchemy import update

from app.domains.identity import service as identity
from app.domains.identity.models import ApiKey
from tests.hub_helpers import as_admin, make_hub
from tests.live import live_server
from tests.sdk.sdk_helpers import PYTHON_SDK, load_module

NEW_TYPE = "sdk_checked"


async def download(base: str, name: str) -> str:
    async with httpx.AsyncClient() as http:
        response = await http.get(f"{base}/api/v2/sdk/{name}")
    assert response.status_code == 200, response.text
    return response.text


async def make_key(client: httpx.AsyncClient, slug: str, rate_per_minute: int) -> tuple[object, str]:
    made = await as_admin(client, lambda ctx: identity.create_key(
        ctx, name=f"limited-{rate_per_minute}", scopes="hub:read", hub=slug, rate_per_minute=rate_per_minute))
    return made.key.id, made.api_key


async def test_downloads_are_generated_from_the_live_registries(client, settings, tmp_path):
    setup = await make_hub(client, "sdk-live")
    async with live_server(settings) as host:
        base = f"http://{host}"
        before = await download(base, "ihf-client.py")
        assert f"'{NEW_TYPE}'" not in before
        sdk = load_module(_write(tmp_path / "before.py", before))
        async with sdk.AsyncClient(base, api_key=setup.admin_key) as admin:
            await admin.admin_add_registry_entry("event-types", {"name": NEW_TYPE, "description": "Checked"})
        after = load_module(_write(tmp_path / "after.py", await download(base, "ihf-client.py")))
        assert NEW_TYPE in typing.get_args(after.EventType) and NEW_TYPE in after.EVENT_TYPES
        assert NEW_TYPE not in typing.get_args(sdk.EventType)
        typescript = await download(base, "ihf-client.ts")
        assert f'| "{NEW_TYPE}"' in typescript


def _write(path, text):  # noqa: ANN001, ANN202
    path.write_text(text)
    return path


async def test_the_whole_v2_flow(client, settings, tmp_path):
    setup = await make_hub(client, "sdk-shop")
    async with live_server(settings) as host:
        base = f"http://{host}"
        async with httpx.AsyncClient() as raw:
            sdk = load_module(_write(tmp_path / "ihf.py", (await raw.get(f"{base}/api/v2/sdk/ihf-client.py")).text))
        token_requests: list[str] = []

        async def record(request: httpx.Request) -> None:
            if request.url.path == "/api/v2/token":
                token_requests.append(request.headers["authorization"].split()[0])

        http = httpx.AsyncClient(event_hooks={"request": [record]})
        async with sdk.AsyncClient(base, client_id=setup.client_id, client_secret=setup.client_secret, http=http) as hub:
            widget = await hub.register_widget({"name": "pay-button", "widget_type": "button"})
            assert token_requests == ["Basic"]
            first = await hub.submit_event({"widget_id": widget["id"], "event_type": "clicked",
                                            "occurred_at": "2026-01-01T10:00:00Z"})
            assert first["event_type"] == "clicked"
            batch = await hub.submit_batch({"events": [
                {"widget_id": widget["id"], "event_type": "viewed", "occurred_at": f"2026-01-01T10:0{i}:00Z"}
                for i in range(1, 5)
            ]})
            assert batch["created"] == 4 and batch["rejected"] == 0
            assert token_requests == ["Basic"]  # one token serves every call until it nears expiry

            page = await hub.list_events(widget_id=widget["id"], limit=2)
            assert len(page["data"]) == 2 and page["has_more"] is True and page["next_cursor"]
            seen = [e["id"] async for e in hub.iter_events(widget_id=widget["id"], limit=2)]
            assert len(seen) == 5 and len(set(seen)) == 5

            # Renewal: a token about to expire is replaced before the next call.
            hub._token_expires = 0.0
            await hub.list_widgets()
            assert token_requests == ["Basic", "Basic"]

            with pytest.raises(sdk.ValidationError) as refused:
                await hub.submit_event({"widget_id": widget["id"], "event_type": "not_a_type",
                                        "occurred_at": "2026-01-01T10:00:00Z"})
            assert refused.value.status == 422
            assert refused.value.code == "unregistered_event_type"
            assert refused.value.registry == "/api/v2/event-types"
            with pytest.raises(sdk.ValidationError) as invalid:
                await hub.register_widget({"name": "", "widget_type": "button"})
            assert invalid.value.code == "invalid_request" and invalid.value.errors
            assert {"field", "message"} <= set(invalid.value.errors[0])

        # API-key auth, on the synchronous client (in a thread: the server shares this loop).
        def with_key() -> list[str]:
            with sdk.Client(base, api_key=setup.reader_key) as reader:
                return [w["name"] for w in reader.iter_widgets()]

        assert await asyncio.to_thread(with_key) == ["pay-button"]
        with pytest.raises(sdk.AuthenticationError) as unauthenticated:
            await asyncio.to_thread(lambda: sdk.Client(base, api_key="ihf_wrong").list_widgets())
        assert unauthenticated.value.code == "unauthorized"


async def test_429_is_retried_after_retry_after(client, settings):
    setup = await make_hub(client, "sdk-rate")
    key_id, key = await make_key(client, setup.slug, rate_per_minute=2)
    sdk = load_module(PYTHON_SDK)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        # Stands in for waiting out the window: the key's budget is raised while "asleep".
        waits.append(seconds)

        async def raise_budget(ctx):  # noqa: ANN001, ANN202
            await ctx.session.execute(update(ApiKey).where(ApiKey.id == key_id).values(rate_per_minute=100))

        await as_admin(client, raise_budget)

    # The budget is raised behind the server's back, so it must not reuse the key it verified.
    async with live_server(settings.model_copy(update={"credential_cache_seconds": 0})) as host:
        async with sdk.AsyncClient(f"http://{host}", api_key=key, sleep=sleep) as hub:
            for _ in range(2):
                await hub.list_widgets()
            assert waits == []
            page = await hub.list_widgets()
            assert page["data"] == []
    assert len(waits) == 1 and 0 < waits[0] <= 61


async def test_429_raises_when_retries_run_out_or_the_wait_is_too_long(client, settings):
    setup = await make_hub(client, "sdk-rate-out")
    _, key = await make_key(client, setup.slug, rate_per_minute=1)
    sdk = load_module(PYTHON_SDK)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async with live_server(settings) as host:
        async with sdk.AsyncClient(f"http://{host}", api_key=key, sleep=sleep, max_retries=2) as hub:
            await hub.list_widgets()
            with pytest.raises(sdk.RateLimitedError) as limited:
                await hub.list_widgets()
        assert limited.value.code == "rate_limited" and limited.value.status == 429
        assert limited.value.retry_after and limited.value.retry_after > 0
        assert len(waits) == 2 and all(0 < w <= 61 for w in waits)

        waits.clear()
        async with sdk.AsyncClient(f"http://{host}", api_key=key, sleep=sleep, max_retry_wait=0.5) as hub:
            with pytest.raises(sdk.RateLimitedError):
                await hub.list_widgets()
        assert waits == []

        # The synchronous client retries the same way.
        def sync_call() -> None:
            with sdk.Client(f"http://{host}", api_key=key, sleep=waits.append, max_retries=1) as hub:
                hub.list_widgets()

        with pytest.raises(sdk.RateLimitedError):
            await asyncio.to_thread(sync_call)
        assert len(waits) == 1 and waits[0] > 0
