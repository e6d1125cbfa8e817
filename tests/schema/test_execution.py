"""The executor's short cut for plain leaf fields gives the same data and errors as the full path."""

from __future__ import annotations

import enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.execution import CrosswayExecutionContext, prefetched


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Item:
    name: str
    note: str | None
    size: int
    colour: Colour
    tags: list[str]

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.name.upper() * times


@strawberry.type
class Part:
    label: str
    weight: int | None


@strawberry.type
class Box:
    name: str
    lid: Part | None
    main_part: Part
    parts: list[Part]
    spares: list[Part | None]
    filled: strawberry.Private[list[Part] | None] = None
    resolver_calls: strawberry.Private[list[str] | None] = None

    @strawberry.field(metadata=prefetched("filled"))
    def contents(self) -> list[Part]:
        if self.filled is not None:
            return self.filled
        if self.resolver_calls is not None:
            self.resolver_calls.append(self.name)
        return [Part(label=f"{self.name}-loaded", weight=0)]

    @strawberry.field
    async def later(self) -> Part:
        return Part(label="later", weight=None)


RESOLVER_CALLS: list[str] = []


def boxes() -> list[Box]:
    good = Box(name="good", lid=None, main_part=Part(label="m", weight=1), parts=[Part(label="p", weight=2)],
               spares=[None, Part(label="s", weight=None)], filled=[Part(label="f", weight=3)],
               resolver_calls=RESOLVER_CALLS)
    unfilled = Box(name="unfilled", lid=Part(label="l", weight=None), main_part=Part(label="m", weight=1), parts=[],
                   spares=[], resolver_calls=RESOLVER_CALLS)
    broken = Box(name="broken", lid=None, main_part=None, parts=[Part(label=None, weight="x")],  # type: ignore[arg-type]
                 spares=[], filled=[None], resolver_calls=RESOLVER_CALLS)  # type: ignore[list-item]
    return [good, unfilled, broken]


def items() -> list[Item]:
    good = Item(name="a", note=None, size=1, colour=Colour.RED, tags=["x"])
    null_in_non_null = Item(name=None, note="n", size=2, colour=Colour.BLUE, tags=[])  # type: ignore[arg-type]
    refused = Item(name="c", note="n", size="not a number", colour="green", tags=[])  # type: ignore[arg-type]
    return [good, null_in_non_null, refused]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return items()  # type: ignore[return-value]

    @strawberry.field
    def good_items(self) -> list[Item | None]:
        return [items()[0], None, items()[0]]

    @strawberry.field
    def strict_items(self) -> list[Item]:
        return [items()[0], None]  # type: ignore[list-item]

    @strawberry.field
    def generated_items(self) -> list[Item]:
        return (item for item in items()[:1])  # type: ignore[return-value]

    @strawberry.field
    def loose_items(self) -> list[Item]:
        """Values of other classes than the field's own: a raw enum value, a bool and an int for a String,
        a str subclass, an int for an Int that does not fit 32 bits."""
        raw = Item(name="r", note=None, size=1, colour="red", tags=[])  # type: ignore[arg-type]
        odd = Item(name=True, note=7, size=True, colour=Colour.BLUE, tags=[])  # type: ignore[arg-type]
        big = Item(name=Colour.RED, note="n", size=2**40, colour=Colour.RED, tags=[])  # type: ignore[arg-type]
        return [raw, odd, big]

    @strawberry.field
    def boxes(self) -> list[Box | None]:
        return boxes()  # type: ignore[return-value]

    @strawberry.field
    def good_boxes(self) -> list[Box]:
        return boxes()[:2]


