"""Administering the hub: hubs and their v1 keys, capability manifests, registry entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.auth import scopes as sc
from app.auth.hub_access import require_scope
from app.auth.secrets import digest, new_hub_key
from app.context import RequestContext
from app.domains.identity import audit
from app.domains.interactions import repository as repo
from app.domains.interactions.models import REGISTRY_KINDS, Hub, HubCapabilityManifest
from app.domains.interactions.shapes import HubIn, ManifestIn, RegistryEntryIn
from app.domains.interactions.validation import forget_reference, parse
from app.errors import Conflict, Invalid, NotFound


@dataclass
class NewHub:
    hub: Hub
    api_key: str  # shown once


async def create_hub(ctx: RequestContext, data: dict[str, Any]) -> NewHub:
    require_scope(ctx.principal, sc.ADMIN)
    hub_in: HubIn = parse(HubIn, data)
    if await repo.hub_by_slug(ctx.session, hub_in.slug) is not None:
        raise Conflict(f"Hub '{hub_in.slug}' already exists")
    key, prefix = new_hub_key()
    hub = Hub(slug=hub_in.slug, name=hub_in.name, domain=hub_in.domain, api_key_hash=digest(key),
              api_key_prefix=prefix, created_at=ctx.clock.now())
    repo.add(ctx.session, hub)
    await repo.flush(ctx.session)
    audit.record(ctx, "create", "hub_key", hub.slug, tenant=hub.id, detail={"prefix": prefix})
    return NewHub(hub, key)


async def hub_named(ctx: RequestContext, slug: str) -> Hub:
    hub = await repo.hub_by_slug(ctx.session, slug)
    if hub is None:
        raise NotFound(f"Hub '{slug}' not found")
    return hub


async def publish_manifest(ctx: RequestContext, slug: str, data: dict[str, Any]) -> HubCapabilityManifest:
    """A new active manifest for the hub (the previous one retires). Event and widget types it
    declares that no registry holds yet are registered, owned by the hub."""
    require_scope(ctx.principal, sc.ADMIN)
    manifest_in: ManifestIn = parse(ManifestIn, data)
    hub = await hub_named(ctx, slug)
    existing = await repo.manifests_of(ctx.session, hub.id)
    now = ctx.clock.now()
    declared = {"event-type": set(manifest_in.event_types), "widget-type": set(manifest_in.widget_types)}
    for manifest in existing:
        if manifest.status == "active":
            manifest.status, manifest.retired_at = "retired", now
            await _deactivate_registered(ctx, hub, manifest, keep=declared)
    for kind, names in (("event-type", manifest_in.event_types), ("widget-type", manifest_in.widget_types)):
        for name in dict.fromkeys(names):
            _check_name(name)
            entry = await repo.registry_entry(ctx.session, kind, name)
            if entry is None:
                repo.add(ctx.session, REGISTRY_KINDS[kind](name=name, owner_hub_id=hub.id, created_at=now,
                                                         description=f"Declared by hub {hub.slug}"))
            elif entry.owner_hub_id == hub.id and entry.status != "active":
                entry.status = "active"  # declared again by the hub that registered it
    manifest = HubCapabilityManifest(
        hub_id=hub.id, version=max((m.version for m in existing), default=0) + 1, status="active",
        event_types=list(dict.fromkeys(manifest_in.event_types)),
        widget_types=list(dict.fromkeys(manifest_in.widget_types)), created_at=now,
    )
    repo.add(ctx.session, manifest)
    await repo.flush(ctx.session)
    audit.record(ctx, "create", "manifest", manifest.id, tenant=hub.id, detail={"version": manifest.version})
    ctx.after_commit(ctx.runtime.credentials.forget_all)  # the hub's keys gain the manifest's writes
    forget_reference(ctx)  # it may have registered names
    return manifest


async def retire_manifest(ctx: RequestContext, slug: str) -> list[HubCapabilityManifest]:
    require_scope(ctx.principal, sc.ADMIN)
    hub = await hub_named(ctx, slug)
    retired = []
    for manifest in await repo.manifests_of(ctx.session, hub.id):
        if manifest.status == "active":
            manifest.status, manifest.retired_at = "retired", ctx.clock.now()
            retired.append(manifest)
            await _deactivate_registered(ctx, hub, manifest, keep={})
            audit.record(ctx, "retire", "manifest", manifest.id, tenant=hub.id, detail={"version": manifest.version})
    await repo.flush(ctx.session)
    ctx.after_commit(ctx.runtime.credentials.forget_all)  # the hub's keys lose the manifest's writes
    forget_reference(ctx)  # the types it registered are no longer active
    return retired


async def _deactivate_registered(ctx: RequestContext, hub: Hub, manifest: HubCapabilityManifest,
                                 keep: dict[str, set[str]]) -> None:
    """The event and widget types this hub registered through `manifest` stop being active, unless the
    manifest replacing it (`keep`) declares them too. Types another hub or an admin registered stay."""
    for kind, names in (("event-type", manifest.event_types), ("widget-type", manifest.widget_types)):
        for name in names or []:
            if name in keep.get(kind, set()):
                continue
            entry = await repo.registry_entry(ctx.session, kind, name)
            if entry is not None and entry.owner_hub_id == hub.id and entry.status == "active":
                entry.status = "deprecated"


async def retire_registry_entry(ctx: RequestContext, kind: str, name: str) -> Any:
    """A registry entry stops being active: new submissions naming it are refused (what was stored stays)."""
    require_scope(ctx.principal, sc.ADMIN)
    if kind not in REGISTRY_KINDS:
        raise NotFound(f"Unknown registry '{kind}'")
    entry = await repo.registry_entry(ctx.session, kind, name)
    if entry is None:
        raise NotFound(f"{kind} '{name}' is not registered")
    if entry.status != "deprecated":
        entry.status = "deprecated"
        await repo.flush(ctx.session)
        audit.record(ctx, "retire", kind, name, tenant=entry.owner_hub_id)
        forget_reference(ctx)
    return entry


async def add_registry_entry(ctx: RequestContext, kind: str, data: dict[str, Any]) -> Any:
    require_scope(ctx.principal, sc.ADMIN)
    if kind not in REGISTRY_KINDS:
        raise NotFound(f"Unknown registry '{kind}'")
    entry_in: RegistryEntryIn = parse(RegistryEntryIn, data)
    existing = await repo.registry_entry(ctx.session, kind, entry_in.name)
    owner = (await hub_named(ctx, entry_in.hub)).id if entry_in.hub else None
    if existing is not None:
        if existing.status == "active":
            raise Conflict(f"{kind} '{entry_in.name}' is already registered")
        existing.status = "active"  # re-activating a deprecated entry
        await repo.flush(ctx.session)
        audit.record(ctx, "enable", kind, existing.name, tenant=existing.owner_hub_id)
        forget_reference(ctx)
        return existing
    entry = REGISTRY_KINDS[kind](name=entry_in.name, description=entry_in.description, owner_hub_id=owner,
                                 created_at=ctx.clock.now())
    repo.add(ctx.session, entry)
    await repo.flush(ctx.session)
    audit.record(ctx, "create", kind, entry.name, tenant=owner)
    forget_reference(ctx)
    return entry


async def list_registry(ctx: RequestContext, kind: str) -> list[Any]:
    """Public: every entry of a registry, active and deprecated."""
    return await repo.registry_entries(ctx.session, kind)


def _check_name(name: str) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
        raise Invalid(f"'{name}' is not a valid type name (lower case letters, digits and _)")
