"""The files a run keeps under the runs folder.

On start a run gets `run_summary.md`, one `tiers/tier_{index:02d}_{name}.md` per
tier and one `phases/phase_{index:02d}_{phase_id}.md` per phase. Names are made
safe for any filesystem; the run id itself is already restricted by its pattern.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.domains.runs.models import Phase, Run, Tier

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, limit: int = 80) -> str:
    cleaned = _UNSAFE.sub("_", text).strip("._") or "unnamed"
    return cleaned[:limit]


def run_folder(runs_dir: Path, run_id: str) -> Path:
    return runs_dir / run_id


def tier_file_name(tier: Tier) -> str:
    return f"tier_{tier.tier_index:02d}_{safe_name(tier.name)}.md"


def phase_file_name(phase: Phase) -> str:
    return f"phase_{phase.phase_index:02d}_{safe_name(phase.phase_id)}.md"


def write_start_artifacts(runs_dir: Path, run: Run, tiers: list[Tier], phases: list[Phase]) -> Path:
    folder = run_folder(runs_dir, run.id)
    (folder / "tiers").mkdir(parents=True, exist_ok=True)
    (folder / "phases").mkdir(parents=True, exist_ok=True)
    tier_names = {tier.id: tier.name for tier in tiers}

    summary = [
        f"# Run {run.id}",
        "",
        f"- State: {run.state.value}",
        f"- Safety profile: {run.safety_profile}",
        f"- Scope: {run.run_scope}",
        f"- Token cap: {run.token_cap}",
        f"- Max phases: {run.max_phases}",
        f"- Max duration: {run.max_duration_minutes} minutes",
        f"- Created: {run.created_at.isoformat()}",
        "",
        f"## Tiers ({len(tiers)})",
        "",
        *[f"- {t.tier_index}. {t.name} (`{t.tier_id}`)" for t in tiers],
        "",
        f"## Phases ({len(phases)})",
        "",
        *[f"- {p.phase_index}. {p.name} (`{p.phase_id}`, tier {tier_names.get(p.tier_id, '?')})" for p in phases],
        "",
    ]
    (folder / "run_summary.md").write_text("\n".join(summary), encoding="utf-8")

    for tier in tiers:
        members = [p for p in phases if p.tier_id == tier.id]
        body = [
            f"# Tier {tier.tier_index}: {tier.name}",
            "",
            f"- Tier id: {tier.tier_id}",
            f"- State: {tier.state.value}",
            "",
            tier.description or "",
            "",
            "## Phases",
            "",
            *[f"- {p.phase_index}. {p.name} (`{p.phase_id}`)" for p in members],
            "",
        ]
        (folder / "tiers" / tier_file_name(tier)).write_text("\n".join(body), encoding="utf-8")

    for phase in phases:
        body = [
            f"# Phase {phase.phase_index}: {phase.name}",
            "",
            f"- Phase id: {phase.phase_id}",
            f"- Tier: {tier_names.get(phase.tier_id, '?')}",
            f"- State: {phase.state.value}",
            f"- Task category: {phase.task_category or '-'}",
            f"- Complexity: {phase.complexity or '-'}",
            f"- Builder mode: {phase.builder_mode or '-'}",
            "",
            phase.description or "",
            "",
        ]
        (folder / "phases" / phase_file_name(phase)).write_text("\n".join(body), encoding="utf-8")
    return folder
