"""/research: the experimental research API (BUILD-113+) is not served; every call answers 501."""

from __future__ import annotations

from app.context import RequestContext
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

MESSAGE = ("The research API (/research, BUILD-113+) is experimental and not served by Crossway. "
           "See docs/control-plane.md.")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


async def not_implemented(ctx: RequestContext, call: Call):
    """Not implemented: the experimental research API is not served."""
    return json_response({"detail": MESSAGE}, 501)


for _method in METHODS:
    for _path, _name in (("/research", "root"), ("/research/{rest:path}", "any")):
        control.endpoint(_method, _path, tags=["research"], responses={501: "Not served"},
                         operation_id=f"research_{_method.lower()}_{_name}")(not_implemented)
