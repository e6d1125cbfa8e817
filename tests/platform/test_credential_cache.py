"""Verified API keys are reused for CROSSWAY_CREDENTIAL_CACHE_SECONDS; changes made through Crossway
take effect at once, changes behind its back when the entry expires; refusals are never kept."""

from __future__ import annotations

from sqlalchemy import update

from app.domains.identity.models import ApiKey
from tests.helpers import statement_count
from tests.hub_helpers import as_admin, make_hub


def key_header(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


async def set_revoked(client, prefix: str, revoked: bool, clock) -> None:  # noqa: ANN001
    async def action(ctx):  # noqa: ANN001, ANN202
        value = clock.now() if revoked else None
        await ctx.session.execute(update(ApiKey).where(ApiKey.key_prefix == prefix).values(revoked_at=value))

    await as_admin(client, action)


def prefix_of(key: str) -> str:
    return "_".join(key.split("_")[:2])


async def test_a_verified_key_is_reused_until_it_expires(client, clock):
    setup = await make_hub(client, "cache-ttl")
    first = await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))
    again = await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))
    assert first.status_code == again.status_code == 200
    assert statement_count(again) < statement_count(first)  # no look-up the second time

    await set_revoked(client, prefix_of(setup.reader_key), True, clock)  # behind the server's back
    assert (await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))).status_code == 200
    clock.advance(seconds=6)
    refused = await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))
    assert refused.status_code == 401


async def test_revoking_through_the_api_takes_effect_at_once(client):
    setup = await make_hub(client, "cache-revoke")
    made = await client.post("/api/v2/admin/keys", headers=key_header(setup.admin_key),
                             json={"name": "short-lived", "hub": setup.slug, "scopes": "hub:read"})
    key = made.json()["api_key"]
    assert (await client.get("/api/v2/widgets", headers=key_header(key))).status_code == 200
    revoked = await client.post(f"/api/v2/admin/keys/{made.json()['key_id']}/revoke", headers=key_header(setup.admin_key))
    assert revoked.status_code == 200
    assert (await client.get("/api/v2/widgets", headers=key_header(key))).status_code == 401


async def test_refusals_are_not_kept(client, clock):
    setup = await make_hub(client, "cache-refusal")
    await set_revoked(client, prefix_of(setup.reader_key), True, clock)
    assert (await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))).status_code == 401
    await set_revoked(client, prefix_of(setup.reader_key), False, clock)
    assert (await client.get("/api/v2/widgets", headers=key_header(setup.reader_key))).status_code == 200


async def test_zero_seconds_turns_the_cache_off(make_client, make_settings, clock):
    async with make_client(make_settings(credential_cache_seconds=0)) as c:
        setup = await make_hub(c, "cache-off")
        assert (await c.get("/api/v2/widgets", headers=key_header(setup.reader_key))).status_code == 200
        await set_revoked(c, prefix_of(setup.reader_key), True, clock)
        assert (await c.get("/api/v2/widgets", headers=key_header(setup.reader_key))).status_code == 401
