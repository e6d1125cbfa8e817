"""Refusals never echo a password or secret: not in the body's `input`, not in the log."""

from __future__ import annotations

import logging

import pytest

PASSWORD = "Zq9-never-echo-this-pw"


@pytest.mark.parametrize("body", [
    {"username": "ok-user", "email": "ok@example.com", "password": "Zq9-sh"},           # the password fails
    {"username": "ok-user", "email": "not-an-email", "password": PASSWORD},             # another field fails
    {"username": "ok-user", "password": PASSWORD},                                      # a field is missing
    {"username": "x", "email": "ok@example.com", "password": PASSWORD, "extra": {"api_key": PASSWORD}},
])
async def test_register_refusals_do_not_echo_the_password(client, body, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    answer = await client.post("/api/auth/register", json=body)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail and all({"type", "loc", "msg", "input"} <= set(item) for item in detail)
    secret = body["password"]
    assert secret not in answer.text
    assert secret not in caplog.text and secret not in capsys.readouterr().out
    if body["password"] == "Zq9-sh":
        assert [item["input"] for item in detail if item["loc"] == ["body", "password"]] == ["[REDACTED]"]


async def test_other_fields_are_still_echoed(client):
    answer = await client.post("/api/auth/register", json={"username": "x", "email": "a@b.cd", "password": PASSWORD})
    [item] = answer.json()["detail"]
    assert item["loc"] == ["body", "username"] and item["input"] == "x"


async def test_a_missing_field_shows_the_body_without_its_secrets(client):
    answer = await client.post("/api/auth/register", json={"username": "ok-user", "password": PASSWORD})
    [item] = [i for i in answer.json()["detail"] if i["loc"] == ["body", "email"]]
    assert item["input"] == {"username": "ok-user", "password": "[REDACTED]"}
