"""API consumers (OAuth2 clients), API keys and the signing key set.

Secrets are stored as SHA-256 digests only: client secrets and API keys are
long random strings, so a fast hash is enough and comparison is constant time.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UtcDateTime


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
