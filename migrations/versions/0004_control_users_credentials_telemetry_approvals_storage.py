"""control plane: users, credentials, telemetry, approvals, storage, uploads

Revision ID: 0004_control
Revises: 0003
Create Date: 2026-11-22 11:46:12.585176
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql
import app.db
from migrations.helpers import append_only, drop_append_only

revision: str = '0004_control'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ab_test_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('test_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('control_run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('treatment_run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('control_commit_sha', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('treatment_commit_sha', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('control_model_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('treatment_model_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('is_valid', sa.Boolean(), nullable=False),
    sa.Column('validity_errors', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('token_delta', sa.Integer(), nullable=False),
    sa.Column('time_delta_seconds', sa.Float(), nullable=True),
    sa.Column('success_rate_delta', sa.Float(), nullable=True),
    sa.Column('control_total_tokens', sa.Integer(), nullable=False),
    sa.Column('treatment_total_tokens', sa.Integer(), nullable=False),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ab_test_results'))
    )
    with op.batch_alter_table('ab_test_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ab_test_results_test_id'), ['test_id'], unique=False)

    op.create_table('approval_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('context', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('decision_info', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('deletion_info', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('decision_source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('telegram_sent', sa.Boolean(), nullable=False),
    sa.Column('telegram_message_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('requested_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('timeout_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_requests'))
    )
    with op.batch_alter_table('approval_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approval_requests_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_approval_requests_status_timeout_at', ['status', 'timeout_at'], unique=False)

    op.create_table('credential_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credential_events'))
    )
    with op.batch_alter_table('credential_events', schema=None) as batch_op:
        batch_op.create_index('ix_credential_events_provider_id', ['provider', 'id'], unique=False)

    op.create_table('governance_requests',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('requested_action', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('target_paths', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('justification', sa.Text(), nullable=True),
    sa.Column('risk_level', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_requests'))
    )
    with op.batch_alter_table('governance_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_requests_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_governance_requests_status_created_at', ['status', 'created_at'], unique=False)

    op.create_table('provider_credentials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('credential_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('client_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('secret', sa.Text(), nullable=True),
    sa.Column('refresh_token', sa.Text(), nullable=True),
    sa.Column('scopes', sa.Text(), nullable=True),
    sa.Column('expires_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.Column('total_failures', sa.Integer(), nullable=False),
    sa.Column('total_successes', sa.Integer(), nullable=False),
    sa.Column('last_success_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('refresh_requested_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_refreshed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provider_credentials')),
    sa.UniqueConstraint('provider', name=op.f('uq_provider_credentials_provider'))
    )
    op.create_table('storage_learned_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pattern', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('occurrences', sa.Integer(), nullable=False),
    sa.Column('total_size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('approved_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storage_learned_rules')),
    sa.UniqueConstraint('pattern', name=op.f('uq_storage_learned_rules_pattern'))
    )
    op.create_table('storage_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('root', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('max_depth', sa.Integer(), nullable=False),
    sa.Column('max_items', sa.Integer(), nullable=False),
    sa.Column('file_count', sa.Integer(), nullable=False),
    sa.Column('dir_count', sa.Integer(), nullable=False),
    sa.Column('total_size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('truncated', sa.Boolean(), nullable=False),
    sa.Column('cleanup_candidates_count', sa.Integer(), nullable=False),
    sa.Column('cleanup_candidates_bytes', sa.BigInteger(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('approved_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storage_scans'))
    )
    op.create_table('uploaded_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('uploaded_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploaded_files'))
    )
    with op.batch_alter_table('uploaded_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uploaded_files_sha256'), ['sha256'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('hashed_password', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('is_superuser', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('approval_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('approval_id', sa.Integer(), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approval_id'], ['approval_requests.id'], name=op.f('fk_approval_audit_approval_id_approval_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_audit'))
    )
    with op.batch_alter_table('approval_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approval_audit_approval_id'), ['approval_id'], unique=False)

    op.create_table('error_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('error_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_error_reports_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_error_reports'))
    )
    with op.batch_alter_table('error_reports', schema=None) as batch_op:
        batch_op.create_index('ix_error_reports_run_id_id', ['run_id', 'id'], unique=False)

    op.create_table('model_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('complexity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_model_overrides_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_model_overrides'))
    )
    with op.batch_alter_table('model_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_model_overrides_run_id'), ['run_id'], unique=False)

    op.create_table('phase6_metrics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('failure_hardening_triggered', sa.Boolean(), nullable=False),
    sa.Column('failure_pattern_detected', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('failure_hardening_mitigated', sa.Boolean(), nullable=False),
    sa.Column('doctor_call_skipped', sa.Boolean(), nullable=False),
    sa.Column('doctor_tokens_avoided_estimate', sa.Integer(), nullable=False),
    sa.Column('estimate_coverage_n', sa.Integer(), nullable=True),
    sa.Column('estimate_source', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('intention_context_injected', sa.Boolean(), nullable=False),
    sa.Column('intention_context_chars', sa.Integer(), nullable=False),
    sa.Column('plan_normalization_used', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_phase6_metrics_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase6_metrics'))
    )
    with op.batch_alter_table('phase6_metrics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase6_metrics_run_id'), ['run_id'], unique=False)

    op.create_table('storage_scan_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('extension', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('modified_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('cleanup_candidate', sa.Boolean(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.ForeignKeyConstraint(['scan_id'], ['storage_scans.id'], name=op.f('fk_storage_scan_items_scan_id_storage_scans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storage_scan_items'))
    )
    with op.batch_alter_table('storage_scan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_storage_scan_items_scan_id'), ['scan_id'], unique=False)

    op.create_table('token_efficiency_metrics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('artifact_substitutions', sa.Integer(), nullable=False),
    sa.Column('tokens_saved_artifacts', sa.Integer(), nullable=False),
    sa.Column('budget_mode', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('budget_used', sa.Integer(), nullable=False),
    sa.Column('budget_cap', sa.Integer(), nullable=False),
    sa.Column('files_kept', sa.Integer(), nullable=False),
    sa.Column('files_omitted', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_token_efficiency_metrics_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_token_efficiency_metrics'))
    )
    with op.batch_alter_table('token_efficiency_metrics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_token_efficiency_metrics_run_id'), ['run_id'], unique=False)

    op.create_table('token_usage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('phase_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('prompt_tokens', sa.Integer(), nullable=False),
    sa.Column('completion_tokens', sa.Integer(), nullable=False),
    sa.Column('total_tokens', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_token_usage_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_token_usage'))
    )
    with op.batch_alter_table('token_usage', schema=None) as batch_op:
        batch_op.create_index('ix_token_usage_created_at', ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_token_usage_run_id'), ['run_id'], unique=False)


    # The audit trails are evidence: the database itself refuses to change them.
    append_only('approval_audit')
    append_only('credential_events')


def downgrade() -> None:
    drop_append_only('credential_events')
    drop_append_only('approval_audit')
    with op.batch_alter_table('token_usage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_token_usage_run_id'))
        batch_op.drop_index('ix_token_usage_created_at')

    op.drop_table('token_usage')
    with op.batch_alter_table('token_efficiency_metrics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_token_efficiency_metrics_run_id'))

    op.drop_table('token_efficiency_metrics')
    with op.batch_alter_table('storage_scan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_storage_scan_items_scan_id'))

    op.drop_table('storage_scan_items')
    with op.batch_alter_table('phase6_metrics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase6_metrics_run_id'))

    op.drop_table('phase6_metrics')
    with op.batch_alter_table('model_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_model_overrides_run_id'))

    op.drop_table('model_overrides')
    with op.batch_alter_table('error_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_error_reports_run_id_id')

    op.drop_table('error_reports')
    with op.batch_alter_table('approval_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approval_audit_approval_id'))

    op.drop_table('approval_audit')
    op.drop_table('users')
    with op.batch_alter_table('uploaded_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uploaded_files_sha256'))

    op.drop_table('uploaded_files')
    op.drop_table('storage_scans')
    op.drop_table('storage_learned_rules')
    op.drop_table('provider_credentials')
    with op.batch_alter_table('governance_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_governance_requests_status_created_at')
        batch_op.drop_index(batch_op.f('ix_governance_requests_run_id'))

    op.drop_table('governance_requests')
    with op.batch_alter_table('credential_events', schema=None) as batch_op:
        batch_op.drop_index('ix_credential_events_provider_id')

    op.drop_table('credential_events')
    with op.batch_alter_table('approval_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_approval_requests_status_timeout_at')
        batch_op.drop_index(batch_op.f('ix_approval_requests_run_id'))

    op.drop_table('approval_requests')
    with op.batch_alter_table('ab_test_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ab_test_results_test_id'))

    op.drop_table('ab_test_results')
