"""The Python SDK's webhook verifiers, against payloads signed here with hmac."""

from __future__ import annotations

import base64
import time

from tests.sdk.sdk_helpers import PYTHON_SDK, load_module, signature_header, standard_headers

sdk = load_module(PYTHON_SDK)
BODY = b'{"event":"interaction.created","data":{"id":"e1","event_type":"clicked"}}'
SECRET = "subscription-secret-1"
WHSEC = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def test_signature_header_accepts_a_signed_body_and_refuses_tampering():
    header = signature_header(SECRET, BODY)
    assert sdk.verify_signature(SECRET, BODY, header) is True
    assert sdk.verify_signature(SECRET, BODY.decode(), header) is True
    assert sdk.verify_signature(SECRET, BODY.replace(b"clicked", b"viewed"), header) is False
    assert sdk.verify_signature("another-secret", BODY, header) is False
    assert sdk.verify_signature(SECRET, BODY, header.replace("sha256=", "sha1=")) is False
    assert sdk.verify_signature(SECRET, BODY, None) is False


def test_standard_webhooks_accepts_a_signed_delivery_and_refuses_tampering():
    now = int(time.time())
    headers = standard_headers(WHSEC, "msg_1", now, BODY)
    assert sdk.verify_standard_webhook(WHSEC, headers, BODY) is True
    # Header names are case-insensitive; several signatures may be listed.
    mixed = {"Webhook-Id": "msg_1", "Webhook-Timestamp": str(now),
             "Webhook-Signature": "v1,bm90LWl0 " + headers["webhook-signature"]}
    assert sdk.verify_standard_webhook(WHSEC, mixed, BODY) is True
    assert sdk.verify_standard_webhook(WHSEC, headers, BODY + b" ") is False
    assert sdk.verify_standard_webhook(WHSEC, {**headers, "webhook-id": "msg_2"}, BODY) is False
    assert sdk.verify_standard_webhook(WHSEC, {**headers, "webhook-timestamp": str(now + 1)}, BODY) is False
    other = "whsec_" + base64.b64encode(b"another key entirely, 32 bytes!!").decode()
    assert sdk.verify_standard_webhook(other, headers, BODY) is False
    assert sdk.verify_standard_webhook(WHSEC, {"webhook-id": "msg_1"}, BODY) is False


def test_standard_webhooks_refuses_old_timestamps_unless_told_not_to():
    old = int(time.time()) - 3600
    headers = standard_headers(WHSEC, "msg_1", old, BODY)
    assert sdk.verify_standard_webhook(WHSEC, headers, BODY) is False
    assert sdk.verify_standard_webhook(WHSEC, headers, BODY, tolerance_seconds=None) is True
    assert sdk.verify_standard_webhook(WHSEC, headers, BODY, now=old + 10) is True
