"""runs, tiers, phases, issues and results

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 11:11:29.811649
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql
import app.db

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('runs',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('state', sa.Enum('QUEUED', 'PLAN_BOOTSTRAP', 'RUN_CREATED', 'PHASE_QUEUEING', 'PHASE_EXECUTION', 'GATE', 'CI_RUNNING', 'SNAPSHOT_CREATED', 'DONE_SUCCESS', 'DONE_FAILED_BUDGET_EXHAUSTED', 'DONE_FAILED_POLICY_VIOLATION', 'DONE_FAILED_REQUIRES_HUMAN_REVIEW', 'DONE_FAILED_ENVIRONMENT', name='run_state', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('safety_profile', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('run_scope', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('token_cap', sa.Integer(), nullable=False),
    sa.Column('max_phases', sa.Integer(), nullable=False),
    sa.Column('max_duration_minutes', sa.Integer(), nullable=False),
    sa.Column('max_minor_issues_total', sa.Integer(), nullable=False),
    sa.Column('tokens_used', sa.Integer(), nullable=False),
    sa.Column('ci_runs_used', sa.Integer(), nullable=False),
    sa.Column('minor_issues_count', sa.Integer(), nullable=False),
    sa.Column('major_issues_count', sa.Integer(), nullable=False),
    sa.Column('promotion_eligible_to_main', sa.Boolean(), nullable=False),
    sa.Column('debt_status', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('failure_reason', sa.Text(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('started_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('completed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.create_index('ix_runs_created_at_id', ['created_at', 'id'], unique=False)

    op.create_table('tiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('tier_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('tier_index', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('state', sa.Enum('PENDING', 'IN_PROGRESS', 'COMPLETE', 'FAILED', 'SKIPPED', name='tier_state', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('cleanliness', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('tokens_used', sa.Integer(), nullable=False),
    sa.Column('minor_issues_count', sa.Integer(), nullable=False),
    sa.Column('major_issues_count', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_tiers_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tiers')),
    sa.UniqueConstraint('run_id', 'tier_id', name=op.f('uq_tiers_run_id_tier_id'))
    )
    with op.batch_alter_table('tiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tiers_run_id'), ['run_id'], unique=False)

    op.create_table('phases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('tier_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_index', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('state', sa.Enum('QUEUED', 'EXECUTING', 'GATE', 'CI_RUNNING', 'COMPLETE', 'FAILED', 'SKIPPED', name='phase_state', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('task_category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('complexity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('builder_mode', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('scope', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('intention_refs', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('tokens_used', sa.Integer(), nullable=False),
    sa.Column('builder_attempts', sa.Integer(), nullable=False),
    sa.Column('auditor_attempts', sa.Integer(), nullable=False),
    sa.Column('minor_issues_count', sa.Integer(), nullable=False),
    sa.Column('major_issues_count', sa.Integer(), nullable=False),
    sa.Column('quality_level', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('quality_blocked', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_phases_run_id_runs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tier_id'], ['tiers.id'], name=op.f('fk_phases_tier_id_tiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phases')),
    sa.UniqueConstraint('run_id', 'phase_id', name=op.f('uq_phases_run_id_phase_id'))
    )
    with op.batch_alter_table('phases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phases_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phases_tier_id'), ['tier_id'], unique=False)

    op.create_table('phase_issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_pk', sa.Integer(), nullable=False),
    sa.Column('issue_key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('task_category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('complexity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('evidence_refs', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('occurrence_count', sa.Integer(), nullable=False),
    sa.Column('first_seen_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['phase_pk'], ['phases.id'], name=op.f('fk_phase_issues_phase_pk_phases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_phase_issues_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_issues')),
    sa.UniqueConstraint('phase_pk', 'issue_key', name=op.f('uq_phase_issues_phase_pk_issue_key'))
    )
    with op.batch_alter_table('phase_issues', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase_issues_phase_pk'), ['phase_pk'], unique=False)
        batch_op.create_index(batch_op.f('ix_phase_issues_run_id'), ['run_id'], unique=False)

    op.create_table('phase_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_pk', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('payload', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['phase_pk'], ['phases.id'], name=op.f('fk_phase_results_phase_pk_phases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_phase_results_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_results'))
    )
    with op.batch_alter_table('phase_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase_results_phase_pk'), ['phase_pk'], unique=False)
        batch_op.create_index(batch_op.f('ix_phase_results_run_id'), ['run_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('phase_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase_results_run_id'))
        batch_op.drop_index(batch_op.f('ix_phase_results_phase_pk'))

    op.drop_table('phase_results')
    with op.batch_alter_table('phase_issues', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase_issues_run_id'))
        batch_op.drop_index(batch_op.f('ix_phase_issues_phase_pk'))

    op.drop_table('phase_issues')
    with op.batch_alter_table('phases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phases_tier_id'))
        batch_op.drop_index(batch_op.f('ix_phases_run_id'))

    op.drop_table('phases')
    with op.batch_alter_table('tiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tiers_run_id'))

    op.drop_table('tiers')
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index('ix_runs_created_at_id')

    op.drop_table('runs')

