"""Queries and mutations of the control plane's dashboards. Each resolver calls one service function."""

from __future__ import annotations

import strawberry

from app.domains.approvals import governance, service as approvals
from app.domains.credentials import service as credentials
from app.domains.runs import error_reports, issue_index
from app.domains.telemetry import service as telemetry
from schema.control import types as t
from schema.runs.types import Info


@strawberry.type
class ControlQueries:
    @strawberry.field(description="Token usage of the trailing day, week (default) or month.")
    async def usage(self, info: Info, period: t.UsagePeriod = t.UsagePeriod.WEEK) -> t.Usage:
        return t.Usage.from_view(await telemetry.usage(info.context, period.value))

    @strawberry.field(description="Effective model mappings; with runId, including the run's own overrides.")
    async def model_mappings(self, info: Info, run_id: str | None = None) -> list[t.ModelMapping]:
        return [t.ModelMapping.from_view(m) for m in await telemetry.model_mappings(info.context, run_id)]

    @strawberry.field(description="Consolidated token metrics (needs AUTOPACK_ENABLE_CONSOLIDATED_METRICS=1).")
    async def consolidated_metrics(self, info: Info, run_id: str, limit: int = 1000, offset: int = 0
                                   ) -> t.ConsolidatedMetrics:
        return t.ConsolidatedMetrics.from_view(await telemetry.consolidated_metrics(info.context, run_id, limit, offset))

    @strawberry.field(description="Approval requests still waiting for a decision, oldest first.")
    async def pending_approvals(self, info: Info) -> list[t.ApprovalRequest]:
        return [t.ApprovalRequest.from_row(r) for r in await approvals.pending(info.context)]

    @strawberry.field(description="Approval requests, newest first, optionally of one status.")
    async def approvals(self, info: Info, status: str | None = None, first: int = 50) -> list[t.ApprovalRequest]:
        return [t.ApprovalRequest.from_row(r) for r in await approvals.recent(info.context, status, first)]

    @strawberry.field(description="One approval request.")
    async def approval(self, info: Info, approval_id: int) -> t.ApprovalRequest:
        return t.ApprovalRequest.from_row(await approvals.get_approval(info.context, approval_id))

    @strawberry.field(description="Governance requests, oldest first (default: the pending ones).")
    async def governance_requests(self, info: Info, status: str | None = "pending", first: int = 100
                                  ) -> list[t.GovernanceRequest]:
        return [t.GovernanceRequest.from_row(r) for r in await governance.listing(info.context, status, first)]

    @strawberry.field(description="A run's issues, one entry per issue key.")
    async def run_issue_index(self, info: Info, run_id: str) -> t.RunIssueIndex:
        return t.RunIssueIndex.from_view(await issue_index.run_issue_index(info.context, run_id))

    @strawberry.field(description="Issues across every run: major first, then the most frequent.")
    async def issue_backlog(self, info: Info, first: int = 100, offset: int = 0) -> t.IssueBacklog:
        return t.IssueBacklog.from_view(await issue_index.project_backlog(info.context, first, offset))

    @strawberry.field(description="A run's error reports, oldest first.")
    async def run_errors(self, info: Info, run_id: str) -> list[t.ErrorReport]:
        listing = await error_reports.run_errors(info.context, run_id)
        return [t.ErrorReport.from_view(e) for e in listing.errors]

    @strawberry.field(description="Health of the provider credentials (needs a bearer user token).")
    async def credential_health(self, info: Info) -> t.CredentialHealthReport:
        return t.CredentialHealthReport.from_view(await credentials.health_report(info.context))


@strawberry.type
class ControlMutations:
    @strawberry.mutation(description="Approve or reject a pending approval request (needs the X-API-Key).")
    async def decide_approval(self, info: Info, approval_id: int, approved: bool, user_id: str | None = None,
                              reason: str | None = None) -> t.ApprovalRequest:
        row = await approvals.decide_as_operator(info.context, approval_id, approved, user_id, reason)
        return t.ApprovalRequest.from_row(row)

    @strawberry.mutation(description="Approve or deny a pending governance request.")
    async def decide_governance_request(self, info: Info, request_id: str, approved: bool,
                                        user_id: str = "human") -> t.GovernanceRequest:
        return t.GovernanceRequest.from_row(await governance.decide(info.context, request_id, approved, user_id))
