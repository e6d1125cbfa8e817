"""POST /files/upload (content-addressed, size-limited) and the /research stub (501)."""

from __future__ import annotations

import hashlib

import pytest


@pytest.fixture
def settings(make_settings, tmp_path):  # noqa: ANN001, ANN201
    return make_settings(autopack_api_key="k", uploads_dir=tmp_path / "uploads", upload_max_bytes=4096)


async def test_upload_is_stored_by_content(client, settings):
    data = b"hello crossway\n" * 10
    sha = hashlib.sha256(data).hexdigest()
    response = await client.post("/files/upload", files={"file": ("../../evil name.txt", data, "text/plain")},
                                 headers={"X-API-Key": "k"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["sha256"], body["size_bytes"], body["duplicate"]) == (sha, len(data), False)
    assert body["filename"] == "evil name.txt" and body["content_type"] == "text/plain"
    assert body["stored_as"] == f"{sha[:2]}/{sha[2:4]}/{sha}"
    assert (settings.uploads_dir / body["stored_as"]).read_bytes() == data
    again = (await client.post("/files/upload", files={"file": ("copy.txt", data)}, headers={"X-API-Key": "k"})).json()
    assert again["duplicate"] is True and again["id"] != body["id"]
    assert not [p for p in settings.uploads_dir.iterdir() if p.name.startswith(".upload-")]


async def test_upload_errors(client, settings):
    assert (await client.post("/files/upload", files={"file": ("a.txt", b"x")})).status_code == 403
    too_big = await client.post("/files/upload", files={"file": ("big.bin", b"0" * 5000)}, headers={"X-API-Key": "k"})
    assert too_big.status_code == 413 and "4096" in too_big.json()["detail"]
    assert not list(settings.uploads_dir.rglob("*")) or all(p.is_dir() for p in settings.uploads_dir.rglob("*"))
    missing = await client.post("/files/upload", data={"other": "x"}, headers={"X-API-Key": "k"})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "file"]
    broken = await client.post("/files/upload", content=b"--xyz\r\nbroken", headers={
        "X-API-Key": "k", "Content-Type": "multipart/form-data; boundary=xyz"})
    assert broken.status_code in (400, 422)


@pytest.mark.parametrize(("method", "path"), [("GET", "/research"), ("POST", "/research/sessions"),
                                              ("GET", "/research/a/b/c"), ("DELETE", "/research/x")])
async def test_research_is_not_served(client, method, path):
    response = await client.request(method, path)
    assert response.status_code == 501
    assert "research API" in response.json()["detail"]
