"""Queries, mutations and the subscription of the run lifecycle."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from app.context import RequestContext
from app.domains.runs import reads, service
from schema.pagination import Connection, connection
from schema.runs.projection import projected_runs
from schema.runs.inputs import PhaseStatusInput, StartRunInput
from schema.runs.types import Info, Phase, Run, RunProgress, RunState, prefetch_run_children


@strawberry.type
class RunQueries:
    @strawberry.field(description="One run by its id.")
    async def run(self, info: Info, id: str) -> Run | None:  # noqa: A002 - GraphQL argument name
        row = await info.context.loaders.runs.run.load(id)
        if row is None:
            return None
        run = Run.from_row(row)
        await prefetch_run_children(info, [run])
        return run

    @strawberry.field(description="Runs, newest first, as a Relay connection (first: 1..100).")
    async def runs(
        self, info: Info, first: int = 20, after: str | None = None,
        state: list[RunState] | None = None,  # type: ignore[valid-type]
    ) -> Connection[Run]:
        ctx = info.context
        projected = await projected_runs(info, first, after, state, node=("edges", "node"))
        if projected is not None:  # only plain columns selected: read just those
            nodes, has_next = projected
            return connection(
                nodes, [reads.encode_cursor(r) for r in nodes], has_next=has_next, has_previous=after is not None,
                count=lambda: reads.count_runs(ctx, state),
            )
        page = await reads.runs_slice(ctx, first, after, state)
        runs = [Run.from_row(r) for r in page.runs]
        await prefetch_run_children(info, runs, node=("edges", "node"))
        return connection(
            runs, [reads.encode_cursor(r) for r in page.runs],
            has_next=page.has_next, has_previous=after is not None,
            count=lambda: reads.count_runs(ctx, page.states),
        )


@strawberry.type
class RunMutations:
    @strawberry.mutation(description="Start a run (requires the control plane's X-API-Key).")
    async def start_run(self, info: Info, input: StartRunInput) -> Run:  # noqa: A002
        run = await service.start_run(info.context, input.to_request())
        return Run.from_row(run)

    @strawberry.mutation(description="Update a phase's state and metrics.")
    async def update_phase_status(self, info: Info, run_id: str, phase_id: str, input: PhaseStatusInput) -> Phase:  # noqa: A002
        phase = await service.update_phase_status(info.context, run_id, phase_id, input.to_update())
        return Phase.from_row(phase)


@strawberry.type
class RunSubscriptions:
    @strawberry.subscription(description="Emits the run's progress after every phase update.")
    async def run_progress(self, info: Info, run_id: str) -> AsyncGenerator[RunProgress, None]:
        ctx = info.context
        await reads.run_progress(ctx, run_id)  # refuses unknown runs and unauthorised callers up front
        await ctx.finish(commit=False)
        async for _ in ctx.runtime.broker.subscribe(service.run_topic(run_id)):
            fresh = RequestContext(runtime=ctx.runtime, principal=ctx.principal, client_ip=ctx.client_ip,
                                   request_id=ctx.request_id)
            try:
                progress = await reads.run_progress(fresh, run_id)
                yield RunProgress.from_progress(progress)
            finally:
                await fresh.finish(commit=False)
