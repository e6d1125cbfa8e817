"""The TypeScript client: the committed package compiles under tsc --strict, and a client
downloaded from a live server (after registering an event type) runs the v2 flow under node."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import httpx
import pytest

from app.domains.identity import service as identity
from tests.hub_helpers import as_admin, make_hub
from tests.live import live_app
from tests.webhook_receiver import receiver
from tests.sdk.sdk_helpers import TYPESCRIPT_SDK

FLOW = Path(__file__).parent / "typescript" / "flow.ts"
TSC = TYPESCRIPT_SDK / "node_modules" / "typescript" / "bin" / "tsc"
NODE = shutil.which("node") or "node"
TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
        "lib": ["ES2022", "DOM", "DOM.Iterable"], "strict": True, "noUncheckedIndexedAccess": True,
        "outDir": "dist", "rootDir": "src",
    },
    "include": ["src"],
}


def _tsc_available() -> None:
    assert TSC.exists(), "run `npm ci` in sdk/typescript (the CI script does)"


def test_committed_package_has_no_runtime_dependencies():
    package = json.loads((TYPESCRIPT_SDK / "package.json").read_text())
    assert "dependencies" not in package and set(package["devDependencies"]) == {"typescript"}


async def _run(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
                                                   env=env, cwd=cwd)
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode()


@pytest.mark.skipif(shutil.which("node") is None or not TSC.exists(),
                    reason="needs node and `npm ci` in sdk/typescript; .ci/run provides both")
async def test_downloaded_client_runs_the_flow_under_node(client, settings, tmp_path):
    _tsc_available()
    # The committed package compiles under --strict (in parallel with the rest of this test).
    committed = asyncio.create_task(_run(NODE, str(TSC), "-p", str(TYPESCRIPT_SDK), "--noEmit"))
    setup = await make_hub(client, "sdk-ts")
    limited = await as_admin(client, lambda ctx: identity.create_key(
        ctx, name="ts-limited", scopes="hub:read", hub="sdk-ts", rate_per_minute=1))
    config = {
        "clientId": setup.client_id, "clientSecret": setup.client_secret, "readerKey": setup.reader_key,
        "limitedKey": limited.api_key,
    }
    (tmp_path / "src").mkdir()
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    shutil.copy(FLOW, tmp_path / "src" / "flow.ts")

    async with live_app(settings) as (app, host), receiver() as target:
        base = config["baseUrl"] = f"http://{host}"
        async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": setup.admin_key}) as http:
            added = await http.post("/api/v2/admin/registry/event-types", json={"name": "sdk_ts_checked"})
            assert added.status_code == 201, added.text
            download = await http.get("/api/v2/sdk/ihf-client.ts")
            # A real delivery from the server's webhook worker, for the TypeScript verifiers.
            subscribed = await http.post("/api/v2/webhook-subscriptions", json={"topic": "widget.registered",
                                                                                "url": target.url})
            assert subscribed.status_code == 201, subscribed.text
            token = (await http.post("/api/v2/token", data={"grant_type": "client_credentials"},
                                     auth=(setup.client_id, setup.client_secret))).json()["access_token"]
            made = await http.post("/api/v2/widgets", json={"name": "ts-hooked", "widget_type": "button"},
                                   headers={"Authorization": f"Bearer {token}", "X-API-Key": ""})
            assert made.status_code == 201, made.text
        assert await app.state.runtime.webhook_worker.run_once() == 1
        headers, body = target.received[0]
        secret = subscribed.json()["secret"]
        config["webhook"] = {
            "secret": secret, "body": body.decode(), "header": headers["x-signature-256"], "whsec": secret,
            "headers": {k: headers[k] for k in ("webhook-id", "webhook-timestamp", "webhook-signature")},
        }
        assert download.status_code == 200
        (tmp_path / "src" / "ihf-client.ts").write_text(download.text)

        code, out = await _run(NODE, str(TSC), "-p", str(tmp_path))
        assert code == 0, out
        code, out = await _run(NODE, str(tmp_path / "dist" / "flow.js"),
                               env={"IHF_FLOW": json.dumps(config), "PATH": "/usr/bin:/bin"})
    assert code == 0, out
    summary = json.loads(out.strip().splitlines()[-1])
    compiled, errors = await committed
    assert compiled == 0, f"sdk/typescript does not compile:\n{errors}"
    assert summary["ok"] is True, summary.get("error")
    assert summary["events"] == 4 and len(summary["waits"]) == 2
    assert summary["webhooks"] == {"signed": True, "tampered": False, "standardSigned": True,
                                   "standardTampered": False, "standardBytes": True}
