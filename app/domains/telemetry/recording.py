"""What the run lifecycle writes for the dashboard as phases report in (called by runs/service.py)."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.telemetry.models import Phase6Metric, TokenEfficiencyMetric, TokenUsage
from app.domains.telemetry.reports import Phase6Report, TokenEfficiencyReport, UsageReport


def record_usage(ctx: RequestContext, run_id: str, phase_id: str, source: str, growth: int,
                 usage: UsageReport | None) -> None:
    """One usage row for the tokens a submission added to its phase (nothing when it added none)."""
    if growth <= 0:
        return
    usage = usage or UsageReport()
    ctx.session.add(TokenUsage(
        run_id=run_id, phase_id=phase_id, source=(usage.source or source).lower(), provider=usage.provider,
        model=usage.model, prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
        total_tokens=growth, created_at=ctx.clock.now(),
    ))


def record_builder_metrics(ctx: RequestContext, run_id: str, phase_id: str,
                           efficiency: TokenEfficiencyReport | None, phase6: Phase6Report | None) -> None:
    now = ctx.clock.now()
    if efficiency is not None:
        ctx.session.add(TokenEfficiencyMetric(run_id=run_id, phase_id=phase_id, created_at=now,
                                              **efficiency.model_dump()))
    # Phase 6 telemetry is collected only while its kill switch is on (default off).
    if phase6 is not None and ctx.settings.enable_phase6_metrics:
        ctx.session.add(Phase6Metric(run_id=run_id, phase_id=phase_id, created_at=now, **phase6.model_dump()))
