"""Approvals: auto-approve, pending with and without Telegram, timeouts, the audit trail, the
webhook against a fake Telegram server on loopback; governance requests."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.domains.approvals.models import ApprovalAuditEntry
from app.domains.credentials import service as credentials
from app.main import create_app
from tests.control_helpers import fake_telegram, in_context

REQUEST = {"run_id": "run-1", "phase_id": "P0-0", "context": "deletion",
           "deletion_info": {"paths": ["build/"], "bytes": 1024}}
SECRET = "webhook-secret-value"


async def audit_events(client, approval_id: int) -> list[str]:  # noqa: ANN001
    async def read(ctx):  # noqa: ANN001, ANN202
        rows = await ctx.session.scalars(select(ApprovalAuditEntry).where(ApprovalAuditEntry.approval_id == approval_id)
                                         .order_by(ApprovalAuditEntry.id))
        return [r.event for r in rows]

    return await in_context(client, read)


async def test_auto_approve_in_development(make_client, make_settings):
    async with make_client(make_settings(auto_approve_build113=True)) as client:
        response = await client.post("/approval/request", json=REQUEST)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"status", "reason", "approval_id", "telegram_sent", "timeout_at"}
        assert body["status"] == "approved" and body["telegram_sent"] is False
        assert "AUTO_APPROVE_BUILD113" in body["reason"]
        assert (await client.get("/approval/pending")).json() == {"count": 0, "requests": []}
        assert await audit_events(client, body["approval_id"]) == ["requested", "approved"]


def test_auto_approve_is_refused_in_production(make_settings):
    with pytest.raises(RuntimeError, match="AUTO_APPROVE_BUILD113"):
        create_app(make_settings(autopack_env="production", autopack_api_key="k", auto_approve_build113=True),
                   prepare=False)


async def test_pending_without_a_notifier_then_timeout(client, clock):
    response = await client.post("/approval/request", json=REQUEST)
    body = response.json()
    assert body["status"] == "pending" and body["telegram_sent"] is False
    approval_id = body["approval_id"]
    pending = (await client.get("/approval/pending")).json()
    assert pending["count"] == 1 and pending["requests"][0]["approval_id"] == approval_id
    assert pending["requests"][0]["deletion_info"] == {"paths": ["build/"], "bytes": 1024}
    status = (await client.get(f"/approval/status/{approval_id}")).json()
    assert status["status"] == "pending"

    clock.advance(seconds=client.app.state.settings.approval_timeout_seconds + 1)
    status = (await client.get(f"/approval/status/{approval_id}")).json()
    assert (status["status"], status["decision_source"]) == ("rejected", "timeout")
    assert (await client.get("/approval/pending")).json()["count"] == 0
    assert await audit_events(client, approval_id) == ["requested", "not_notified", "timed_out"]
    assert (await client.get("/approval/status/999")).status_code == 404
    assert (await client.get("/approval/status/abc")).status_code == 404
    assert (await client.post("/approval/request", json={"run_id": "run-1"})).status_code == 422


async def test_timeout_outcome_is_configurable(make_client, make_settings, clock):
    async with make_client(make_settings(approval_timeout_outcome="approved", approval_timeout_seconds=60)) as client:
        approval_id = (await client.post("/approval/request", json=REQUEST)).json()["approval_id"]
        clock.advance(seconds=61)
        assert (await client.get("/approval/pending")).json()["count"] == 0
        assert (await client.get(f"/approval/status/{approval_id}")).json()["status"] == "approved"


async def test_audit_trail_is_append_only(client):
    approval_id = (await client.post("/approval/request", json=REQUEST)).json()["approval_id"]

    async def tamper(ctx):  # noqa: ANN001, ANN202
        await ctx.session.execute(text("UPDATE approval_audit SET event = 'approved' WHERE approval_id = :id"),
                                  {"id": approval_id})

    with pytest.raises(Exception, match="append-only"):
        await in_context(client, tamper)


def telegram_settings(make_settings, fake, **extra):  # noqa: ANN001, ANN003, ANN201
    return make_settings(telegram_bot_token=fake.token, telegram_chat_id="42", telegram_api_base=fake.base_url,
                         telegram_webhook_secret=SECRET, **extra)


def button(approval_id: int, action: str = "approve", chat: int = 42) -> dict:
    return {"update_id": 1, "callback_query": {
        "id": "cb-1", "from": {"id": 7, "username": "ops_lead"}, "data": f"{action}:{approval_id}",
        "message": {"message_id": 101, "chat": {"id": chat}}}}


async def test_telegram_round_trip(make_client, make_settings):
    async with fake_telegram() as fake, make_client(telegram_settings(make_settings, fake)) as client:
        leaky = {**REQUEST, "decision_info": {"cmd": "deploy --token=ghp_abcdefghijklmnopqrstuvwxyz0123"}}
        body = (await client.post("/approval/request", json=leaky)).json()
        assert body["status"] == "pending" and body["telegram_sent"] is True
        sent = fake.methods("sendMessage")
        assert "ghp_" not in sent[0]["text"] and "[REDACTED]" in sent[0]["text"]
        assert len(sent) == 1 and sent[0]["chat_id"] == "42"
        buttons = sent[0]["reply_markup"]["inline_keyboard"][0]
        assert [b["callback_data"] for b in buttons] == [f"approve:{body['approval_id']}", f"reject:{body['approval_id']}"]

        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        response = await client.post("/telegram/webhook", json=button(body["approval_id"]), headers=headers)
        assert response.status_code == 200
        assert response.json() == {"ok": True, "handled": True, "approval_id": body["approval_id"],
                                   "status": "approved", "detail": None}
        status = (await client.get(f"/approval/status/{body['approval_id']}")).json()
        assert (status["status"], status["decided_by"], status["decision_source"]) == (
            "approved", "telegram:ops_lead", "telegram")
        assert fake.methods("answerCallbackQuery")[0]["callback_query_id"] == "cb-1"
        assert "APPROVED" in fake.methods("editMessageText")[0]["text"]

        again = await client.post("/telegram/webhook", json=button(body["approval_id"], "reject"), headers=headers)
        assert again.json()["handled"] is False and "already approved" in again.json()["detail"]
        assert await audit_events(client, body["approval_id"]) == ["requested", "notified", "approved"]


async def test_webhook_secret_and_chat_are_checked(make_client, make_settings):
    async with make_client(make_settings()) as unconfigured:
        response = await unconfigured.post("/telegram/webhook", json=button(1))
        assert response.status_code == 503 and "CROSSWAY_TELEGRAM_WEBHOOK_SECRET" in response.json()["detail"]
    async with fake_telegram() as fake, make_client(telegram_settings(make_settings, fake)) as client:
        approval_id = (await client.post("/approval/request", json=REQUEST)).json()["approval_id"]
        assert (await client.post("/telegram/webhook", json=button(approval_id))).status_code == 403
        unsigned_garbage = await client.post("/telegram/webhook", content=b"{not json")
        assert unsigned_garbage.status_code == 403  # the secret is checked before the body is read
        signed_garbage = await client.post("/telegram/webhook", content=b"{not json",
                                           headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert signed_garbage.status_code == 422
        wrong = await client.post("/telegram/webhook", json=button(approval_id),
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"})
        assert wrong.status_code == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        elsewhere = await client.post("/telegram/webhook", json=button(approval_id, chat=666), headers=headers)
        assert elsewhere.status_code == 200 and elsewhere.json()["handled"] is False
        other = await client.post("/telegram/webhook", json={"update_id": 2, "message": {"text": "hi"}}, headers=headers)
        assert other.json() == {"ok": True, "handled": False, "approval_id": None, "status": None,
                                "detail": "not a callback query"}
        reject = await client.post("/telegram/webhook", json=button(approval_id, "reject"), headers=headers)
        assert reject.json()["status"] == "rejected"
        unknown = await client.post("/telegram/webhook", json=button(999999), headers=headers)
        assert unknown.status_code == 200 and unknown.json()["handled"] is False


async def test_failed_delivery_is_audited_and_counted_against_the_credential(make_client, make_settings):
    async with fake_telegram() as fake, make_client(telegram_settings(make_settings, fake)) as client:
        await in_context(client, lambda ctx: credentials.store_credential(ctx, "telegram", secret=fake.token))
        fake.fail_with = 400
        body = (await client.post("/approval/request", json=REQUEST)).json()
        assert body["status"] == "pending" and body["telegram_sent"] is False
        assert "chat not found" in body["reason"]
        assert await audit_events(client, body["approval_id"]) == ["requested", "notify_failed"]
        row = await in_context(client, lambda ctx: credentials.get_credential(ctx, "telegram"))
        assert row.consecutive_failures == 1 and fake.token not in (row.last_error or "")
        fake.fail_with = None
        await client.post("/approval/request", json=REQUEST)
        row = await in_context(client, lambda ctx: credentials.get_credential(ctx, "telegram"))
        assert (row.consecutive_failures, row.total_successes) == (0, 1)


async def test_governance_requests(make_client, make_settings, clock):
    async with make_client(make_settings(autopack_api_key="k")) as client:
        payload = {"run_id": "run-1", "phase_id": "P0-0", "requested_action": "modify_protected_path",
                   "target_paths": ["src/core/"], "justification": "needed", "risk_level": "high"}
        assert (await client.post("/governance/request", json=payload)).status_code == 403
        made = await client.post("/governance/request", json=payload, headers={"X-API-Key": "k"})
        assert made.status_code == 201
        request_id = made.json()["request_id"]
        clock.advance(seconds=1)
        second = (await client.post("/governance/request", json=payload, headers={"X-API-Key": "k"})).json()

        pending = (await client.get("/governance/pending")).json()
        assert pending["count"] == 2 and pending["pending_requests"][0]["request_id"] == request_id

        approved = await client.post(f"/governance/approve/{request_id}?approved=true&user_id=ada")
        assert approved.status_code == 200
        assert (approved.json()["status"], approved.json()["approved"], approved.json()["decided_by"]) == (
            "approved", True, "ada")
        denied = await client.post(f"/governance/approve/{second['request_id']}?approved=false")
        assert (denied.json()["status"], denied.json()["decided_by"]) == ("denied", "human")
        assert (await client.get("/governance/pending")).json() == {"count": 0, "pending_requests": []}

        assert (await client.post(f"/governance/approve/{request_id}?approved=false")).status_code == 400
        assert (await client.post("/governance/approve/gov-missing?approved=true")).status_code == 404
        missing = await client.post(f"/governance/approve/{request_id}")
        assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["query", "approved"]
