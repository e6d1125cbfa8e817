"""Who the caller is, for collaborative drafting, and the small profile this domain keeps."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.collab import repository as repo
from app.domains.collab.models import CollabProfile
from app.errors import Forbidden, Invalid, Unauthenticated

MAX_USER_ID = 255
AUTH_MESSAGE = "Authentication required: send a user bearer token or the X-User-Id header"


def caller_id(ctx: RequestContext) -> str | None:
    principal = ctx.principal
    return principal.id if principal.kind == "user" and principal.id else None


def require_user(ctx: RequestContext) -> str:
    user_id = caller_id(ctx)
    if user_id is None:
        rejected = ctx.principal.rejected_credential
        raise Unauthenticated(f"{AUTH_MESSAGE} ({rejected})" if rejected else AUTH_MESSAGE)
    if len(user_id) > MAX_USER_ID:
        raise Invalid(f"User ids are at most {MAX_USER_ID} characters")
    return user_id


async def ensure_profile(ctx: RequestContext, user_id: str, *, for_update: bool = False) -> CollabProfile:
    profile = await repo.get_profile(ctx.session, user_id, for_update=for_update)
    if profile is None:
        now = ctx.clock.now()
        profile = CollabProfile(user_id=user_id, display_name=user_id, created_at=now, updated_at=now)
        repo.add(ctx.session, profile)
        await repo.flush(ctx.session)
    return profile


async def set_profile(ctx: RequestContext, user_id: str, *, display_name: str | None,
                      avatar_url: str | None) -> CollabProfile:
    """Operators set how a user is shown (display name, avatar); the CLI calls this."""
    if ctx.principal.kind != "system":
        raise Forbidden("Only an operator can change profiles")
    if not 0 < len(user_id) <= MAX_USER_ID:
        raise Invalid(f"User ids are 1..{MAX_USER_ID} characters")
    if display_name is not None and not 0 < len(display_name.strip()) <= 255:
        raise Invalid("Display names are 1..255 characters")
    if avatar_url is not None and (len(avatar_url) > 1024 or not avatar_url.startswith(("https://", "http://"))):
        raise Invalid("Avatar URLs are http(s) URLs of at most 1024 characters")
    profile = await ensure_profile(ctx, user_id, for_update=True)
    if display_name is not None:
        profile.display_name = display_name.strip()
    if avatar_url is not None:
        profile.avatar_url = avatar_url
    profile.updated_at = ctx.clock.now()
    await repo.flush(ctx.session)
    return profile
