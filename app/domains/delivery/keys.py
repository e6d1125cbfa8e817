"""Permissions of the delivery pipeline, plan budgets, and organization API keys (`dpk_...`)."""

from __future__ import annotations

import secrets

from app.auth.secrets import new_secret

ORG_KEY_PREFIX = "dpk_"

PERMISSIONS = (
    "organizations:read", "organizations:write", "organizations:admin",
    "projects:read", "projects:write", "projects:delete", "projects:admin",
    "features:read", "features:write", "features:delete",
    "tests:read", "tests:write", "tests:execute",
    "deployments:read", "deployments:write", "deployments:approve",
    "security:read", "security:write", "security:admin",
    "metrics:read",
)

# Requests per minute and per day by plan (seed 004, "Rate Limits"); enterprise uses the server's defaults.
PLAN_BUDGETS: dict[str, dict[str, int]] = {
    "free": {"per_minute": 100, "per_day": 10_000},
    "professional": {"per_minute": 1_000, "per_day": 500_000},
}


def new_org_key() -> tuple[str, str]:
    """(full key, display prefix). Keys look like `dpk_<8 hex>_<secret>`; only the digest is stored."""
    prefix = ORG_KEY_PREFIX + secrets.token_hex(4)
    return f"{prefix}_{new_secret()}", prefix


def unknown_permissions(permissions: list[str]) -> list[str]:
    return sorted(p for p in permissions if p not in PERMISSIONS)


# --- issuing credentials (the command line; no caller organization involved) ----------------------


async def _organization(ctx, slug: str):  # noqa: ANN001, ANN202
    from app.domains.delivery import repository as repo
    from app.errors import NotFound

    organization = await repo.organization_by_slug(ctx.session, slug)
    if organization is None:
        raise NotFound(f"Organization '{slug}' not found")
    return organization


def _checked(permissions: list[str]) -> list[str]:
    from app.errors import Invalid

    unknown = unknown_permissions(permissions)
    if unknown:
        raise Invalid(f"Unknown permissions: {', '.join(unknown)}. Known: {', '.join(PERMISSIONS)}")
    if not permissions:
        raise Invalid("At least one permission is required")
    return sorted(set(permissions))


async def issue_token(ctx, *, slug: str, permissions: list[str], subject: str, email: str | None = None,  # noqa: ANN001
                      ttl: int | None = None) -> dict:
    """A signed org token; its rate budgets follow the organization's plan."""
    from app.auth.tokens import org_token

    organization = await _organization(ctx, slug)
    granted = _checked(permissions)
    await ctx.runtime.keyring.ensure_loaded()
    ttl = ttl or ctx.settings.access_token_ttl
    token = org_token(ctx.runtime, subject=subject, organization_id=str(organization.id), permissions=granted,
                      email=email, limits=PLAN_BUDGETS.get(organization.plan), ttl=ttl)
    return {"access_token": token, "token_type": "bearer", "expires_in": ttl, "organization_id": str(organization.id),
            "permissions": granted}


async def create_key(ctx, *, slug: str, scopes: list[str], name: str | None = None) -> dict:  # noqa: ANN001
    """A new org API key; the full key is in the answer once and never again."""
    from app.auth.secrets import digest
    from app.domains.delivery import repository as repo
    from app.domains.delivery.models import OrgApiKey

    organization = await _organization(ctx, slug)
    granted = _checked(scopes)
    key, prefix = new_org_key()
    budgets = PLAN_BUDGETS.get(organization.plan, {})
    row = OrgApiKey(organization_id=organization.id, name=name, key_prefix=prefix, key_hash=digest(key),
                    scopes=" ".join(granted), rate_per_minute=budgets.get("per_minute"),
                    daily_quota=budgets.get("per_day"), created_at=ctx.clock.now())
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    from app.domains.identity import audit

    audit.record(ctx, "create", "delivery_key", row.id, tenant=organization.id, detail={"scopes": row.scopes})
    return {"id": str(row.id), "key": key, "prefix": prefix, "organization_id": str(organization.id),
            "scopes": granted}


async def create_organization(ctx, *, name: str, slug: str, plan: str, type_: str | None) -> dict:  # noqa: ANN001
    from app.domains.delivery import catalogue, views
    from app.domains.delivery.shapes import OrganizationIn

    row = await catalogue.new_organization(ctx, OrganizationIn(name=name, slug=slug, plan=plan, type=type_))
    return views.organization(row).model_dump(mode="json")


async def revoke_key(ctx, key_id: str) -> dict:  # noqa: ANN001
    """Revoke an org API key by id or display prefix; it stops working at once."""
    from app.domains.delivery import repository as repo
    from app.errors import NotFound

    row = await repo.org_key_by_id_or_prefix(ctx.session, key_id)
    if row is None:
        raise NotFound(f"API key {key_id} not found")
    if row.revoked_at is None:
        row.revoked_at = ctx.clock.now()
        await repo.flush(ctx.session)
        from app.domains.identity import audit

        audit.record(ctx, "revoke", "delivery_key", row.id, tenant=row.organization_id)
        ctx.after_commit(ctx.runtime.credentials.forget_all)
    return {"id": str(row.id), "prefix": row.key_prefix, "revoked_at": row.revoked_at}
