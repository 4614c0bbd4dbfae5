"""Stage 1, load (fast path): the block-style YAML records are written in, read line by line.

Kept because it is clearly faster than every parser that gives the same results, as
measured by benchmarks/yaml_parsers.py (CPU milliseconds per record, best of 3 rounds,
CPython 3.11, x86_64; real: the 6 records of seeds/events, 24 KB each; synthetic: 10,000
records of benchmarks/synth.py, 7.8 KB each; "same": the loader's results on 214 texts):

    parser                                      positions            same   real  synthetic
    blockyaml (this module)                     read again on error  all    0.70  0.27
    libyaml events -> data (compose.fast_data)  read again on error  all    1.20  0.45
    libyaml events -> data (compose.Composer)   every key and value  all    1.68  0.63
    PyYAML CSafeLoader compose                  node marks           -      1.51  0.70
    PyYAML CSafeLoader load                     none                 210    2.60  1.17
    rapidyaml 0.15.2, node API -> data          none                 209    1.78  0.69
    rapidyaml 0.15.2 -> JSON -> json.loads      none                 208    0.36  0.11
    rapidyaml 0.15.2, positions from offsets    rebuilt              209    4.94  2.12

1.71x faster than libyaml's events on the real records (1.65x on synthetic ones), where
parsing is most of a record's load (71% of parse + model here, 80% without this module).
rapidyaml is faster only through JSON, which is not the loader's results: duplicate keys
keep the last, '*x' is read as text, merge keys, second documents and custom tags pass,
'+1' is not JSON; its Python API gives no node positions, and rebuilding them from byte
offsets is 7x slower than this module. Rerun the benchmark when this module, load.py or
compose.py changes; remove this module once it is not at least 1.5x faster than
compose.fast_data on the real records.

libyaml makes a Python object for every event and mark it reports, about 1 ms for a
250-line record. Records use a small subset of YAML: block mappings and sequences, plain,
quoted and block scalars, one-line flow lists. read() returns exactly the data compose.py's
composers build for a text in that subset and None for anything else, which load.py then
parses with libyaml: giving up is always safe, so every doubt gives up.
"""

from __future__ import annotations

import re
from typing import Any

_HEADER = re.compile(r"([|>])([-+]?)(?: +#.*)?")
#: Anything but spaces, newlines and printable characters (tabs, CR and the other breaks
#: libyaml counts, BOMs, control characters) is left to libyaml.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: One-line flow lists of quoted names or of plain words, the common kinds.
_FLOW_QUOTED = re.compile(r'\[ *"[\w.-]*"(?: *, *"[\w.-]*")* *\]', re.ASCII)
_FLOW_PLAIN = re.compile(r"\[ *[A-Za-z][\w .-]*(?:, *[A-Za-z][\w .-]*)*\]", re.ASCII)
_FLOW_UNUSUAL = re.compile(r"[\[\]{}\"'#:&*!|>%@`?]")
#: YAML 1.2-like typing of plain scalars, shared with compose.py's libyaml path: only
#: true/false/null/~ and decimal numbers are typed; everything else stays text.
INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
PLAIN = {"true": True, "false": False, "null": None, "~": None}
_NOT_KEYS = frozenset(("true", "false", "null"))  # plain, these are not names
NUMERIC = frozenset("+-.0123456789")  # what every number starts with
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_INDICATORS = frozenset("[]{},#&*!|>'\"%@`")
#: compose.fast_data gives up at 32 open collections; well inside that.
MAX_DEPTH = 24


class _GiveUp(Exception):
    """Not in the subset: libyaml reads it (and reports its problems)."""


def read(text: str) -> Any:
    """The data of text, or None when text is outside the subset (or is null)."""
    if _UNUSUAL.search(text) is not None:
        return None
    try:
        return _read(text)
    except _GiveUp:
        return None


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _typed(plain: str) -> Any:
    if plain in PLAIN:
        return PLAIN[plain]
    if plain[0] in NUMERIC:
        if INT.fullmatch(plain):
            return int(plain)
        if FLOAT.fullmatch(plain):
            return float(plain)
    return plain


def _after_quote(tail: str) -> None:
    """What follows a closing quote may only be a comment."""
    if tail and (tail[0] != " " or tail.lstrip(" ")[0] != "#"):
        raise _GiveUp


