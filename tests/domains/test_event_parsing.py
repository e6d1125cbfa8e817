"""Batches are validated into plain dicts (validation.parse_each) with a shape made of EventIn's own fields:
it must accept exactly what EventIn accepts, and give exactly what EventIn gives."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from app.domains.interactions.shapes import EventIn
from app.domains.interactions.validation import _dicts_adapter, parse, parse_each
from app.errors import ValidationFailed

WIDGET = "9adac9e7-2edd-492b-8078-66d114eb6004"
GOOD = {"widget_id": WIDGET, "event_type": "clicked", "occurred_at": "2026-03-29T11:00:00Z"}


def variant(**changes: Any) -> dict[str, Any]:
    item = {**GOOD, **changes}
    return {k: v for k, v in item.items() if v is not ...}


ITEMS = [
    GOOD,
    variant(event_type="  clicked  ", actor_type=" user ", view_context_ref=" /checkout ", client_event_id=" c-1 "),
    variant(extra_field=1, another={"x": 1}),
    variant(actor_id=None, actor_type=None, view_context_ref=None, metadata=None, client_event_id=None),
    variant(actor_id="7d1f8f3e-1f7c-4c3a-9a53-0c6f4a0e2b11", metadata={" key ": [1, {"a": None}], "n": 1.5}),
    variant(widget_id=WIDGET.upper()),
    variant(widget_id="{" + WIDGET + "}"),
    variant(widget_id="urn:uuid:" + WIDGET),
    variant(widget_id=WIDGET.replace("-", "")),
    variant(widget_id="nope"),
    variant(widget_id=12),
    variant(widget_id=...),
    variant(event_type=""),
    variant(event_type="   "),
    variant(event_type="x" * 64),
    variant(event_type="x" * 65),
    variant(event_type=5),
    variant(event_type=True),
    variant(occurred_at="2026-03-29T11:00:00"),
    variant(occurred_at="2026-03-29T11:00:00+02:00"),
    variant(occurred_at="2026-03-29T11:00:00.123456-05:30"),
    variant(occurred_at="2026-03-29"),
    variant(occurred_at="2026-03-29 11:00"),
    variant(occurred_at=1774782000),
    variant(occurred_at=1774782000.5),
    variant(occurred_at="yesterday"),
    variant(occurred_at=" 2026-03-29T11:00:00Z "),
    variant(occurred_at=None),
    variant(actor_id="not-a-uuid"),
    variant(actor_type=3),
    variant(view_context_ref="v" * 512),
    variant(view_context_ref="v" * 513),
    variant(metadata=[1, 2]),
    variant(metadata="text"),
    variant(metadata={1: "x"}),
    variant(client_event_id=""),
    variant(client_event_id="   "),
    variant(client_event_id="c" * 128),
    variant(client_event_id="c" * 129),
    variant(client_event_id=7),
]


def _by_model(item: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return EventIn.model_validate(item).model_dump()
    except ValidationError:
        return None


def _by_shape(item: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return _dicts_adapter(EventIn).validate_python([item])[0]
    except ValidationError:
        return None


@pytest.mark.parametrize("item", ITEMS, ids=[str(i) for i in range(len(ITEMS))])
def test_the_dict_shape_accepts_and_gives_what_the_model_does(item):
    assert _by_shape(item) == _by_model(item)


def test_a_list_gives_each_items_dict_or_its_error():
    results = parse_each(EventIn, ITEMS)
    for item, result in zip(ITEMS, results, strict=True):
        expected = _by_model(item)
        if expected is None:
            with pytest.raises(ValidationFailed) as raised:
                parse(EventIn, item)
            assert isinstance(result, ValidationFailed) and str(result) == str(raised.value)
            assert result.fields == raised.value.fields
        else:
            assert result == expected
    assert parse_each(EventIn, [GOOD, GOOD]) == [_by_model(GOOD)] * 2


def test_times_are_in_utc():
    naive, shifted = (parse_each(EventIn, [variant(occurred_at=at)])[0]["occurred_at"]
                      for at in ("2026-03-29T11:00:00", "2026-03-29T13:00:00+02:00"))
    assert naive == shifted and naive.utcoffset().total_seconds() == 0 and naive.hour == 11


def test_a_model_with_validators_of_its_own_is_refused():
    class Checked(BaseModel):
        name: str

        @field_validator("name")
        @classmethod
        def _upper(cls, value: str) -> str:
            return value.upper()

    with pytest.raises(TypeError):
        parse_each(Checked, [{"name": "x"}])
