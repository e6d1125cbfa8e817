"""The executor's short cut for plain leaf fields gives the same data and errors as the full path."""

from __future__ import annotations

import enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.execution import CrosswayExecutionContext


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


QUERIES = [
    "{ items { name note size colour tags shout(times: 2) } }",
    "{ items { ...Parts alias: size } } fragment Parts on Item { name colour }",
    "query($skip: Boolean!) { items { name @skip(if: $skip) size @include(if: $skip) note } }",
    "{ items { __typename name } }",
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


def test_errors_still_name_their_field() -> None:
    outcome = run(CrosswayExecutionContext, QUERIES[0])
    paths = {path for _, path in outcome["errors"]}
    assert ("items", 1, "name") in paths and ("items", 2, "size") in paths
    assert outcome["data"]["items"][0] == {"name": "a", "note": None, "size": 1, "colour": "RED", "tags": ["x"],
                                           "shout": "AA"}
