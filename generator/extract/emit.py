"""Extraction output: plain data with comments -> YAML text the strict loader accepts.

Strings are written as JSON strings (valid YAML double-quoted scalars), so no value can be
read as another type; comments carry the sentence each item came from.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

_PLAIN = re.compile(r"[a-z][a-z0-9_]*|[A-Z]{2}")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


@dataclass
class Note:
    """A value with comment lines written above it."""

    value: Any
    comments: list[str] = field(default_factory=list)


def comment_lines(text: str, indent: int, width: int = 96) -> list[str]:
    text = " ".join(text.split())
    lines = textwrap.wrap(text, max(40, width - indent - 2), break_on_hyphens=False)
    return [f"{' ' * indent}# {line}" for line in lines] or [f"{' ' * indent}#"]


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _is_scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(i, dict | list | Note) for i in value)


def emit(data: dict[str, Any], indent: int = 0) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        comments: list[str] = []
        if isinstance(value, Note):
            comments, value = value.comments, value.value
        for comment in comments:
            lines.extend(comment_lines(comment, indent) if comment else [""])
        if isinstance(value, dict):
            if value:
                lines.append(f"{pad}{key}:")
                lines.extend(emit(value, indent + 2))
            else:
                lines.append(f"{pad}{key}: {{}}")
        elif _is_scalar_list(value):
            lines.append(f"{pad}{key}: {_flow(value)}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                item_comments: list[str] = []
                if isinstance(item, Note):
                    item_comments, item = item.comments, item.value
                for comment in item_comments:
                    lines.extend(comment_lines(comment, indent + 2))
                body = emit(item, indent + 4)
                first = body[0].lstrip()
                lines.append(f"{pad}  - {first}")
                lines.extend(body[1:])
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines
