"""GraphQL types of the control plane's dashboards: usage, model mappings, consolidated metrics,
approvals, governance requests, issues, error reports and credential health.

Built from the same read models the REST door renders; nested fields go through loaders."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from app.domains.approvals import models as approval_models
from app.domains.credentials.shapes import CredentialEventView, CredentialHealth as HealthView
from app.domains.credentials.shapes import HealthReport
from app.domains.credentials.service import event_view
from app.domains.runs import error_reports, issue_index
from app.domains.telemetry import shapes as tel
from schema.runs.types import Info, Run


@strawberry.enum
class UsagePeriod(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@strawberry.type
class ProviderUsage:
    provider: str
    prompt_tokens: int
    completion_tokens: int
    tokens_used: int


@strawberry.type
class ModelUsage:
    provider: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    tokens_used: int


@strawberry.type(description="Token usage over a trailing period, by provider and model.")
class Usage:
    period: str
    start: datetime
    end: datetime
    total_tokens: int
    providers: list[ProviderUsage]
    models: list[ModelUsage]

    @classmethod
    def from_view(cls, view: tel.UsageResponse) -> Usage:
        return cls(period=view.period, start=view.start, end=view.end, total_tokens=view.total_tokens,
                   providers=[ProviderUsage(provider=p.provider, prompt_tokens=p.prompt_tokens,
                                            completion_tokens=p.completion_tokens, tokens_used=p.tokens_used)
                              for p in view.providers],
                   models=[ModelUsage(**m.model_dump()) for m in view.models])


@strawberry.type(description="The model used for a role, category and complexity.")
class ModelMapping:
    role: str
    category: str
    complexity: str
    model: str
    scope: str
    run_id: str | None

    @classmethod
    def from_view(cls, view: tel.ModelMapping) -> ModelMapping:
        return cls(**view.model_dump())


@strawberry.type(description="Consolidated token metrics of a run: four independent categories.")
class ConsolidatedMetrics:
    run_id: str
    total_tokens_spent: int
    total_prompt_tokens: int
    total_completion_tokens: int
    doctor_tokens_spent: int
    artifact_tokens_avoided: int
    artifact_substitutions_count: int
    doctor_tokens_avoided_estimate: int
    doctor_calls_skipped_count: int
    estimate_coverage_n: int | None
    estimate_source: str | None
    ab_delta_tokens_saved: int | None
    ab_control_run_id: str | None
    ab_treatment_run_id: str | None
    total_phases: int
    completed_phases: int

    @classmethod
    def from_view(cls, view: tel.ConsolidatedTokenMetrics) -> ConsolidatedMetrics:
        return cls(**view.model_dump())


@strawberry.type
class ApprovalAuditEntry:
    event: str
    actor: str | None
    detail: str | None
    created_at: datetime


@strawberry.type(description="A request for human approval of a risky decision.")
class ApprovalRequest:
    approval_id: int
    run_id: str
    phase_id: str
    context: str
    status: str
    reason: str | None
    decision_info: JSON | None
    deletion_info: JSON | None
    telegram_sent: bool
    requested_at: datetime
    timeout_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision_source: str | None

    @strawberry.field(description="The run, when it exists.")
    async def run(self, info: Info) -> Run | None:
        row = await info.context.loaders.runs.run.load(self.run_id)
        return Run.from_row(row) if row else None

    @strawberry.field(description="Every step of the request, oldest first.")
    async def audit_trail(self, info: Info) -> list[ApprovalAuditEntry]:
        rows = await info.context.loaders.approvals.audit_by_approval.load(self.approval_id)
        return [ApprovalAuditEntry(event=r.event, actor=r.actor, detail=r.detail, created_at=r.created_at) for r in rows]

    @classmethod
    def from_row(cls, row: approval_models.ApprovalRequest) -> ApprovalRequest:
        return cls(approval_id=row.id, run_id=row.run_id, phase_id=row.phase_id, context=row.context,
                   status=row.status, reason=row.reason, decision_info=row.decision_info,
                   deletion_info=row.deletion_info, telegram_sent=row.telegram_sent, requested_at=row.requested_at,
                   timeout_at=row.timeout_at, decided_at=row.decided_at, decided_by=row.decided_by,
                   decision_source=row.decision_source)


@strawberry.type(description="A phase's request to do more than its scope allows.")
class GovernanceRequest:
    request_id: str
    run_id: str
    phase_id: str | None
    requested_action: str
    target_paths: list[str]
    justification: str | None
    risk_level: str
    status: str
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None

    @strawberry.field(description="The run, when it exists.")
    async def run(self, info: Info) -> Run | None:
        row = await info.context.loaders.runs.run.load(self.run_id)
        return Run.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: approval_models.GovernanceRequest) -> GovernanceRequest:
        return cls(request_id=row.id, run_id=row.run_id, phase_id=row.phase_id,
                   requested_action=row.requested_action, target_paths=list(row.target_paths or []),
                   justification=row.justification, risk_level=row.risk_level, status=row.status,
                   created_at=row.created_at, decided_at=row.decided_at, decided_by=row.decided_by)


@strawberry.type
class ErrorReport:
    id: int
    run_id: str
    phase_id: str | None
    source: str
    error_type: str
    message: str
    details: JSON | None
    created_at: datetime

    @classmethod
    def from_view(cls, view: error_reports.ErrorReportView) -> ErrorReport:
        return cls(**view.model_dump())


@strawberry.type
class RunIssueEntry:
    issue_key: str
    severity: str
    source: str
    category: str
    occurrence_count: int
    phase_ids: list[str]
    first_seen_at: datetime
    last_seen_at: datetime


@strawberry.type(description="A run's issues, one entry per issue key.")
class RunIssueIndex:
    run_id: str
    total_issues: int
    total_occurrences: int
    issues: list[RunIssueEntry]

    @classmethod
    def from_view(cls, view: issue_index.RunIssueIndex) -> RunIssueIndex:
        return cls(run_id=view.run_id, total_issues=view.total_issues, total_occurrences=view.total_occurrences,
                   issues=[RunIssueEntry(issue_key=i.issue_key, severity=i.severity, source=i.source,
                                         category=i.category, occurrence_count=i.occurrence_count,
                                         phase_ids=i.phase_ids, first_seen_at=i.first_seen_at,
                                         last_seen_at=i.last_seen_at) for i in view.issues])


@strawberry.type
class BacklogEntry:
    issue_key: str
    severity: str
    category: str
    occurrence_count: int
    runs_affected: int
    phases_affected: int
    run_ids: list[str]
    first_seen_at: datetime
    last_seen_at: datetime


@strawberry.type(description="Issues across every run.")
class IssueBacklog:
    total_issues: int
    issues: list[BacklogEntry]

    @classmethod
    def from_view(cls, view: issue_index.ProjectBacklog) -> IssueBacklog:
        return cls(total_issues=view.total_issues, issues=[BacklogEntry(**i.model_dump()) for i in view.issues])


@strawberry.type
class CredentialEvent:
    id: int
    event_type: str
    actor: str | None
    detail: str | None
    created_at: datetime

    @classmethod
    def from_view(cls, view: CredentialEventView) -> CredentialEvent:
        return cls(id=view.id, event_type=view.event_type, actor=view.actor, detail=view.detail,
                   created_at=view.created_at)


@strawberry.type(description="Health of one provider credential (the secret is never exposed).")
class CredentialHealth:
    provider: str
    display_name: str | None
    credential_type: str
    status: str
    has_secret: bool
    expires_at: datetime | None
    expires_in_seconds: int | None
    consecutive_failures: int
    total_failures: int
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None
    refresh_requested_at: datetime | None

    @strawberry.field(description="The newest lifecycle events (at most 20).")
    async def events(self, info: Info) -> list[CredentialEvent]:
        rows = await info.context.loaders.approvals.events_by_provider.load(self.provider)
        return [CredentialEvent.from_view(event_view(r)) for r in rows]

    @classmethod
    def from_view(cls, view: HealthView) -> CredentialHealth:
        return cls(provider=view.provider, display_name=view.display_name, credential_type=view.credential_type,
                   status=view.status, has_secret=view.has_secret, expires_at=view.expires_at,
                   expires_in_seconds=view.expires_in_seconds, consecutive_failures=view.consecutive_failures,
                   total_failures=view.total_failures, last_success_at=view.last_success_at,
                   last_failure_at=view.last_failure_at, last_error=view.last_error,
                   refresh_requested_at=view.refresh_requested_at)


@strawberry.type
class CredentialHealthSummary:
    total: int
    healthy: int
    degraded: int
    expiring: int
    failing: int
    expired: int


@strawberry.type(description="Health of Crossway's credentials for external providers.")
class CredentialHealthReport:
    status: str
    checked_at: datetime
    summary: CredentialHealthSummary
    credentials: list[CredentialHealth]

    @classmethod
    def from_view(cls, view: HealthReport) -> CredentialHealthReport:
        return cls(status=view.status, checked_at=view.checked_at,
                   summary=CredentialHealthSummary(**view.summary.model_dump()),
                   credentials=[CredentialHealth.from_view(c) for c in view.credentials])