def _flow_item(item: str) -> Any:
    """One item of a flow list: a plain name or number, or a quoted text without escapes."""
    if not item:
        raise _GiveUp
    quote = item[0]
    if quote == '"' or quote == "'":
        if len(item) < 2 or item[-1] != quote or quote in item[1:-1] or "\\" in item:
            raise _GiveUp
        return item[1:-1]
    if _FLOW_UNUSUAL.search(item) is not None or _is_item(item):
        raise _GiveUp
    return _typed(item)


def _inline(rest: str) -> Any:
    """A scalar or flow list that is the whole rest of its line (stripped, not a comment)."""
    first = rest[0]
    if first == '"':  # the common cases first, in as few steps as possible
        if rest.find('"', 1) == len(rest) - 1 and "\\" not in rest:
            return rest[1:-1]
    elif first in _LETTERS:
        if " #" not in rest and ": " not in rest and rest[-1] != ":":
            return PLAIN.get(rest, rest)
    elif first in NUMERIC:
        if " " not in rest and rest[-1] != ":" and (first != "-" or len(rest) > 1):
            return _typed(rest)
    elif first == "[":
        if _FLOW_QUOTED.fullmatch(rest):
            return [item.strip(' "') for item in rest[1:-1].split(",")]
        if _FLOW_PLAIN.fullmatch(rest):
            return [PLAIN.get(item, item) for item in map(str.strip, rest[1:-1].split(","))]
    return _rare(rest)


def _rare(rest: str) -> Any:
    first = rest[0]
    if first == '"':
        end = rest.find('"', 1)
        if end < 0 or "\\" in rest[:end]:
            raise _GiveUp  # escapes, or a scalar over several lines
        _after_quote(rest[end + 1 :])
        return rest[1:end]
    if first == "'":
        end = rest.find("'", 1)
        while end >= 0 and rest[end + 1 : end + 2] == "'":
            end = rest.find("'", end + 2)
        if end < 0:
            raise _GiveUp
        _after_quote(rest[end + 1 :])
        return rest[1:end].replace("''", "'")
    if first == "[":
        end = rest.find("]")
        if end < 0:
            raise _GiveUp
        _after_quote(rest[end + 1 :])
        inner = rest[1:end]
        if not inner.strip(" "):
            return []
        return [_flow_item(part.strip(" ")) for part in inner.split(",")]
    if first in _INDICATORS or (first in "-?:" and (len(rest) == 1 or rest[1] == " ")):
        raise _GiveUp
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut].rstrip(" ")
    if ": " in rest or rest[-1] == ":":
        raise _GiveUp
    return _typed(rest)


