"""The collector settings applied after startup."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.platform.collector import tune_collector
from app.settings import Settings


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_freezes_what_survives_startup_and_raises_the_young_threshold() -> None:
    gc.unfreeze()
    survivor = [object()]  # a tracked container alive at startup
    tune_collector(freeze=True, young_threshold=12_345)
    assert gc.get_freeze_count() >= 1
    assert gc.get_threshold()[0] == 12_345
    assert gc.is_tracked(survivor)
    garbage: list[object] = []
    garbage.append(garbage)  # cyclic garbage made after startup is still collected
    del garbage
    assert gc.collect() >= 1


@pytest.mark.usefixtures("restored_collector")
def test_off_leaves_the_collector_alone() -> None:
    gc.unfreeze()
    before = gc.get_threshold()
    tune_collector(freeze=False, young_threshold=0)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_settings_default_on_and_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = Settings()
    assert defaults.gc_freeze is True and defaults.gc_threshold == 10_000
    monkeypatch.setenv("CROSSWAY_GC_FREEZE", "0")
    monkeypatch.setenv("CROSSWAY_GC_THRESHOLD", "0")
    configured = Settings()
    assert configured.gc_freeze is False and configured.gc_threshold == 0
