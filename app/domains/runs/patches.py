"""Applying a builder's unified diff to the run's workspace folder.

Parsing and hunk application come from `whatthepatch`; this module adds the
rules of the house: every path stays inside the workspace, and nothing is
written unless every file of the patch applies.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import whatthepatch
from whatthepatch.exceptions import WhatThePatchException


class PatchRejected(Exception):
    pass


def _relative(path: str | None) -> PurePosixPath | None:
    if path is None or path == "/dev/null":
        return None
    candidate = PurePosixPath(path.replace("\\", "/"))
    if candidate.parts[:1] in (("a",), ("b",)) and len(candidate.parts) > 1:
        candidate = PurePosixPath(*candidate.parts[1:])
    if candidate.is_absolute() or ".." in candidate.parts or (candidate.parts and ":" in candidate.parts[0]):
        raise PatchRejected(f"path '{path}' is outside the workspace")
    return candidate


def apply_patch(workspace: Path, patch_text: str) -> list[str]:
    """Apply every file of the patch or none; return the paths changed."""
    try:
        diffs = list(whatthepatch.parse_patch(patch_text))
    except WhatThePatchException as exc:
        raise PatchRejected(f"patch could not be parsed: {exc}") from exc
    diffs = [d for d in diffs if d.header is not None and d.changes]
    if not diffs:
        raise PatchRejected("patch contains no file changes")

    root = workspace.resolve()
    planned: list[tuple[Path, list[str] | None, str]] = []
    for diff in diffs:
        old = _relative(diff.header.old_path)
        new = _relative(diff.header.new_path)
        target_rel = new or old
        if target_rel is None:
            raise PatchRejected("patch names no file")
        target = (root / target_rel).resolve()
        if not target.is_relative_to(root):
            raise PatchRejected(f"path '{target_rel}' is outside the workspace")
        source = (root / old).resolve() if old is not None else None
        if source is not None and not source.is_file():
            raise PatchRejected(f"file '{old}' does not exist in the workspace")
        original = source.read_text(encoding="utf-8").splitlines() if source is not None else []
        try:
            patched = whatthepatch.apply_diff(diff, original)
        except WhatThePatchException as exc:
            raise PatchRejected(f"hunk does not apply to '{target_rel}': {exc}") from exc
        planned.append((target, None if new is None else list(patched), str(target_rel)))

    for target, lines, _ in planned:
        if lines is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return [name for _, _, name in planned]
