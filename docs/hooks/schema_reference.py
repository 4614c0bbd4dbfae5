"""MkDocs hook of the manual: the schema reference, generated from the models at build time.

A page line `<!-- schema-reference -->` becomes one table per object of the record and the
outlet registry (from `generator.schema.json_schema()`, so the pydantic field
descriptions and constraints) and one table per closed vocabulary (from `generator.vocab`).
Nothing here is hand-copied: the manual says what `briefing validate` enforces.
"""

from __future__ import annotations

import json
from typing import Any

from generator import vocab
from generator.schema import json_schema

MARKER = "<!-- schema-reference -->"

Schema = dict[str, Any]


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, reference())


def reference() -> str:
    """The whole reference as Markdown: the two roots, their objects, the vocabularies."""
    event, outlets = json_schema("event"), json_schema("outlets")
    defs: dict[str, Schema] = {**outlets["$defs"], **event["$defs"]}
    objects = [name for name in _reached(event, defs) if "properties" in defs[name]]
    objects += [name for name in _reached(outlets, defs) if name not in objects]
    reached = {*_reached(event, defs), *_reached(outlets, defs)}
    enums = sorted(name for name in reached if "properties" not in defs[name])
    parts = [
        "## Event record\n",
        "One file `seeds/events/YYYY/<id>.yaml`. " + event.get("description", ""),
        _table(event),
        "## Outlet registry\n",
        "`seeds/outlets.yaml`: a mapping from an outlet's key (the `outlet` of a source) to "
        "an [Outlet](#outlet).\n",
        "## Objects\n",
    ]
    for name in objects:
        parts += [f"### {name}\n", defs[name].get("description", ""), _table(defs[name])]
    parts.append("## Vocabularies\n")
    parts.append("Closed lists: any other value is a located validation error.\n")
    for name in enums:
        parts += [f"### {name}\n", defs[name].get("description", ""), _values(name, defs[name])]
    parts += ["### Sub-event types\n", "The `sub_event_type` values of each event type.", _subs()]
    return "\n\n".join(part.strip("\n") for part in parts if part) + "\n"


def _reached(root: Schema, defs: dict[str, Schema]) -> list[str]:
    """Names of the definitions reached from root, in the order a reader meets them."""
    seen: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    seen.append(name)
                    walk(defs[name])
            for key, value in node.items():
                if key != "$defs":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(root)
    return seen


def _table(node: Schema) -> str:
    required = set(node.get("required", []))
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for field, spec in node.get("properties", {}).items():
        meaning = " ".join([spec.get("description", ""), *_limits(spec)]).strip()
        yes = "yes" if field in required else ""
        rows.append(f"| `{field}` | {_type(spec)} | {yes} | {_cell(meaning)} |")
    return "\n".join(rows) + "\n"


def _type(spec: Schema) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        kinds = [_type(s) for s in spec["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds) + (" or null" if len(kinds) < len(spec["anyOf"]) else "")
    if "const" in spec:
        return f"`{json.dumps(spec['const'])}`"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{value}`" for value in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return "list of " + _type(spec.get("items", {}))
    if kind == "object" and isinstance(spec.get("additionalProperties"), dict):
        return "mapping to " + _type(spec["additionalProperties"])
    if kind == "object" and spec.get("patternProperties"):
        ((keys, value),) = spec["patternProperties"].items()
        return f"mapping of keys `{keys}` to {_type(value)}"
    return str(kind)


def _limits(spec: Schema) -> list[str]:
    """The constraints of a field (of its items, of its non-null alternative), in words."""
    said = spec.get("description", "").lower()
    limits: list[str] = []
    for part in [spec, spec.get("items", {}), *spec.get("anyOf", [])]:
        each = "each: " if part is spec.get("items") else ""
        if "pattern" in part:
            limits.append(f"{each}pattern `{part['pattern']}`.")
        if "maxLength" in part:
            limits.append(f"{each}at most {part['maxLength']} characters.")
        for bound in ("maxItems", "maxProperties"):
            if bound in part and f"at most {part[bound]}" not in said:
                limits.append(f"at most {part[bound]} entries.")
        if "minimum" in part:
            limits.append(f"at least {part['minimum']}.")
        if "maximum" in part:
            limits.append(f"at most {part['maximum']}.")
    default = spec.get("default")
    if default not in (None, [], {}, ""):
        limits.append(f"default `{json.dumps(default)}`.")
    return [limit[0].upper() + limit[1:] for limit in limits]


def _values(name: str, node: Schema) -> str:
    """A vocabulary's values with the labels and definitions readers see on the site."""
    members = getattr(vocab, name, None)
    rows = ["| value | label | meaning |", "|---|---|---|"]
    for value in node.get("enum", []):
        member = members(value) if isinstance(members, type) else None
        label = getattr(member, "label", "")
        meaning = getattr(member, "description", "")
        rows.append(f"| `{value}` | {_cell(label)} | {_cell(meaning)} |")
    return "\n".join(rows) + "\n"


def _subs() -> str:
    rows = ["| event type | sub-event type | label |", "|---|---|---|"]
    for event_type, subs in vocab.SUB_EVENT_TYPES.items():
        rows += [f"| `{event_type.value}` | `{sub}` | {label} |" for sub, label in subs.items()]
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    """Text inside a table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")
