"""The generated Python client on a bad network: a live server behind a proxy that answers 5xx, drops
connections, goes silent and stops listening, as scripted per connection."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hub_helpers import make_hub
from tests.live import live_server
from tests.sdk.flapper import flapping
from tests.sdk.sdk_helpers import PYTHON_SDK, TYPESCRIPT_SDK, load_module
from tests.sdk.test_typescript_sdk import NODE, TSC, TSCONFIG, _run

NETWORK_TS = Path(__file__).parent / "typescript" / "network.ts"


@pytest.fixture
def sdk():
    return load_module(PYTHON_SDK)


class Sleeps:
    """Stands in for waiting: records each wait, and runs what the test asks at a given wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.at: dict[int, object] = {}

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        action = self.at.get(len(self.waits))
        if action is not None:
            await action()  # type: ignore[operator]


async def test_reads_survive_5xx_and_dropped_connections(client, settings, sdk):
    setup = await make_hub(client, "flaky-read")
    sleeps = Sleeps()
    async with live_server(settings) as host, flapping(host) as proxy:
        proxy.script = ["503", "drop", "502", "504"]
        async with sdk.AsyncClient(proxy.base_url, api_key=setup.reader_key, sleep=sleeps, max_retries=4,
                                   retry_backoff=0.2) as hub:
            page = await hub.list_widgets()
    assert page["data"] == []
    assert len(sleeps.waits) == 4 and all(0 < w <= 0.2 * 2 ** n for n, w in enumerate(sleeps.waits))
    assert len(proxy.requests) == 5


async def test_retries_run_out_into_typed_errors(client, settings, sdk):
    setup = await make_hub(client, "flaky-out")
    sleeps = Sleeps()
    async with live_server(settings) as host, flapping(host) as proxy:
        proxy.script = ["503"] * 3
        async with sdk.AsyncClient(proxy.base_url, api_key=setup.reader_key, sleep=sleeps, max_retries=2) as hub:
            with pytest.raises(sdk.ServerError) as failed:
                await hub.list_widgets()
        assert failed.value.status == 503 and len(sleeps.waits) == 2
        proxy.script = ["drop"] * 2
        async with sdk.AsyncClient(proxy.base_url, api_key=setup.reader_key, sleep=sleeps, max_retries=1) as hub:
            with pytest.raises(sdk.NetworkError) as broken:
                await hub.list_widgets()
        assert broken.value.method == "GET" and broken.value.url.endswith("/api/v2/widgets")
        assert not isinstance(broken.value, sdk.RequestTimeoutError)
        proxy.script = ["hang"]
        async with sdk.AsyncClient(proxy.base_url, api_key=setup.reader_key, sleep=sleeps, max_retries=0) as hub:
            with pytest.raises(sdk.RequestTimeoutError):
                await hub.list_widgets(timeout=0.3)


async def test_writes_are_retried_only_when_that_is_safe(client, settings, sdk):
    setup = await make_hub(client, "flaky-write")
    sleeps = Sleeps()
    async with live_server(settings) as host, flapping(host) as proxy:
        async with sdk.AsyncClient(proxy.base_url, client_id=setup.client_id, client_secret=setup.client_secret,
                                   sleep=sleeps, max_retries=3) as hub:
            await hub.issue_token()
            # A POST without an idempotency key is not sent twice: the server may have acted on it.
            proxy.script = ["503"]
            with pytest.raises(sdk.ServerError):
                await hub.register_widget({"name": "once", "widget_type": "button"})
            proxy.script = ["drop"]
            with pytest.raises(sdk.NetworkError):
                await hub.register_widget({"name": "once", "widget_type": "button"})
            assert sleeps.waits == []
            # With one, 5xx and dropped connections are retried, and the header is sent each time.
            proxy.script = ["503", "drop"]
            before = len(proxy.requests)
            made = await hub.register_widget({"name": "keyed", "widget_type": "button"},
                                             headers={"Idempotency-Key": "widget-keyed-1"})
            assert made["name"] == "keyed" and len(sleeps.waits) == 2
            sent = proxy.requests[before:]
            assert len(sent) == 3 and all(b"idempotency-key: widget-keyed-1" in head.lower() for head in sent)
            # A connection that was never made is safe to retry for any call.
            await proxy.down()
            sleeps.at[len(sleeps.waits) + 1] = proxy.up  # back after the first wait
            again = await hub.register_widget({"name": "after-outage", "widget_type": "button"})
            assert again["name"] == "after-outage" and len(sleeps.waits) == 3
            names = sorted(w["name"] for w in (await hub.list_widgets())["data"])
    assert names == ["after-outage", "keyed"]


def test_a_server_that_never_answers_is_one_typed_error(sdk):
    from tests.live import free_port

    waits: list[float] = []
    with sdk.Client(f"http://127.0.0.1:{free_port()}", api_key="ihf_x", sleep=waits.append, max_retries=2) as hub:
        with pytest.raises(sdk.NetworkError) as failed:
            hub.list_widgets()
    assert len(waits) == 2 and "ConnectError" not in type(failed.value).__name__
    assert isinstance(failed.value.__cause__, Exception)


async def test_the_python_download_is_named_so_it_imports(client):
    answer = await client.get("/api/v2/sdk/ihf-client.py")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="crossway_ihf_client.py"'
    assert "from crossway_ihf_client import Client" in answer.text


@pytest.mark.skipif(shutil.which("node") is None or not TSC.exists(),
                    reason="needs node and `npm ci` in sdk/typescript; .ci/run provides both")
async def test_the_typescript_client_on_a_flapping_server(client, settings, tmp_path):
    setup = await make_hub(client, "flaky-ts")
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    shutil.copy(NETWORK_TS, tmp_path / "src" / "network.ts")
    shutil.copy(TYPESCRIPT_SDK / "src" / "index.ts", tmp_path / "src" / "ihf-client.ts")
    code, out = await _run(NODE, str(TSC), "-p", str(tmp_path))
    assert code == 0, out
    async with live_server(settings) as host, flapping(host) as proxy:
        proxy.script = ["503", "drop", "504", "pass", "503", "hang", "hang"]
        config = {"baseUrl": proxy.base_url, "readerKey": setup.reader_key}
        code, out = await _run(NODE, str(tmp_path / "dist" / "network.js"),
                               env={"IHF_NET": json.dumps(config), "PATH": "/usr/bin:/bin"})
        heads = list(proxy.requests)
    assert code == 0, out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary == {"ok": True, "widgets": 0, "readRetries": 3, "postStatus": 503, "timedOut": True,
                       "aborted": "AbortError"}, summary
    assert all(b"x-trace: ts-net" in head.lower() for head in heads[:4])
