"""The run's issue index and the project's issue backlog, read from phase_issues (record_issue fills it)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel, Field

from app.context import RequestContext
from app.domains.runs import reads
from app.domains.runs import repository as repo
from app.domains.runs.models import PhaseIssue

BACKLOG_MAX = 500


class RunIssueEntry(BaseModel):
    issue_key: str
    severity: str
    source: str
    category: str
    task_category: str | None
    complexity: str | None
    occurrence_count: int
    phase_ids: list[str]
    evidence_refs: list[str]
    first_seen_at: datetime
    last_seen_at: datetime


class RunIssueIndex(BaseModel):
    run_id: str
    total_issues: int
    total_occurrences: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    issues: list[RunIssueEntry]


class BacklogQuery(BaseModel):
    limit: int = Field(100, ge=1, le=BACKLOG_MAX)
    offset: int = Field(0, ge=0)
    severity: str | None = Field(None, pattern="^(minor|major)$")


class BacklogEntry(BaseModel):
    issue_key: str
    severity: str = Field(description="major if any occurrence was major")
    category: str
    occurrence_count: int
    runs_affected: int
    phases_affected: int
    run_ids: list[str] = Field(description="Runs it was seen in, most recent first (at most 10)")
    first_seen_at: datetime
    last_seen_at: datetime


class ProjectBacklog(BaseModel):
    total_issues: int
    limit: int
    offset: int
    issues: list[BacklogEntry]


def _rank(severity: str) -> int:
    return 0 if severity == "major" else 1


async def run_issue_index(ctx: RequestContext, run_id: str) -> RunIssueIndex:
    """Issues of one run, one entry per issue key (a key seen in several phases is one entry)."""
    await reads.get_run(ctx, run_id)
    rows = await ctx.loaders.runs.issues_by_run.load(run_id)
    phases = {p.id: p.phase_id for p in await ctx.loaders.runs.phases_by_run.load(run_id)}
    grouped: dict[str, list[PhaseIssue]] = defaultdict(list)
    for row in rows:
        grouped[row.issue_key].append(row)
    entries = []
    for key, items in grouped.items():
        entries.append(RunIssueEntry(
            issue_key=key, severity=min((i.severity for i in items), key=_rank), source=items[0].source,
            category=items[0].category, task_category=items[0].task_category, complexity=items[0].complexity,
            occurrence_count=sum(i.occurrence_count for i in items),
            phase_ids=sorted({phases.get(i.phase_pk, "?") for i in items}),
            evidence_refs=sorted({ref for i in items for ref in (i.evidence_refs or [])}),
            first_seen_at=min(i.first_seen_at for i in items), last_seen_at=max(i.last_seen_at for i in items),
        ))
    entries.sort(key=lambda e: (_rank(e.severity), -e.occurrence_count, e.issue_key))
    by_severity = {"minor": 0, "major": 0}
    by_category: dict[str, int] = defaultdict(int)
    for entry in entries:
        by_severity[entry.severity] = by_severity.get(entry.severity, 0) + 1
        by_category[entry.category] += 1
    return RunIssueIndex(run_id=run_id, total_issues=len(entries),
                         total_occurrences=sum(e.occurrence_count for e in entries),
                         by_severity=by_severity, by_category=dict(by_category), issues=entries)


async def project_backlog(ctx: RequestContext, limit: int = 100, offset: int = 0, severity: str | None = None
                          ) -> ProjectBacklog:
    """Issues across every run, one entry per key: major first, then the most frequent."""
    limit, offset = min(max(limit, 1), BACKLOG_MAX), max(offset, 0)
    total, page = await repo.backlog_page(ctx.session, limit=limit, offset=offset, severity=severity)
    runs_of = await repo.recent_runs_of_issues(ctx.session, [row.issue_key for row in page], per_key=10)
    return ProjectBacklog(total_issues=total, limit=limit, offset=offset, issues=[
        BacklogEntry(issue_key=row.issue_key, severity=row.severity, category=row.category,
                     occurrence_count=int(row.occurrences or 0), runs_affected=int(row.runs),
                     phases_affected=int(row.phases), run_ids=runs_of.get(row.issue_key, []),
                     first_seen_at=_aware(row.first_seen), last_seen_at=_aware(row.last_seen))
        for row in page
    ])


def _aware(value: datetime) -> datetime:
    # Aggregates bypass the column type on SQLite and come back naive (or as text).
    from datetime import UTC

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


