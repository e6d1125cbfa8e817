"""Applying a builder's unified diff to the run's workspace folder.

Parsing is `unidiff`'s (it honours hunk lengths, so multi-file diffs without
git headers parse correctly). Application is strict: every context and removed
line must match the file exactly where the hunk says (no fuzz), every path
stays inside the workspace, and nothing is written unless every file applies.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError


class PatchRejected(Exception):
    pass


def _relative(path: str) -> PurePosixPath:
    candidate = PurePosixPath(path.replace("\\", "/"))
    if candidate.is_absolute() or ".." in candidate.parts or (candidate.parts and ":" in candidate.parts[0]):
        raise PatchRejected(f"path '{path}' is outside the workspace")
    if not candidate.parts:
        raise PatchRejected("patch names no file")
    return candidate


def _apply_hunks(patched_file, original: list[str], name: str) -> list[str]:  # noqa: ANN001 - unidiff.PatchedFile
    result: list[str] = []
    cursor = 0  # index into original
    for hunk in patched_file:
        start = max(hunk.source_start - 1, 0)
        if start < cursor:
            raise PatchRejected(f"overlapping hunks in '{name}'")
        result.extend(original[cursor:start])
        cursor = start
        for line in hunk:
            if line.line_type in (" ", "-"):
                if cursor >= len(original) or original[cursor].rstrip("\r\n") != line.value.rstrip("\r\n"):
                    raise PatchRejected(f"hunk at line {hunk.source_start} does not match '{name}'")
                if line.line_type == " ":
                    result.append(original[cursor])
                cursor += 1
            elif line.line_type == "+":
                result.append(line.value if line.value.endswith("\n") else line.value + "\n")
    result.extend(original[cursor:])
    return result


def apply_patch(workspace: Path, patch_text: str) -> list[str]:
    """Apply every file of the patch or none; return the paths changed."""
    try:
        patch = PatchSet(patch_text)
    except UnidiffParseError as exc:
        raise PatchRejected(f"patch could not be parsed: {exc}") from exc
    if not len(patch):
        raise PatchRejected("patch contains no file changes")

    root = workspace.resolve()
    planned: list[tuple[Path, list[str] | None, str]] = []
    for patched_file in patch:
        rel = _relative(patched_file.path)
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            raise PatchRejected(f"path '{rel}' is outside the workspace")
        if patched_file.is_added_file:
            if target.exists():
                raise PatchRejected(f"file '{rel}' already exists in the workspace")
            original: list[str] = []
        elif not target.is_file():
            raise PatchRejected(f"file '{rel}' does not exist in the workspace")
        else:
            original = target.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = _apply_hunks(patched_file, original, str(rel))
        planned.append((target, None if patched_file.is_removed_file else lines, str(rel)))

    for target, lines, _ in planned:
        if lines is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(lines), encoding="utf-8")
    return [name for _, _, name in planned]
