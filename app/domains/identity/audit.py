"""The audit log: one row for every change to a credential, a registry entry or a manifest.

Who did it (the principal's identity), what (action and subject), when (the context's clock) and for
which tenant. Details name what changed (scopes, an overlap's end), never a secret. Admins read it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from app.auth import scopes as sc
from app.auth.hub_access import require_scope
from app.context import RequestContext
from app.domains.identity import lifecycle_repository as repo
from app.domains.identity.models import AuditEntry
from app.errors import Invalid

MAX_PAGE = 500


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    subject_kind: str
    subject_id: str
    tenant: str | None
    detail: dict[str, Any] | None


def record(ctx: RequestContext, action: str, subject_kind: str, subject_id: object, *,
           tenant: object | None = None, detail: dict[str, Any] | None = None) -> None:
    """Add an audit row to the request's session (it commits, or not, with the change it describes)."""
    repo.add(ctx.session, AuditEntry(at=ctx.clock.now(), actor=ctx.principal.identity[:128], action=action,
                                     subject_kind=subject_kind, subject_id=str(subject_id)[:128],
                                     tenant=None if tenant is None else str(tenant), detail=detail))


async def read(ctx: RequestContext, *, subject_kind: str | None = None, subject_id: str | None = None,
               tenant: str | None = None, before: int | None = None, limit: int = 100) -> list[AuditEntryOut]:
    """Newest first; `before` (an entry id) pages back."""
    require_scope(ctx.principal, sc.ADMIN)
    if limit < 1 or limit > MAX_PAGE:
        raise Invalid(f"limit must be between 1 and {MAX_PAGE}")
    rows = await repo.audit_entries(ctx.session, subject_kind=subject_kind, subject_id=subject_id, tenant=tenant,
                                    before=before, limit=limit)
    return [AuditEntryOut.model_validate(row, from_attributes=True) for row in rows]
