"""POST /api/post-to-x."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.collab import posting
from app.domains.collab import shapes as s
from app.rest.collab.drafts import USER, USER_SECURITY
from app.rest.collab.family import collab
from app.rest.endpoint import Call
from app.rest.responses import json_response


@collab.endpoint("POST", "/api/post-to-x", body=posting.PostToX, auth=USER, security=USER_SECURITY, tags=["posting"],
                 responses={200: posting.PostedThread, 401: s.ErrorResponse, 403: s.ErrorResponse,
                            422: s.ErrorResponse, 429: s.ErrorResponse, 502: s.ErrorResponse})
async def post_to_x(ctx: RequestContext, call: Call):
    """Post a thread to X: one post per line, each replying to the one before; 5 per 15 minutes per user."""
    return json_response(posting.PostedThread(urls=await posting.post_to_x(ctx, call.body)))
