"""The operator surface's artifact reads (GAP-8.10): index, one file as text, browser artifacts.

Access: X-API-Key in production; open in development with AUTOPACK_PUBLIC_READ=1 or no key configured."""

from __future__ import annotations

from starlette.responses import PlainTextResponse

from app.context import RequestContext
from app.domains.runs import artifact_reads
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

READ_POLICY = "X-API-Key in production; open in development with AUTOPACK_PUBLIC_READ=1 or no key configured"


@control.endpoint("GET", "/runs/{run_id}/artifacts/index", auth=READ_POLICY, tags=["artifacts"],
                  responses={200: artifact_reads.ArtifactIndex, 403: "Invalid or missing API key",
                             404: "Unknown run"})
async def artifacts_index(ctx: RequestContext, call: Call):
    """Every file in the run's folder (empty when the folder does not exist)."""
    return json_response(await artifact_reads.artifact_index(ctx, call.path("run_id")))


@control.endpoint("GET", "/runs/{run_id}/artifacts/file", query=artifact_reads.FileQuery, auth=READ_POLICY,
                  tags=["artifacts"],
                  responses={200: "text/plain with X-Artifact-Original-Size, X-Artifact-Truncated, X-Artifact-Redacted",
                             400: "Unsafe path ('..', absolute, drive letter, outside the run folder)",
                             403: "Invalid or missing API key", 404: "Unknown run or file"})
async def artifact_file(ctx: RequestContext, call: Call):
    """One artifact as text: secrets redacted, truncated at CROSSWAY_ARTIFACT_MAX_BYTES."""
    content = await artifact_reads.artifact_file(ctx, call.path("run_id"), call.query.path)
    return PlainTextResponse(content.text, headers={
        "X-Artifact-Original-Size": str(content.original_size),
        "X-Artifact-Truncated": "true" if content.truncated else "false",
        "X-Artifact-Redacted": "true" if content.redacted else "false",
        "X-Content-Type-Options": "nosniff",
    })


@control.endpoint("GET", "/runs/{run_id}/browser/artifacts", auth=READ_POLICY, tags=["artifacts"],
                  responses={200: artifact_reads.BrowserArtifacts, 403: "Invalid or missing API key",
                             404: "Unknown run"})
async def browser_artifacts(ctx: RequestContext, call: Call):
    """Screenshots (png, jpg, webp, gif) and HTML files in the run's folder."""
    return json_response(await artifact_reads.browser_artifacts(ctx, call.path("run_id")))
