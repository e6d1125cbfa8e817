"""Imports every table model so SQLModel's metadata knows the whole schema."""

from __future__ import annotations


def import_all_models() -> None:
    from app.domains.delivery import models as delivery  # noqa: F401
    from app.domains.identity import models as identity  # noqa: F401
    from app.domains.interactions import models as interactions  # noqa: F401
    from app.domains.platform import models as platform  # noqa: F401
    from app.domains.runs import models as runs  # noqa: F401
