"""Imports every table model so SQLModel's metadata knows the whole schema."""

from __future__ import annotations


def import_all_models() -> None:
    from app.domains.runs import models  # noqa: F401
