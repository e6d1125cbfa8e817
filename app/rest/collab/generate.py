"""POST /v1/generate/content (and with the trailing slash): SSE token streams or one JSON answer."""

from __future__ import annotations

from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from app.context import RequestContext
from app.domains.collab import shapes as s
from app.domains.collab.generation import service
from app.rest.collab.drafts import USER, USER_SECURITY
from app.rest.collab.family import collab
from app.rest.endpoint import Call
from app.rest.responses import json_response

RESPONSES = {200: service.GeneratedContent, 401: s.ErrorResponse, 403: s.ErrorResponse,
             422: s.ErrorResponse, 502: s.ErrorResponse}


class EventStream(StreamingResponse):
    """Server-Sent Events. When the client goes away the token source is closed at once,
    which closes any upstream connection it holds."""

    media_type = "text/event-stream"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            close = getattr(self.body_iterator, "aclose", None)
            if close is not None:
                await close()


async def _generate(ctx: RequestContext, call: Call):
    generation = service.start(ctx, call.body)
    if not call.body.stream:
        return json_response((await generation.complete()).model_dump(mode="json", exclude_none=True))
    if generation.mode == "enforced":
        events = await generation.prepared_events()
    else:
        events = generation.live_events()
    return EventStream(events, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@collab.endpoint("POST", "/v1/generate/content", body=service.GenerateRequest, auth=USER, security=USER_SECURITY,
                 tags=["generation"], responses=RESPONSES)
async def generate_content(ctx: RequestContext, call: Call):
    """Generate content: an SSE stream of tokens (`data: {"token"}`), then `event: enforcement` when
    enforcement is on, then `event: done`; `stream: false` answers one JSON object."""
    return await _generate(ctx, call)


@collab.endpoint("POST", "/v1/generate/content/", body=service.GenerateRequest, auth=USER, security=USER_SECURITY,
                 tags=["generation"], responses=RESPONSES)
async def generate_content_slash(ctx: RequestContext, call: Call):
    """The same, at the documented path with its trailing slash."""
    return await _generate(ctx, call)
