"""Reading a run's artifact folder (CROSSWAY_RUNS_DIR/<run id>): the index, one file, browser artifacts.

Listings never follow symlinks; a file is served only when its resolved path lies inside the
run's folder. File content is text (undecodable bytes replaced), truncated at
CROSSWAY_ARTIFACT_MAX_BYTES, with secrets redacted.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from app.auth.control_plane import require_read_access
from app.context import RequestContext
from app.domains.runs import reads
from app.domains.runs.artifacts import run_folder
from app.errors import NotFound
from app.platform.redaction import known_secrets, redact
from app.platform.safe_paths import clean_relative_path, resolve_inside

SCREENSHOT_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


class ArtifactEntry(BaseModel):
    path: str
    size_bytes: int
    modified_at: datetime


class ArtifactIndex(BaseModel):
    run_id: str
    artifacts: list[ArtifactEntry]
    total_size_bytes: int
    truncated: bool = Field(False, description="More files than CROSSWAY_ARTIFACT_INDEX_MAX_FILES")


class BrowserArtifact(BaseModel):
    path: str
    timestamp: datetime
    size_bytes: int


class BrowserArtifacts(BaseModel):
    run_id: str
    screenshots: list[BrowserArtifact]
    html_files: list[BrowserArtifact]
    total_size_bytes: int


class FileQuery(BaseModel):
    path: str = Field(min_length=1, max_length=4096, description="Relative path within the run folder")


@dataclass
class ArtifactContent:
    text: str
    original_size: int
    truncated: bool
    redacted: bool


def _walk(folder: Path, limit: int) -> tuple[list[tuple[str, int, float]], bool]:
    """(relative path, size, mtime) of regular files under folder, symlinks skipped, sorted."""
    if not folder.is_dir() or folder.is_symlink():
        return [], False
    found: list[tuple[str, int, float]] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(current, d)))
        for name in sorted(files):
            full = os.path.join(current, name)
            try:
                stat = os.lstat(full)
            except OSError:
                continue
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            found.append((os.path.relpath(full, folder).replace(os.sep, "/"), stat.st_size, stat.st_mtime))
            if len(found) > limit:
                found.sort()
                return found[:limit], True
    found.sort()
    return found, False


def _time(mtime: float) -> datetime:
    return datetime.fromtimestamp(mtime, UTC)


async def artifact_index(ctx: RequestContext, run_id: str) -> ArtifactIndex:
    require_read_access(ctx.settings, ctx.principal)
    await reads.get_run(ctx, run_id)
    folder = run_folder(ctx.settings.runs_dir, run_id)
    files, truncated = await asyncio.to_thread(_walk, folder, ctx.settings.artifact_index_max_files)
    return ArtifactIndex(
        run_id=run_id, artifacts=[ArtifactEntry(path=p, size_bytes=s, modified_at=_time(m)) for p, s, m in files],
        total_size_bytes=sum(s for _, s, _ in files), truncated=truncated,
    )


async def browser_artifacts(ctx: RequestContext, run_id: str) -> BrowserArtifacts:
    require_read_access(ctx.settings, ctx.principal)
    await reads.get_run(ctx, run_id)
    folder = run_folder(ctx.settings.runs_dir, run_id)
    files, _ = await asyncio.to_thread(_walk, folder, ctx.settings.artifact_index_max_files)
    shots, pages = [], []
    for path, size, mtime in files:
        suffix = Path(path).suffix.lower()
        entry = BrowserArtifact(path=path, timestamp=_time(mtime), size_bytes=size)
        if suffix in SCREENSHOT_SUFFIXES:
            shots.append(entry)
        elif suffix in HTML_SUFFIXES:
            pages.append(entry)
    return BrowserArtifacts(run_id=run_id, screenshots=shots, html_files=pages,
                            total_size_bytes=sum(e.size_bytes for e in shots + pages))


async def artifact_file(ctx: RequestContext, run_id: str, raw_path: str) -> ArtifactContent:
    """Access, then the path (400 before the run is looked up), then the run (404), then the file."""
    require_read_access(ctx.settings, ctx.principal)
    relative = clean_relative_path(raw_path)
    await reads.get_run(ctx, run_id)
    folder = run_folder(ctx.settings.runs_dir, run_id)
    target = resolve_inside(folder, relative)
    limit, secrets = ctx.settings.artifact_max_bytes, known_secrets(ctx.settings)

    def read() -> ArtifactContent:
        if not target.is_file():
            raise NotFound(f"Artifact not found: {relative}")
        size = target.stat().st_size
        with target.open("rb") as handle:
            data = handle.read(limit)
        text, redacted = redact(data.decode("utf-8", errors="replace"), secrets)
        return ArtifactContent(text=text, original_size=size, truncated=size > limit, redacted=redacted)

    return await asyncio.to_thread(read)
