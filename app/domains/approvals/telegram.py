"""POST /telegram/webhook: Telegram calls this when someone presses Approve or Reject.

Telegram sends the secret given to setWebhook in X-Telegram-Bot-Api-Secret-Token; it is compared
in constant time with CROSSWAY_TELEGRAM_WEBHOOK_SECRET. Without that setting the webhook answers 503.
Updates that are not approval buttons are acknowledged and ignored (Telegram retries anything but 2xx).
When CROSSWAY_TELEGRAM_CHAT_ID is set, buttons pressed in any other chat are ignored.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from app.context import RequestContext
from app.domains.approvals import service
from app.domains.approvals.shapes import TelegramAck
from app.errors import Forbidden, Invalid, NotFound, Unavailable

_CALLBACK = re.compile(r"^(approve|reject):(\d{1,18})$")


def check_secret(ctx: RequestContext, presented: str | None) -> None:
    expected = ctx.settings.telegram_webhook_secret
    if expected is None or not expected.get_secret_value():
        raise Unavailable("Telegram webhook is not configured: set CROSSWAY_TELEGRAM_WEBHOOK_SECRET")
    if not presented or not hmac.compare_digest(presented.encode(), expected.get_secret_value().encode()):
        raise Forbidden("Invalid or missing X-Telegram-Bot-Api-Secret-Token")


async def handle_update(ctx: RequestContext, presented_secret: str | None, update: Any) -> TelegramAck:
    check_secret(ctx, presented_secret)
    query = update.get("callback_query") if isinstance(update, dict) else None
    if not isinstance(query, dict):
        return TelegramAck(ok=True, handled=False, detail="not a callback query")
    match = _CALLBACK.match(str(query.get("data") or ""))
    if match is None:
        return TelegramAck(ok=True, handled=False, detail="not an approval button")
    notifier = ctx.runtime.notifier
    callback_id = str(query.get("id") or "")
    chat = ((query.get("message") or {}).get("chat") or {}).get("id")
    allowed_chat = ctx.settings.telegram_chat_id
    if allowed_chat and str(chat) != str(allowed_chat):
        await notifier.acknowledge(callback_id, "This chat may not decide approvals.")
        return TelegramAck(ok=True, handled=False, detail="button pressed outside the configured chat")

    action, approval_id = match.group(1), int(match.group(2))
    sender = query.get("from") or {}
    actor = f"telegram:{sender.get('username') or sender.get('id') or 'unknown'}"[:128]
    try:
        row = await service.decide(ctx, approval_id, action == "approve", actor=actor, source="telegram")
    except (Invalid, NotFound) as exc:
        await notifier.acknowledge(callback_id, exc.message)
        return TelegramAck(ok=True, handled=False, approval_id=approval_id, detail=exc.message)
    await notifier.acknowledge(callback_id, f"Request #{row.id} {row.status}")
    await notifier.show_decision(row.telegram_message_id,
                                 f"Approval #{row.id} (run {row.run_id}, phase {row.phase_id}): "
                                 f"{row.status.upper()} by {actor}")
    return TelegramAck(ok=True, handled=True, approval_id=row.id, status=row.status)
