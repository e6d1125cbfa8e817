"""Storage scans (X-API-Key), learned rules, recommendations and the Steam library."""

from __future__ import annotations

import os

import pytest

KEY = {"X-API-Key": "k"}

MANIFEST = '''"AppState"
{
\t"appid"\t\t"%(appid)s"
\t"name"\t\t"%(name)s"
\t"installdir"\t\t"%(dir)s"
\t"SizeOnDisk"\t\t"%(size)s"
\t"LastUpdated"\t\t"1700000000"
}
'''


@pytest.fixture
def tree(tmp_path, clock):  # noqa: ANN001, ANN201
    root = tmp_path / "storage"
    (root / "projects" / "app" / "node_modules" / "left-pad").mkdir(parents=True)
    (root / "projects" / "app" / "node_modules" / "left-pad" / "index.js").write_text("x" * 100)
    (root / "projects" / "app" / "main.py").write_text("print()")
    (root / "projects" / "app" / "__pycache__").mkdir()
    (root / "projects" / "app" / "__pycache__" / "main.cpython-311.pyc").write_bytes(b"0" * 50)
    (root / "downloads").mkdir()
    (root / "downloads" / "setup.exe").write_bytes(b"0" * 1000)
    (root / "downloads" / "other.msi").write_bytes(b"0" * 500)
    (root / "downloads" / "report.pdf").write_bytes(b"0" * 300)
    (root / "logs").mkdir()
    for name in ("old.log", "older.log"):
        (root / "logs" / name).write_text("log line\n")
        past = clock.now().timestamp() - 90 * 86400  # old by the server's clock
        os.utime(root / "logs" / name, (past, past))
    (root / "logs" / "today.log").write_text("fresh\n")
    (root / "deep" / "a" / "b" / "c").mkdir(parents=True)
    (root / "deep" / "a" / "b" / "c" / "bottom.tmp").write_text("t")
    os.symlink(tmp_path, root / "loop")
    return root


@pytest.fixture
def settings(make_settings, tree, tmp_path):  # noqa: ANN001, ANN201
    return make_settings(autopack_api_key="k", storage_root=tree, steam_library_dir=tmp_path / "steam")


async def test_scans_need_the_key(client):
    for method, path in (("POST", "/storage/scans"), ("GET", "/storage/scans"), ("GET", "/storage/scans/1"),
                         ("POST", "/storage/scans/1/approve")):
        response = await client.request(method, path, json={} if method == "POST" else None)
        assert response.status_code == 403, path


async def test_scan_categorises_and_finds_cleanup_candidates(client):
    response = await client.post("/storage/scans", json={"path": "."}, headers=KEY)
    assert response.status_code == 201
    scan = response.json()
    assert scan["root"] == "." and scan["status"] == "completed" and scan["truncated"] is False
    assert scan["file_count"] == 10
    categories = {c["category"]: c for c in scan["categories"]}
    assert categories["installers"]["file_count"] == 2 and categories["cache"]["file_count"] == 2
    assert categories["logs"]["cleanup_candidates"] == 2  # only the two old logs
    candidates = {c["path"] for c in scan["cleanup_candidates"]}
    assert candidates == {"downloads/setup.exe", "downloads/other.msi", "projects/app/node_modules/left-pad/index.js",
                          "projects/app/__pycache__/main.cpython-311.pyc", "logs/old.log", "logs/older.log",
                          "deep/a/b/c/bottom.tmp"}
    assert scan["cleanup_candidates_count"] == 7
    assert not any("loop" in c["path"] for c in scan["largest_files"])

    listed = (await client.get("/storage/scans", headers=KEY)).json()
    assert [s["id"] for s in listed] == [scan["id"]] and "categories" not in listed[0]
    detail = await client.get(f"/storage/scans/{scan['id']}", headers=KEY)
    assert detail.status_code == 200 and detail.json()["cleanup_candidates_count"] == 7
    assert (await client.get("/storage/scans/999", headers=KEY)).status_code == 404


async def test_depth_and_item_limits(client):
    shallow = (await client.post("/storage/scans", json={"path": "deep", "max_depth": 2}, headers=KEY)).json()
    assert shallow["file_count"] == 0 and shallow["truncated"] is True
    few = (await client.post("/storage/scans", json={"max_items": 3}, headers=KEY)).json()
    assert few["truncated"] is True and few["file_count"] <= 3
    sub = (await client.post("/storage/scans", json={"path": "downloads"}, headers=KEY)).json()
    assert sub["root"] == "downloads" and sub["file_count"] == 3


