"""Governance requests (BUILD-127): a phase asks to do something its scope does not allow
(touch a protected path, widen its scope); a person approves or denies it.

Creating one needs the control plane's X-API-Key (the executor files them); reading and deciding
are open, as the contract documents.
"""

from __future__ import annotations

import secrets

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.approvals import repository as repo
from app.domains.approvals.models import GovernanceRequest
from app.domains.approvals.shapes import GovernanceRequestIn, GovernanceView, PendingGovernance
from app.errors import Invalid, NotFound


async def create(ctx: RequestContext, request: GovernanceRequestIn) -> GovernanceRequest:
    require_api_key(ctx.settings, ctx.principal)
    paths = [p.strip() for p in request.target_paths if p.strip()]
    row = GovernanceRequest(
        id=f"gov-{secrets.token_hex(8)}", run_id=request.run_id, phase_id=request.phase_id,
        requested_action=request.requested_action, target_paths=paths, justification=request.justification,
        risk_level=request.risk_level, status="pending", created_at=ctx.clock.now(),
    )
    repo.add(ctx.session, row)
    await ctx.session.flush()
    return row


async def pending(ctx: RequestContext) -> list[GovernanceRequest]:
    return await repo.governance_list(ctx.session, "pending", repo.PENDING_MAX)


async def listing(ctx: RequestContext, status: str | None, limit: int) -> list[GovernanceRequest]:
    return await repo.governance_list(ctx.session, status, min(max(limit, 1), repo.PENDING_MAX))


async def decide(ctx: RequestContext, request_id: str, approved: bool, user_id: str) -> GovernanceRequest:
    row = await repo.governance(ctx.session, request_id, for_update=True)
    if row is None:
        raise NotFound(f"Governance request {request_id} not found")
    if row.status != "pending":
        raise Invalid(f"Governance request {request_id} is already {row.status}")
    row.status = "approved" if approved else "denied"
    row.decided_by, row.decided_at = user_id, ctx.clock.now()
    await ctx.session.flush()
    return row


def view(row: GovernanceRequest) -> GovernanceView:
    return GovernanceView(
        request_id=row.id, run_id=row.run_id, phase_id=row.phase_id, requested_action=row.requested_action,
        target_paths=list(row.target_paths or []), justification=row.justification, risk_level=row.risk_level,
        status=row.status, created_at=row.created_at, decided_at=row.decided_at, decided_by=row.decided_by,
    )


def pending_view(rows: list[GovernanceRequest]) -> PendingGovernance:
    return PendingGovernance(count=len(rows), pending_requests=[view(r) for r in rows])
