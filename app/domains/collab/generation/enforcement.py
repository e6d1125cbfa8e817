"""Content enforcement: profanity, length and policy checks, in one of three modes.

- off: no checks, no metadata.
- advisory: checks run and are reported (the SSE `enforcement` event, the `enforcement`
  field); nothing is blocked.
- enforced: a failed check refuses the content with QA_REJECTED (or HARMFUL_CONTENT) and
  an actionable `suggestedFix`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import structlog

from app.errors import AppError

POLICY_VERSION = "2025-12-25"
CHECKS = ["profanity", "tos_compliance", "length"]
BANNED = ("fuck", "shit", "bitch", "asshole", "bastard", "cunt", "dickhead", "motherfucker")
HARMFUL = ("kill myself", "end my life", "suicide", "self-harm", "self harm", "hurt myself", "want to die")
LIMITS = {"x": 280, "ig": 2200, "tiktok": 2200}
NEAR_LIMIT = 20  # characters below the limit at which a warning is raised

audit_log = structlog.get_logger("crossway.enforcement")
_WORD = {term: re.compile(rf"\b{re.escape(term)}(?:s|ed|ing|ty|ter)?\b", re.IGNORECASE) for term in BANNED}


class QARejected(AppError):
    status, code = 422, "QA_REJECTED"


@dataclass
class Decision:
    check: str
    status: str  # PASS | WARN | FAIL
    message: str
    code: str | None = None
    suggested_fix: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"check": self.check, "status": self.status, "message": self.message}
        if self.code:
            out["code"] = self.code
        if self.suggested_fix:
            out["suggestedFix"] = self.suggested_fix
        if self.details:
            out["details"] = self.details
        return out


def posts_of(text: str, platform: str, kind: str) -> list[str]:
    if platform == "x" and kind == "viral_thread":
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [text.strip()]


def check_profanity(text: str) -> Decision:
    found = [term for term, pattern in _WORD.items() if pattern.search(text)]
    if found:
        return Decision("profanity", "FAIL", "Content contains banned terms", "QA_REJECTED",
                        "Remove profanity and re-generate. See brand safety policy.",
                        {"banned": found, "check": "profanity"})
    return Decision("profanity", "PASS", "No banned terms")


def check_policy(text: str) -> Decision:
    lowered = text.lower()
    found = [phrase for phrase in HARMFUL if phrase in lowered]
    if found:
        return Decision("tos_compliance", "FAIL", "Detected self-harm phrasing", "HARMFUL_CONTENT",
                        "Refocus on growth/resilience; use provided redirection topic.",
                        {"phrases": found, "check": "tos_compliance"})
    return Decision("tos_compliance", "PASS", "No policy concerns")


def check_length(text: str, platform: str, kind: str) -> Decision:
    limit = LIMITS.get(platform, LIMITS["x"])
    lengths = [len(post) for post in posts_of(text, platform, kind)]
    over = [i + 1 for i, n in enumerate(lengths) if n > limit]
    noun = "tweet" if platform == "x" else "post"
    if over:
        return Decision("length", "FAIL", f"Content exceeds {limit} characters", "QA_REJECTED",
                        f"Shorten {noun} {', '.join(map(str, over))} to {limit} characters or fewer.",
                        {"limit": limit, "too_long": over, "lengths": lengths, "check": "length"})
    if any(n >= limit - NEAR_LIMIT for n in lengths):
        return Decision("length", "WARN", f"{noun} length near {limit} chars", details={"limit": limit,
                                                                                      "lengths": lengths})
    return Decision("length", "PASS", "Within length limits")


def evaluate(text: str, *, platform: str, kind: str, mode: str, request_id: str) -> dict[str, Any]:
    """The enforcement payload: {request_id, mode, decisions, qa_summary, would_block, required_edits,
    audit_ok} plus the documented metadata fields {status, workflowId, policyVersion, checks, warnings}."""
    decisions = [check_profanity(text), check_policy(text), check_length(text, platform, kind)]
    failures = [d for d in decisions if d.status == "FAIL"]
    warnings = [d.message for d in decisions if d.status == "WARN"]
    workflow_id = str(uuid.uuid4())
    audit_ok = True
    try:
        audit_log.info("enforcement", request_id=request_id, mode=mode, workflow_id=workflow_id,
                       failed=[d.check for d in failures], warnings=warnings, policy_version=POLICY_VERSION)
    except Exception:  # an audit that cannot be written is reported, not fatal
        audit_ok = False
    return {
        "request_id": request_id,
        "mode": mode,
        "decisions": [d.as_dict() for d in decisions],
        "qa_summary": {"status": "FAIL" if failures else "PASS", "checks_run": len(decisions),
                       "passed": sum(d.status != "FAIL" for d in decisions), "failed": len(failures),
                       "warnings": len(warnings)},
        "would_block": bool(failures),
        "required_edits": [d.suggested_fix for d in failures if d.suggested_fix],
        "audit_ok": audit_ok,
        "status": mode,
        "workflowId": workflow_id,
        "policyVersion": POLICY_VERSION,
        "checks": list(CHECKS),
        "warnings": warnings,
    }


def rejection(payload: dict[str, Any]) -> QARejected:
    """The enforced-mode refusal for a payload that failed: the first failing check speaks."""
    failed = next(d for d in payload["decisions"] if d["status"] == "FAIL")
    error = QARejected(failed["message"], suggested_fix=failed.get("suggestedFix"), details=failed.get("details"))
    error.code = failed.get("code") or "QA_REJECTED"
    return error
