"""Admin REST for every credential's life and the audit log (the `crossway credentials` and
`crossway audit` commands, and GraphQL, offer the same). All need the `admin` scope.

kind: oauth_client, client_secret, api_key, hub_key, delivery_key, signing_key, user.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.identity import audit, lifecycle
from app.domains.identity.audit import AuditEntryOut
from app.domains.identity.lifecycle import CredentialView
from app.domains.interactions import hubs, views
from app.domains.interactions.shapes import RegistryEntryOut
from app.errors import NotFound
from app.rest.endpoint import Call
from app.rest.hub.catalogue import REGISTRY_PATHS
from app.rest.hub.family import hub_v2, v2_security
from app.rest.responses import json_response

ADMIN = v2_security(sc.ADMIN)
ERRORS = {401: "unauthorized", 403: "insufficient_scope", 404: "unknown credential", 409: "conflict",
          422: "invalid_request"}


class CredentialQuery(BaseModel):
    tenant: str | None = Field(None, description="Only this hub's or organization's credentials (its id)")


class CredentialList(BaseModel):
    data: list[CredentialView]


class CredentialChanged(BaseModel):
    credential: CredentialView
    secret: str | None = Field(None, description="After rotate: the new secret, shown once; only its hash is kept.")


class AuditQuery(BaseModel):
    kind: str | None = Field(None, max_length=32)
    subject: str | None = Field(None, max_length=128)
    tenant: str | None = Field(None, max_length=64)
    before: int | None = Field(None, ge=1, description="An entry id: older entries only (paging back)")
    limit: int = Field(100, ge=1, le=audit.MAX_PAGE)


class AuditPage(BaseModel):
    data: list[AuditEntryOut]


@hub_v2.endpoint("GET", "/api/v2/admin/credentials/{kind}", query=CredentialQuery, tags=["admin"], security=ADMIN,
                 responses={200: CredentialList, **ERRORS})
async def list_credentials(ctx: RequestContext, call: Call):
    """Every credential of a kind (secrets and hashes never appear)."""
    rows = await lifecycle.list_credentials(ctx, call.path("kind"), tenant=call.query.tenant)
    return json_response(CredentialList(data=rows))


@hub_v2.endpoint("GET", "/api/v2/admin/credentials/{kind}/{ident}", tags=["admin"], security=ADMIN,
                 responses={200: CredentialView, **ERRORS})
async def show_credential(ctx: RequestContext, call: Call):
    """One credential: its status, tenant, scopes and any rotation overlap."""
    return json_response(await lifecycle.show_credential(ctx, call.path("kind"), call.path("ident")))


@hub_v2.endpoint("POST", "/api/v2/admin/credentials/{kind}/{ident}/{action}", tags=["admin"], security=ADMIN,
                 responses={200: CredentialChanged, **ERRORS})
async def change_credential(ctx: RequestContext, call: Call):
    """`action`: disable, enable, revoke or rotate. A rotation answers the new secret once; the previous
    one keeps working for CROSSWAY_ROTATION_OVERLAP_SECONDS."""
    changed = await lifecycle.change(ctx, call.path("kind"), call.path("ident"), call.path("action"))
    return json_response(CredentialChanged(credential=changed.credential, secret=changed.secret))


@hub_v2.endpoint("GET", "/api/v2/admin/audit-log", query=AuditQuery, tags=["admin"], security=ADMIN,
                 responses={200: AuditPage, **ERRORS})
async def read_audit_log(ctx: RequestContext, call: Call):
    """Changes to credentials, registry entries and manifests, newest first."""
    query: AuditQuery = call.query
    rows = await audit.read(ctx, subject_kind=query.kind, subject_id=query.subject, tenant=query.tenant,
                            before=query.before, limit=query.limit)
    return json_response(AuditPage(data=rows))


@hub_v2.endpoint("DELETE", "/api/v2/admin/registry/{registry}/{name}", tags=["admin"], security=ADMIN,
                 responses={200: RegistryEntryOut, **ERRORS})
async def retire_registry_entry(ctx: RequestContext, call: Call):
    """Retire a registry entry: submissions naming it are refused from now on."""
    kind = REGISTRY_PATHS.get(call.path("registry"))
    if kind is None:
        raise NotFound(f"Unknown registry '{call.path('registry')}'. Known: {', '.join(REGISTRY_PATHS)}")
    return json_response(views.registry_view(await hubs.retire_registry_entry(ctx, kind, call.path("name"))))
