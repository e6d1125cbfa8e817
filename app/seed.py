"""Demo and volume data: runs with tiers and phases, through the same service functions."""

from __future__ import annotations

import random
from collections.abc import Callable

from app.auth.principal import Principal
from app.auth.credentials import OPERATOR_SCOPES
from app.context import RequestContext, in_transaction
from app.domains.runs import service
from app.domains.runs.shapes import PhaseStatusUpdate, RunStartRequest
from app.runtime import Runtime

SEEDER = Principal(kind="operator", id="seed", scopes=OPERATOR_SCOPES)
PHASE_STATES = ["COMPLETE", "COMPLETE", "COMPLETE", "EXECUTING", "QUEUED", "FAILED", "SKIPPED"]


def run_request(run_id: str, tiers: int, phases_per_tier: int) -> RunStartRequest:
    return RunStartRequest.model_validate({
        "run": {"run_id": run_id},
        "tiers": [{"tier_id": f"T{t}", "tier_index": t, "name": f"Tier {t}"} for t in range(tiers)],
        "phases": [
            {"phase_id": f"P{t}-{p}", "phase_index": t * phases_per_tier + p, "tier_id": f"T{t}",
             "name": f"Phase {t}.{p}", "task_category": "feature", "complexity": "medium"}
            for t in range(tiers) for p in range(phases_per_tier)
        ],
    })


async def seed_demo(runtime: Runtime) -> int:
    """One small run so a fresh server has something to show in GraphiQL."""
    async def demo(ctx: RequestContext) -> None:
        await service.create_run(ctx, run_request("demo-run", tiers=2, phases_per_tier=3))
        await service.update_phase_status(ctx, "demo-run", "P0-0", PhaseStatusUpdate(state="COMPLETE", tokens_used=1200))
        await service.update_phase_status(ctx, "demo-run", "P0-1", PhaseStatusUpdate(state="EXECUTING", tokens_used=300))

    await in_transaction(runtime, demo, principal=SEEDER)
    return 1


async def seed_runs(
    runtime: Runtime, count: int, *, prefix: str = "seed", rng: random.Random | None = None,
    progress: Callable[[int], None] | None = None, batch: int = 50,
) -> int:
    """`count` runs of 2..5 tiers and 5..20 phases, committed in batches."""
    rng = rng or random.Random(7)
    created = 0
    while created < count:
        ctx = RequestContext(runtime=runtime, principal=SEEDER, client_ip="seed")
        try:
            for _ in range(min(batch, count - created)):
                tiers = rng.randint(2, 5)
                per_tier = max(1, rng.randint(5, 20) // tiers)
                run_id = f"{prefix}-{created:06d}"
                request = run_request(run_id, tiers, per_tier)
                await service.create_run(ctx, request, write_files=False)
                for phase in request.phases:
                    state = rng.choice(PHASE_STATES)
                    if state != "QUEUED":
                        await service.update_phase_status(
                            ctx, run_id, phase.phase_id, PhaseStatusUpdate(state=state, tokens_used=rng.randint(100, 9000))
                        )
                created += 1
            await ctx.finish(commit=True)
        except BaseException:
            await ctx.finish(commit=False)
            raise
        if progress:
            progress(created)
    return created
