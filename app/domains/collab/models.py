"""Table models of collaborative drafting. Read models live in shapes.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


class CollabProfile(SQLModel, table=True):
    """What this domain knows about a user: ids are opaque strings from the identity provider."""

    __tablename__ = "collab_profiles"

    user_id: str = Field(primary_key=True, max_length=255)
    display_name: str = Field(max_length=255)
    avatar_url: str | None = Field(default=None, max_length=1024)
    verified: bool = False
    ring_balance: int = 0
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CollabDraft(SQLModel, table=True):
    __tablename__ = "collab_drafts"
    __table_args__ = (sa.Index("ix_collab_drafts_creator_id_created_at", "creator_id", "created_at"),)

    id: str = Field(primary_key=True, max_length=64)
    creator_id: str = Field(max_length=255)
    title: str = Field(max_length=200)
    platform: str = Field(max_length=16)
    status: str = Field(default="active", max_length=16)
    target_publish_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    views: int = 0
    # The ring: who holds it, who held it before (in order), and since when.
    current_holder_id: str = Field(max_length=255)
    holders_history: list[Any] = Field(default_factory=list, sa_type=JSONDoc)
    passed_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    last_passed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    ring_idempotency_key: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CollabCollaborator(SQLModel, table=True):
    __tablename__ = "collab_collaborators"
    __table_args__ = (sa.Index("ix_collab_collaborators_user_id", "user_id"),)

    draft_id: str = Field(foreign_key="collab_drafts.id", ondelete="CASCADE", primary_key=True, max_length=64)
    user_id: str = Field(primary_key=True, max_length=255)
    role: str = Field(default="contributor", max_length=32)
    added_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CollabSegment(SQLModel, table=True):
    __tablename__ = "collab_segments"
    __table_args__ = (
        sa.UniqueConstraint("draft_id", "segment_order"),
        sa.UniqueConstraint("draft_id", "idempotency_key"),
        sa.Index("ix_collab_segments_user_id_created_at", "user_id", "created_at"),
    )

    id: str = Field(primary_key=True, max_length=64)
    draft_id: str = Field(foreign_key="collab_drafts.id", ondelete="CASCADE", max_length=64)
    user_id: str = Field(max_length=255)
    content: str = Field(sa_type=sa.Text)
    segment_order: int
    idempotency_key: str | None = Field(default=None, max_length=128)
    ring_holder_user_id_at_write: str = Field(max_length=255)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CollabRingPass(SQLModel, table=True):
    """Every pass of the ring; append-only."""

    __tablename__ = "collab_ring_passes"
    __table_args__ = (
        sa.UniqueConstraint("draft_id", "idempotency_key"),
        sa.Index("ix_collab_ring_passes_draft_id_passed_at", "draft_id", "passed_at"),
        sa.Index("ix_collab_ring_passes_from_user_id", "from_user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    draft_id: str = Field(foreign_key="collab_drafts.id", ondelete="CASCADE", max_length=64)
    from_user_id: str = Field(max_length=255)
    to_user_id: str = Field(max_length=255)
    idempotency_key: str | None = Field(default=None, max_length=128)
    passed_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class StripeEvent(SQLModel, table=True):
    """Stripe webhook events already handled, so a replay changes nothing."""

    __tablename__ = "collab_stripe_events"

    event_id: str = Field(primary_key=True, max_length=255)
    event_type: str = Field(max_length=128)
    user_id: str | None = Field(default=None, max_length=255)
    ring_awarded: int = 0
    received_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
