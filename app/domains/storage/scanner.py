"""Walking a folder tree with depth and item limits, and sorting what it finds into categories.

Pure functions over the filesystem: no database, no request. Symlinks are neither followed nor listed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath

CATEGORY_SUFFIXES: dict[str, frozenset[str]] = {
    "temp": frozenset({".tmp", ".temp", ".bak", ".old", ".swp", ".part", ".crdownload"}),
    "logs": frozenset({".log", ".trace", ".dmp"}),
    "cache": frozenset({".pyc", ".pyo", ".cache"}),
    "installers": frozenset({".exe", ".msi", ".dmg", ".pkg", ".deb", ".rpm", ".iso", ".appimage"}),
    "archives": frozenset({".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst"}),
    "media": frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".mkv", ".mov", ".avi", ".mp3",
                        ".wav", ".flac"}),
    "documents": frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".md", ".odt"}),
    "code": frozenset({".py", ".js", ".ts", ".go", ".rs", ".java", ".c", ".h", ".cpp", ".rb", ".sh"}),
}
CACHE_FOLDERS = frozenset({"__pycache__", "node_modules", ".cache", ".pytest_cache", ".mypy_cache", ".tox",
                           ".gradle", "cache", "caches", "tmp", "temp"})
# Categories whose files are cleanup candidates, and why.
CLEANUP_REASONS = {
    "temp": "temporary file",
    "cache": "cache that is rebuilt on demand",
    "logs": "log file older than 30 days",
    "installers": "installer that is no longer needed once installed",
}
OLD_LOG = timedelta(days=30)


@dataclass
class FoundFile:
    path: str
    size_bytes: int
    modified_at: datetime
    category: str
    extension: str | None
    cleanup_candidate: bool
    reason: str | None


@dataclass
class ScanResult:
    files: list[FoundFile] = field(default_factory=list)
    dir_count: int = 0
    truncated: bool = False

    @property
    def total_size_bytes(self) -> int:
        return sum(f.size_bytes for f in self.files)


def categorise(relative: str, *, modified_at: datetime, size: int, now: datetime, large_file_bytes: int
               ) -> tuple[str, bool, str | None]:
    """(category, cleanup candidate?, reason)."""
    path = PurePosixPath(relative)
    suffix = path.suffix.lower()
    parents = {p.lower() for p in path.parts[:-1]}
    if parents & CACHE_FOLDERS:
        category = "cache"
    else:
        category = next((name for name, suffixes in CATEGORY_SUFFIXES.items() if suffix in suffixes), "other")
    if category == "logs":
        old = now - modified_at > OLD_LOG
        return category, old, CLEANUP_REASONS["logs"] if old else None
    if category in CLEANUP_REASONS:
        return category, True, CLEANUP_REASONS[category]
    if size >= large_file_bytes:
        return category, True, f"large file ({size // (1024 * 1024)} MiB): review"
    return category, False, None


def scan_tree(root: str, *, max_depth: int, max_items: int, now: datetime, large_file_bytes: int) -> ScanResult:
    """Files under root, at most max_depth folders deep and max_items entries (files and folders)."""
    result = ScanResult()
    base_depth = root.rstrip(os.sep).count(os.sep)
    items = 0
    for current, dirs, files in os.walk(root, followlinks=False):
        depth = current.rstrip(os.sep).count(os.sep) - base_depth
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(current, d)))
        if depth >= max_depth:
            if dirs:
                result.truncated = True
            dirs[:] = []
        for name in sorted(files):
            if items >= max_items:
                result.truncated = True
                return result
            full = os.path.join(current, name)
            if os.path.islink(full):
                continue
            try:
                stat = os.stat(full)
            except OSError:
                continue
            items += 1
            relative = os.path.relpath(full, root).replace(os.sep, "/")
            modified = datetime.fromtimestamp(stat.st_mtime, UTC)
            category, candidate, reason = categorise(relative, modified_at=modified, size=stat.st_size, now=now,
                                                     large_file_bytes=large_file_bytes)
            suffix = PurePosixPath(relative).suffix.lower() or None
            result.files.append(FoundFile(relative, stat.st_size, modified, category, suffix[:32] if suffix else None,
                                          candidate, reason))
        result.dir_count += len(dirs)
        items += len(dirs)
        if items >= max_items:
            result.truncated = True
            return result
    return result
