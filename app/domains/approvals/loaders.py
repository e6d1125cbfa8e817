"""DataLoaders of approvals and credentials (the dashboard's nested reads)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiodataloader import DataLoader

from app.domains.approvals import repository as repo
from app.domains.approvals.models import ApprovalAuditEntry
from app.domains.credentials import repository as credential_repo
from app.domains.credentials.models import CredentialEvent

if TYPE_CHECKING:
    from app.context import RequestContext

EVENTS_PER_PROVIDER = 20


class ApprovalLoaders:
    def __init__(self, ctx: RequestContext) -> None:
        async def load_audit(ids: list[int]) -> list[list[ApprovalAuditEntry]]:
            grouped = await repo.audit_for(ctx.session, ids)
            return [grouped.get(i, []) for i in ids]

        async def load_events(providers: list[str]) -> list[list[CredentialEvent]]:
            grouped = await credential_repo.recent_events_for(ctx.session, providers, EVENTS_PER_PROVIDER)
            return [grouped.get(p, []) for p in providers]

        self.audit_by_approval = DataLoader(load_audit)
        self.events_by_provider = DataLoader(load_events)

    def forget(self, approval_id: int) -> None:
        self.audit_by_approval.clear(approval_id)
