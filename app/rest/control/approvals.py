"""Approval workflows (BUILD-117), the Telegram webhook, and governance requests (BUILD-127)."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.approvals import governance, service, telegram
from app.domains.approvals.shapes import (
    ApprovalRequestIn,
    ApprovalResponse,
    ApprovalView,
    GovernanceDecision,
    GovernanceDecisionQuery,
    GovernanceRequestIn,
    GovernanceView,
    PendingApprovals,
    PendingGovernance,
    TelegramAck,
    TelegramUpdate,
)
from app.errors import NotFound
from app.rest.control.family import control
from app.rest.endpoint import Call, parse_json
from app.rest.responses import json_response


@control.endpoint("POST", "/approval/request", body=ApprovalRequestIn, tags=["approvals"],
                  responses={200: ApprovalResponse})
async def request_approval(ctx: RequestContext, call: Call):
    """Ask a person to approve a risky decision; notifies through Telegram when a bot is configured."""
    row = await service.request_approval(ctx, call.body)
    return json_response(ApprovalResponse(status=row.status, reason=row.reason or "", approval_id=row.id,
                                          telegram_sent=row.telegram_sent, timeout_at=row.timeout_at))


def _approval_id(call: Call) -> int:
    raw = call.path("approval_id")
    if not raw.isdigit() or len(raw) > 18:
        raise NotFound(f"Approval request {raw} not found")
    return int(raw)


@control.endpoint("GET", "/approval/status/{approval_id}", tags=["approvals"],
                  responses={200: ApprovalView, 404: "Unknown approval request"})
async def approval_status(ctx: RequestContext, call: Call):
    """One request's status, for the executor's polling. Past timeout_at it has resolved as the
    configured timeout outcome (default: rejected)."""
    return json_response(service.view(await service.get_approval(ctx, _approval_id(call))))


@control.endpoint("GET", "/approval/pending", tags=["approvals"], responses={200: PendingApprovals})
async def approval_pending(ctx: RequestContext, call: Call):
    """Requests still waiting for a decision, oldest first (expired ones resolve first)."""
    return json_response(service.pending_view(await service.pending(ctx)))


@control.endpoint("POST", "/telegram/webhook", body=TelegramUpdate, body_in_handler=True, tags=["approvals"],
                  security=[],
                  responses={200: TelegramAck, 403: "Missing or wrong X-Telegram-Bot-Api-Secret-Token",
                             503: "CROSSWAY_TELEGRAM_WEBHOOK_SECRET is not set"})
async def telegram_webhook(ctx: RequestContext, call: Call):
    """Telegram's callback for the Approve/Reject buttons (a Telegram Update as JSON).

    X-Telegram-Bot-Api-Secret-Token is verified before the body is read."""
    telegram.check_secret(ctx, call.request.headers.get("x-telegram-bot-api-secret-token"))
    update = await parse_json(call.request)
    return json_response(await telegram.handle_update(
        ctx, call.request.headers.get("x-telegram-bot-api-secret-token"), update))


@control.endpoint("GET", "/governance/pending", tags=["governance"], responses={200: PendingGovernance})
async def governance_pending(ctx: RequestContext, call: Call):
    """Governance requests waiting for a decision, oldest first."""
    return json_response(governance.pending_view(await governance.pending(ctx)))


@control.endpoint("POST", "/governance/request", body=GovernanceRequestIn, auth="X-API-Key", tags=["governance"],
                  responses={201: GovernanceView, 403: "Invalid or missing API key"})
async def governance_request(ctx: RequestContext, call: Call):
    """File a governance request (the executor does, when a phase needs more than its scope allows)."""
    return json_response(governance.view(await governance.create(ctx, call.body)), 201)


@control.endpoint("POST", "/governance/approve/{request_id}", query=GovernanceDecisionQuery, tags=["governance"],
                  responses={200: GovernanceDecision, 400: "Already decided", 404: "Unknown request"})
async def governance_approve(ctx: RequestContext, call: Call):
    """Approve (approved=true) or deny (approved=false) a governance request, as user_id."""
    q = call.query
    row = await governance.decide(ctx, call.path("request_id"), q.approved, q.user_id)
    return json_response(GovernanceDecision(
        request_id=row.id, status=row.status, approved=row.status == "approved", decided_by=row.decided_by,
        decided_at=row.decided_at, message=f"Governance request {row.id} {row.status} by {row.decided_by}"))


