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
