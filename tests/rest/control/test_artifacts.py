"""Artifacts: the index, one file (text, redacted, truncated), browser artifacts, and a path
traversal suite in which every attempt is refused."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest

from tests.helpers import start_run

# Each is sent as the `path` query value; httpx encodes it once more on the wire.
TRAVERSALS = [
    "../secret.txt",
    "../../etc/passwd",
    "phases/../../secret.txt",
    "phases/../../../etc/passwd",
    "..",
    "./../secret.txt",
    "/etc/passwd",
    "/",
    "//etc/passwd",
    "\\etc\\passwd",
    "..\\secret.txt",
    "phases\\..\\..\\secret.txt",
    "C:\\Windows\\win.ini",
    "C:/Windows/win.ini",
    "c:secret.txt",
    "phases/C:/x",
    "D:..\\secret.txt",
    "%2e%2e/secret.txt",
    "%2e%2e%2fsecret.txt",
    "%252e%252e%252fsecret.txt",
    "%25252e%25252e%25252fsecret.txt",
    "..%2fsecret.txt",
    "..%5csecret.txt",
    "%2fetc%2fpasswd",
    "%252fetc%252fpasswd",
    "%5cetc%5cpasswd",
    "C%3a%5cWindows%5cwin.ini",
    "C%253a%255cWindows",
    "phases/%2e%2e/%2e%2e/secret.txt",
    "run_summary.md\x00.png",
    "run_summary.md%00.png",
    "%00",
    "phases/\x00/x",
    "....//secret.txt",
    ".%2e/secret.txt",
    "%2e./secret.txt",
    "%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 dots decode to U+FFFD pairs: no such file, never outside
]


@pytest.fixture
async def run_with_files(client, settings, tmp_path):  # noqa: ANN001, ANN201
    await start_run(client, "run-1")
    folder = settings.runs_dir / "run-1"
    (folder / "logs").mkdir()
    (folder / "logs" / "build.log").write_text(
        "step 1 ok\nexport OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz\n"
        "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlMTIz'\n")
    (folder / "browser").mkdir()
    (folder / "browser" / "home.png").write_bytes(b"\x89PNG....")
    (folder / "browser" / "home.html").write_text("<html></html>")
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    os.symlink(tmp_path / "secret.txt", folder / "escape.txt")
    os.symlink(tmp_path, folder / "escape_dir")
    return folder


async def test_index_lists_files_but_not_symlinks(client, run_with_files):
    response = await client.get("/runs/run-1/artifacts/index")
    assert response.status_code == 200
    body = response.json()
    paths = [a["path"] for a in body["artifacts"]]
    assert "run_summary.md" in paths and "logs/build.log" in paths and "browser/home.png" in paths
    assert "phases/phase_00_P0-0.md" in paths and "tiers/tier_00_Tier_0.md" in paths
    assert not any(p.startswith("escape") for p in paths)
    assert body["total_size_bytes"] == sum(a["size_bytes"] for a in body["artifacts"])
    assert set(body["artifacts"][0]) == {"path", "size_bytes", "modified_at"}


async def test_index_is_empty_without_a_folder_and_404_without_a_run(client, settings):
    await start_run(client, "run-1")
    import shutil

    shutil.rmtree(settings.runs_dir / "run-1")
    assert (await client.get("/runs/run-1/artifacts/index")).json() == {
        "run_id": "run-1", "artifacts": [], "total_size_bytes": 0, "truncated": False}
    assert (await client.get("/runs/nope/artifacts/index")).status_code == 404


async def test_file_is_text_with_redaction_headers(client, run_with_files):
    response = await client.get("/runs/run-1/artifacts/file", params={"path": "logs/build.log"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-artifact-redacted"] == "true"
    assert response.headers["x-artifact-truncated"] == "false"
    assert int(response.headers["x-artifact-original-size"]) == (run_with_files / "logs" / "build.log").stat().st_size
    assert "sk-proj" not in response.text and "eyJhbGci" not in response.text
    assert "step 1 ok" in response.text and response.text.count("[REDACTED]") == 2

    plain = await client.get("/runs/run-1/artifacts/file", params={"path": "run_summary.md"})
    assert plain.headers["x-artifact-redacted"] == "false" and plain.text.startswith("# Run run-1")
    encoded = await client.get("/runs/run-1/artifacts/file", params={"path": quote("logs/build.log", safe="")})
    assert encoded.status_code == 200
    backslash = await client.get("/runs/run-1/artifacts/file", params={"path": "logs\\build.log"})
    assert backslash.status_code == 200
    assert (await client.get("/runs/run-1/artifacts/file", params={"path": "nope.txt"})).status_code == 404
    assert (await client.get("/runs/run-1/artifacts/file", params={"path": "logs"})).status_code == 404
    assert (await client.get("/runs/run-1/artifacts/file")).status_code == 422


async def test_large_files_are_truncated(make_client, make_settings):
    async with make_client(make_settings(artifact_max_bytes=2048)) as client:
        await start_run(client, "run-1")
        settings = client.app.state.settings
        (settings.runs_dir / "run-1" / "big.txt").write_text("x" * 5000)
        response = await client.get("/runs/run-1/artifacts/file", params={"path": "big.txt"})
        assert response.headers["x-artifact-truncated"] == "true"
        assert response.headers["x-artifact-original-size"] == "5000" and len(response.text) == 2048


@pytest.mark.parametrize("attempt", TRAVERSALS)
async def test_traversal_attempts_are_refused(client, run_with_files, attempt):
    response = await client.get("/runs/run-1/artifacts/file", params={"path": attempt})
    assert response.status_code in (400, 404), response.text
    assert "TOP SECRET" not in response.text
    if response.status_code == 404:  # only the overlong-UTF-8 case: a name that cannot exist
        assert "not found" in response.json()["detail"].lower()


@pytest.mark.parametrize("attempt", ["escape.txt", "escape_dir/secret.txt"])
async def test_symlinks_out_of_the_run_folder_are_refused(client, run_with_files, attempt):
    response = await client.get("/runs/run-1/artifacts/file", params={"path": attempt})
    assert response.status_code == 400 and "outside" in response.json()["detail"]
    assert "TOP SECRET" not in response.text


async def test_suite_size(client):
    assert len(TRAVERSALS) + 2 >= 30


async def test_bad_paths_are_refused_before_the_run_is_looked_up(client):
    for attempt in ("../x", "/etc/passwd", "C:\\x", "%252e%252e/x"):
        response = await client.get("/runs/no-such-run/artifacts/file", params={"path": attempt})
        assert response.status_code == 400, attempt
    assert (await client.get("/runs/no-such-run/artifacts/file", params={"path": "ok.txt"})).status_code == 404


async def test_browser_artifacts(client, run_with_files):
    response = await client.get("/runs/run-1/browser/artifacts")
    assert response.status_code == 200
    body = response.json()
    assert [s["path"] for s in body["screenshots"]] == ["browser/home.png"]
    assert [h["path"] for h in body["html_files"]] == ["browser/home.html"]
    assert set(body["screenshots"][0]) == {"path", "timestamp", "size_bytes"}
    assert body["total_size_bytes"] == 8 + len("<html></html>")
    assert (await client.get("/runs/nope/browser/artifacts")).status_code == 404


async def test_reads_need_the_key_in_production(make_client, make_settings):
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k")) as client:
        await client.post("/runs/start", json={"run": {"run_id": "run-1"}}, headers={"X-API-Key": "k"})
        for path in ("/runs/run-1/artifacts/index", "/runs/run-1/browser/artifacts",
                     "/runs/run-1/artifacts/file?path=run_summary.md"):
            denied = await client.get(path)
            assert denied.status_code == 403
            assert denied.json() == {"detail": "Invalid or missing API key. Set X-API-Key header."}
            assert (await client.get(path, headers={"X-API-Key": "k"})).status_code == 200
