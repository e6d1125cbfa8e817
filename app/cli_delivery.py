"""`crossway delivery ...`: organizations, org tokens and org API keys of the delivery pipeline.
Each command prints one JSON object on stdout."""

from __future__ import annotations

from typing import Any

import click

from app.cli_admin import run_admin
from app.context import RequestContext


def _names(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


@click.group()
def delivery() -> None:
    """The delivery pipeline (/v1): organizations and their credentials."""


@delivery.group("orgs")
def orgs() -> None:
    """Organizations."""


@orgs.command("create")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--plan", type=click.Choice(["free", "professional", "enterprise"]), default="free")
@click.option("--type", "type_", type=click.Choice(["enterprise", "startup", "nonprofit"]), default=None)
def orgs_create(slug: str, name: str, plan: str, type_: str | None) -> None:
    """Create an organization."""
    from app.domains.delivery import keys

    async def action(ctx: RequestContext) -> dict[str, Any]:
        return await keys.create_organization(ctx, name=name, slug=slug, plan=plan, type_=type_)

    run_admin(action)


@delivery.command("token")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--permissions", required=True, help='Space- or comma-separated, e.g. "projects:read projects:write".')
@click.option("--subject", default="cli", help="The token's sub claim (a user id).")
@click.option("--email", default=None)
@click.option("--ttl", type=click.IntRange(60), default=None, help="Lifetime in seconds.")
def token(slug: str, permissions: str, subject: str, email: str | None, ttl: int | None) -> None:
    """Mint a bearer token for one organization with the given permissions."""
    from app.domains.delivery import keys

    async def action(ctx: RequestContext) -> dict[str, Any]:
        return await keys.issue_token(ctx, slug=slug, permissions=_names(permissions), subject=subject, email=email,
                                      ttl=ttl)

    run_admin(action)


@delivery.group("keys")
def keys_group() -> None:
    """Organization API keys (dpk_...)."""


@keys_group.command("create")
@click.option("--org", "slug", required=True, help="The organization's slug.")
@click.option("--scopes", required=True, help="Space- or comma-separated permissions.")
@click.option("--name", default=None)
def keys_create(slug: str, scopes: str, name: str | None) -> None:
    """Create an org API key; the key is printed once."""
    from app.domains.delivery import keys

    async def action(ctx: RequestContext) -> dict[str, Any]:
        return await keys.create_key(ctx, slug=slug, scopes=_names(scopes), name=name)

    run_admin(action)


@keys_group.command("revoke")
@click.argument("key")
def keys_revoke(key: str) -> None:
    """Revoke an org API key (by id or dpk_ prefix)."""
    from app.domains.delivery import keys

    async def action(ctx: RequestContext) -> dict[str, Any]:
        return await keys.revoke_key(ctx, key)

    run_admin(action)
