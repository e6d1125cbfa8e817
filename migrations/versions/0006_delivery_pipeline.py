"""delivery pipeline

Revision ID: 0006_delivery
Revises: 0005_collab
Create Date: 2026-11-22 12:02:13.282729
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql
import app.db

revision: str = '0006_delivery'
down_revision: str | None = '0005_collab'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organizations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('website_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('plan', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('max_users', sa.Integer(), nullable=False),
    sa.Column('max_projects', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('slug', name=op.f('uq_organizations_slug'))
    )
    op.create_table('delivery_api_keys',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('key_prefix', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('rate_per_minute', sa.Integer(), nullable=True),
    sa.Column('daily_quota', sa.Integer(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_api_keys_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_api_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_delivery_api_keys_key_hash')),
    sa.UniqueConstraint('key_prefix', name=op.f('uq_delivery_api_keys_key_prefix'))
    )
    with op.batch_alter_table('delivery_api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_api_keys_organization_id'), ['organization_id'], unique=False)

    op.create_table('delivery_projects',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('repository_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
    sa.Column('repository_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('visibility', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('template_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('owner_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('tech_stack', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_projects_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_projects')),
    sa.UniqueConstraint('organization_id', 'slug', name='uq_delivery_projects_org_slug')
    )
    with op.batch_alter_table('delivery_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_projects_organization_id'), ['organization_id'], unique=False)

    op.create_table('delivery_requirements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('user_stories', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('acceptance_criteria', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('estimated_effort_points', sa.Integer(), nullable=True),
    sa.Column('tags', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_requirements_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['delivery_projects.id'], name=op.f('fk_delivery_requirements_project_id_delivery_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_requirements'))
    )
    with op.batch_alter_table('delivery_requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_requirements_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_requirements_project_id'), ['project_id'], unique=False)

    op.create_table('delivery_features',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('requirement_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('implementation_notes', sa.Text(), nullable=True),
    sa.Column('implementation_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('blocked_reason', sa.Text(), nullable=True),
    sa.Column('complexity_points', sa.Integer(), nullable=True),
    sa.Column('developer_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_features_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['delivery_projects.id'], name=op.f('fk_delivery_features_project_id_delivery_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['delivery_requirements.id'], name=op.f('fk_delivery_features_requirement_id_delivery_requirements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_features'))
    )
    with op.batch_alter_table('delivery_features', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_features_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_features_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_features_requirement_id'), ['requirement_id'], unique=False)

    op.create_table('delivery_builds',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('feature_id', sa.Uuid(), nullable=False),
    sa.Column('build_number', sa.Integer(), nullable=False),
    sa.Column('version_tag', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('git_commit_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('git_branch', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('docker_image_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('docker_image_size_bytes', sa.Integer(), nullable=True),
    sa.Column('tests_run', sa.Integer(), nullable=True),
    sa.Column('tests_passed', sa.Integer(), nullable=True),
    sa.Column('tests_failed', sa.Integer(), nullable=True),
    sa.Column('code_coverage_percent', sa.Float(), nullable=True),
    sa.Column('security_scan_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('vulnerabilities_critical', sa.Integer(), nullable=False),
    sa.Column('vulnerabilities_high', sa.Integer(), nullable=False),
    sa.Column('vulnerabilities_medium', sa.Integer(), nullable=False),
    sa.Column('vulnerabilities_low', sa.Integer(), nullable=False),
    sa.Column('started_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feature_id'], ['delivery_features.id'], name=op.f('fk_delivery_builds_feature_id_delivery_features'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_builds_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['delivery_projects.id'], name=op.f('fk_delivery_builds_project_id_delivery_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_builds')),
    sa.UniqueConstraint('project_id', 'build_number', name='uq_delivery_builds_project_number')
    )
    with op.batch_alter_table('delivery_builds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_builds_feature_id'), ['feature_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_builds_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_builds_project_id'), ['project_id'], unique=False)

    op.create_table('delivery_test_cases',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('feature_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('test_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('steps', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('expected_result', sa.Text(), nullable=False),
    sa.Column('automated', sa.Boolean(), nullable=False),
    sa.Column('automation_tool', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('automation_script_path', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feature_id'], ['delivery_features.id'], name=op.f('fk_delivery_test_cases_feature_id_delivery_features'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_test_cases_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_test_cases'))
    )
    with op.batch_alter_table('delivery_test_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_test_cases_feature_id'), ['feature_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_test_cases_organization_id'), ['organization_id'], unique=False)

    op.create_table('delivery_deployments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('build_id', sa.Uuid(), nullable=False),
    sa.Column('environment', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('deployment_strategy', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('canary_percentage', sa.Integer(), nullable=True),
    sa.Column('approval_notes', sa.Text(), nullable=True),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('health_check_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('error_rate_percent', sa.Float(), nullable=True),
    sa.Column('performance_metrics', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('rollback_reason', sa.Text(), nullable=True),
    sa.Column('rolled_back_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('started_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('completed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['build_id'], ['delivery_builds.id'], name=op.f('fk_delivery_deployments_build_id_delivery_builds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_deployments_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['delivery_projects.id'], name=op.f('fk_delivery_deployments_project_id_delivery_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_deployments'))
    )
    with op.batch_alter_table('delivery_deployments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_deployments_build_id'), ['build_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_deployments_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_deployments_project_id'), ['project_id'], unique=False)

    op.create_table('delivery_test_results',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('test_case_id', sa.Uuid(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.Column('assertions_run', sa.Integer(), nullable=False),
    sa.Column('assertions_passed', sa.Integer(), nullable=False),
    sa.Column('assertions_failed', sa.Integer(), nullable=False),
    sa.Column('code_coverage_percent', sa.Float(), nullable=True),
    sa.Column('logs', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('executed_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_test_results_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['test_case_id'], ['delivery_test_cases.id'], name=op.f('fk_delivery_test_results_test_case_id_delivery_test_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_test_results'))
    )
    with op.batch_alter_table('delivery_test_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_test_results_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_test_results_test_case_id'), ['test_case_id'], unique=False)

    op.create_table('delivery_operations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('build_id', sa.Uuid(), nullable=False),
    sa.Column('deployment_id', sa.Uuid(), nullable=False),
    sa.Column('started_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['build_id'], ['delivery_builds.id'], name=op.f('fk_delivery_operations_build_id_delivery_builds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['deployment_id'], ['delivery_deployments.id'], name=op.f('fk_delivery_operations_deployment_id_delivery_deployments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_delivery_operations_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_operations'))
    )
    with op.batch_alter_table('delivery_operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_operations_deployment_id'), ['deployment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_operations_organization_id'), ['organization_id'], unique=False)

    with op.batch_alter_table('webhook_subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organization_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_webhook_subscriptions_organization_id'), ['organization_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_webhook_subscriptions_organization_id_organizations'), 'organizations', ['organization_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    with op.batch_alter_table('webhook_subscriptions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_webhook_subscriptions_organization_id_organizations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_webhook_subscriptions_organization_id'))
        batch_op.drop_column('organization_id')

    with op.batch_alter_table('delivery_operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_operations_organization_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_operations_deployment_id'))

    op.drop_table('delivery_operations')
    with op.batch_alter_table('delivery_test_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_test_results_test_case_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_test_results_organization_id'))

    op.drop_table('delivery_test_results')
    with op.batch_alter_table('delivery_deployments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_deployments_project_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_deployments_organization_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_deployments_build_id'))

    op.drop_table('delivery_deployments')
    with op.batch_alter_table('delivery_test_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_test_cases_organization_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_test_cases_feature_id'))

    op.drop_table('delivery_test_cases')
    with op.batch_alter_table('delivery_builds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_builds_project_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_builds_organization_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_builds_feature_id'))

    op.drop_table('delivery_builds')
    with op.batch_alter_table('delivery_features', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_features_requirement_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_features_project_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_features_organization_id'))

    op.drop_table('delivery_features')
    with op.batch_alter_table('delivery_requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_requirements_project_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_requirements_organization_id'))

    op.drop_table('delivery_requirements')
    with op.batch_alter_table('delivery_projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_projects_organization_id'))

    op.drop_table('delivery_projects')
    with op.batch_alter_table('delivery_api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_api_keys_organization_id'))

    op.drop_table('delivery_api_keys')
    op.drop_table('organizations')
