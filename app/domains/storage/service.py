"""Storage management: scans of a folder tree under CROSSWAY_STORAGE_ROOT, their approval,
cleanup rules learned from them, recommendations, and the Steam library.

Nothing here deletes a file: approving a scan records consent for its cleanup candidates;
whatever performs the cleanup reads the approved scan. Scans, their details and approvals need
the X-API-Key; rules, recommendations and the Steam list are open, as the contract documents.
"""

from __future__ import annotations

import asyncio
import fnmatch
from collections import defaultdict
from pathlib import PurePosixPath

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.storage import repository as repo
from app.domains.storage.models import LearnedRule, StorageScan, StorageScanItem
from app.domains.storage.scanner import CACHE_FOLDERS, CLEANUP_REASONS, scan_tree
from app.domains.storage.shapes import (
    CategoryTotal,
    LearnedRuleResponse,
    PatternResponse,
    Recommendation,
    RecommendationsListResponse,
    ScanApproval,
    ScanCreate,
    ScanItemView,
    StorageScanDetailResponse,
    StorageScanResponse,
)
from app.domains.storage.steam import SteamGamesListResponse, read_games
from app.errors import Invalid, NotFound
from app.platform.safe_paths import clean_relative_path, resolve_inside

ANALYSIS_MAX_ITEMS = 200_000


# --- scans ----------------------------------------------------------------------------------------


async def create_scan(ctx: RequestContext, request: ScanCreate) -> StorageScan:
    require_api_key(ctx.settings, ctx.principal)
    settings = ctx.settings
    relative = "." if request.path.strip() in (".", "./") else clean_relative_path(request.path)
    folder = resolve_inside(settings.storage_root, relative) if relative != "." else settings.storage_root.resolve()
    if not folder.is_dir():
        raise NotFound(f"Folder not found under the storage root: {request.path}")
    max_depth = min(request.max_depth or settings.storage_scan_max_depth, settings.storage_scan_max_depth)
    max_items = min(request.max_items or settings.storage_scan_max_items, settings.storage_scan_max_items)
    now = ctx.clock.now()
    found = await asyncio.to_thread(scan_tree, str(folder), max_depth=max_depth, max_items=max_items, now=now,
                                    large_file_bytes=settings.storage_large_file_bytes)
    candidates = [f for f in found.files if f.cleanup_candidate]
    row = StorageScan(
        root=relative, status="completed", max_depth=max_depth, max_items=max_items, file_count=len(found.files),
        dir_count=found.dir_count, total_size_bytes=found.total_size_bytes, truncated=found.truncated,
        cleanup_candidates_count=len(candidates), cleanup_candidates_bytes=sum(f.size_bytes for f in candidates),
        created_at=now,
    )
    repo.add(ctx.session, row)
    await ctx.session.flush()
    repo.add(ctx.session, *[
        StorageScanItem(scan_id=row.id, path=f.path, size_bytes=f.size_bytes, category=f.category,
                        extension=f.extension, modified_at=f.modified_at, cleanup_candidate=f.cleanup_candidate,
                        reason=f.reason)
        for f in found.files
    ])
    await ctx.session.flush()
    return row


async def list_scans(ctx: RequestContext, limit: int = 50, offset: int = 0) -> list[StorageScan]:
    require_api_key(ctx.settings, ctx.principal)
    return await repo.scans(ctx.session, min(max(limit, 1), 500), max(offset, 0))


async def _scan(ctx: RequestContext, scan_id: int, *, for_update: bool = False) -> StorageScan:
    row = await repo.scan(ctx.session, scan_id, for_update=for_update)
    if row is None:
        raise NotFound(f"Storage scan {scan_id} not found")
    return row


def scan_view(row: StorageScan) -> StorageScanResponse:
    return StorageScanResponse(**row.model_dump())


def _item_view(item: StorageScanItem) -> ScanItemView:
    return ScanItemView(path=item.path, size_bytes=item.size_bytes, category=item.category,
                        modified_at=item.modified_at, reason=item.reason)


async def scan_detail(ctx: RequestContext, scan_id: int) -> StorageScanDetailResponse:
    require_api_key(ctx.settings, ctx.principal)
    row = await _scan(ctx, scan_id)
    totals = await repo.category_totals(ctx.session, scan_id)
    candidates = await repo.items(ctx.session, scan_id, candidates_only=True, limit=500)
    largest = await repo.items(ctx.session, scan_id, candidates_only=False, limit=20)
    return StorageScanDetailResponse(
        **row.model_dump(),
        categories=[CategoryTotal(category=c, file_count=n, size_bytes=s, cleanup_candidates=k) for c, n, s, k in totals],
        cleanup_candidates=[_item_view(i) for i in candidates], largest_files=[_item_view(i) for i in largest],
    )


async def approve_scan(ctx: RequestContext, scan_id: int) -> ScanApproval:
    require_api_key(ctx.settings, ctx.principal)
    row = await _scan(ctx, scan_id, for_update=True)
    if row.status == "approved":
        raise Invalid(f"Storage scan {scan_id} is already approved")
    row.status, row.approved_at, row.approved_by = "approved", ctx.clock.now(), ctx.principal.identity
    await ctx.session.flush()
    return ScanApproval(
        scan_id=row.id, status=row.status, approved_at=row.approved_at, approved_by=row.approved_by,
        cleanup_candidates_count=row.cleanup_candidates_count, cleanup_candidates_bytes=row.cleanup_candidates_bytes,
        message=f"Scan {row.id} approved: {row.cleanup_candidates_count} cleanup candidates may be removed",
    )


