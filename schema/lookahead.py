"""What an operation selects below a field, so a resolver can fetch nested lists before they are asked for.

`selected_paths(info)` gives every path of field names (as the client spells them, through fragments)
under the current field: `{("edges",), ("edges", "node"), ("edges", "node", "tiers"), ...}`.
"""

from __future__ import annotations

from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def selected_paths(info: Any) -> set[tuple[str, ...]]:
    paths: set[tuple[str, ...]] = set()
    for field in info.selected_fields:
        _walk(field.selections, (), paths)
    return paths


def _walk(selections: list[Any], prefix: tuple[str, ...], paths: set[tuple[str, ...]]) -> None:
    for selection in selections:
        if isinstance(selection, SelectedField):
            path = (*prefix, selection.name)
            paths.add(path)
            _walk(selection.selections, path, paths)
        elif isinstance(selection, InlineFragment | FragmentSpread):
            _walk(selection.selections, prefix, paths)
