"""Steam games from a library folder's `steamapps/appmanifest_*.acf` files (Valve's KeyValues text,
parsed with the `vdf` package). Other libraries named in `steamapps/libraryfolders.vdf` are read too
when they exist on this machine."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import vdf
from pydantic import BaseModel

MAX_MANIFESTS = 5000


class SteamGame(BaseModel):
    app_id: str
    name: str
    install_dir: str | None
    size_on_disk_bytes: int
    last_updated: datetime | None
    library_path: str


class SteamGamesListResponse(BaseModel):
    library_path: str
    libraries: list[str]
    games: list[SteamGame]
    total_count: int
    total_size_bytes: int
    errors: list[str]


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def _libraries(root: Path) -> list[Path]:
    found = [root]
    listing = root / "steamapps" / "libraryfolders.vdf"
    if listing.is_file():
        try:
            data = vdf.loads(listing.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            return found
        folders = data.get("libraryfolders") or data.get("LibraryFolders") or {}
        for entry in folders.values() if isinstance(folders, dict) else []:
            path = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(path, str):
                candidate = Path(path)
                if candidate.is_dir() and candidate.resolve() not in {f.resolve() for f in found}:
                    found.append(candidate)
    return found


def read_games(root: Path) -> SteamGamesListResponse:
    games: list[SteamGame] = []
    errors: list[str] = []
    libraries = _libraries(root) if root.is_dir() else []
    for library in libraries:
        for manifest in sorted((library / "steamapps").glob("appmanifest_*.acf"))[:MAX_MANIFESTS]:
            try:
                state = vdf.loads(manifest.read_text(encoding="utf-8", errors="replace")).get("AppState") or {}
            except (SyntaxError, ValueError, OSError) as exc:
                errors.append(f"{manifest.name}: {type(exc).__name__}")
                continue
            if not isinstance(state, dict) or "appid" not in state:
                errors.append(f"{manifest.name}: no AppState.appid")
                continue
            updated = _int(state.get("LastUpdated"))
            games.append(SteamGame(
                app_id=str(state.get("appid")), name=str(state.get("name") or f"App {state.get('appid')}"),
                install_dir=state.get("installdir"), size_on_disk_bytes=_int(state.get("SizeOnDisk")),
                last_updated=datetime.fromtimestamp(updated, UTC) if updated else None,
                library_path=str(library),
            ))
    games.sort(key=lambda g: (-g.size_on_disk_bytes, g.name.lower()))
    return SteamGamesListResponse(
        library_path=str(root), libraries=[str(lib) for lib in libraries], games=games, total_count=len(games),
        total_size_bytes=sum(g.size_on_disk_bytes for g in games), errors=errors,
    )
