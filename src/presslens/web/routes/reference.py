"""``/api``: the OpenAPI document FastAPI generates, shown as a page (the interactive docs FastAPI offers
load their script from a CDN, which the Content-Security-Policy and an offline machine both rule out)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from presslens.web.app import page

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    return str(schema.get("type", "any"))


def _body_model(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return _type_of(schema) if schema else None


@router.get("/api")
def api_reference(request: Request) -> Response:
    """Every API endpoint with its parameters and answers, from the OpenAPI document."""
    spec = request.app.openapi()
    endpoints = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                           "type": _type_of(p.get("schema", {})),
                           "description": p.get("description") or p.get("schema", {}).get("description", "")}
                          for p in operation.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                              "description": operation.get("description", ""), "parameters": parameters,
                              "body": _body_model(operation),
                              "responses": [(code, r.get("description", ""))
                                            for code, r in operation.get("responses", {}).items()]})
    schemas = spec.get("components", {}).get("schemas", {})
    bodies = {name: schemas[name] for name in ("AnalyzeRequest",) if name in schemas}
    return page(request, "api.html", {"endpoints": endpoints, "info": spec.get("info", {}), "bodies": bodies,
                                      "type_of": _type_of})
