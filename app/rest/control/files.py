"""POST /files/upload: multipart upload, stored content-addressed (X-API-Key)."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.files import service
from app.errors import Invalid, PayloadTooLarge
from app.rest.control.family import control
from app.rest.endpoint import BadRequestBody, Call
from app.rest.responses import json_response

MULTIPART_OVERHEAD = 64 * 1024


@control.endpoint("POST", "/files/upload", auth="X-API-Key", tags=["files"],
                  responses={201: service.UploadResponse, 400: "Malformed multipart body",
                             403: "Invalid or missing API key", 413: "File larger than CROSSWAY_UPLOAD_MAX_BYTES",
                             422: "No `file` part"})
async def upload(ctx: RequestContext, call: Call):
    """Upload one file as the multipart/form-data part `file`; stored once per content (sha256)."""
    require_api_key(ctx.settings, ctx.principal)  # before reading a byte of the body
    limit = ctx.settings.upload_max_bytes
    declared = call.request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:
        raise PayloadTooLarge(f"File too large (limit {limit} bytes)")
    try:
        form = await call.request.form(max_files=1, max_fields=10)
    except HTTPException as exc:
        raise Invalid(f"Malformed multipart body: {exc.detail}") from None
    try:
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise BadRequestBody([{"type": "missing", "loc": ["body", "file"], "msg": "Field required",
                                   "input": None}])
        row, duplicate = await service.store_upload(ctx, part, part.filename, part.content_type)
    finally:
        await form.close()
    return json_response(service.view(row, duplicate), 201)
