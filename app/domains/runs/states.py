"""The states a run, tier and phase move through, and the rules between them."""

from __future__ import annotations

from enum import StrEnum


class RunState(StrEnum):
    QUEUED = "QUEUED"
    PLAN_BOOTSTRAP = "PLAN_BOOTSTRAP"
    RUN_CREATED = "RUN_CREATED"
    PHASE_QUEUEING = "PHASE_QUEUEING"
    PHASE_EXECUTION = "PHASE_EXECUTION"
    GATE = "GATE"
    CI_RUNNING = "CI_RUNNING"
    SNAPSHOT_CREATED = "SNAPSHOT_CREATED"
    DONE_SUCCESS = "DONE_SUCCESS"
    DONE_FAILED_BUDGET_EXHAUSTED = "DONE_FAILED_BUDGET_EXHAUSTED"
    DONE_FAILED_POLICY_VIOLATION = "DONE_FAILED_POLICY_VIOLATION"
    DONE_FAILED_REQUIRES_HUMAN_REVIEW = "DONE_FAILED_REQUIRES_HUMAN_REVIEW"
    DONE_FAILED_ENVIRONMENT = "DONE_FAILED_ENVIRONMENT"

    @property
    def is_done(self) -> bool:
        return self.value.startswith("DONE_")


class TierState(StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETE = "COMPLETE"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


class PhaseState(StrEnum):
    QUEUED = "QUEUED"
    EXECUTING = "EXECUTING"
    GATE = "GATE"
    CI_RUNNING = "CI_RUNNING"
    COMPLETE = "COMPLETE"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


TERMINAL_PHASE_STATES = frozenset({PhaseState.COMPLETE, PhaseState.FAILED, PhaseState.SKIPPED})
ACTIVE_PHASE_STATES = frozenset({PhaseState.EXECUTING, PhaseState.GATE, PhaseState.CI_RUNNING})
# Run states from which the first active phase moves the run into execution.
PRE_EXECUTION_RUN_STATES = frozenset(
    {RunState.QUEUED, RunState.PLAN_BOOTSTRAP, RunState.RUN_CREATED, RunState.PHASE_QUEUEING}
)


def completed_run_state(phase_states: list[PhaseState]) -> RunState | None:
    """The automatic completion rule.

    When every phase is COMPLETE, FAILED or SKIPPED the run is done: DONE_SUCCESS,
    or DONE_FAILED_REQUIRES_HUMAN_REVIEW when any phase failed. None while any
    phase is still open (and for a run with no phases, which never completes by
    itself).
    """
    if not phase_states or any(s not in TERMINAL_PHASE_STATES for s in phase_states):
        return None
    if any(s is PhaseState.FAILED for s in phase_states):
        return RunState.DONE_FAILED_REQUIRES_HUMAN_REVIEW
    return RunState.DONE_SUCCESS


def derived_tier_state(phase_states: list[PhaseState]) -> TierState:
    """A tier's state follows its phases."""
    if not phase_states:
        return TierState.PENDING
    if all(s is PhaseState.SKIPPED for s in phase_states):
        return TierState.SKIPPED
    if all(s in TERMINAL_PHASE_STATES for s in phase_states):
        return TierState.FAILED if PhaseState.FAILED in phase_states else TierState.COMPLETE
    if all(s is PhaseState.QUEUED for s in phase_states):
        return TierState.PENDING
    return TierState.IN_PROGRESS
