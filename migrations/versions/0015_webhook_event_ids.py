"""webhook_outbox.event_id: the id receivers see, kept by a redelivery

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-02 13:20:00.000000

Until now a row's own id was the event id, so a redelivered event (a new row)
arrived under a new id and receivers could not tell it was the same event.
Existing rows keep their id as their event id.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('webhook_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Uuid(), nullable=True))
    op.execute("UPDATE webhook_outbox SET event_id = id WHERE event_id IS NULL")


def downgrade() -> None:
    with op.batch_alter_table('webhook_outbox', schema=None) as batch_op:
        batch_op.drop_column('event_id')
