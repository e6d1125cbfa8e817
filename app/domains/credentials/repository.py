"""All SQL of provider credentials and their events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select

from app.db import SerializedSession
from app.domains.credentials.models import CredentialEvent, ProviderCredential


async def by_provider(session: SerializedSession, provider: str, *, for_update: bool = False) -> ProviderCredential | None:
    statement = select(ProviderCredential).where(ProviderCredential.provider == provider)
    if for_update:
        statement = statement.with_for_update()
    return (await session.scalars(statement)).first()


async def all_credentials(session: SerializedSession) -> list[ProviderCredential]:
    return list(await session.scalars(select(ProviderCredential).order_by(ProviderCredential.provider)))


async def events(session: SerializedSession, provider: str | None, limit: int) -> list[CredentialEvent]:
    statement = select(CredentialEvent).order_by(CredentialEvent.id.desc()).limit(limit)
    if provider:
        statement = statement.where(CredentialEvent.provider == provider)
    return list(await session.scalars(statement))


async def recent_events_for(session: SerializedSession, providers: Sequence[str], per_provider: int
                            ) -> dict[str, list[CredentialEvent]]:
    """The newest `per_provider` events of each provider, in one statement."""
    rank = func.row_number().over(partition_by=CredentialEvent.provider, order_by=CredentialEvent.id.desc())
    inner = select(CredentialEvent.id, rank.label("position")).where(CredentialEvent.provider.in_(providers)).subquery()
    statement = (select(CredentialEvent).join(inner, inner.c.id == CredentialEvent.id)
                 .where(inner.c.position <= per_provider).order_by(CredentialEvent.id.desc()))
    grouped: dict[str, list[CredentialEvent]] = defaultdict(list)
    for row in await session.scalars(statement):
        grouped[row.provider].append(row)
    return grouped


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))
