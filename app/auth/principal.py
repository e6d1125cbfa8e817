"""Who is calling. Every credential a request carries becomes one Principal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from starlette.authentication import BaseUser


@dataclass(frozen=True)
class Principal(BaseUser):
    kind: str = "anonymous"  # anonymous | operator | hub | client | api_key | system
    id: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    # A credential was presented but did not verify. Public routes ignore this;
    # protected ones refuse with their family's message.
    rejected_credential: str | None = None
    # The hub a hub key, hub client or hub-bound API key acts for; None for unbound callers.
    hub_id: uuid.UUID | None = None
    # The API key or OAuth client behind the request, for logs, limits and quotas.
    credential_id: str | None = None
    # Per-credential budgets configured on the client or key (None: the settings' defaults).
    rate_per_minute: int | None = None
    daily_quota: int | None = None
    # The delivery pipeline organization an org token or org API key acts for (its permissions are the scopes).
    organization_id: uuid.UUID | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    @property
    def display_name(self) -> str:
        return self.id or self.kind

    @property
    def identity(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind

    def has(self, scope: str) -> bool:
        return scope in self.scopes


ANONYMOUS = Principal()
