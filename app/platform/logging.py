"""Logs are JSON lines on stderr: Crossway's own events and the servers' (uvicorn) alike."""

from __future__ import annotations

import logging
import sys

import orjson
import structlog


def _render_json(_, __, event_dict: dict) -> str:  # noqa: ANN001
    return orjson.dumps(event_dict, default=str).decode()


_configured = False


def configure_logging(level: str = "INFO", json_lines: bool = True, *, once: bool = False) -> None:
    """Route Crossway's and the libraries' logs through one formatter. `once`: skip if done already
    in this process (worker processes configure themselves when the app is created)."""
    global _configured
    if once and _configured:
        return
    _configured = True
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
    ]
    renderer = _render_json if json_lines else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        # filter_by_level first: an event below the level is dropped before the others run (the access
        # line of every request, at WARNING), as the standard library would drop it after them.
        processors=[structlog.stdlib.filter_by_level, *shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
            foreign_pre_chain=shared,
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Crossway writes its own access line with the request id; uvicorn's would repeat it.
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
