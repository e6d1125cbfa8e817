"""Table rows to read models (the REST door's response bodies)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from app.clock import utc_iso
from app.domains.runs import reads
from app.domains.runs.models import Phase, PhaseIssue, Run, Tier
from app.domains.runs.shapes import (
    DashboardRunStatus,
    IssueResponse,
    PhaseProgress,
    PhaseResponse,
    RunProgressResponse,
)


def phase_view(phase: Phase, run_id: str | None = None) -> PhaseResponse:
    return PhaseResponse(
        id=phase.id, phase_id=phase.phase_id, run_id=run_id or phase.run_id, tier_id=phase.tier_id,
        name=phase.name, description=phase.description, state=phase.state, task_category=phase.task_category,
        complexity=phase.complexity, builder_mode=phase.builder_mode, phase_index=phase.phase_index,
        scope=phase.scope, intention_refs=phase.intention_refs,
    )


def run_view(run: Run, tiers: list[Tier], phases: list[Phase]) -> dict[str, Any]:
    """The RunResponse document as plain JSON values (a run detail is a hot read: a model per phase costs
    more than its query; tests/rest/control/test_run_reads.py checks the document against the model)."""
    phase_docs = [
        {"id": p.id, "phase_id": p.phase_id, "run_id": p.run_id, "tier_id": p.tier_id, "name": p.name,
         "description": p.description, "state": _value(p.state), "task_category": p.task_category,
         "complexity": p.complexity, "builder_mode": p.builder_mode, "phase_index": p.phase_index,
         "scope": p.scope, "intention_refs": p.intention_refs}
        for p in phases
    ]
    return {
        "id": run.id, "state": _value(run.state), "safety_profile": run.safety_profile, "run_scope": run.run_scope,
        "created_at": utc_iso(run.created_at), "started_at": utc_iso(run.started_at),
        "completed_at": utc_iso(run.completed_at), "tokens_used": run.tokens_used, "ci_runs_used": run.ci_runs_used,
        "minor_issues_count": run.minor_issues_count, "major_issues_count": run.major_issues_count,
        "promotion_eligible_to_main": "true" if run.promotion_eligible_to_main else "false",
        "debt_status": run.debt_status, "failure_reason": run.failure_reason,
        "tiers": [
            {"id": t.id, "tier_id": t.tier_id, "name": t.name, "state": _value(t.state), "tier_index": t.tier_index,
             "cleanliness": t.cleanliness, "minor_issues_count": t.minor_issues_count,
             "major_issues_count": t.major_issues_count,
             "phases": [doc for doc in phase_docs if doc["tier_id"] == t.id]}
            for t in tiers
        ],
        "phases": phase_docs,
    }


def _value(state: Any) -> Any:
    return state.value if isinstance(state, Enum) else state


def runs_page_view(page: reads.RunsPage) -> dict[str, Any]:
    """The RunsPageResponse document as plain JSON values: the inbox is the hottest listing, and
    building a pydantic model per row costs more than the query (tests/test_runs_inbox.py checks the
    document against the model)."""
    return {
        "runs": [
            {"id": row.id, "state": row.state, "created_at": utc_iso(row.created_at), "tokens_used": row.tokens_used,
             "token_cap": row.token_cap, "phases_total": row.phases_total, "phases_completed": row.phases_completed,
             "current_phase_name": row.current_phase_name}
            for row in page.rows
        ],
        "total": page.total, "limit": page.limit, "offset": page.offset,
    }


def progress_view(progress: reads.Progress) -> RunProgressResponse:
    run = progress.run
    return RunProgressResponse(
        run_id=run.id, state=run.state, started_at=run.started_at, completed_at=run.completed_at,
        elapsed_seconds=progress.elapsed_seconds, tokens_used=run.tokens_used, token_cap=run.token_cap,
        phases_total=len(progress.phases), phases_completed=progress.phases_completed,
        phases_in_progress=progress.phases_in_progress, phases_pending=progress.phases_pending,
        phases=[
            PhaseProgress(phase_id=p.phase_id, name=p.name, state=p.state, phase_index=p.phase_index,
                          tokens_used=p.tokens_used, builder_attempts=p.builder_attempts)
            for p in progress.phases
        ],
    )


def dashboard_view(status: reads.DashboardStatus) -> DashboardRunStatus:
    run, phase, tier = status.run, status.progress.current_phase, status.current_tier
    return DashboardRunStatus(
        run_id=run.id, state=run.state, current_tier_name=tier.name if tier else None,
        current_phase_name=phase.name if phase else None, current_tier_index=tier.tier_index if tier else None,
        current_phase_index=phase.phase_index if phase else None, total_tiers=len(status.tiers),
        total_phases=len(status.progress.phases), completed_tiers=status.completed_tiers,
        completed_phases=status.progress.phases_completed, percent_complete=status.percent_complete,
        tokens_used=run.tokens_used, token_cap=run.token_cap, token_utilization=status.token_utilization,
        minor_issues_count=run.minor_issues_count, major_issues_count=run.major_issues_count,
    )


def issue_view(issue: PhaseIssue, phase_id: str) -> IssueResponse:
    return IssueResponse(
        id=issue.id, run_id=issue.run_id, phase_id=phase_id, issue_key=issue.issue_key, severity=issue.severity,
        source=issue.source, category=issue.category, occurrence_count=issue.occurrence_count,
        evidence_refs=issue.evidence_refs, first_seen_at=issue.first_seen_at, last_seen_at=issue.last_seen_at,
    )