QUERIES = [
    "{ items { name note size colour tags shout(times: 2) } }",
    "{ items { ...Parts alias: size } } fragment Parts on Item { name colour }",
    "query($skip: Boolean!) { items { name @skip(if: $skip) size @include(if: $skip) note } }",
    "{ items { __typename name } }",
    "{ goodItems { name size colour } }",
    "{ goodItems { name ...on Item { size } } items { name size } }",
    "{ strictItems { name } }",
    "{ generatedItems { name colour } }",
    "{ boxes { name lid { label } mainPart { label weight } parts { label weight } spares { label } contents { label } } }",
    "{ goodBoxes { name lid { label } mainPart { label weight } parts { label weight } spares { label } contents { label } } }",
    "{ goodBoxes { name contents { label } later { label } } }",
    "{ goodBoxes { ... on Box { name } parts { ...P } } } fragment P on Part { label w: weight }",
    "query($skip: Boolean!) { goodBoxes { name parts @skip(if: $skip) { label } contents @include(if: $skip) { label } } }",
    "{ goodBoxes { name ... @defer { parts { label } } } }",
    "{ looseItems { colour } }",
    "{ looseItems { name note } }",
    "{ looseItems { size } }",
]


def run(context: type, query: str) -> dict[str, Any]:
    schema = strawberry.Schema(query=Query, execution_context_class=context)
    result = schema.execute_sync(query, variable_values={"skip": True})
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or [])
    return {"data": result.data, "errors": errors}


@pytest.mark.parametrize("query", QUERIES)
def test_short_cut_matches_the_full_path(query: str) -> None:
    fast = run(CrosswayExecutionContext, query)
    full = run(StrawberryGraphQLCoreExecutionContext, query)
    assert fast == full


def test_lists_of_leaf_only_objects() -> None:
    assert run(CrosswayExecutionContext, QUERIES[4])["data"] == {"goodItems": [
        {"name": "a", "size": 1, "colour": "RED"}, None, {"name": "a", "size": 1, "colour": "RED"}]}
    strict = run(CrosswayExecutionContext, QUERIES[6])
    assert strict["data"] is None and strict["errors"]  # a null in a list of non-null items


def test_errors_still_name_their_field() -> None:
    outcome = run(CrosswayExecutionContext, QUERIES[0])
    paths = {path for _, path in outcome["errors"]}
    assert ("items", 1, "name") in paths and ("items", 2, "size") in paths
    assert outcome["data"]["items"][0] == {"name": "a", "note": None, "size": 1, "colour": "RED", "tags": ["x"],
                                           "shout": "AA"}


def test_the_short_cut_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the root field goes through the general field path; the leaf-only list is completed at once."""
    calls: list[str] = []
    general = StrawberryGraphQLCoreExecutionContext.execute_field

    def counted(self, parent_type, source, field_details_list, path, position_context):  # noqa: ANN001, ANN202
        calls.append(field_details_list[0].node.name.value)
        return general(self, parent_type, source, field_details_list, path, position_context)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
    assert run(CrosswayExecutionContext, QUERIES[4])["errors"] == []
    assert calls == ["goodItems"]


def test_nested_objects_and_lists_are_completed_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Objects, lists of objects and fields filled ahead are read off their attributes: only the root
    field takes the general field path."""
    calls: list[str] = []
    general = StrawberryGraphQLCoreExecutionContext.execute_field

    def counted(self, parent_type, source, field_details_list, path, position_context):  # noqa: ANN001, ANN202
        calls.append(field_details_list[0].node.name.value)
        return general(self, parent_type, source, field_details_list, path, position_context)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
    RESOLVER_CALLS.clear()
    outcome = run(CrosswayExecutionContext, "{ goodBoxes { name mainPart { label } spares { label } contents { label } } }")
    assert outcome["errors"] == []
    assert outcome["data"]["goodBoxes"][0] == {"name": "good", "mainPart": {"label": "m"},
                                               "spares": [None, {"label": "s"}], "contents": [{"label": "f"}]}
    # the second box was not filled ahead: its resolver ran (through the general path), the first's did not
    assert outcome["data"]["goodBoxes"][1]["contents"] == [{"label": "unfilled-loaded"}]
    assert RESOLVER_CALLS == ["unfilled"]
    assert calls.count("goodBoxes") == 1 and "name" not in calls and "mainPart" not in calls


def test_errors_deep_in_a_planned_tree_keep_their_paths() -> None:
    outcome = run(CrosswayExecutionContext, QUERIES[8])
    paths = {path for _, path in outcome["errors"]}
    assert ("boxes", 2, "mainPart") in paths
    assert outcome["data"]["boxes"][2] is None  # a null in a non-null field nulls its nullable parent
    assert outcome["data"]["boxes"][0]["lid"] is None
