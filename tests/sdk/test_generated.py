"""The committed SDKs are what the generator produces, and the Python one is mypy --strict clean."""

from __future__ import annotations

import json
import subprocess
import sys

from app.sdk.build import export
from tests.sdk.sdk_helpers import PYTHON_SDK, ROOT
from tests.test_cli import run_cli


def test_committed_sdks_are_current():
    result = export(ROOT / "sdk", check=True)
    assert result["up_to_date"] is True, f"sdk/ is stale: run `crossway export sdk`\n{result}"


def test_python_sdk_passes_mypy_strict():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(PYTHON_SDK)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_export_sdk_writes_both_modules_where_asked(tmp_path):
    result = run_cli("export", "sdk", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["changed"] is True
    python = (tmp_path / "python" / "src" / "crossway_ihf_client" / "__init__.py").read_text()
    typescript = (tmp_path / "typescript" / "src" / "index.ts").read_text()
    assert python == PYTHON_SDK.read_text() and "class AsyncClient" in python
    assert "export class IhfClient" in typescript and '| "clicked"' in typescript


def test_every_v2_operation_has_a_method_in_both_clients():
    from app.rest.hub.openapi_live import static_document
    from app.rest.registry import families
    from app.sdk.generator import TOKEN_PATH, camel, operation_name
    from tests.sdk.sdk_helpers import TYPESCRIPT_SDK, load_module

    families()
    sdk = load_module(PYTHON_SDK)
    typescript = (TYPESCRIPT_SDK / "src" / "index.ts").read_text()
    document = static_document()
    names = [
        "issue_token" if path == TOKEN_PATH else operation_name(path, op)
        for path, ops in document["paths"].items() if path.startswith("/api/v2/") for op in ops.values()
    ]
    assert len(names) == len(set(names)) >= 25
    for name in names:
        assert callable(getattr(sdk.Client, name)) and callable(getattr(sdk.AsyncClient, name)), name
        assert f"async {camel(name)}(" in typescript, name
