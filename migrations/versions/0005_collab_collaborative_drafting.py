"""collaborative drafting

Revision ID: 0005_collab
Revises: 0004_control
Create Date: 2026-11-22 11:45:32.903128
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql
import app.db
from migrations.helpers import append_only, drop_append_only

revision: str = '0005_collab'
down_revision: str | None = '0004_control'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('collab_drafts',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('creator_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('target_publish_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('views', sa.Integer(), nullable=False),
    sa.Column('current_holder_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('holders_history', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('passed_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_passed_at', app.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('ring_idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collab_drafts'))
    )
    with op.batch_alter_table('collab_drafts', schema=None) as batch_op:
        batch_op.create_index('ix_collab_drafts_creator_id_created_at', ['creator_id', 'created_at'], unique=False)

    op.create_table('collab_profiles',
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('avatar_url', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('ring_balance', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_collab_profiles'))
    )
    op.create_table('collab_stripe_events',
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('ring_awarded', sa.Integer(), nullable=False),
    sa.Column('received_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_collab_stripe_events'))
    )
    op.create_table('collab_collaborators',
    sa.Column('draft_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('added_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['collab_drafts.id'], name=op.f('fk_collab_collaborators_draft_id_collab_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('draft_id', 'user_id', name=op.f('pk_collab_collaborators'))
    )
    with op.batch_alter_table('collab_collaborators', schema=None) as batch_op:
        batch_op.create_index('ix_collab_collaborators_user_id', ['user_id'], unique=False)

    op.create_table('collab_ring_passes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('from_user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('to_user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('passed_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['collab_drafts.id'], name=op.f('fk_collab_ring_passes_draft_id_collab_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collab_ring_passes')),
    sa.UniqueConstraint('draft_id', 'idempotency_key', name=op.f('uq_collab_ring_passes_draft_id_idempotency_key'))
    )
    with op.batch_alter_table('collab_ring_passes', schema=None) as batch_op:
        batch_op.create_index('ix_collab_ring_passes_draft_id_passed_at', ['draft_id', 'passed_at'], unique=False)
        batch_op.create_index('ix_collab_ring_passes_from_user_id', ['from_user_id'], unique=False)
    append_only('collab_ring_passes')

    op.create_table('collab_segments',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('draft_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('segment_order', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('ring_holder_user_id_at_write', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('created_at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['collab_drafts.id'], name=op.f('fk_collab_segments_draft_id_collab_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collab_segments')),
    sa.UniqueConstraint('draft_id', 'idempotency_key', name=op.f('uq_collab_segments_draft_id_idempotency_key')),
    sa.UniqueConstraint('draft_id', 'segment_order', name=op.f('uq_collab_segments_draft_id_segment_order'))
    )
    with op.batch_alter_table('collab_segments', schema=None) as batch_op:
        batch_op.create_index('ix_collab_segments_user_id_created_at', ['user_id', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('collab_segments', schema=None) as batch_op:
        batch_op.drop_index('ix_collab_segments_user_id_created_at')

    op.drop_table('collab_segments')
    drop_append_only('collab_ring_passes')
    with op.batch_alter_table('collab_ring_passes', schema=None) as batch_op:
        batch_op.drop_index('ix_collab_ring_passes_from_user_id')
        batch_op.drop_index('ix_collab_ring_passes_draft_id_passed_at')

    op.drop_table('collab_ring_passes')
    with op.batch_alter_table('collab_collaborators', schema=None) as batch_op:
        batch_op.drop_index('ix_collab_collaborators_user_id')

    op.drop_table('collab_collaborators')
    op.drop_table('collab_stripe_events')
    op.drop_table('collab_profiles')
    with op.batch_alter_table('collab_drafts', schema=None) as batch_op:
        batch_op.drop_index('ix_collab_drafts_creator_id_created_at')

    op.drop_table('collab_drafts')
