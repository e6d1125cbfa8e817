"""Encryption for secrets Crossway must be able to use again (webhook signing secrets).

Fernet (the `cryptography` package) with the key from CROSSWAY_SECRET_KEY. Outside
production, when no key is set, one is generated once into CROSSWAY_SECRET_KEY_FILE
(./var/secret.key, mode 0600); several instances must share one CROSSWAY_SECRET_KEY.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.errors import Misconfigured
from app.settings import Settings


class SecretBox:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._fernet: Fernet | None = None

    def _box(self) -> Fernet:
        if self._fernet is None:
            self._fernet = Fernet(self._key())
        return self._fernet

    def _key(self) -> bytes:
        if self.settings.secret_key is not None:
            return self.settings.secret_key.get_secret_value().encode()
        if self.settings.is_production:
            raise Misconfigured("CROSSWAY_SECRET_KEY must be set in production (a Fernet key)")
        path = Path(self.settings.secret_key_file)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(Fernet.generate_key())
        return path.read_bytes().strip()

    def seal(self, secret: str) -> str:
        return self._box().encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._box().decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise Misconfigured("A stored secret cannot be decrypted: CROSSWAY_SECRET_KEY changed?") from exc
