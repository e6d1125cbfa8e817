"""Checking client-supplied relative paths before any file is touched.

Used for run artifacts and storage scans. A path is refused when any of its decodings (the
value is URL-decoded twice, and every further decoding is checked too, so no depth of encoding
gets through) contains `..`, starts with `/` or `\\`, names a drive (`C:`), holds a NUL or
control character, or is absolute. What passes is then resolved (symlinks followed) and must
still lie inside the base folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from app.errors import Invalid

_DRIVE = re.compile(r"(^|[/\\])[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_DECODINGS = 6


class UnsafePath(Invalid):
    pass


def _problem(form: str) -> str | None:
    if _CONTROL.search(form):
        return "control characters are not allowed"
    if ".." in form:
        return "'..' is not allowed"
    if form.startswith(("/", "\\")):
        return "absolute paths are not allowed"
    if _DRIVE.search(form):
        return "drive letters are not allowed"
    return None


def clean_relative_path(raw: str) -> str:
    """The path decoded twice, with backslashes as '/', or UnsafePath (400) saying why not."""
    if not raw or not raw.strip():
        raise UnsafePath("Invalid path: empty")
    forms = [raw]
    while len(forms) < MAX_DECODINGS:
        decoded = unquote(forms[-1])
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    for form in forms:
        problem = _problem(form)
        if problem:
            raise UnsafePath(f"Invalid path: {problem}")
    chosen = forms[min(2, len(forms) - 1)].replace("\\", "/")
    if Path(chosen).is_absolute():
        raise UnsafePath("Invalid path: absolute paths are not allowed")
    return chosen


def resolve_inside(base: Path, relative: str) -> Path:
    """base/relative with symlinks resolved; UnsafePath when it lands outside base."""
    root = base.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise UnsafePath("Invalid path: it leads outside the allowed folder")
    return target
