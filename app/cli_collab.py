"""`crossway collab ...`: operator commands of collaborative drafting, one JSON object on stdout each."""

from __future__ import annotations

import click

from app.cli_admin import run_admin
from app.context import RequestContext


@click.group()
def collab() -> None:
    """Collaborative drafting: user profiles."""


@collab.command("profile")
@click.argument("user_id")
@click.option("--display-name", default=None, help="How the user is shown on drafts and leaderboards.")
@click.option("--avatar-url", default=None, help="An http(s) URL of the user's avatar.")
def profile(user_id: str, display_name: str | None, avatar_url: str | None) -> None:
    """Set a user's display name or avatar; prints the profile."""
    from app.domains.collab.identity import set_profile

    async def action(ctx: RequestContext) -> dict:
        row = await set_profile(ctx, user_id, display_name=display_name, avatar_url=avatar_url)
        return {"user_id": row.user_id, "display_name": row.display_name, "avatar_url": row.avatar_url,
                "verified": row.verified, "ring_balance": row.ring_balance}

    run_admin(action)
