"""Drafts, segments, the ring and collaborators: the documented /api/collab paths and the
/v1/collab forms existing clients use. Both call the same service functions."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.collab import drafts, reads, views
from app.domains.collab import shapes as s
from app.rest.collab.family import USER_SECURITY, collab

__all__ = ["USER", "USER_SECURITY"]
from app.rest.endpoint import Call
from app.rest.responses import json_response

USER = "A user: bearer user token or X-User-Id"
ERRORS = {401: s.ErrorResponse, 404: s.ErrorResponse}
WRITE_ERRORS = {401: s.ErrorResponse, 403: s.ErrorResponse, 404: s.ErrorResponse}
DOC, V1 = ["collab"], ["collab v1"]


def _meta(tags: list[str], responses: dict, *, public: bool = False, **extra: object) -> dict:
    return {"tags": tags, "responses": responses, "auth": None if public else USER,
            "security": [] if public else USER_SECURITY, **extra}


async def _envelope(ctx: RequestContext, draft) -> s.DraftEnvelope:  # noqa: ANN001
    return s.DraftEnvelope(data=await reads.draft_view(ctx, draft))


# --- create ---------------------------------------------------------------------------------


@collab.endpoint("POST", "/api/collab/drafts", body=s.DraftCreate, **_meta(DOC, {201: s.DraftCreated, **ERRORS}))
async def create_draft(ctx: RequestContext, call: Call):
    """Create a draft; the creator holds the ring."""
    draft = await drafts.create_draft(ctx, call.body)
    return json_response(views.created_view(draft), 201)


@collab.endpoint("POST", "/v1/collab/drafts", body=s.DraftCreate, **_meta(V1, {200: s.DraftEnvelope, **ERRORS}))
async def create_draft_v1(ctx: RequestContext, call: Call):
    """Create a draft (v1 form)."""
    draft = await drafts.create_draft(ctx, call.body)
    return json_response(await _envelope(ctx, draft))


# --- list and read --------------------------------------------------------------------------


async def _my_drafts(ctx: RequestContext) -> s.DraftList:
    data = await reads.draft_views(ctx, await drafts.my_drafts(ctx))
    return s.DraftList(count=len(data), data=data)


@collab.endpoint("GET", "/v1/collab/drafts", **_meta(V1, {200: s.DraftList, 401: s.ErrorResponse}))
async def list_drafts_v1(ctx: RequestContext, call: Call):
    """The caller's drafts, created or collaborating, newest first."""
    return json_response(await _my_drafts(ctx))


@collab.endpoint("GET", "/api/collab/drafts", **_meta(DOC, {200: s.DraftList, 401: s.ErrorResponse}))
async def list_drafts(ctx: RequestContext, call: Call):
    """The caller's drafts, created or collaborating, newest first."""
    return json_response(await _my_drafts(ctx))


@collab.endpoint("GET", "/api/collab/drafts/{draft_id}", **_meta(DOC, {200: s.CollabDraft, 404: s.ErrorResponse},
                                                                  public=True))
async def get_draft(ctx: RequestContext, call: Call):
    """A draft by id; no identity needed (draft ids are unguessable)."""
    draft = await drafts.read_draft(ctx, call.path("draft_id"))
    return json_response(await reads.draft_view(ctx, draft))


@collab.endpoint("GET", "/v1/collab/drafts/{draft_id}", **_meta(V1, {200: s.DraftEnvelope, 404: s.ErrorResponse},
                                                                 public=True))
async def get_draft_v1(ctx: RequestContext, call: Call):
    """A draft by id (v1 form); no identity needed."""
    draft = await drafts.read_draft(ctx, call.path("draft_id"))
    return json_response(await _envelope(ctx, draft))


# --- segments -------------------------------------------------------------------------------


@collab.endpoint("POST", "/api/collab/drafts/{draft_id}/segments", body=s.SegmentCreate,
                 **_meta(DOC, {200: s.CollabDraft, **WRITE_ERRORS}))
async def add_segment(ctx: RequestContext, call: Call):
    """Append a segment (ring holder only; 403 `ring_required` otherwise). Returns the updated draft."""
    draft = await drafts.append_segment(ctx, call.path("draft_id"), call.body)
    return json_response(await reads.draft_view(ctx, draft))


@collab.endpoint("POST", "/v1/collab/drafts/{draft_id}/segments", body=s.SegmentCreate,
                 **_meta(V1, {200: s.DraftEnvelope, **WRITE_ERRORS}))
async def add_segment_v1(ctx: RequestContext, call: Call):
    """Append a segment (v1 form); a repeated idempotency_key is a no-op."""
    draft = await drafts.append_segment(ctx, call.path("draft_id"), call.body)
    return json_response(await _envelope(ctx, draft))


# --- the ring -------------------------------------------------------------------------------


@collab.endpoint("POST", "/api/collab/drafts/{draft_id}/ring/pass", body=s.RingPassTarget,
                 **_meta(DOC, {200: s.RingPassed, 400: s.ErrorResponse, **WRITE_ERRORS}))
async def pass_ring(ctx: RequestContext, call: Call):
    """Pass the ring to the creator or a collaborator."""
    draft = await drafts.pass_ring(ctx, call.path("draft_id"), call.body.target_user_id, None)
    return json_response(s.RingPassed(success=True, to_user_id=draft.current_holder_id))


@collab.endpoint("POST", "/v1/collab/drafts/{draft_id}/pass-ring", body=s.RingPassV1,
                 **_meta(V1, {200: s.DraftEnvelope, 400: s.ErrorResponse, **WRITE_ERRORS}))
async def pass_ring_v1(ctx: RequestContext, call: Call):
    """Pass the ring (v1 form); a repeated idempotency_key is a no-op."""
    draft = await drafts.pass_ring(ctx, call.path("draft_id"), call.body.to_user_id, call.body.idempotency_key)
    return json_response(await _envelope(ctx, draft))


# --- collaborators --------------------------------------------------------------------------


async def _add_collaborator(ctx: RequestContext, call: Call) -> s.DraftEnvelope:
    draft = await drafts.add_collaborator(ctx, call.path("draft_id"), call.query.collaborator_id, call.query.role)
    return await _envelope(ctx, draft)


@collab.endpoint("POST", "/v1/collab/drafts/{draft_id}/collaborators", query=s.CollaboratorQuery,
                 **_meta(V1, {200: s.DraftEnvelope, **WRITE_ERRORS}))
async def add_collaborator_v1(ctx: RequestContext, call: Call):
    """Add a collaborator (creator only; 403 otherwise)."""
    return json_response(await _add_collaborator(ctx, call))


@collab.endpoint("POST", "/api/collab/drafts/{draft_id}/collaborators", query=s.CollaboratorQuery,
                 **_meta(DOC, {200: s.DraftEnvelope, **WRITE_ERRORS}))
async def add_collaborator(ctx: RequestContext, call: Call):
    """Add a collaborator (creator only; 403 otherwise)."""
    return json_response(await _add_collaborator(ctx, call))
