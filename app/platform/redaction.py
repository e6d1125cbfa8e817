"""Finding and masking secrets in text (artifact files, error messages) before a client sees it."""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[REDACTED]"

# Each pattern's first group, when present, is kept (a label such as "api_key=").
_PATTERNS = [
    re.compile(r"(?i)(authorization:\s*bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"(?i)(\bbearer\s+)[A-Za-z0-9._~+/=-]{16,}"),
    re.compile(r"(?i)(x-api-key\s*[:=]\s*)[^\s'\"]{6,}"),
    re.compile(
        r"(?i)(\b[A-Z0-9_]*(?:api[_-]?key|secret|token|passw(?:or)?d|private[_-]?key|access[_-]?key)[A-Z0-9_]*"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s'\",;]{6,}"
    ),
    re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}"),          # OpenAI / Anthropic style keys
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}"),                     # GitHub tokens
    re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),                   # Slack tokens
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),                              # AWS access key ids
    re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),                         # Google API keys
    re.compile(r"\b(?:ihf|hub|cw)_[A-Za-z0-9]{6,}_[A-Za-z0-9_-]{16,}"),  # Crossway's own keys
    re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b"),                   # Telegram bot tokens
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),  # JWTs
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
]


def _replace(match: re.Match[str]) -> str:
    label = match.group(1) if match.re.groups >= 1 and match.group(1) else ""
    return f"{label}{MASK}"


def redact(text: str, extra_secrets: Iterable[str] = ()) -> tuple[str, bool]:
    """(text with secrets masked, whether anything was masked). `extra_secrets` are literal values
    (the configured API key, bot token) masked wherever they appear."""
    original = text
    for secret in extra_secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(_replace, text)
    return text, text != original


def known_secrets(settings) -> list[str]:  # noqa: ANN001 - Settings
    """The secret values this server is configured with."""
    values = [settings.control_api_key]
    for secret in (settings.telegram_bot_token, settings.telegram_webhook_secret):
        if secret is not None:
            values.append(secret.get_secret_value())
    return [v for v in values if v]
