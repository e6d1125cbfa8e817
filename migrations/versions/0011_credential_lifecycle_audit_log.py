"""credential lifecycle: rotation overlaps, disabling, user token cut-off, and the audit log

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-02 13:20:00.000000

Rotating a client secret, a hub's v1 key, an API key or a delivery key keeps the previous
secret usable for an overlap; the columns below record it. `audit_log` records every change
to a credential, registry entry or manifest (who, what, when; never a secret).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

import app.db

revision: str = '0011'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str) -> sa.Column:
    return sa.Column(name, app.db.UtcDateTime(timezone=True), nullable=True)


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject_kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('tenant', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_log_subject', ['subject_kind', 'subject_id'], unique=False)

    with op.batch_alter_table('api_consumers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_secret_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(_when('previous_secret_expires_at'))
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.add_column(_when('disabled_at'))
        batch_op.add_column(_when('expires_at'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(_when('tokens_valid_after'))
    with op.batch_alter_table('hubs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(_when('previous_key_expires_at'))
        batch_op.add_column(_when('key_disabled_at'))
        batch_op.add_column(_when('key_revoked_at'))
        batch_op.create_index(batch_op.f('ix_hubs_previous_key_hash'), ['previous_key_hash'], unique=False)
    with op.batch_alter_table('delivery_api_keys', schema=None) as batch_op:
        batch_op.add_column(_when('disabled_at'))
        batch_op.add_column(_when('expires_at'))


def downgrade() -> None:
    with op.batch_alter_table('delivery_api_keys', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
        batch_op.drop_column('disabled_at')
    with op.batch_alter_table('hubs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hubs_previous_key_hash'))
        batch_op.drop_column('key_revoked_at')
        batch_op.drop_column('key_disabled_at')
        batch_op.drop_column('previous_key_expires_at')
        batch_op.drop_column('previous_key_hash')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('tokens_valid_after')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
        batch_op.drop_column('disabled_at')
    with op.batch_alter_table('api_consumers', schema=None) as batch_op:
        batch_op.drop_column('previous_secret_expires_at')
        batch_op.drop_column('previous_secret_hash')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_subject')
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
    op.drop_table('audit_log')
