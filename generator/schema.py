"""JSON Schema for editors, generated from the models (descriptions and enums included)."""

from __future__ import annotations

from typing import Any

from generator.model import Event, Outlet

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "event") -> dict[str, Any]:
    if kind == "outlets":
        outlet = Outlet.model_json_schema(by_alias=True)
        defs = outlet.pop("$defs", {})
        return {
            "$schema": SCHEMA_URI,
            "title": "Outlet registry",
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/Outlet"},
            "$defs": {**defs, "Outlet": outlet},
        }
    schema = Event.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_URI, **schema}
