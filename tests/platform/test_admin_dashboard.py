"""The admin API dashboard: the GraphQL figures, and the page in a real headless Chromium."""

from __future__ import annotations

import shutil

import httpx
import pytest

from tests.helpers import graphql
from tests.hub_helpers import make_hub
from tests.live import live_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
USAGE = "{ apiUsage { credential name requests errors errorRate lastSeen p50Ms p95Ms dailyQuota quotaUsed } }"


async def _traffic(c: httpx.AsyncClient, hub) -> None:  # noqa: ANN001
    for _ in range(3):
        assert (await c.get("/api/v2/widgets", headers={"X-API-Key": hub.reader_key})).status_code == 200
    assert (await c.get("/api/v2/no-such-route", headers={"X-API-Key": hub.reader_key})).status_code == 404
    await c.post("/api/v2/widgets", json={}, headers={"X-API-Key": hub.reader_key})  # 403: no write scope


async def test_usage_figures(client):
    hub = await make_hub(client)
    await _traffic(client, hub)
    data = await graphql(client, USAGE, **{"X-API-Key": hub.admin_key})
    rows = {r["name"].split(" (")[0]: r for r in data["data"]["apiUsage"]}
    reader = rows["shop-reader"]
    assert (reader["requests"], reader["errors"], reader["errorRate"]) == (5, 2, 0.4)
    assert reader["p50Ms"] > 0 and reader["p95Ms"] >= reader["p50Ms"]
    assert reader["dailyQuota"] == 100_000 and reader["quotaUsed"] == 0.00005
    refused = await graphql(client, USAGE, **{"X-API-Key": hub.reader_key})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await graphql(client, USAGE))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_page_needs_an_admin(client):
    hub = await make_hub(client)
    assert (await client.get("/admin/api")).status_code == 401
    assert (await client.get("/admin/api", headers={"X-API-Key": hub.reader_key})).status_code == 403
    page = await client.get("/admin/api", headers={"X-API-Key": hub.admin_key})
    assert page.status_code == 200 and "API usage" in page.text


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium package; .ci/run installs it")
async def test_page_in_headless_chromium_shows_the_real_numbers(settings):
    from playwright.async_api import async_playwright

    async with live_app(settings) as (app, host):
        async with httpx.AsyncClient(base_url=f"http://{host}") as c:
            c.app = app  # type: ignore[attr-defined]  # make_hub works on the live app's runtime
            hub = await make_hub(c)
            await _traffic(c, hub)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            try:
                page = await browser.new_page(extra_http_headers={"X-API-Key": hub.admin_key})
                response = await page.goto(f"http://{host}/admin/api")
                assert response is not None and response.status == 200
                table = await page.locator("#usage").inner_text()
                assert "shop-reader" in table, table
                row = page.locator("tr", has_text="shop-reader")
                assert await row.locator("td.requests").inner_text() == "5"
                assert await row.locator("td.errors").inner_text() == "2"
                assert await row.locator("td.error-rate").inner_text() == "40.0%"
                bars = await page.locator('svg[data-chart="requests"] rect').count()
                assert bars >= 1
            finally:
                await browser.close()

