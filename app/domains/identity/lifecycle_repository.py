"""All SQL of the credential lifecycle and the audit log (the admin's view: every tenant, filterable)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update

from app.db import SerializedSession
from app.domains.delivery.models import OrgApiKey
from app.domains.identity.models import ApiConsumer, ApiKey, AuditEntry, SigningKey, User
from app.domains.interactions.models import Hub

LIST_LIMIT = 500


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


async def clients(session: SerializedSession, hub_id: uuid.UUID | None) -> list[ApiConsumer]:
    statement = select(ApiConsumer).order_by(ApiConsumer.created_at, ApiConsumer.client_id).limit(LIST_LIMIT)
    if hub_id is not None:
        statement = statement.where(ApiConsumer.hub_id == hub_id)
    return list(await session.scalars(statement))


async def client(session: SerializedSession, client_id: str, *, for_update: bool = False) -> ApiConsumer | None:
    statement = select(ApiConsumer).where(ApiConsumer.client_id == client_id)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


async def api_keys(session: SerializedSession, hub_id: uuid.UUID | None) -> list[ApiKey]:
    statement = select(ApiKey).order_by(ApiKey.created_at, ApiKey.key_prefix).limit(LIST_LIMIT)
    if hub_id is not None:
        statement = statement.where(ApiKey.hub_id == hub_id)
    return list(await session.scalars(statement))


async def api_key(session: SerializedSession, ident: str, *, for_update: bool = False) -> ApiKey | None:
    """By id or display prefix."""
    as_id = _uuid(ident)
    condition = ApiKey.id == as_id if as_id is not None else ApiKey.key_prefix == ident
    statement = select(ApiKey).where(condition)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


async def hubs(session: SerializedSession) -> list[Hub]:
    return list(await session.scalars(select(Hub).order_by(Hub.slug).limit(LIST_LIMIT)))


async def hub(session: SerializedSession, slug: str, *, for_update: bool = False) -> Hub | None:
    statement = select(Hub).where(Hub.slug == slug)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


async def delivery_keys(session: SerializedSession, organization_id: uuid.UUID | None) -> list[OrgApiKey]:
    statement = select(OrgApiKey).order_by(OrgApiKey.created_at, OrgApiKey.key_prefix).limit(LIST_LIMIT)
    if organization_id is not None:
        statement = statement.where(OrgApiKey.organization_id == organization_id)
    return list(await session.scalars(statement))


async def delivery_key(session: SerializedSession, ident: str, *, for_update: bool = False) -> OrgApiKey | None:
    as_id = _uuid(ident)
    condition = OrgApiKey.id == as_id if as_id is not None else OrgApiKey.key_prefix == ident
    statement = select(OrgApiKey).where(condition)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


async def signing_keys(session: SerializedSession) -> list[SigningKey]:
    return list(await session.scalars(select(SigningKey).order_by(SigningKey.created_at, SigningKey.kid)))


async def signing_key(session: SerializedSession, kid: str, *, for_update: bool = False) -> SigningKey | None:
    statement = select(SigningKey).where(SigningKey.kid == kid)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


async def users(session: SerializedSession) -> list[User]:
    return list(await session.scalars(select(User).order_by(User.id).limit(LIST_LIMIT)))


async def user(session: SerializedSession, ident: str, *, for_update: bool = False) -> User | None:
    """By numeric id or username."""
    condition = User.id == int(ident) if ident.isdigit() else User.username == ident
    statement = select(User).where(condition)
    return (await session.scalars(statement.with_for_update() if for_update else statement)).first()


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


async def audit_entries(session: SerializedSession, *, subject_kind: str | None, subject_id: str | None,
                        tenant: str | None, before: int | None, limit: int) -> list[AuditEntry]:
    statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    filters: list[Any] = []
    if subject_kind:
        filters.append(AuditEntry.subject_kind == subject_kind)
    if subject_id:
        filters.append(AuditEntry.subject_id == subject_id)
    if tenant:
        filters.append(AuditEntry.tenant == tenant)
    if before is not None:
        filters.append(AuditEntry.id < before)
    return list(await session.scalars(statement.where(*filters)))


async def change_if(session: SerializedSession, model: Any, conditions: list[Any], values: dict[str, Any]) -> bool:
    """UPDATE model SET values WHERE conditions; True when a row changed. The conditions restate what the
    caller read, so of two concurrent changes from the same state only one wins (on SQLite and PostgreSQL)."""
    result = await session.execute(update(model).where(*conditions).values(**values)
                                   .execution_options(synchronize_session=False))
    return bool(result.rowcount)


async def refreshed(session: SerializedSession, row: Any) -> Any:
    await session.raw.refresh(row)
    return row
