"""interaction hub, identity and signing keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 11:24:40.991103
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql
import app.db
from migrations.helpers import append_only, drop_append_only

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('hubs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('domain', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('api_key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('api_key_prefix', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hubs')),
    sa.UniqueConstraint('api_key_hash', name=op.f('uq_hubs_api_key_hash')),
    sa.UniqueConstraint('slug', name=op.f('uq_hubs_slug'))
    )
    op.create_table('interaction_reporting_contracts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('contract_version', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('required_fields', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('actor_types', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('max_metadata_bytes', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interaction_reporting_contracts')),
    sa.UniqueConstraint('contract_version', name=op.f('uq_interaction_reporting_contracts_contract_version'))
    )
    op.create_table('signing_keys',
    sa.Column('kid', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('private_pem', sa.Text(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('retired_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('kid', name=op.f('pk_signing_keys'))
    )
    op.create_table('annotation_category_registry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('owner_hub_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_hub_id'], ['hubs.id'], name=op.f('fk_annotation_category_registry_owner_hub_id_hubs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotation_category_registry')),
    sa.UniqueConstraint('name', name=op.f('uq_annotation_category_registry_name'))
    )
    op.create_table('api_consumers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('client_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('client_secret_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=True),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('rate_per_minute', sa.Integer(), nullable=True),
    sa.Column('daily_quota', sa.Integer(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_api_consumers_hub_id_hubs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_consumers')),
    sa.UniqueConstraint('client_id', name=op.f('uq_api_consumers_client_id'))
    )
    with op.batch_alter_table('api_consumers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_consumers_hub_id'), ['hub_id'], unique=False)

    op.create_table('event_type_registry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('owner_hub_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_hub_id'], ['hubs.id'], name=op.f('fk_event_type_registry_owner_hub_id_hubs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_type_registry')),
    sa.UniqueConstraint('name', name=op.f('uq_event_type_registry_name'))
    )
    op.create_table('hub_capability_manifests',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('event_types', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('widget_types', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('retired_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_hub_capability_manifests_hub_id_hubs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_capability_manifests'))
    )
    with op.batch_alter_table('hub_capability_manifests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_capability_manifests_hub_id'), ['hub_id'], unique=False)

    op.create_table('policy_scope_registry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('owner_hub_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_hub_id'], ['hubs.id'], name=op.f('fk_policy_scope_registry_owner_hub_id_hubs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_scope_registry')),
    sa.UniqueConstraint('name', name=op.f('uq_policy_scope_registry_name'))
    )
    op.create_table('widget_type_registry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('owner_hub_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_hub_id'], ['hubs.id'], name=op.f('fk_widget_type_registry_owner_hub_id_hubs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_widget_type_registry')),
    sa.UniqueConstraint('name', name=op.f('uq_widget_type_registry_name'))
    )
    op.create_table('widgets',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('widget_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('capability_ref', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('view_context', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('policy_scope', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_widgets_hub_id_hubs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_widgets')),
    sa.UniqueConstraint('hub_id', 'name', name=op.f('uq_widgets_hub_id_name'))
    )
    with op.batch_alter_table('widgets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_widgets_hub_id'), ['hub_id'], unique=False)

    op.create_table('api_keys',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('consumer_id', sa.Uuid(), nullable=True),
    sa.Column('hub_id', sa.Uuid(), nullable=True),
    sa.Column('key_prefix', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.Column('rate_per_minute', sa.Integer(), nullable=True),
    sa.Column('daily_quota', sa.Integer(), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['consumer_id'], ['api_consumers.id'], name=op.f('fk_api_keys_consumer_id_api_consumers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_api_keys_hub_id_hubs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_keys_key_hash'))
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_consumer_id'), ['consumer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_keys_hub_id'), ['hub_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_keys_key_prefix'), ['key_prefix'], unique=False)

    op.create_table('interaction_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('widget_id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('occurred_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('view_context_ref', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('metadata', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('client_event_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('api_version', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.CheckConstraint("actor_type IS NULL OR actor_type IN ('user', 'agent', 'automation', 'external_adapter')", name=op.f('ck_interaction_events_actor_type')),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_interaction_events_hub_id_hubs')),
    sa.ForeignKeyConstraint(['widget_id'], ['widgets.id'], name=op.f('fk_interaction_events_widget_id_widgets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interaction_events')),
    sa.UniqueConstraint('hub_id', 'client_event_id', name=op.f('uq_interaction_events_hub_id_client_event_id'))
    )
    with op.batch_alter_table('interaction_events', schema=None) as batch_op:
        batch_op.create_index('ix_interaction_events_received', ['received_at', 'id'], unique=False)
        batch_op.create_index('ix_interaction_events_type_occurred', ['event_type', 'occurred_at'], unique=False)
        batch_op.create_index('ix_interaction_events_widget_occurred', ['widget_id', 'occurred_at'], unique=False)

    op.create_table('requirement_candidates',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('widget_id', sa.Uuid(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source_annotation_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_requirement_candidates_hub_id_hubs')),
    sa.ForeignKeyConstraint(['widget_id'], ['widgets.id'], name=op.f('fk_requirement_candidates_widget_id_widgets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requirement_candidates'))
    )
    with op.batch_alter_table('requirement_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_candidates_hub_id'), ['hub_id'], unique=False)

    op.create_table('widget_versions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('widget_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['widget_id'], ['widgets.id'], name=op.f('fk_widget_versions_widget_id_widgets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_widget_versions')),
    sa.UniqueConstraint('widget_id', 'version', name=op.f('uq_widget_versions_widget_id_version'))
    )
    op.create_table('annotations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('widget_id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('event_id', sa.Uuid(), nullable=True),
    sa.Column('metadata', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['interaction_events.id'], name=op.f('fk_annotations_event_id_interaction_events')),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_annotations_hub_id_hubs')),
    sa.ForeignKeyConstraint(['widget_id'], ['widgets.id'], name=op.f('fk_annotations_widget_id_widgets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotations'))
    )
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.create_index('ix_annotations_widget_created', ['widget_id', 'created_at'], unique=False)

    op.create_table('decision_records',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('requirement_candidate_id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('decided_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_decision_records_hub_id_hubs')),
    sa.ForeignKeyConstraint(['requirement_candidate_id'], ['requirement_candidates.id'], name=op.f('fk_decision_records_requirement_candidate_id_requirement_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_records'))
    )
    with op.batch_alter_table('decision_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_records_hub_id'), ['hub_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_records_requirement_candidate_id'), ['requirement_candidate_id'], unique=False)

    op.create_table('deployment_records',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('decision_record_id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('widget_id', sa.Uuid(), nullable=True),
    sa.Column('widget_version', sa.Integer(), nullable=True),
    sa.Column('environment', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('deployed_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_record_id'], ['decision_records.id'], name=op.f('fk_deployment_records_decision_record_id_decision_records')),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_deployment_records_hub_id_hubs')),
    sa.ForeignKeyConstraint(['widget_id'], ['widgets.id'], name=op.f('fk_deployment_records_widget_id_widgets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deployment_records'))
    )
    with op.batch_alter_table('deployment_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deployment_records_decision_record_id'), ['decision_record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deployment_records_hub_id'), ['hub_id'], unique=False)

    op.create_table('outcome_signals',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('deployment_record_id', sa.Uuid(), nullable=False),
    sa.Column('hub_id', sa.Uuid(), nullable=False),
    sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('recorded_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deployment_record_id'], ['deployment_records.id'], name=op.f('fk_outcome_signals_deployment_record_id_deployment_records')),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], name=op.f('fk_outcome_signals_hub_id_hubs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_signals'))
    )
    with op.batch_alter_table('outcome_signals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_signals_deployment_record_id'), ['deployment_record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outcome_signals_hub_id'), ['hub_id'], unique=False)



    append_only("interaction_events")


def downgrade() -> None:
    drop_append_only("interaction_events")

    with op.batch_alter_table('outcome_signals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_signals_hub_id'))
        batch_op.drop_index(batch_op.f('ix_outcome_signals_deployment_record_id'))

    op.drop_table('outcome_signals')
    with op.batch_alter_table('deployment_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deployment_records_hub_id'))
        batch_op.drop_index(batch_op.f('ix_deployment_records_decision_record_id'))

    op.drop_table('deployment_records')
    with op.batch_alter_table('decision_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_records_requirement_candidate_id'))
        batch_op.drop_index(batch_op.f('ix_decision_records_hub_id'))

    op.drop_table('decision_records')
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_annotations_widget_created')

    op.drop_table('annotations')
    op.drop_table('widget_versions')
    with op.batch_alter_table('requirement_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_candidates_hub_id'))

    op.drop_table('requirement_candidates')
    with op.batch_alter_table('interaction_events', schema=None) as batch_op:
        batch_op.drop_index('ix_interaction_events_widget_occurred')
        batch_op.drop_index('ix_interaction_events_type_occurred')
        batch_op.drop_index('ix_interaction_events_received')

    op.drop_table('interaction_events')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_keys_key_prefix'))
        batch_op.drop_index(batch_op.f('ix_api_keys_hub_id'))
        batch_op.drop_index(batch_op.f('ix_api_keys_consumer_id'))

    op.drop_table('api_keys')
    with op.batch_alter_table('widgets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_widgets_hub_id'))

    op.drop_table('widgets')
    op.drop_table('widget_type_registry')
    op.drop_table('policy_scope_registry')
    with op.batch_alter_table('hub_capability_manifests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_capability_manifests_hub_id'))

    op.drop_table('hub_capability_manifests')
    op.drop_table('event_type_registry')
    with op.batch_alter_table('api_consumers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_consumers_hub_id'))

    op.drop_table('api_consumers')
    op.drop_table('annotation_category_registry')
    op.drop_table('signing_keys')
    op.drop_table('interaction_reporting_contracts')
    op.drop_table('hubs')


