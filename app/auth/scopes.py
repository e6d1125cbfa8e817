"""The scopes Crossway grants, and what each allows."""

from __future__ import annotations

HUB_READ = "hub:read"
HUB_EVENTS_WRITE = "hub:events:write"
HUB_ANNOTATIONS_WRITE = "hub:annotations:write"
HUB_WIDGETS_WRITE = "hub:widgets:write"
HUB_LIFECYCLE_WRITE = "hub:lifecycle:write"
ADMIN = "admin"

# `hub:*:write`: granted to a hub's clients and keys only while the hub has an active manifest.
HUB_WRITE_SCOPES = frozenset({HUB_EVENTS_WRITE, HUB_ANNOTATIONS_WRITE, HUB_WIDGETS_WRITE, HUB_LIFECYCLE_WRITE})

KNOWN_SCOPES = {
    HUB_READ: "read widgets, events, annotations and lifecycle records",
    HUB_EVENTS_WRITE: "submit interaction events (needs an active hub manifest)",
    HUB_ANNOTATIONS_WRITE: "submit annotations (needs an active hub manifest)",
    HUB_WIDGETS_WRITE: "register widgets (needs an active hub manifest)",
    HUB_LIFECYCLE_WRITE: "record requirement candidates, decisions, deployments and outcomes",
    ADMIN: "manage hubs, clients, API keys and registries",
}

DEFAULT_HUB_SCOPES = frozenset({HUB_READ, *HUB_WRITE_SCOPES})


def parse_scopes(text: str | None) -> frozenset[str]:
    return frozenset(part for part in (text or "").replace(",", " ").split() if part)


def unknown_scopes(scopes: frozenset[str]) -> list[str]:
    return sorted(s for s in scopes if s not in KNOWN_SCOPES)


def effective_scopes(granted: frozenset[str], *, hub_manifest_active: bool) -> frozenset[str]:
    return granted if hub_manifest_active else granted - HUB_WRITE_SCOPES
