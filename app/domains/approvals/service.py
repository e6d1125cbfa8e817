"""Approvals of risky decisions (BUILD-117).

A request is answered at once: approved when AUTO_APPROVE_BUILD113 is on (never in production:
the server refuses to start with it), otherwise pending, with a Telegram message when a bot is
configured. A pending request is decided by a person (Telegram buttons, or the GraphQL mutation
with the control plane's key) or, once `timeout_at` has passed, resolves as
CROSSWAY_APPROVAL_TIMEOUT_OUTCOME (default: rejected). Timeouts are computed from the clock when
a request is read, so no background job is needed. Every step is written to the audit trail.
"""

from __future__ import annotations

import json
from datetime import timedelta

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.approvals import repository as repo
from app.domains.approvals.models import ApprovalAuditEntry, ApprovalRequest
from app.domains.approvals.notifier import ApprovalNotice
from app.domains.approvals.shapes import ApprovalRequestIn, ApprovalView, AuditEntryView, PendingApprovals
from app.domains.credentials import service as credentials
from app.errors import Invalid, Misconfigured, NotFound
from app.platform.redaction import known_secrets, redact

AUTO_APPROVER = "AUTO_APPROVE_BUILD113"


def audit(ctx: RequestContext, approval_id: int, event: str, actor: str | None = None, detail: str | None = None) -> None:
    repo.add(ctx.session, ApprovalAuditEntry(approval_id=approval_id, event=event, actor=actor, detail=detail,
                                             created_at=ctx.clock.now()))


def _summary(request: ApprovalRequestIn) -> str:
    parts = []
    for label, info in (("Decision", request.decision_info), ("Deletion", request.deletion_info)):
        if info:
            parts.append(f"{label}: {json.dumps(info, sort_keys=True, default=str)[:1500]}")
    return "\n".join(parts) or "(no details given)"


async def request_approval(ctx: RequestContext, request: ApprovalRequestIn) -> ApprovalRequest:
    settings, now = ctx.settings, ctx.clock.now()
    row = ApprovalRequest(
        run_id=request.run_id, phase_id=request.phase_id, context=request.context,
        decision_info=request.decision_info, deletion_info=request.deletion_info, status="pending",
        requested_at=now, timeout_at=now + timedelta(seconds=settings.approval_timeout_seconds),
    )
    repo.add(ctx.session, row)
    await ctx.session.flush()
    audit(ctx, row.id, "requested", detail=f"run {row.run_id}, phase {row.phase_id}, context {row.context}")

    if settings.auto_approve_build113:
        if settings.is_production:  # create_app refuses this already; a second guard costs nothing
            raise Misconfigured("AUTO_APPROVE_BUILD113 is refused in production")
        row.status, row.decision_source, row.decided_by, row.decided_at = "approved", "auto", AUTO_APPROVER, now
        row.reason = "Auto-approved: AUTO_APPROVE_BUILD113 is on (not allowed in production)"
        audit(ctx, row.id, "approved", actor=AUTO_APPROVER, detail=row.reason)
        await ctx.session.flush()
        return row

    notifier = ctx.runtime.notifier
    delivery = await notifier.request_approval(ApprovalNotice(
        approval_id=row.id, run_id=row.run_id, phase_id=row.phase_id, context=row.context,
        summary=redact(_summary(request), known_secrets(settings))[0], timeout_at=row.timeout_at.isoformat()))
    outcome = settings.approval_timeout_outcome
    if delivery.sent:
        row.telegram_sent, row.telegram_message_id = True, delivery.message_id
        row.reason = f"Awaiting human approval via Telegram; resolves as {outcome} at timeout_at"
        audit(ctx, row.id, "notified", actor=notifier.name, detail=f"message {delivery.message_id}")
    else:
        row.reason = f"Awaiting human approval ({delivery.error}); resolves as {outcome} at timeout_at"
        audit(ctx, row.id, "notify_failed" if notifier.enabled else "not_notified", actor=notifier.name,
              detail=delivery.error)
    if notifier.enabled:
        await credentials.note_use(ctx, notifier.name, delivery.sent, delivery.error)
    await ctx.session.flush()
    return row


