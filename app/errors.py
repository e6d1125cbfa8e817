"""The domain error hierarchy.

Services raise these; each door renders them in its own documented shape
(app/rest/*/render.py for REST families, schema/errors.py for GraphQL). The
`status` here is the usual HTTP status; a REST family may map a type to the
status its legacy clients expect (the run control plane answers a duplicate
with 400, the delivery pipeline with 409).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldError:
    field: str
    message: str
    type: str = "value_error"


class AppError(Exception):
    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, fields: list[FieldError] | None = None, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or []
        self.extra = extra


class Invalid(AppError):
    """The request is well formed but asks for something that cannot be."""

    status, code = 400, "invalid"


class ValidationFailed(AppError):
    """The request body or query does not match the schema."""

    status, code = 422, "validation_failed"


class Unprocessable(AppError):
    """Well formed and valid, but cannot be carried out (a patch that does not apply)."""

    status, code = 422, "unprocessable"


class Unauthenticated(AppError):
    status, code = 401, "unauthenticated"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class PayloadTooLarge(AppError):
    status, code = 413, "payload_too_large"


class RateLimited(AppError):
    status, code = 429, "rate_limited"

    def __init__(self, message: str, *, retry_after: int, limit: int, reset_at: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.limit = limit
        self.reset_at = reset_at


class Misconfigured(AppError):
    """The server is not configured to serve this request safely."""

    status, code = 500, "misconfigured"


class Unavailable(AppError):
    """A dependency is down or a kill switch is off."""

    status, code = 503, "unavailable"