def _read(text: str) -> Any:
    """One pass over the lines, with the open collections on a stack."""
    raw = text.split("\n")
    ends_with_break = raw[-1] == ""
    stack: list[tuple[int, Any]] = []  # (indent, dict or list), innermost last
    slot: tuple[Any, Any, int, bool] | None = None  # a value that may be a nested block
    scalar_at = -1  # after a scalar, the indent the next line may not exceed
    count = len(raw)
    at = 0
    top: Any = None
    open_at, container = -1, None  # the innermost open collection
    while at < count:
        line = raw[at]
        at += 1
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue  # blank or comment
        indent = len(line) - len(content)
        if content[-1] == " ":
            content = content.rstrip(" ")
        if indent == open_at and slot is None and type(container) is dict:
            # The common line: the next key of the mapping being filled, and its value.
            colon = content.find(": ")
            if colon > 0:
                key = content[:colon]
                value = content[colon + 2 :].lstrip(" ")
                if (
                    value
                    and value[0] != "#"
                    and key.isidentifier()
                    and key.isascii()
                    and key not in container
                    and key not in _NOT_KEYS
                ):
                    first = value[0]
                    if first == '"' and value.find('"', 1) == len(value) - 1 and "\\" not in value:
                        container[key] = value[1:-1]
                    elif (
                        first in _LETTERS
                        and " #" not in value
                        and ": " not in value
                        and value[-1] != ":"
                    ):
                        container[key] = PLAIN.get(value, value)
                    elif first == "|" or first == ">":
                        container[key], at = _block_scalar(value, raw, at, indent, ends_with_break)
                    else:
                        container[key] = _inline(value)
                    scalar_at = indent
                    continue
        dash = 0
        if content[0] == "-" and (len(content) == 1 or content[1] == " "):
            rest = content[1:].lstrip(" ")
            dash = len(content) - len(rest)
            content = rest
        key = ""
        colon = content.find(":")
        if colon > 0 and (colon + 1 == len(content) or content[colon + 1] == " "):
            name = content[:colon]
            if name.isidentifier() and name.isascii():
                key = name
                content = content[colon + 1 :].lstrip(" ")
        if slot is not None:
            container, where, parent, in_mapping = slot
            slot = None
            if indent > parent or (indent == parent and in_mapping and dash):
                if dash:
                    new: Any = []
                elif key:
                    new = {}
                else:
                    raise _GiveUp  # a scalar on the next line
                container[where] = new
                stack.append((indent, new))
                if len(stack) > MAX_DEPTH:
                    raise _GiveUp
        elif indent > scalar_at >= 0:
            raise _GiveUp  # the scalar goes on over this line
        if not stack:  # the first line
            if not dash and not key:
                if indent or content != "---" or scalar_at == -2:
                    raise _GiveUp
                scalar_at = -2  # one leading '---' is allowed
                continue
            top = [] if dash else {}
            stack.append((indent, top))
        elif indent == 0 and not dash and not key and content[0] in "-.%":
            raise _GiveUp  # a document marker or directive
        while indent < stack[-1][0] or (
            indent == stack[-1][0] and not dash and type(stack[-1][1]) is list
        ):
            stack.pop()
            if not stack:
                raise _GiveUp
        open_at, container = stack[-1]
        if indent != open_at:
            raise _GiveUp
        if type(container) is dict:
            if dash or not key or key in container or key in _NOT_KEYS:
                raise _GiveUp
            where: Any = key
            parent = indent
            in_mapping = True
        elif not dash:
            raise _GiveUp
        elif key:  # a mapping that starts on the dash's line
            parent = indent + dash
            new = {}
            container.append(new)
            stack.append((parent, new))
            if len(stack) > MAX_DEPTH:
                raise _GiveUp
            container = new
            where = key
            in_mapping = True
        else:
            if content and content[0] == "-" and (len(content) == 1 or content[1] == " "):
                raise _GiveUp  # a list that starts on the dash's line
            where = len(container)
            container.append(None)
            parent = indent
            in_mapping = False
        if not content or content[0] == "#":
            container[where] = None
            slot = (container, where, parent, in_mapping)
            scalar_at = -1
        elif content[0] == "|" or content[0] == ">":
            container[where], at = _block_scalar(content, raw, at, parent, ends_with_break)
            scalar_at = parent
        else:
            container[where] = _inline(content)
            scalar_at = parent
        open_at, container = stack[-1]
    if not stack:
        raise _GiveUp
    return top


def _block_scalar(
    header: str, raw: list[str], at: int, parent: int, ends_with_break: bool
) -> tuple[str, int]:
    """A literal or folded scalar whose header ends line at - 1: its text and the next line."""
    match = _HEADER.fullmatch(header)
    if match is None:
        raise _GiveUp  # an indentation indicator, or text after the header
    indent = 0
    body: list[str] = []
    count = len(raw) - 1 if ends_with_break else len(raw)
    while at < count:
        line = raw[at]
        if not line:
            body.append("")
            at += 1
            continue
        content = line.lstrip(" ")
        here = len(line) - len(content)
        if not content:
            raise _GiveUp  # a line of spaces: they may be content
        if not indent:
            if here <= parent:
                break
            if body:
                raise _GiveUp  # blank lines before the first line of text
            indent = here
        elif here < indent:
            break
        body.append(line[indent:])
        at += 1
    if not indent or (at == count and not ends_with_break):
        raise _GiveUp  # empty, or the file ends without a line break
    trailing = 0
    while not body[-1]:
        body.pop()
        trailing += 1
    if match.group(1) == "|":
        text = "\n".join(body)
    else:
        if body[0][0] == " ":
            raise _GiveUp  # more indented lines are not folded
        parts = [body[0]]
        blanks = 0
        for line in body[1:]:
            if not line:
                blanks += 1
                continue
            if line[0] == " ":
                raise _GiveUp
            parts.append("\n" * blanks if blanks else " ")
            parts.append(line)
            blanks = 0
        text = "".join(parts)
    chomping = match.group(2)
    if chomping == "-":
        return text, at
    return text + "\n" * (trailing + 1 if chomping == "+" else 1), at
