"""Storage management endpoints of the run control plane.

A scan is created with POST /storage/scans (X-API-Key): Crossway walks the folder, with the
configured depth and item limits, under CROSSWAY_STORAGE_ROOT."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.storage import service
from app.domains.storage.shapes import (
    AnalyzeRequest,
    LearnedRuleResponse,
    RecommendationsListResponse,
    ScanApproval,
    ScanCreate,
    ScansQuery,
    StorageScanDetailResponse,
)
from app.domains.storage.steam import SteamGamesListResponse
from app.errors import NotFound
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

API_KEY = "X-API-Key"
FORBIDDEN = {403: "Invalid or missing API key"}


def _id(call: Call, name: str, what: str) -> int:
    raw = call.path(name)
    if not raw.isdigit() or len(raw) > 18:
        raise NotFound(f"{what} {raw} not found")
    return int(raw)


@control.endpoint("POST", "/storage/scans", body=ScanCreate, auth=API_KEY, tags=["storage"],
                  responses={201: StorageScanDetailResponse, 400: "Unsafe path", **FORBIDDEN,
                             404: "Folder not found under the storage root"})
async def create_scan(ctx: RequestContext, call: Call):
    """Scan a folder under CROSSWAY_STORAGE_ROOT (depth and item limits; symlinks skipped)."""
    row = await service.create_scan(ctx, call.body)
    return json_response(await service.scan_detail(ctx, row.id), 201)


@control.endpoint("GET", "/storage/scans", query=ScansQuery, auth=API_KEY, tags=["storage"],
                  responses={200: "A JSON list of StorageScanResponse, newest first", **FORBIDDEN})
async def list_scans(ctx: RequestContext, call: Call):
    """Storage scans, newest first."""
    rows = await service.list_scans(ctx, call.query.limit, call.query.offset)
    return json_response([service.scan_view(r).model_dump(mode="json") for r in rows])


@control.endpoint("GET", "/storage/scans/{scan_id}", auth=API_KEY, tags=["storage"],
                  responses={200: StorageScanDetailResponse, **FORBIDDEN, 404: "Unknown scan"})
async def scan_detail(ctx: RequestContext, call: Call):
    """A scan with its category totals, cleanup candidates and largest files."""
    return json_response(await service.scan_detail(ctx, _id(call, "scan_id", "Storage scan")))


@control.endpoint("POST", "/storage/scans/{scan_id}/approve", auth=API_KEY, tags=["storage"],
                  responses={200: ScanApproval, 400: "Already approved", **FORBIDDEN, 404: "Unknown scan"})
async def approve_scan(ctx: RequestContext, call: Call):
    """Approve a scan's cleanup candidates (records consent; deletes nothing)."""
    return json_response(await service.approve_scan(ctx, _id(call, "scan_id", "Storage scan")))


@control.endpoint("GET", "/storage/steam/games", tags=["storage"], responses={200: SteamGamesListResponse})
async def steam_games(ctx: RequestContext, call: Call):
    """Steam games from appmanifest_*.acf files under CROSSWAY_STEAM_LIBRARY_DIR/steamapps."""
    return json_response(await service.steam_games(ctx))


@control.endpoint("POST", "/storage/patterns/analyze", body=AnalyzeRequest, body_optional=True, tags=["storage"],
                  responses={200: "A JSON list of PatternResponse", 404: "Unknown scan"})
async def analyze_patterns(ctx: RequestContext, call: Call):
    """Learn cleanup patterns from scans; frequent ones become pending learned rules."""
    body = call.body or AnalyzeRequest()
    patterns = await service.analyze_patterns(ctx, body.scan_id, body.min_occurrences)
    return json_response([p.model_dump(mode="json") for p in patterns])


@control.endpoint("GET", "/storage/learned-rules", tags=["storage"],
                  responses={200: "A JSON list of LearnedRuleResponse"})
async def learned_rules(ctx: RequestContext, call: Call):
    """Learned file organisation rules, pending and approved."""
    return json_response([service.rule_view(r).model_dump(mode="json") for r in await service.learned_rules(ctx)])


@control.endpoint("POST", "/storage/learned-rules/{rule_id}/approve", tags=["storage"],
                  responses={200: LearnedRuleResponse, 404: "Unknown rule"})
async def approve_rule(ctx: RequestContext, call: Call):
    """Approve a learned rule: recommendations then cover the files it matches."""
    return json_response(service.rule_view(await service.approve_rule(ctx, _id(call, "rule_id", "Learned rule"))))


@control.endpoint("GET", "/storage/recommendations", tags=["storage"], responses={200: RecommendationsListResponse})
async def recommendations(ctx: RequestContext, call: Call):
    """Cleanup recommendations for the latest scan."""
    return json_response(await service.recommendations(ctx))