# --- learned rules ------------------------------------------------------------------------------


def pattern_of(path: str) -> str | None:
    """The pattern a file is an example of: its cache folder, else its extension."""
    parts = PurePosixPath(path).parts
    for part in parts[:-1]:
        if part.lower() in CACHE_FOLDERS:
            return f"**/{part.lower()}/**"
    suffix = PurePosixPath(path).suffix.lower()
    return f"*{suffix}" if suffix else None


def matches(pattern: str, path: str) -> bool:
    if pattern.startswith("**/") and pattern.endswith("/**"):
        folder = pattern[3:-3]
        return folder in {p.lower() for p in PurePosixPath(path).parts[:-1]}
    return fnmatch.fnmatch(PurePosixPath(path).name.lower(), pattern)


async def analyze_patterns(ctx: RequestContext, scan_id: int | None = None, min_occurrences: int = 2
                           ) -> list[PatternResponse]:
    """Group the scans' cleanup candidates into patterns; those seen at least min_occurrences times
    become (or update) learned rules, pending until approved."""
    if scan_id is not None:
        await _scan(ctx, scan_id)
    items = await repo.items_for_analysis(ctx.session, scan_id, ANALYSIS_MAX_ITEMS)
    seen: dict[str, dict] = defaultdict(lambda: {"matched": 0, "candidates": 0, "size": 0, "categories": defaultdict(int)})
    for path, category, size, candidate in items:
        pattern = pattern_of(path)
        if pattern is None:
            continue
        entry = seen[pattern]
        entry["matched"] += 1
        if candidate:
            entry["candidates"] += 1
            entry["size"] += size
            entry["categories"][category] += 1
    now = ctx.clock.now()
    results = []
    for pattern, entry in sorted(seen.items(), key=lambda kv: (-kv[1]["size"], kv[0])):
        if entry["candidates"] < min_occurrences:
            continue
        category = max(entry["categories"].items(), key=lambda kv: (kv[1], kv[0]))[0]
        confidence = round(entry["candidates"] / entry["matched"], 3)
        rule = await repo.rule_by_pattern(ctx.session, pattern)
        if rule is None:
            rule = LearnedRule(pattern=pattern, category=category, created_at=now, updated_at=now)
            repo.add(ctx.session, rule)
        rule.category, rule.occurrences, rule.total_size_bytes = category, entry["candidates"], entry["size"]
        rule.confidence, rule.updated_at = confidence, now
        await ctx.session.flush()
        results.append(PatternResponse(pattern=pattern, category=category, occurrences=entry["candidates"],
                                       total_size_bytes=entry["size"], confidence=confidence, rule_id=rule.id,
                                       rule_status=rule.status))
    return results


def rule_view(row: LearnedRule) -> LearnedRuleResponse:
    return LearnedRuleResponse(**row.model_dump())


async def learned_rules(ctx: RequestContext) -> list[LearnedRule]:
    return await repo.rules(ctx.session)


async def approve_rule(ctx: RequestContext, rule_id: int) -> LearnedRule:
    rule = await repo.rule(ctx.session, rule_id)
    if rule is None:
        raise NotFound(f"Learned rule {rule_id} not found")
    if rule.status != "approved":
        rule.status, rule.approved_at = "approved", ctx.clock.now()
        rule.updated_at = rule.approved_at
        await ctx.session.flush()
    return rule


# --- recommendations ----------------------------------------------------------------------------


async def recommendations(ctx: RequestContext, scan_id: int | None = None) -> RecommendationsListResponse:
    """What to clean up in a scan (default: the latest): its candidates by category, plus files
    that approved learned rules cover."""
    row = await _scan(ctx, scan_id) if scan_id is not None else await repo.latest_scan(ctx.session)
    if row is None:
        return RecommendationsListResponse(scan_id=None, recommendations=[], total_potential_savings_bytes=0)
    approved = await repo.rules(ctx.session, "approved")
    items = await repo.items(ctx.session, row.id, candidates_only=False, limit=ANALYSIS_MAX_ITEMS)
    groups: dict[str, dict] = {}
    for item in items:
        rule_ids = [r.id for r in approved if matches(r.pattern, item.path)]
        if not item.cleanup_candidate and not rule_ids:
            continue
        group = groups.setdefault(item.category, {"count": 0, "size": 0, "paths": [], "rules": set()})
        group["count"] += 1
        group["size"] += item.size_bytes
        group["rules"].update(rule_ids)
        if len(group["paths"]) < 5:
            group["paths"].append(item.path)
    recs = [
        Recommendation(category=category, action="cleanup",
                       reason=CLEANUP_REASONS.get(category, "matches an approved learned rule or is very large"),
                       item_count=g["count"], size_bytes=g["size"], sample_paths=g["paths"], rule_ids=sorted(g["rules"]))
        for category, g in sorted(groups.items(), key=lambda kv: -kv[1]["size"])
    ]
    return RecommendationsListResponse(scan_id=row.id, recommendations=recs,
                                       total_potential_savings_bytes=sum(r.size_bytes for r in recs))


async def steam_games(ctx: RequestContext) -> SteamGamesListResponse:
    return await asyncio.to_thread(read_games, ctx.settings.steam_library_dir)
