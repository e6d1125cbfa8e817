"""How approval requests reach a person: a small notifier interface.

The real implementation is a Telegram Bot API client over httpx (sendMessage with Approve/Reject
buttons, answerCallbackQuery, editMessageText). It is used when CROSSWAY_TELEGRAM_BOT_TOKEN and
CROSSWAY_TELEGRAM_CHAT_ID are set; CROSSWAY_TELEGRAM_API_BASE moves it (tests point it at a fake
server on loopback). Without them the NullNotifier answers "not sent".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import structlog

from app.settings import Settings

log = structlog.get_logger("crossway.notifier")


@dataclass(frozen=True)
class Delivery:
    sent: bool
    message_id: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ApprovalNotice:
    approval_id: int
    run_id: str
    phase_id: str
    context: str
    summary: str
    timeout_at: str


class Notifier(Protocol):
    name: str
    enabled: bool

    async def request_approval(self, notice: ApprovalNotice) -> Delivery: ...

    async def acknowledge(self, callback_id: str, text: str) -> None: ...

    async def show_decision(self, message_id: str | None, text: str) -> None: ...


class NullNotifier:
    name = "none"
    enabled = False

    async def request_approval(self, notice: ApprovalNotice) -> Delivery:
        return Delivery(False, error="no notifier configured (set CROSSWAY_TELEGRAM_BOT_TOKEN and CROSSWAY_TELEGRAM_CHAT_ID)")

    async def acknowledge(self, callback_id: str, text: str) -> None:
        return None

    async def show_decision(self, message_id: str | None, text: str) -> None:
        return None


class TelegramError(Exception):
    pass


class TelegramNotifier:
    """Telegram Bot API over httpx, with a timeout on every call."""

    name = "telegram"
    enabled = True

    def __init__(self, token: str, chat_id: str, *, api_base: str = "https://api.telegram.org",
                 timeout: float = 5.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._url = f"{api_base.rstrip('/')}/bot{token}/"
        self.chat_id = chat_id
        self._timeout = timeout
        self._transport = transport

    async def _call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=self._timeout, transport=self._transport) as client:
            try:
                response = await client.post(self._url + method, json=payload)
            except httpx.HTTPError as exc:
                # The URL holds the token: report the kind of failure, never the URL.
                raise TelegramError(f"{method}: {type(exc).__name__}") from None
        try:
            body = response.json()
        except ValueError:
            raise TelegramError(f"{method}: HTTP {response.status_code}, not JSON") from None
        if response.status_code != 200 or not body.get("ok"):
            raise TelegramError(f"{method}: {body.get('description') or f'HTTP {response.status_code}'}")
        return body.get("result") or {}

    async def request_approval(self, notice: ApprovalNotice) -> Delivery:
        text = (f"Approval needed #{notice.approval_id}\n"
                f"Run {notice.run_id}, phase {notice.phase_id} ({notice.context})\n\n"
                f"{notice.summary}\n\nDecide before {notice.timeout_at}.")
        keyboard = {"inline_keyboard": [[
            {"text": "Approve", "callback_data": f"approve:{notice.approval_id}"},
            {"text": "Reject", "callback_data": f"reject:{notice.approval_id}"},
        ]]}
        try:
            result = await self._call("sendMessage", {"chat_id": self.chat_id, "text": text[:4000],
                                                      "reply_markup": keyboard})
        except TelegramError as exc:
            log.warning("telegram_send_failed", approval_id=notice.approval_id, error=str(exc))
            return Delivery(False, error=str(exc))
        message_id = result.get("message_id")
        return Delivery(True, message_id=str(message_id) if message_id is not None else None)

    async def acknowledge(self, callback_id: str, text: str) -> None:
        try:
            await self._call("answerCallbackQuery", {"callback_query_id": callback_id, "text": text[:200]})
        except TelegramError as exc:
            log.warning("telegram_ack_failed", error=str(exc))

    async def show_decision(self, message_id: str | None, text: str) -> None:
        if not message_id:
            return
        try:
            await self._call("editMessageText", {"chat_id": self.chat_id, "message_id": int(message_id),
                                                 "text": text[:4000]})
        except (TelegramError, ValueError) as exc:
            log.warning("telegram_edit_failed", error=str(exc))


def make_notifier(settings: Settings) -> Notifier:
    if settings.telegram_configured:
        return TelegramNotifier(settings.telegram_bot_token.get_secret_value(), str(settings.telegram_chat_id),
                                api_base=settings.telegram_api_base, timeout=settings.telegram_timeout_seconds)
    return NullNotifier()
