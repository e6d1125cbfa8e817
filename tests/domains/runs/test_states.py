from app.domains.runs.states import PhaseState as P
from app.domains.runs.states import RunState, TierState, completed_run_state, derived_tier_state


def test_completion_needs_every_phase_terminal():
    assert completed_run_state([P.COMPLETE, P.EXECUTING]) is None
    assert completed_run_state([]) is None
    assert completed_run_state([P.COMPLETE, P.SKIPPED]) is RunState.DONE_SUCCESS
    assert completed_run_state([P.COMPLETE, P.FAILED]) is RunState.DONE_FAILED_REQUIRES_HUMAN_REVIEW


def test_tier_state_follows_phases():
    assert derived_tier_state([P.QUEUED, P.QUEUED]) is TierState.PENDING
    assert derived_tier_state([P.COMPLETE, P.QUEUED]) is TierState.IN_PROGRESS
    assert derived_tier_state([P.COMPLETE, P.SKIPPED]) is TierState.COMPLETE
    assert derived_tier_state([P.SKIPPED]) is TierState.SKIPPED
    assert derived_tier_state([P.FAILED, P.COMPLETE]) is TierState.FAILED
