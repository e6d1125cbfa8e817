"""OpenAPI 3.1 documents built from the endpoint declarations and their pydantic models.

There is no hand-written schema: request bodies and query parameters come from
the write models that validate them, responses from the read models that
render them.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.rest.endpoint import EndpointSpec, Family, path_parameters

REF = "#/components/schemas/{model}"


def build_openapi(families: list[Family], *, title: str, version: str, description: str = "") -> dict[str, Any]:
    specs = [spec for family in families for spec in family.specs]
    schemes: dict[str, Any] = {}
    for family in families:
        schemes.update(family.security_schemes)
    models: list[tuple[type[BaseModel], str]] = []
    for spec in specs:
        if spec.body is not None:
            models.append((spec.body, "validation"))
        for response in spec.responses.values():
            if isinstance(response, type) and issubclass(response, BaseModel):
                models.append((response, "serialization"))
    keyed, definitions = models_json_schema(models, ref_template=REF) if models else ({}, {})
    paths: dict[str, dict[str, Any]] = {}
    for spec in specs:
        # OpenAPI templates have no converters: /v0/{path:path} is documented as /v0/{path}.
        template = re.sub(r"{([^}:]+):[^}]+}", r"{\1}", spec.path)
        paths.setdefault(template, {})[spec.method.lower()] = _operation(spec, keyed)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": description},
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(definitions.get("$defs", {}).items())),
            "securitySchemes": dict(sorted(schemes.items())),
        },
    }


def _operation(spec: EndpointSpec, keyed: dict[tuple[type[BaseModel], str], dict[str, Any]]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": f"{spec.handler.__module__.rsplit('.', 1)[-1]}_{spec.handler.__name__}",
        "summary": spec.summary,
        "tags": spec.tags,
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in path_parameters(spec.path)
        ],
        "responses": {},
    }
    description = (spec.handler.__doc__ or "").strip()
    if spec.auth:
        description = f"{description}\n\nAuth: {spec.auth}".strip()
        if spec.security is None and "X-API-Key" in spec.auth:
            operation["security"] = [{"ApiKeyHeader": []}, {}] if "open" in spec.auth else [{"ApiKeyHeader": []}]
    if spec.security is not None:
        operation["security"] = spec.security
    operation["description"] = description
    if spec.deprecated:
        operation["deprecated"] = True
    if spec.query is not None:
        schema = spec.query.model_json_schema()
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            operation["parameters"].append({"name": name, "in": "query", "required": name in required, "schema": prop})
    if spec.form is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": spec.form.model_json_schema()}},
        }
    if spec.body is not None:
        operation["requestBody"] = {
            "required": not spec.body_optional,
            "content": {"application/json": {"schema": keyed[(spec.body, "validation")]}},
        }
    for status, response in sorted(spec.responses.items()):
        if isinstance(response, type) and issubclass(response, BaseModel):
            operation["responses"][str(status)] = {
                "description": response.__doc__.strip().split("\n")[0] if response.__doc__ else response.__name__,
                "content": {"application/json": {"schema": keyed[(response, "serialization")]}},
            }
        else:
            operation["responses"][str(status)] = {"description": response or "Error"}
    if spec.body is not None or spec.query is not None:
        operation["responses"].setdefault("422", {"description": "The request does not match the schema"})
    return operation
