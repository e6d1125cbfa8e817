"""Imports every table model so SQLModel's metadata knows the whole schema."""

from __future__ import annotations


def import_all_models() -> None:
    from app.domains.collab import models as collab  # noqa: F401
    from app.domains.approvals import models as approvals  # noqa: F401
    from app.domains.credentials import models as credentials  # noqa: F401
    from app.domains.files import models as files  # noqa: F401
    from app.domains.delivery import models as delivery  # noqa: F401
    from app.domains.identity import models as identity  # noqa: F401
    from app.domains.interactions import models as interactions  # noqa: F401
    from app.domains.platform import models as platform  # noqa: F401
    from app.domains.runs import models as runs  # noqa: F401
    from app.domains.storage import models as storage  # noqa: F401
    from app.domains.telemetry import models as telemetry  # noqa: F401
