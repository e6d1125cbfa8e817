"""Storage scans of a folder tree, their items, and the cleanup rules learned from them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UtcDateTime


class StorageScan(SQLModel, table=True):
    __tablename__ = "storage_scans"

    id: int | None = Field(default=None, primary_key=True)
    root: str = Field(max_length=1024)  # relative to CROSSWAY_STORAGE_ROOT
    status: str = Field(default="completed", max_length=16)  # completed | approved
    max_depth: int
    max_items: int
    file_count: int = 0
    dir_count: int = 0
    total_size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    truncated: bool = False
    cleanup_candidates_count: int = 0
    cleanup_candidates_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    approved_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    approved_by: str | None = Field(default=None, max_length=128)


class StorageScanItem(SQLModel, table=True):
    """A file the scan found (folders are counted, not listed)."""

    __tablename__ = "storage_scan_items"

    id: int | None = Field(default=None, primary_key=True)
    scan_id: int = Field(foreign_key="storage_scans.id", ondelete="CASCADE", index=True)
    path: str = Field(sa_type=sa.Text)
    size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    category: str = Field(max_length=32)
    extension: str | None = Field(default=None, max_length=32)
    modified_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    cleanup_candidate: bool = False
    reason: str | None = Field(default=None, max_length=255)


class LearnedRule(SQLModel, table=True):
    """A cleanup pattern seen often enough in scans to suggest; applies only once approved."""

    __tablename__ = "storage_learned_rules"

    id: int | None = Field(default=None, primary_key=True)
    pattern: str = Field(max_length=255, unique=True)
    category: str = Field(max_length=32)
    action: str = Field(default="cleanup", max_length=16)
    occurrences: int = 0
    total_size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    confidence: float = 0.0
    status: str = Field(default="pending", max_length=16)  # pending | approved
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    approved_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
