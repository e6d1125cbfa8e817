"""Uploaded files: stored once per content (sha256), one metadata row per upload."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UtcDateTime


class UploadedFile(SQLModel, table=True):
    __tablename__ = "uploaded_files"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, index=True)
    filename: str = Field(max_length=255)
    content_type: str | None = Field(default=None, max_length=255)
    size_bytes: int = Field(sa_type=sa.BigInteger)
    uploaded_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
