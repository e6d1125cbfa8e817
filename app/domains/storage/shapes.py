"""Write and read shapes of storage scans, learned rules and recommendations."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ScanCreate(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    path: str = Field(".", min_length=1, max_length=1024, description="Folder relative to CROSSWAY_STORAGE_ROOT")
    max_depth: int | None = Field(None, ge=1, le=64, description="Default and ceiling: CROSSWAY_STORAGE_SCAN_MAX_DEPTH")
    max_items: int | None = Field(None, ge=1, description="Default and ceiling: CROSSWAY_STORAGE_SCAN_MAX_ITEMS")


class ScansQuery(BaseModel):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class StorageScanResponse(BaseModel):
    id: int
    root: str
    status: str
    max_depth: int
    max_items: int
    file_count: int
    dir_count: int
    total_size_bytes: int
    truncated: bool
    cleanup_candidates_count: int
    cleanup_candidates_bytes: int
    created_at: datetime
    approved_at: datetime | None
    approved_by: str | None


class CategoryTotal(BaseModel):
    category: str
    file_count: int
    size_bytes: int
    cleanup_candidates: int


class ScanItemView(BaseModel):
    path: str
    size_bytes: int
    category: str
    modified_at: datetime | None
    reason: str | None


class StorageScanDetailResponse(StorageScanResponse):
    categories: list[CategoryTotal]
    cleanup_candidates: list[ScanItemView] = Field(description="Largest first, at most 500")
    largest_files: list[ScanItemView] = Field(description="At most 20")


class ScanApproval(BaseModel):
    scan_id: int
    status: str
    approved_at: datetime
    approved_by: str
    cleanup_candidates_count: int
    cleanup_candidates_bytes: int
    message: str


class AnalyzeRequest(BaseModel):
    scan_id: int | None = Field(None, description="Analyse one scan; default: every scan")
    min_occurrences: int = Field(2, ge=1, le=1000)


class PatternResponse(BaseModel):
    pattern: str
    category: str
    occurrences: int
    total_size_bytes: int
    confidence: float = Field(description="Share of the files matching the pattern that were cleanup candidates")
    rule_id: int
    rule_status: str


class LearnedRuleResponse(BaseModel):
    id: int
    pattern: str
    category: str
    action: str
    occurrences: int
    total_size_bytes: int
    confidence: float
    status: str
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None


class Recommendation(BaseModel):
    category: str
    action: str
    reason: str
    item_count: int
    size_bytes: int
    sample_paths: list[str]
    rule_ids: list[int]


class RecommendationsListResponse(BaseModel):
    scan_id: int | None
    recommendations: list[Recommendation]
    total_potential_savings_bytes: int
