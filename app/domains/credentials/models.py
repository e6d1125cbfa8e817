"""Crossway's own credentials for external providers (X, Telegram, OAuth clients) and their lifecycle.

The secret columns are encrypted at rest (Fernet, CROSSWAY_SECRET_KEY; read them with
service.secret_of) and never leave the server: read models in shapes.py leave them out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


class ProviderCredential(SQLModel, table=True):
    __tablename__ = "provider_credentials"

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=64, unique=True)
    display_name: str | None = Field(default=None, max_length=255)
    credential_type: str = Field(default="oauth2", max_length=32)  # oauth2 | bot_token | api_key
    client_id: str | None = Field(default=None, max_length=255)
    secret: str | None = Field(default=None, sa_type=sa.Text)
    refresh_token: str | None = Field(default=None, sa_type=sa.Text)
    scopes: str | None = Field(default=None, sa_type=sa.Text)
    expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    consecutive_failures: int = 0
    total_failures: int = 0
    total_successes: int = 0
    last_success_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_failure_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    refresh_requested_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_refreshed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CredentialEvent(SQLModel, table=True):
    """One lifecycle event of a credential (append only): created, updated, success, failure,
    refresh_requested, refreshed, reset."""

    __tablename__ = "credential_events"
    __table_args__ = (sa.Index("ix_credential_events_provider_id", "provider", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=64)
    event_type: str = Field(max_length=32)
    actor: str | None = Field(default=None, max_length=128)
    detail: str | None = Field(default=None, sa_type=sa.Text)
    data: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
