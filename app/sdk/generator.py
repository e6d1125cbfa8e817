"""Render the v2 client libraries from an OpenAPI document and the registries' active names.

`build_model` turns the document into a plain description of operations and schemas (with
language-neutral type trees); `render_python` and `render_typescript` fill the Jinja2 templates
beside this module. The same functions serve the download endpoints (live document, live
registries) and `crossway export sdk` (reference data), so the two never drift apart.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

API_PREFIX = "/api/v2/"
TOKEN_PATH = "/api/v2/token"
# Fields (in request bodies and query strings) whose values come from a registry.
REGISTRY_FIELDS = {
    "event_type": "event-type", "widget_type": "widget-type", "category": "annotation-category",
    "policy_scope": "policy-scope",
}
REGISTRY_ALIASES = {
    "event-type": "EventType", "widget-type": "WidgetType", "annotation-category": "AnnotationCategory",
    "policy-scope": "PolicyScope",
}
REGISTRY_CONSTANTS = {
    "event-type": "EVENT_TYPES", "widget-type": "WIDGET_TYPES", "annotation-category": "ANNOTATION_CATEGORIES",
    "policy-scope": "POLICY_SCOPES",
}
TEMPLATES = Path(__file__).parent / "templates"


# --- a small type tree, rendered per language -------------------------------------------------


@dataclass(frozen=True)
class T:
    kind: str  # str, int, float, bool, null, any, object, list, ref, literal, union, alias
    args: tuple[Any, ...] = ()


def type_of(schema: dict[str, Any], *, name: str | None = None, writing: bool = False) -> T:
    if "$ref" in schema:
        return T("ref", (schema["$ref"].rsplit("/", 1)[-1],))
    if "anyOf" in schema:
        branches: list[T] = []
        for branch in schema["anyOf"]:
            option = type_of(branch, name=name, writing=writing)
            if option not in branches:
                branches.append(option)
        return branches[0] if len(branches) == 1 else T("union", tuple(branches))
    kind = schema.get("type")
    if kind == "string" and writing and name in REGISTRY_FIELDS:
        return T("alias", (REGISTRY_ALIASES[REGISTRY_FIELDS[name]],))
    if "const" in schema:
        return T("literal", (schema["const"],))
    if "enum" in schema:
        return T("literal", tuple(schema["enum"]))
    if kind == "string":
        return T("str")
    if kind == "integer":
        return T("int")
    if kind == "number":
        return T("float")
    if kind == "boolean":
        return T("bool")
    if kind == "null":
        return T("null")
    if kind == "array":
        return T("list", (type_of(schema.get("items", {}), writing=writing),))
    if kind == "object":
        return T("object", (writing,))
    return T("any")


def py(t: T) -> str:
    match t.kind:
        case "str" | "int" | "float" | "bool":
            return t.kind
        case "null":
            return "None"
        case "any":
            return "Any"
        case "object":
            return "Mapping[str, Any]" if t.args[0] else "dict[str, Any]"
        case "list":
            return f"list[{py(t.args[0])}]"
        case "ref" | "alias":
            return t.args[0]
        case "literal":
            return "Literal[" + ", ".join(_py_literal(v) for v in t.args) + "]"
        case "union":
            return " | ".join(py(a) for a in t.args)
    raise ValueError(t)


def ts(t: T) -> str:
    match t.kind:
        case "str":
            return "string"
        case "int" | "float":
            return "number"
        case "bool":
            return "boolean"
        case "null":
            return "null"
        case "any":
            return "unknown"
        case "object":
            return "Record<string, unknown>"
        case "list":
            inner = ts(t.args[0])
            return f"Array<{inner}>"
        case "ref" | "alias":
            return t.args[0]
        case "literal":
            return " | ".join(_ts_literal(v) for v in t.args)
        case "union":
            return " | ".join(ts(a) for a in t.args)
    raise ValueError(t)


def _py_literal(value: Any) -> str:
    return repr(value)


def _ts_literal(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "true" if value is True else "false" if value is False else str(value)


# --- the model --------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    type: T
    required: bool
    description: str = ""


@dataclass
class Schema:
    name: str
    fields: list[Field]
    description: str = ""
    writing: bool = False


@dataclass
class Param:
    name: str
    type: T
    description: str = ""


@dataclass
class Operation:
    name: str  # snake_case
    method: str
    path: str
    summary: str
    path_params: list[Param]
    query: list[Param]
    body: T | None
    form: bool
    response: T | None
    json_response: bool
    authenticated: bool
    item: T | None = None  # the element type, for paginated listings

    @property
    def camel(self) -> str:
        return camel(self.name)

    @property
    def iter_name(self) -> str:
        return "iter_" + self.name.removeprefix("list_")


@dataclass
class Model:
    registries: dict[str, list[str]]
    schemas: list[Schema] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def operation_name(path: str, op: dict[str, Any]) -> str:
    # operationIds are "<module>_<handler>"; the handler name is the method name.
    name = op["operationId"].split("_", 1)[1].removeprefix("live_")
    if path.startswith(API_PREFIX + "admin/"):
        name = "admin_" + name
    return name


def build_model(document: dict[str, Any], registries: dict[str, list[str]]) -> Model:
    schemas = document.get("components", {}).get("schemas", {})
    written = set()
    for ops in document["paths"].values():
        for op in ops.values():
            content = op.get("requestBody", {}).get("content", {})
            for media in content.values():
                if "$ref" in media.get("schema", {}):
                    written.add(media["schema"]["$ref"].rsplit("/", 1)[-1])

    model = Model(registries={kind: sorted(registries.get(kind, [])) for kind in REGISTRY_ALIASES})
    for name in sorted(schemas):
        schema = schemas[name]
        writing = name in written
        required = set(schema.get("required", []))
        fields = [
            Field(prop, type_of(sub, name=prop, writing=writing), prop in required, _one_line(sub.get("description", "")))
            for prop, sub in schema.get("properties", {}).items()
        ]
        model.schemas.append(Schema(name, fields, _one_line(schema.get("description", "")), writing))

    for path in sorted(document["paths"]):
        if not path.startswith(API_PREFIX):
            continue
        for method, op in document["paths"][path].items():
            model.operations.append(_operation(path, method, op, schemas))
    model.operations.sort(key=lambda o: o.name)
    return model


def _operation(path: str, method: str, op: dict[str, Any], schemas: dict[str, Any]) -> Operation:
    path_params, query = [], []
    for param in op.get("parameters", []):
        entry = Param(param["name"], _not_null(type_of(param.get("schema", {}), name=param["name"], writing=True)),
                      _one_line(param.get("description") or param.get("schema", {}).get("description", "")))
        (path_params if param["in"] == "path" else query).append(entry)
    body, form = None, False
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = type_of(content["application/json"]["schema"], writing=True)
    elif "application/x-www-form-urlencoded" in content:
        form = True
    response, json_response = None, False
    for status in ("200", "201"):
        media = op.get("responses", {}).get(status, {}).get("content", {}).get("application/json")
        if media is not None:
            response, json_response = type_of(media["schema"]), True
            break
    if response is None and path.endswith(".json"):
        response, json_response = T("object", (False,)), True
    operation = Operation(
        name=operation_name(path, op), method=method.upper(), path=path, summary=_one_line(op.get("summary", "")),
        path_params=path_params, query=query, body=body, form=form, response=response,
        json_response=json_response, authenticated=bool(op.get("security")),
    )
    if any(p.name == "cursor" for p in query) and response is not None and response.kind == "ref":
        page = schemas.get(response.args[0], {})
        data = page.get("properties", {}).get("data")
        if data is not None and {"next_cursor", "has_more"} <= set(page.get("properties", {})):
            operation.item = type_of(data.get("items", {}))
    return operation


def _not_null(t: T) -> T:
    if t.kind != "union":
        return t
    rest = tuple(a for a in t.args if a.kind != "null")
    return rest[0] if len(rest) == 1 else T("union", rest)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- rendering ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False,
    )
    env.filters.update(py=py, ts=ts, camel=camel, py_literal=_py_literal, ts_literal=_ts_literal,
                       ts_key=_ts_key, py_fstring_path=_py_path, ts_template_path=_ts_path)
    env.globals.update(aliases=REGISTRY_ALIASES, constants=REGISTRY_CONSTANTS, token_path=TOKEN_PATH)
    env.tests["is_identifier"] = _py_identifier
    return env


def _py_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _ts_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) else _ts_literal(name)


def _py_path(path: str) -> str:
    return re.sub(r"\{(\w+)\}", r"{_quote(\1)}", path)


def _ts_path(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "${encodeURIComponent(" + camel(m.group(1)) + ")}", path)


def render_python(model: Model, version: str) -> str:
    return _environment().get_template("client.py.j2").render(model=model, version=version)


def render_typescript(model: Model, version: str) -> str:
    return _environment().get_template("client.ts.j2").render(model=model, version=version)
