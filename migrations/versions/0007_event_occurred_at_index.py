"""an index on interaction_events.occurred_at for time-window scans

Revision ID: 0007
Revises: 0006_delivery
Create Date: 2026-11-22 14:10:00.000000

The insights count events per widget and event type over a time window across
all widgets; the existing indexes lead with widget_id or event_type and cannot
serve such a scan. widget_id and event_type follow occurred_at in the key so
PostgreSQL answers the counts from the index alone (an index-only scan).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006_delivery'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('interaction_events', schema=None) as batch_op:
        batch_op.create_index('ix_interaction_events_occurred', ['occurred_at', 'widget_id', 'event_type'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('interaction_events', schema=None) as batch_op:
        batch_op.drop_index('ix_interaction_events_occurred')
