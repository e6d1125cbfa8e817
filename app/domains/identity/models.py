"""API consumers (OAuth2 clients), API keys and the signing key set.

Secrets are stored as SHA-256 digests only: client secrets and API keys are
long random strings, so a fast hash is enough and comparison is constant time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


class ApiConsumer(SQLModel, table=True):
    __tablename__ = "api_consumers"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=255)
    client_id: str = Field(max_length=64, unique=True)
    client_secret_hash: str = Field(max_length=64)
    hub_id: uuid.UUID | None = Field(default=None, foreign_key="hubs.id", ondelete="SET NULL", index=True)
    scopes: str = Field(default="", sa_type=sa.Text)
    status: str = Field(default="active", max_length=16)
    rate_per_minute: int | None = None
    daily_quota: int | None = None
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    # After a secret rotation the previous secret keeps working until previous_secret_expires_at.
    previous_secret_hash: str | None = Field(default=None, max_length=64)
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_keys"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=255)
    consumer_id: uuid.UUID | None = Field(default=None, foreign_key="api_consumers.id", ondelete="CASCADE",
                                          index=True)
    hub_id: uuid.UUID | None = Field(default=None, foreign_key="hubs.id", ondelete="CASCADE", index=True)
    key_prefix: str = Field(max_length=16, index=True)
    key_hash: str = Field(max_length=64, unique=True)
    scopes: str = Field(default="", sa_type=sa.Text)
    rate_per_minute: int | None = None
    daily_quota: int | None = None
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Disabled keys are refused until enabled again; a rotated key stops working at expires_at.
    disabled_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class SigningKey(SQLModel, table=True):
    """RS256 keys shared by every instance. The newest unretired key signs; all published keys verify."""

    __tablename__ = "signing_keys"

    kid: str = Field(primary_key=True, max_length=64)
    private_pem: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    retired_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class User(SQLModel, table=True):
    """A person who logs in at /api/auth/login. Only the argon2 hash of the password is kept."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    email: str = Field(max_length=255, unique=True)
    hashed_password: str = Field(max_length=255)
    is_active: bool = True
    is_superuser: bool = False
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    # Tokens issued before this moment are refused (revoking a user's tokens).
    tokens_valid_after: datetime | None = Field(default=None, sa_type=UtcDateTime)


class AuditEntry(SQLModel, table=True):
    """One change to a credential, registry entry or manifest (append only). Never holds a secret."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_subject", "subject_kind", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime, nullable=False, index=True)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=32)  # create | disable | enable | revoke | rotate | retire
    subject_kind: str = Field(max_length=32)  # oauth_client | api_key | hub_key | delivery_key | signing_key | user | ...
    subject_id: str = Field(max_length=128)
    tenant: str | None = Field(default=None, max_length=64)  # the hub or organization it belongs to
    detail: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
