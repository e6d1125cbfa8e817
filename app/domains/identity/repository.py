"""All SQL of the identity domain (consumers, keys) and the credential look-ups."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select, update

from app.db import SerializedSession
from app.domains.identity.models import ApiConsumer, ApiKey, User
from app.domains.interactions.models import Hub, HubCapabilityManifest


async def consumer_by_client_id(session: SerializedSession, client_id: str) -> ApiConsumer | None:
    return (await session.scalars(select(ApiConsumer).where(ApiConsumer.client_id == client_id))).first()


async def key_by_hash_with_manifest(session: SerializedSession, key_hash: str) -> tuple[ApiKey, bool] | None:
    """The key with this hash and whether its hub has an active capability manifest, in one statement."""
    manifest_active = exists().where(
        HubCapabilityManifest.hub_id == ApiKey.hub_id, HubCapabilityManifest.status == "active"
    ).label("manifest_active")
    row = (await session.execute(select(ApiKey, manifest_active).where(ApiKey.key_hash == key_hash))).first()
    return None if row is None else (row[0], bool(row[1]))


async def key_by_id(session: SerializedSession, key_id: uuid.UUID) -> ApiKey | None:
    return await session.get(ApiKey, key_id)


async def hub_by_key_hash(session: SerializedSession, key_hash: str, now: datetime) -> Hub | None:
    """The active hub whose v1 key (or, during a rotation's overlap, previous v1 key) has this digest."""
    current = Hub.api_key_hash == key_hash
    previous = and_(Hub.previous_key_hash == key_hash, Hub.previous_key_expires_at > now)
    statement = select(Hub).where(or_(current, previous), Hub.status == "active",
                                  Hub.key_disabled_at.is_(None), Hub.key_revoked_at.is_(None))
    return (await session.scalars(statement)).first()


async def hub_has_active_manifest(session: SerializedSession, hub_id: uuid.UUID) -> bool:
    statement = select(
        exists().where(HubCapabilityManifest.hub_id == hub_id, HubCapabilityManifest.status == "active")
    )
    return bool(await session.scalar(statement))


async def touch_key(session: SerializedSession, key_id: uuid.UUID, now: datetime) -> None:
    await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=now))


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


async def user_by_login(session: SerializedSession, name: str) -> User | None:
    """The user whose username (any case) or email is `name`."""
    statement = select(User).where(or_(func.lower(User.username) == name.lower(), User.email == name))
    return (await session.scalars(statement)).first()


async def user_clashing(session: SerializedSession, username: str, email: str) -> User | None:
    statement = select(User).where(or_(func.lower(User.username) == username.lower(), User.email == email))
    return (await session.scalars(statement)).first()


async def user_by_id(session: SerializedSession, user_id: int) -> User | None:
    return await session.get(User, user_id)