def _resolve_timeout(ctx: RequestContext, row: ApprovalRequest) -> bool:
    """Resolve a pending request whose time is up; True when it did."""
    now = ctx.clock.now()
    if row.status != "pending" or row.timeout_at > now:
        return False
    outcome = ctx.settings.approval_timeout_outcome
    row.status, row.decision_source, row.decided_by, row.decided_at = outcome, "timeout", "timeout", now
    row.reason = (f"No decision within {int((row.timeout_at - row.requested_at).total_seconds())} s; "
                  f"resolved as {outcome} (CROSSWAY_APPROVAL_TIMEOUT_OUTCOME)")
    audit(ctx, row.id, "timed_out", actor="timeout", detail=row.reason)
    return True


async def expire_due(ctx: RequestContext) -> int:
    rows = await repo.expired_pending(ctx.session, ctx.clock.now())
    for row in rows:
        _resolve_timeout(ctx, row)
    if rows:
        await ctx.session.flush()
    return len(rows)


async def get_approval(ctx: RequestContext, approval_id: int, *, for_update: bool = False) -> ApprovalRequest:
    row = await repo.approval(ctx.session, approval_id, for_update=for_update)
    if row is None:
        raise NotFound(f"Approval request {approval_id} not found")
    if _resolve_timeout(ctx, row):
        await ctx.session.flush()
    return row


async def pending(ctx: RequestContext) -> list[ApprovalRequest]:
    await expire_due(ctx)
    return await repo.pending_approvals(ctx.session, ctx.clock.now())


async def decide(ctx: RequestContext, approval_id: int, approved: bool, *, actor: str, source: str,
                 reason: str | None = None) -> ApprovalRequest:
    """A person's decision. Refused (400) once the request is decided or timed out."""
    row = await get_approval(ctx, approval_id, for_update=True)
    if row.status != "pending":
        raise Invalid(f"Approval request {approval_id} is already {row.status}")
    status = "approved" if approved else "rejected"
    row.status, row.decision_source, row.decided_by, row.decided_at = status, source, actor, ctx.clock.now()
    row.reason = reason or f"{status.capitalize()} by {actor} via {source}"
    audit(ctx, row.id, status, actor=actor, detail=row.reason)
    await ctx.session.flush()
    ctx.loaders.approvals.forget(row.id)
    return row


async def decide_as_operator(ctx: RequestContext, approval_id: int, approved: bool, user_id: str | None,
                             reason: str | None = None) -> ApprovalRequest:
    """The dashboard's decision (GraphQL): needs the control plane's X-API-Key."""
    require_api_key(ctx.settings, ctx.principal)
    actor = (user_id or ctx.principal.identity)[:128]
    return await decide(ctx, approval_id, approved, actor=actor, source="api", reason=reason)


async def recent(ctx: RequestContext, status: str | None, limit: int) -> list[ApprovalRequest]:
    await expire_due(ctx)
    return await repo.recent_approvals(ctx.session, status, min(max(limit, 1), repo.PENDING_MAX))


def view(row: ApprovalRequest) -> ApprovalView:
    return ApprovalView(
        approval_id=row.id, run_id=row.run_id, phase_id=row.phase_id, context=row.context, status=row.status,
        reason=row.reason, decision_info=row.decision_info, deletion_info=row.deletion_info,
        telegram_sent=row.telegram_sent, requested_at=row.requested_at, timeout_at=row.timeout_at,
        decided_at=row.decided_at, decided_by=row.decided_by, decision_source=row.decision_source,
    )


def pending_view(rows: list[ApprovalRequest]) -> PendingApprovals:
    return PendingApprovals(count=len(rows), requests=[view(r) for r in rows])


def audit_view(row: ApprovalAuditEntry) -> AuditEntryView:
    return AuditEntryView(id=row.id, approval_id=row.approval_id, event=row.event, actor=row.actor,
                          detail=row.detail, created_at=row.created_at)
