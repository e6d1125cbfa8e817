"""An organization's webhook subscriptions to the seven delivery pipeline events.

They are platform subscriptions (app/domains/platform) carrying the organization's id, so
`emit(..., organization_id=...)` reaches them and nobody else's; delivery, retries and
signatures are the platform worker's.
"""

from __future__ import annotations

from app.context import RequestContext
from app.domains.delivery import shapes as s
from app.domains.delivery.access import parse_id, require
from app.domains.platform import repository as platform_repo
from app.domains.platform.models import DELIVERY_TOPICS, WebhookSubscription
from app.domains.platform.webhooks import NewSubscription, check_destination, new_signing_secret
from app.errors import FieldError, Invalid, NotFound

PERMISSION = "organizations:write"


async def create(ctx: RequestContext, data: s.WebhookIn) -> NewSubscription:
    org = require(ctx, PERMISSION)
    if data.event not in DELIVERY_TOPICS:
        raise Invalid(f"Unknown event '{data.event}'", fields=[FieldError("event", "one of " + ", ".join(DELIVERY_TOPICS))])
    if (refused := await check_destination(ctx, str(data.url))) is not None:
        raise Invalid(refused, fields=[FieldError("url", refused)])
    secret = new_signing_secret()
    row = WebhookSubscription(organization_id=org, owner=ctx.principal.credential_id or ctx.principal.identity,
                              topic=data.event, url=str(data.url), secret_encrypted=ctx.runtime.secrets.seal(secret),
                              created_at=ctx.clock.now())
    platform_repo.add(ctx.session, row)
    await platform_repo.flush(ctx.session)
    return NewSubscription(row, secret)


async def listed(ctx: RequestContext) -> list[WebhookSubscription]:
    org = require(ctx, PERMISSION)
    return await platform_repo.subscriptions(ctx.session, hub_id=None, owner=None, organization_id=org)


async def delete(ctx: RequestContext, ident: str) -> WebhookSubscription:
    org = require(ctx, PERMISSION)
    row = await platform_repo.org_subscription(ctx.session, org, parse_id(ident, "Webhook"))
    if row is None or not row.active:
        raise NotFound("Webhook not found")
    row.active = False
    await platform_repo.flush(ctx.session)
    return row
