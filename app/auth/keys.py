"""The one signing key set (RS256, with kids): user tokens, client tokens and JWKS all use it.

Keys live in the database so every instance signs and verifies alike. The newest
unretired key signs; retired keys stay published, and keep verifying, until every
token they signed has expired. Rotation adds a key and retires the old one.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
from datetime import timedelta
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import or_, select

from app.clock import Clock
from app.db import Database
from app.domains.identity.models import SigningKey
from app.errors import Unauthenticated

ALGORITHM = "RS256"


class Keyring:
    def __init__(self, db: Database, clock: Clock, *, issuer: str, max_token_ttl: int) -> None:
        self.db, self.clock, self.issuer, self.max_token_ttl = db, clock, issuer, max_token_ttl
        self._signing: RSAKey | None = None
        self._keys = KeySet([])
        self._lock = asyncio.Lock()

    async def ensure_loaded(self) -> None:
        if self._signing is None:
            await self.reload()

    async def reload(self) -> None:
        async with self._lock:
            rows = await self._published_rows()
            if not any(r.retired_at is None for r in rows):
                await self._add_key()
                rows = await self._published_rows()
            keys = [RSAKey.import_key(r.private_pem, parameters={"kid": r.kid, "alg": ALGORITHM, "use": "sig"})
                    for r in rows]
            active = [r for r in rows if r.retired_at is None]
            newest = max(active, key=lambda r: (r.created_at, r.kid))
            self._keys = KeySet(keys)
            self._signing = next(k for k in keys if k.kid == newest.kid)

    async def _published_rows(self) -> list[SigningKey]:
        horizon = self.clock.now() - timedelta(seconds=self.max_token_ttl)
        async with self.db.sessionmaker() as session:
            result = await session.execute(
                select(SigningKey).where(or_(SigningKey.retired_at.is_(None), SigningKey.retired_at > horizon))
            )
            return list(result.scalars())

    async def _add_key(self) -> str:
        kid = f"{self.clock.now():%Y%m%d}-{secrets.token_hex(4)}"
        key = RSAKey.generate_key(2048, parameters={"kid": kid}, private=True)
        async with self.db.sessionmaker() as session:
            session.add(SigningKey(kid=kid, private_pem=key.as_pem(private=True).decode(), created_at=self.clock.now()))
            await session.commit()
        return kid

    async def rotate(self) -> dict[str, Any]:
        """Add a new signing key and retire the others (they still verify until their tokens expire)."""
        await self.ensure_loaded()
        new_kid = await self._add_key()
        async with self.db.sessionmaker() as session:
            result = await session.execute(
                select(SigningKey).where(SigningKey.retired_at.is_(None), SigningKey.kid != new_kid)
            )
            retired = []
            for row in result.scalars():
                row.retired_at = self.clock.now()
                retired.append(row.kid)
            await session.commit()
        await self.reload()
        return {"kid": new_kid, "retired": sorted(retired)}

    # --- tokens ------------------------------------------------------------------------------

    def sign(self, claims: dict[str, Any]) -> str:
        assert self._signing is not None, "keyring not loaded"
        return jwt.encode({"alg": ALGORITHM, "kid": self._signing.kid, "typ": "JWT"}, claims, self._signing)

    async def verify(self, token: str, *, audience: str | None = None) -> dict[str, Any]:
        """The token's claims, or Unauthenticated saying why not."""
        await self.ensure_loaded()
        kid = _kid_of(token)
        if kid is not None and not _has_kid(self._keys, kid):
            await self.reload()  # signed with a key another instance just added?
        try:
            decoded = jwt.decode(token, self._keys, algorithms=[ALGORITHM])
        except (JoseError, ValueError) as exc:
            raise Unauthenticated("invalid token") from exc
        claims = dict(decoded.claims)
        options: dict[str, Any] = {"exp": {"essential": True}, "iss": {"essential": True, "value": self.issuer}}
        if audience:
            options["aud"] = {"essential": True, "value": audience}
        try:
            jwt.JWTClaimsRegistry(now=int(self.clock.now().timestamp()), leeway=30, **options).validate(claims)
        except JoseError as exc:
            message = "token expired" if "expired" in str(exc).lower() else f"invalid token: {exc.description}"
            raise Unauthenticated(message) from exc
        return claims

    def jwks(self) -> dict[str, Any]:
        return self._keys.as_dict(private=False)


def _kid_of(token: str) -> str | None:
    try:
        header = json.loads(base64.urlsafe_b64decode(token.split(".", 1)[0] + "=="))
    except (ValueError, UnicodeDecodeError):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return kid if isinstance(kid, str) else None


def _has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)
