"""`crossway hubs|clients|keys|registry ...`: the admin operations, one JSON object on stdout each."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import click

from app.auth import scopes as sc
from app.auth.principal import Principal
from app.context import RequestContext, in_transaction
from app.errors import AppError
from app.settings import Settings

SYSTEM = Principal(kind="system", id="cli", scopes=frozenset({sc.ADMIN}))


def run_admin(action: Callable[[RequestContext], Awaitable[dict[str, Any]]]) -> None:
    """Run one service call as the local administrator, commit, print its JSON; errors exit 1."""
    from app.bootstrap import prepare_database
    from app.runtime import Runtime

    async def go() -> dict[str, Any]:
        runtime = Runtime.build(Settings())
        try:
            await prepare_database(runtime, with_demo=False)
            return await in_transaction(runtime, action, principal=SYSTEM)
        finally:
            await runtime.close()

    try:
        payload = asyncio.run(go())
    except AppError as exc:
        click.echo(json.dumps({"ok": False, "error": exc.message, "code": exc.code}))
        sys.exit(1)
    click.echo(json.dumps(payload, default=_plain, sort_keys=True))


def _plain(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else str(value)


@click.group()
def hubs() -> None:
    """Hubs and their capability manifests."""


@hubs.command("create")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--domain", default=None)
def hubs_create(slug: str, name: str, domain: str | None) -> None:
    """Create a hub; prints {"hub_id", "slug", "api_key"} (the key is shown only now)."""
    from app.domains.interactions import hubs as service

    async def action(ctx: RequestContext) -> dict[str, Any]:
        made = await service.create_hub(ctx, {"slug": slug, "name": name, "domain": domain})
        return {"hub_id": made.hub.id, "slug": made.hub.slug, "api_key": made.api_key}

    run_admin(action)


@hubs.command("manifest")
@click.argument("slug")
@click.option("--event-types", default="", help="Comma-separated event types the hub emits.")
@click.option("--widget-types", default="", help="Comma-separated widget types the hub registers.")
@click.option("--retire", is_flag=True, help="Retire the active manifest instead.")
def hubs_manifest(slug: str, event_types: str, widget_types: str, retire: bool) -> None:
    """Publish a new active capability manifest (grants the hub's hub:*:write scopes), or retire it."""
    from app.domains.interactions import hubs as service

    def names(text: str) -> list[str]:
        return [n.strip() for n in text.split(",") if n.strip()]

    async def action(ctx: RequestContext) -> dict[str, Any]:
        if retire:
            return {"slug": slug, "retired": [m.version for m in await service.retire_manifest(ctx, slug)]}
        manifest = await service.publish_manifest(
            ctx, slug, {"event_types": names(event_types), "widget_types": names(widget_types)})
        return {"slug": slug, "version": manifest.version, "status": manifest.status,
                "event_types": manifest.event_types, "widget_types": manifest.widget_types}

    run_admin(action)


def _limits(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option("--daily-quota", type=click.IntRange(1), default=None, help="Requests per day.")(function)
    return click.option("--rate-per-minute", type=click.IntRange(1), default=None, help="Requests per minute.")(function)


@click.group()
def clients() -> None:
    """OAuth 2.0 clients (client credentials)."""


@clients.command("create")
@click.option("--name", required=True)
@click.option("--hub", default=None, help="Hub slug the client acts for.")
@click.option("--scopes", default=None, help='Space-separated, e.g. "hub:read hub:events:write".')
@_limits
def clients_create(name: str, hub: str | None, scopes: str | None, rate_per_minute: int | None,
                   daily_quota: int | None) -> None:
    """Create a client; prints {"client_id", "client_secret", "scopes"} (the secret is shown only now)."""
    from app.domains.identity import service

    async def action(ctx: RequestContext) -> dict[str, Any]:
        made = await service.create_client(ctx, name=name, hub=hub, scopes=scopes, rate_per_minute=rate_per_minute,
                                           daily_quota=daily_quota)
        return {"client_id": made.consumer.client_id, "client_secret": made.client_secret,
                "scopes": made.consumer.scopes}

    run_admin(action)


@click.group()
def keys() -> None:
    """API keys."""


@keys.command("create")
@click.option("--name", required=True)
@click.option("--scopes", required=True, help='Space-separated, e.g. "hub:read" or "admin".')
@click.option("--hub", default=None, help="Hub slug the key acts for.")
@_limits
def keys_create(name: str, scopes: str, hub: str | None, rate_per_minute: int | None, daily_quota: int | None) -> None:
    """Create an API key; prints {"key_id", "key_prefix", "api_key"} (the key is shown only now)."""
    from app.domains.identity import service

    async def action(ctx: RequestContext) -> dict[str, Any]:
        made = await service.create_key(ctx, name=name, scopes=scopes, hub=hub, rate_per_minute=rate_per_minute,
                                        daily_quota=daily_quota)
        return {"key_id": made.key.id, "key_prefix": made.key.key_prefix, "api_key": made.api_key,
                "scopes": made.key.scopes}

    run_admin(action)


@keys.command("rotate-signing")
def keys_rotate_signing() -> None:
    """Add a new signing key and retire the others; prints {"kid", "retired"}.

    Retired keys stay in JWKS, and keep verifying, until every token they signed has expired."""

    async def action(ctx: RequestContext) -> dict[str, Any]:
        return await ctx.runtime.keyring.rotate()

    run_admin(action)


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke an API key; prints {"key_id", "revoked_at"}."""
    from app.domains.identity import service

    async def action(ctx: RequestContext) -> dict[str, Any]:
        key = await service.revoke_key(ctx, key_id)
        return {"key_id": key.id, "revoked_at": key.revoked_at}

    run_admin(action)


@click.group()
def registry() -> None:
    """The type registries."""


@registry.command("add")
@click.argument("kind", type=click.Choice(["event-type", "widget-type", "annotation-category", "policy-scope"]))
@click.argument("name")
@click.option("--description", default=None)
@click.option("--hub", default=None, help="Owner hub slug (none: a framework entry).")
def registry_add(kind: str, name: str, description: str | None, hub: str | None) -> None:
    """Register a name; prints the new registry row."""
    from app.domains.interactions import hubs as service
    from app.domains.interactions.views import registry_view

    async def action(ctx: RequestContext) -> dict[str, Any]:
        row = await service.add_registry_entry(ctx, kind, {"name": name, "description": description, "hub": hub})
        return {"registry": kind, **registry_view(row).model_dump(mode="json")}

    run_admin(action)


@click.group()
def users() -> None:
    """People who log in at /api/auth/login."""


@users.command("create")
@click.option("--username", required=True)
@click.option("--email", required=True)
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from standard input.")
@click.option("--superuser", is_flag=True, help="May refresh and reset provider credentials.")
def users_create(username: str, email: str, password_stdin: bool, superuser: bool) -> None:
    """Create a user; prints the user as JSON (never the password)."""
    from pydantic import ValidationError

    from app.domains.identity import users as service

    password = sys.stdin.readline().rstrip("\r\n")
    try:
        data = service.UserCreate(username=username, email=email, password=password)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        click.echo(json.dumps({"ok": False, "error": problems, "code": "validation_failed"}))
        sys.exit(1)

    async def action(ctx: RequestContext) -> dict[str, Any]:
        user = await service.register(ctx, data, superuser=superuser)
        return service.user_view(user).model_dump(mode="json")

    run_admin(action)


@click.group()
def credentials() -> None:
    """Crossway's credentials for external providers (X, Telegram, OAuth clients)."""


@credentials.command("set")
@click.argument("provider")
@click.option("--secret-stdin", is_flag=True, help="Read the secret (token, client secret) from standard input.")
@click.option("--client-id", default=None)
@click.option("--type", "credential_type", type=click.Choice(["oauth2", "bot_token", "api_key"]), default=None)
@click.option("--display-name", default=None)
@click.option("--scopes", default=None)
@click.option("--expires-at", default=None, help="ISO 8601 time the credential expires (UTC if no offset).")
def credentials_set(provider: str, secret_stdin: bool, client_id: str | None, credential_type: str | None,
                    display_name: str | None, scopes: str | None, expires_at: str | None) -> None:
    """Store or update a provider credential; prints its health (never the secret)."""
    from datetime import UTC, datetime

    from app.domains.credentials import service

    secret = sys.stdin.readline().rstrip("\r\n") if secret_stdin else None
    expiry = None
    if expires_at:
        expiry = datetime.fromisoformat(expires_at)
        expiry = expiry if expiry.tzinfo else expiry.replace(tzinfo=UTC)

    async def action(ctx: RequestContext) -> dict[str, Any]:
        row = await service.store_credential(
            ctx, provider, secret=secret or None, client_id=client_id, expires_at=expiry,
            credential_type=credential_type, display_name=display_name, scopes=scopes, actor="cli")
        return service.health_of(ctx, row).model_dump(mode="json")

    run_admin(action)
