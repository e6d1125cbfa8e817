"""Dashboard figures of one project over a period: build success rate and the four DORA metrics.

Definitions (docs/delivery.md says the same):
- build success rate: builds created in the period that finished `success`, over those that
  finished (`success` or `failed`), in percent; null when none finished.
- deployment frequency: successful production deployments completed in the period, per day.
- lead time for changes: median time from a build's start to the completion of its successful
  production deployment, over deployments completed in the period (seconds).
- change failure rate: production deployments finished in the period that failed or were rolled
  back, over all production deployments finished in the period, in percent.
- time to restore service: for each failed or rolled-back production deployment in the period,
  the time from the failure (roll-back, or completion when it failed) to the completion of the next
  successful production deployment of the project; the median (seconds), null when none recovered.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.context import RequestContext
from app.domains.delivery import repository as repo
from app.domains.delivery.access import require
from app.domains.delivery.catalogue import visible_project
from app.domains.delivery.releases import advance_all
from app.errors import FieldError, ValidationFailed

MAX_PERIOD_DAYS = 366


@dataclass
class Dashboard:
    project_id: str
    period_start: datetime
    period_end: datetime
    builds_total: int
    builds_succeeded: int
    builds_failed: int
    build_success_rate: float | None
    production_deployments: int
    deployment_frequency_per_day: float
    lead_time_for_changes_seconds: float | None
    change_failure_rate: float | None
    time_to_restore_seconds: float | None


def _median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _failed_at(deployment) -> datetime | None:  # noqa: ANN001
    return deployment.rolled_back_at if deployment.status == "rolled_back" else deployment.completed_at


async def project_dashboard(ctx: RequestContext, project_ident: str, period_days: int = 30) -> Dashboard:
    org = require(ctx, "deployments:read")
    if not 1 <= period_days <= MAX_PERIOD_DAYS:
        raise ValidationFailed("periodDays must be between 1 and 366",
                               fields=[FieldError("periodDays", "must be between 1 and 366")])
    project = await visible_project(ctx, org, project_ident)
    await advance_all(ctx, org)
    end = ctx.clock.now()
    start = end - timedelta(days=period_days)
    in_period = lambda moment: moment is not None and start <= moment < end  # noqa: E731

    builds = await repo.builds_between(ctx.session, org, project.id, start, end)
    succeeded = sum(b.status == "success" for b in builds)
    failed = sum(b.status == "failed" for b in builds)

    history = await repo.production_history(ctx.session, org, project.id, end)
    successes = [(d, b) for d, b in history if d.status == "success" and in_period(d.completed_at)]
    lead_times = [(d.completed_at - b.started_at).total_seconds() for d, b in successes]
    finished = [d for d, _ in history if d.status in ("success", "failed", "rolled_back")
                and in_period(_failed_at(d) if d.status != "success" else d.completed_at)]
    failures = [d for d in finished if d.status in ("failed", "rolled_back")]
    restores = []
    for failure in failures:
        failed_at = _failed_at(failure)
        later = [d.completed_at for d, _ in history
                 if d.status == "success" and d.completed_at and d.completed_at > failed_at and d.id != failure.id]
        if later:
            restores.append((min(later) - failed_at).total_seconds())
    return Dashboard(
        project_id=str(project.id), period_start=start, period_end=end, builds_total=len(builds),
        builds_succeeded=succeeded, builds_failed=failed,
        build_success_rate=round(100 * succeeded / (succeeded + failed), 2) if succeeded + failed else None,
        production_deployments=len(successes),
        deployment_frequency_per_day=round(len(successes) / period_days, 4),
        lead_time_for_changes_seconds=_median(lead_times),
        change_failure_rate=round(100 * len(failures) / len(finished), 2) if finished else None,
        time_to_restore_seconds=_median(restores),
    )


TRAFFIC_RANGES = {"1h": timedelta(hours=1), "6h": timedelta(hours=6), "24h": timedelta(days=1),
                  "7d": timedelta(days=7), "30d": timedelta(days=30)}


async def api_traffic(ctx: RequestContext, time_range: str):  # noqa: ANN201 - the repository's Traffic
    """The caller organization's API traffic over `time_range`, from the request log (metrics:read)."""
    org = require(ctx, "metrics:read")
    return await repo.traffic_since(ctx.session, org, ctx.clock.now() - TRAFFIC_RANGES[time_range])
