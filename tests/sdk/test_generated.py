"""The committed SDKs are what the generator produces, and the Python one is mypy --strict clean."""

from __future__ import annotations

import subprocess
import sys

from app.sdk.build import export
from tests.sdk.sdk_helpers import PYTHON_SDK, ROOT


def test_committed_sdks_are_current():
    result = export(ROOT / "sdk", check=True)
    assert result["up_to_date"] is True, f"sdk/ is stale: run `crossway export sdk`\n{result}"


def test_python_sdk_passes_mypy_strict():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(PYTHON_SDK)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
