"""User tokens and the trusted X-User-Id header become user principals."""

from __future__ import annotations


from app.auth.credentials import resolve
from app.auth.tokens import user_token


async def test_user_token_and_header(client, make_client, make_settings):
    runtime = client.app.state.runtime
    await runtime.keyring.ensure_loaded()
    token = user_token(runtime, user_id="42", username="ada", is_superuser=True)
    principal = await resolve(runtime, None, f"Bearer {token}")
    assert (principal.kind, principal.id, principal.has("superuser")) == ("user", "42", True)
    header = await resolve(runtime, None, None, "u-7")
    assert (header.kind, header.id) == ("user", "u-7")
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k")) as prod:
        assert (await resolve(prod.app.state.runtime, None, None, "u-7")).kind == "anonymous"
