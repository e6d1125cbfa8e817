"""DataLoaders of the runs domain. Each batch function returns results in key order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiodataloader import DataLoader

from app.domains.runs import repository as repo
from app.domains.runs.models import ErrorReport, Run

if TYPE_CHECKING:
    from app.context import RequestContext


class RunLoaders:
    """Runs and error reports load as ORM objects; tiers, phases and issues as read-only named tuples of
    their table's columns (see repository._grouped_rows)."""

    def __init__(self, ctx: RequestContext) -> None:
        def session():  # noqa: ANN202 - opened lazily, on the first batch
            return ctx.session

        async def load_runs(ids: list[str]) -> list[Run | None]:
            found = await repo.runs_by_ids(session(), ids)
            return [found.get(i) for i in ids]

        async def load_tiers(run_ids: list[str]) -> list[list[Any]]:
            grouped = await repo.tiers_for_runs(session(), run_ids)
            return [grouped.get(i, []) for i in run_ids]

        async def load_phases_by_run(run_ids: list[str]) -> list[list[Any]]:
            grouped = await repo.phases_for_runs(session(), run_ids)
            return [grouped.get(i, []) for i in run_ids]

        async def load_phases_by_tier(tier_ids: list[int]) -> list[list[Any]]:
            grouped = await repo.phases_for_tiers(session(), tier_ids)
            return [grouped.get(i, []) for i in tier_ids]

        async def load_issues_by_phase(phase_pks: list[int]) -> list[list[Any]]:
            grouped = await repo.issues_for_phases(session(), phase_pks)
            return [grouped.get(i, []) for i in phase_pks]

        async def load_issues_by_run(run_ids: list[str]) -> list[list[Any]]:
            grouped = await repo.issues_for_runs(session(), run_ids)
            return [grouped.get(i, []) for i in run_ids]

        async def load_errors_by_run(run_ids: list[str]) -> list[list[ErrorReport]]:

            grouped = await repo.errors_for_runs(session(), run_ids)
            return [grouped.get(i, []) for i in run_ids]

        self.run = DataLoader(load_runs)
        self.tiers_by_run = DataLoader(load_tiers)
        self.phases_by_run = DataLoader(load_phases_by_run)
        self.phases_by_tier = DataLoader(load_phases_by_tier)
        self.issues_by_phase = DataLoader(load_issues_by_phase)
        self.issues_by_run = DataLoader(load_issues_by_run)
        self.errors_by_run = DataLoader(load_errors_by_run)

    def forget_run(self, run_id: str) -> None:
        """Mutations call this for the run they changed."""
        for loader in (self.run, self.tiers_by_run, self.phases_by_run, self.issues_by_run, self.errors_by_run):
            loader.clear(run_id)
        self.phases_by_tier.clear_all()
        self.issues_by_phase.clear_all()
