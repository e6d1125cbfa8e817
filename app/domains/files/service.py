"""Uploaded files, stored content-addressed: CROSSWAY_UPLOADS_DIR/<sha[:2]>/<sha[2:4]>/<sha256>.

The same content uploaded twice is stored once; every upload gets its own metadata row.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.files.models import UploadedFile
from app.errors import PayloadTooLarge

CHUNK = 64 * 1024
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


class Readable(Protocol):
    async def read(self, size: int = -1) -> bytes: ...


class UploadResponse(BaseModel):
    id: int
    sha256: str
    filename: str
    content_type: str | None
    size_bytes: int
    stored_as: str
    duplicate: bool
    uploaded_at: datetime


def safe_filename(name: str | None) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .")
    return cleaned[:255] or "upload"


def stored_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


async def store_upload(ctx: RequestContext, source: Readable, filename: str | None, content_type: str | None
                       ) -> tuple[UploadedFile, bool]:
    """Stream the file to disk while hashing it; 413 past CROSSWAY_UPLOAD_MAX_BYTES."""
    require_api_key(ctx.settings, ctx.principal)
    root, limit = ctx.settings.uploads_dir, ctx.settings.upload_max_bytes
    await asyncio.to_thread(root.mkdir, parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle = await asyncio.to_thread(tempfile.NamedTemporaryFile, dir=root, prefix=".upload-", delete=False)
    try:
        while chunk := await source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"File too large (limit {limit} bytes)")
            digest.update(chunk)
            await asyncio.to_thread(handle.write, chunk)
        await asyncio.to_thread(handle.close)
        sha = digest.hexdigest()
        target = stored_path(root, sha)
        duplicate = await asyncio.to_thread(_place, Path(handle.name), target)
    finally:
        handle.close()
        if os.path.exists(handle.name):
            os.unlink(handle.name)
    row = UploadedFile(sha256=sha, filename=safe_filename(filename), content_type=(content_type or None) and content_type[:255],
                       size_bytes=size, uploaded_by=ctx.principal.identity, created_at=ctx.clock.now())
    ctx.session.add(row)
    await ctx.session.flush()
    return row, duplicate


def _place(temporary: Path, target: Path) -> bool:
    """Move the upload into place; True when that content was already stored."""
    if target.exists():
        return True
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, target)
    return False


def view(row: UploadedFile, duplicate: bool) -> UploadResponse:
    return UploadResponse(id=row.id, sha256=row.sha256, filename=row.filename, content_type=row.content_type,
                          size_bytes=row.size_bytes, stored_as=f"{row.sha256[:2]}/{row.sha256[2:4]}/{row.sha256}",
                          duplicate=duplicate, uploaded_at=row.created_at)
