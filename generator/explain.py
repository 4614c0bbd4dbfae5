"""Turn pydantic validation errors into located diagnostics that say what to do.

Part of the model stage: knows the models' fields (for "did you mean") and the loaded
document's positions (for line and column). Never raises.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Diagnostic
from generator.load import Document
from generator.suggest import did_you_mean, nearest

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ', or [a, b])",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


_BOUNDS = {
    "greater_than_equal": "at least",
    "less_than_equal": "at most",
    "greater_than": "more than",
    "less_than": "less than",
}

#: Lists with a bound (model.MAX_*): field -> (what they hold, per what, how to get under it).
_TOO_MANY = {
    "tags": ("tags", "record", "keep the few a reader would look the brief up by"),
    "actors": (
        "actors",
        "record",
        "keep those the claims and actions name, and write a crowd as one group actor",
    ),
    "sources": ("sources", "record", "keep the reports the statements cite"),
    "claims": ("claims", "record", "merge claims that say the same, or split the event"),
    "statements": (
        "statements",
        "claim",
        "keep the distinct ones; list further outlets of one statement in reported_by",
    ),
    "actions": ("coded actions", "record", "code the main actions, or split the event"),
    "related": ("related items", "record", "keep the closest ones"),
    "aliases": ("aliases", "actor", "keep the names readers search for"),
}

_OWN_ERRORS = {"text", "country", "url", "cameo", "partial_date", "range", "vocabulary"}


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...], dict[str, ...] or Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, dict, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[-1] if args else annotation
            if origin is not list and origin is not dict and len(args) != 1:
                return annotation
        else:
            return annotation


def _strip_optional(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _fields_by_alias(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def _resolve(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel], Any]:
    """Walk loc through the models: the model owning loc's last part, and that field."""
    owner: type[BaseModel] = model
    field: Any = None
    skip_key = False
    for part in loc:
        if skip_key:  # the key of a dict of models, e.g. an actor key
            skip_key = False
            continue
        if not isinstance(part, str):
            continue
        field = _fields_by_alias(owner).get(part)
        if field is None:
            break
        inner = _unwrap(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and part != loc[-1]:
            skip_key = typing.get_origin(_strip_optional(field.annotation)) is dict
            owner = inner
    return owner, field


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop pydantic's internal loc parts (union branches, validators) not present in data."""
    clean: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            clean.append(part)
            node = node[part]
        elif part == "[key]":
            clean.append(part)
            break
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            # A missing or unknown field of a mapping keeps its name.
            clean.append(part)
            break
    return tuple(clean)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _field_name(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def explain(error: ValidationError, doc: Document, model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per pydantic error, at the position of the value or its parent."""
    out: list[Diagnostic] = []
    for item in error.errors(include_url=False):
        loc = _clean_loc(tuple(item["loc"]), doc.data)
        kind = item["type"]
        value = item.get("input")
        field = _field_name(loc)
        if kind == "missing":
            line, col = doc.where(loc[:-1])
            _, info = _resolve(model, loc)
            what = f" ({info.description})" if info and info.description else ""
            message = f"required field {loc[-1]!r} is missing{what}; add it"
            out.append(Diagnostic(doc.path, line, col, message, field))
            continue
        if kind == "extra_forbidden":
            line, col = doc.where(loc, key=True)
            owner, _ = _resolve(model, (*loc[:-1], "\0"))
            allowed = sorted(_fields_by_alias(owner))
            hint = did_you_mean(str(loc[-1]), allowed)
            message = f"unknown field {loc[-1]!r}.{hint} Allowed here: {', '.join(allowed)}"
            out.append(Diagnostic(doc.path, line, col, message.replace(".. ", ". "), field))
            continue
        line, col = doc.where(loc)
        if loc and loc[-1] == "[key]":
            line, col = doc.where(loc[:-1], key=True)
            field = _field_name(loc[:-1])
            message = (
                f"key {loc[-2]!r} is not a valid key: use lower-case letters, digits and "
                "underscores, starting with a letter (e.g. 'ru_svr')"
            )
            out.append(Diagnostic(doc.path, line, col, message, field))
            continue
        _, info = _resolve(model, loc)
        enum = _unwrap(info.annotation) if info is not None else None
        if kind == "enum" and isinstance(enum, type) and issubclass(enum, Enum):
            allowed = nearest(str(value), [str(m.value) for m in enum])
            message = f"expected one of {', '.join(allowed)}; found {_show(value)}."
            message += did_you_mean(str(value), allowed)
        elif kind == "literal_error":
            message = f"expected {item['ctx']['expected']}; found {_show(value)}"
            message += did_you_mean(str(value), _literal_choices(info), end=".")
        elif kind == "string_pattern_mismatch":
            message = _pattern_message(loc, value)
        elif kind in _TYPE_NAMES:
            message = f"expected {_TYPE_NAMES[kind]}; found {_show(value)}"
            if kind.startswith("int") and isinstance(value, str) and "," in value:
                message += "; write numbers without thousands separators"
            if kind == "string_type" and isinstance(value, int | float | bool):
                message += "; put it in quotes to keep it as text"
        elif kind in _BOUNDS:
            limit = next(iter(item["ctx"].values()))
            limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
            message = f"expected {_BOUNDS[kind]} {_show(limit)}; found {_show(value)}"
            if field.endswith(("lat", "lon")):
                message += " (latitude is -90..90, longitude -180..180; are they swapped?)"
            elif info is not None and info.description:
                message += f" ({info.description})"
        elif kind in ("too_short",):
            least = item["ctx"].get("min_length", 1)
            message = f"needs at least {least} {'entry' if least == 1 else 'entries'}; found none"
        elif kind == "string_too_long":
            limit = item["ctx"]["max_length"]
            message = f"expected at most {limit} characters; found {len(value)}; shorten it"
        elif kind == "too_long":
            limit = item["ctx"]["max_length"]
            actual = len(value) if isinstance(value, str | list | dict) else "more"
            bound = _TOO_MANY.get(str(loc[-1])) if loc and not isinstance(value, str) else None
            if bound is not None:
                noun, owner, fix = bound
                message = f"at most {limit} {noun} per {owner}, found {actual}; {fix}"
            else:
                unit = "characters" if isinstance(value, str) else "entries"
                message = f"expected at most {limit} {unit}; found {actual}; shorten it"
        elif kind in _OWN_ERRORS:
            message = item["msg"]
        else:
            message = f"{item['msg'][:1].lower()}{item['msg'][1:]}; found {_show(value)}"
        out.append(Diagnostic(doc.path, line, col, message, field))
    return out


def _literal_choices(info: Any) -> list[str]:
    """The values a Literal[...] field allows, as text."""
    annotation = _strip_optional(info.annotation) if info is not None else None
    if typing.get_origin(annotation) is not typing.Literal:
        return []
    return [str(choice) for choice in typing.get_args(annotation)]


def _pattern_message(loc: tuple[Any, ...], value: Any) -> str:
    name = str(loc[-1]) if loc else ""
    found = _show(value)
    if name == "id" and len(loc) == 1:
        return (
            f"expected an id like '2018-07-10-islamabad-intel-chiefs-meeting' (date, then "
            f"lower-case words joined by '-'); found {found}"
        )
    if name == "tags" or (len(loc) > 1 and loc[-2] == "tags"):
        return f"expected a kebab-case tag like 'counter-terrorism'; found {found}"
    if name == "cameo":
        return f'expected a CAMEO code of 2-4 digits in quotes, like "042"; found {found}'
    if name == "lang":
        return f"expected an ISO 639 language code like 'en'; found {found}"
    if name == "wikidata":
        return f"expected a Wikidata id like 'Q2429253'; found {found}"
    if name in ("unit", "mode", "context", "sub_event_type") or (
        len(loc) > 1 and loc[-2] == "context"
    ):
        return f"expected a snake_case word like 'fighters_killed'; found {found}"
    return (
        f"expected a key: lower-case letters, digits and underscores, starting with a letter "
        f"(e.g. 'ru_svr'); found {found}"
    )