@pytest.mark.parametrize("path", ["../", "/etc", "..%2f", "C:\\", "loop", "missing"])
async def test_scan_paths_stay_under_the_root(client, path):
    response = await client.post("/storage/scans", json={"path": path}, headers=KEY)
    assert response.status_code in (400, 404), path


async def test_approve_once(client):
    scan_id = (await client.post("/storage/scans", json={}, headers=KEY)).json()["id"]
    approved = await client.post(f"/storage/scans/{scan_id}/approve", headers=KEY)
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["cleanup_candidates_count"]) == ("approved", 7)
    assert (await client.post(f"/storage/scans/{scan_id}/approve", headers=KEY)).status_code == 400
    assert (await client.get(f"/storage/scans/{scan_id}", headers=KEY)).json()["approved_by"] == "operator:autopack-key"
    assert (await client.post("/storage/scans/999/approve", headers=KEY)).status_code == 404


async def test_learned_rules_and_recommendations(client):
    assert (await client.get("/storage/recommendations")).json() == {
        "scan_id": None, "recommendations": [], "total_potential_savings_bytes": 0}
    scan_id = (await client.post("/storage/scans", json={}, headers=KEY)).json()["id"]
    patterns = (await client.post("/storage/patterns/analyze", json={"min_occurrences": 2})).json()
    by_pattern = {p["pattern"]: p for p in patterns}
    assert set(by_pattern) == {"*.log"}  # two old logs; every other pattern occurs once
    assert by_pattern["*.log"]["confidence"] == round(2 / 3, 3) and by_pattern["*.log"]["rule_status"] == "pending"
    everything = (await client.post("/storage/patterns/analyze", json={"scan_id": scan_id, "min_occurrences": 1})).json()
    assert {"*.exe", "*.msi", "**/node_modules/**", "**/__pycache__/**", "*.tmp", "*.log"} == {p["pattern"] for p in everything}
    assert (await client.post("/storage/patterns/analyze")).status_code == 200  # the body is optional
    assert (await client.post("/storage/patterns/analyze", json={"scan_id": 999})).status_code == 404

    rules = (await client.get("/storage/learned-rules")).json()
    log_rule = next(r for r in rules if r["pattern"] == "*.log")
    approved = await client.post(f"/storage/learned-rules/{log_rule['id']}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert (await client.post("/storage/learned-rules/999/approve")).status_code == 404

    recs = (await client.get("/storage/recommendations")).json()
    assert recs["scan_id"] == scan_id
    logs = next(r for r in recs["recommendations"] if r["category"] == "logs")
    assert logs["item_count"] == 3 and logs["rule_ids"] == [log_rule["id"]]  # the approved rule adds today.log
    assert recs["total_potential_savings_bytes"] == sum(r["size_bytes"] for r in recs["recommendations"])


async def test_steam_games(client, tmp_path):
    empty = (await client.get("/storage/steam/games")).json()
    assert (empty["games"], empty["total_count"]) == ([], 0)
    apps = tmp_path / "steam" / "steamapps"
    apps.mkdir(parents=True)
    (apps / "appmanifest_620.acf").write_text(MANIFEST % {"appid": 620, "name": "Portal 2", "dir": "Portal 2",
                                                         "size": 12_000_000_000})
    (apps / "appmanifest_400.acf").write_text(MANIFEST % {"appid": 400, "name": "Portal", "dir": "Portal",
                                                         "size": 4_000_000_000})
    (apps / "appmanifest_1.acf").write_text("this is not { valid")
    response = await client.get("/storage/steam/games")
    assert response.status_code == 200
    body = response.json()
    assert [g["name"] for g in body["games"]] == ["Portal 2", "Portal"]
    assert body["total_size_bytes"] == 16_000_000_000 and body["total_count"] == 2
    assert body["games"][0]["app_id"] == "620" and body["games"][0]["last_updated"].startswith("2023-11-14")
    assert len(body["errors"]) == 1 and "appmanifest_1.acf" in body["errors"][0]
