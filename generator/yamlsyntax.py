"""YAML syntax errors in the project's words: the line that holds the mistake, and the fix.

Part of the load stage. libyaml says where it gave up, which is often a line after the
mistake (a key without its ':' on line 39 runs on into line 40 as one plain value), and
in its own terms ("did not find expected key"). This module reads the lines around that
place to name the usual mistakes of a hand-written record (a missing ':', an indentation
that matches no level, a quote or '[' never closed, a list item at a mapping's level, a
value starting with a character YAML reserves) and keeps libyaml's words only for the
rest. Never raises; never reads files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from yaml import MarkedYAMLError, YAMLError
from yaml._yaml import CParser
from yaml.tokens import ScalarToken, StreamEndToken

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks libyaml counts
#: `key: value`, `key:` or `- key: value` (a key that is not quoted); groups: the
#: indentation with any '- ', the key, the value.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"\[\]{}:,-][^:#]*?):(?:\s+(.*))?$")
#: `key:value`: a ':' with no space after it is part of the text in YAML.
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(\S.*)$")
_SHOWN = 60  # characters of a line quoted in a message


@dataclass(frozen=True)
class Explained:
    line: int
    col: int
    message: str


def _show(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> str:
    """The line without its indentation and trailing comment (' #...')."""
    return re.sub(r"\s+#.*$", "", line).strip()


def _has_value(line: str) -> bool:
    """A `key: value` line (not `key:` opening a block)."""
    found = _KEY_LINE.match(line)
    return bool(found and found.group(3))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _quoted(value: str) -> str:
    """value as a YAML double-quoted (or, holding '"', single-quoted) scalar."""
    if '"' not in value and "\\" not in value:
        return json.dumps(value, ensure_ascii=False)
    return "'" + value.replace("'", "''") + "'"


def _above(lines: list[str], line: int) -> list[int]:
    """1-based numbers of the lines before `line` that hold something, nearest first."""
    return [n for n in range(line - 1, 0, -1) if _content(lines[n - 1])]


def _missing_colon(lines: list[str], number: int) -> Explained:
    """Line `number` holds a key without its ':'."""
    text = lines[number - 1]
    content = _content(text)
    start = _indent(text)
    if content.startswith("- "):  # a list item's first key
        start += len(content) - len(content[2:].lstrip())
        content = content[2:].strip()
    key, _, value = content.partition(" ")
    value = value.strip()
    fix = f"{key}: {value}" if value else f"{key}:"
    return Explained(
        number, start + 1, f"{_show(content)} has no ':' after the key; write {_show(fix)}"
    )


def _no_space(lines: list[str], number: int) -> Explained | None:
    """A `key:value` line (no space after the ':', so YAML reads one word)."""
    match = _NO_SPACE.match(_content(lines[number - 1]))
    if match is None:
        return None
    key, value = match.groups()
    return Explained(
        number,
        _indent(lines[number - 1]) + 1,
        f"{_show(match.group())} needs a space after the ':'; write {f'{key}: {value}'!r}",
    )


def _run_on_value(lines: list[str], line: int, col: int) -> Explained | None:
    """'mapping values are not allowed here' at a ':' of line `line`: either a value on
    that line holds ': ', or the key was read as part of a value begun on a line above."""
    text = lines[line - 1]
    match = _KEY_LINE.match(text)
    if match and match.group(3) and len(match.group(1)) + len(match.group(2)) + 1 < col - 1:
        prefix, key, value = match.groups()
        value = _content(value)
        return Explained(
            line,
            len(prefix) + len(key) + 3,
            f"the value of {key!r} holds ': ', which YAML reads as another key: put the "
            f"value in quotes: {key}: {_quoted(value)}",
        )
    here = _indent(text)
    for number in _above(lines, line):
        above = lines[number - 1]
        if _no_space(lines, number):
            return _no_space(lines, number)
        found = _KEY_LINE.match(above)
        if found is None:
            if _indent(above) > here:
                continue  # the run-on value's own lines
            owner = _value_above(lines, number)
            if owner is None:
                return _missing_colon(lines, number)
            number, above, found = owner  # a value's next line: this key is indented into it
        if _indent(above) < here and found.group(3):
            return _too_deep(lines, line, number)
        return None
    return None


def _too_deep(lines: list[str], line: int, number: int) -> Explained:
    """The key on `line` is indented more than the `key: value` on line `number` above."""
    here, there = _indent(lines[line - 1]), _indent(lines[number - 1])
    name = _content(lines[line - 1]).split(":")[0]
    key = _KEY_LINE.match(lines[number - 1])
    return Explained(
        line,
        here + 1,
        f"{name!r} is indented {_spaces(here)}, more than {key.group(2) if key else ''!r} on "
        f"line {number} ({_spaces(there)}), whose value is given on its line: indent it "
        f"{_spaces(there)} like the keys beside it",
    )


def _value_above(lines: list[str], number: int) -> tuple[int, str, re.Match[str]] | None:
    """The `key: value` line whose plain value line `number` continues, if any."""
    for above in _above(lines, number):
        found = _KEY_LINE.match(lines[above - 1])
        if found is not None:
            indented = _indent(lines[above - 1]) < _indent(lines[number - 1])
            return (above, lines[above - 1], found) if indented and found.group(3) else None
        if _indent(lines[above - 1]) < _indent(lines[number - 1]):
            return None
    return None


def _levels(lines: list[str], line: int) -> list[tuple[int, str, int]]:
    """The indentation levels open above `line`: (spaces, key, line number), deepest first."""
    levels: list[tuple[int, str, int]] = []
    deepest = None
    for number in _above(lines, line):
        above = lines[number - 1]
        found = _KEY_LINE.match(above)
        spaces = len(found.group(1)) if found else _indent(above)
        if found and (deepest is None or spaces < deepest):
            levels.append((spaces, found.group(2), number))
            deepest = spaces
        if deepest == 0:
            break
    return levels


def _stray(lines: list[str], line: int, col: int, mapping: int) -> Explained:
    """A list item ('- ...') where the mapping that starts at line `mapping` wants a key."""
    content = _content(lines[line - 1])
    items: dict[int, int] = {}  # indentation -> nearest line of a list item above
    for number in _above(lines, line):
        above = lines[number - 1]
        if _indent(above) <= col - 1:
            break
        if _content(above).startswith("-"):
            items.setdefault(_indent(above), number)
    if items:  # the outermost list of this mapping's value, nearest item of it
        spaces = min(items)
        return Explained(
            line,
            col,
            f"the list item {_show(content)} is outside its list: indent it "
            f"{_spaces(spaces)} like the item on line {items[spaces]}",
        )
    return Explained(
        line,
        col,
        f"the list item {_show(content)} stands where the mapping that starts at line "
        f"{mapping} expects a key: remove the '-', or put the list under a key "
        "('key:' and then '  - item' on the lines below)",
    )


def _misplaced(lines: list[str], line: int, col: int, mapping: int) -> Explained:
    """'did not find expected key' at line, col, inside the mapping from line `mapping`."""
    text = lines[line - 1]
    content = _content(text)
    if text[col - 1 : col] == "-":
        return _stray(lines, line, col, mapping)
    if col - 1 > _indent(text):  # after a value, on its line
        rest = _content(text[col - 1 :])
        return Explained(
            line,
            col,
            f"unexpected {_show(rest)} after the value: put the whole value in one pair of "
            "quotes, or remove what follows it",
        )
    levels = _levels(lines, line)
    if levels and levels[0][0] < col - 1 and _has_value(lines[levels[0][2] - 1]):
        return _too_deep(lines, line, levels[0][2])  # deeper than a key with its value
    choices = [f"{_spaces(s)} to stand beside {k!r} (line {n})" for s, k, n in levels[:3]]
    fix = " or ".join(choices) if choices else "like the keys it belongs with"
    return Explained(
        line,
        col,
        f"{_show(content)} is indented {_spaces(col - 1)}, which matches no key above it: "
        f"indent it {fix}",
    )


def _swallowed_quote(text: str, lines: list[str], before: tuple[int, int]) -> Explained | None:
    """A quoted value that is not closed on its line and runs on over a line that reads
    like a key ('summary: ...'): the quote was left open there."""
    parser = CParser(text)
    try:
        while True:
            token = parser.get_token()
            if isinstance(token, StreamEndToken):
                return None
            start, end = token.start_mark, token.end_mark
            if (start.line + 1, start.column + 1) >= before:
                return None
            if (
                isinstance(token, ScalarToken)
                and token.style in ("'", '"')
                and end.line > start.line
                and any(_KEY_LINE.match(lines[n]) for n in range(start.line + 1, end.line + 1))
            ):
                return _open_quote(start.line + 1, start.column + 1, token.style)
    except (YAMLError, ValueError, IndexError):
        return None
    finally:
        parser.dispose()


def _open_quote(line: int, col: int, quote: str) -> Explained:
    return Explained(
        line,
        col,
        f"the quote {quote} opened here is not closed on this line: end the value with "
        f"{quote}"
        + (" (write '' for a ' inside it)" if quote == "'" else ' (write \\" for a " inside it)'),
    )


def _pos(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def explain(text: str, error: MarkedYAMLError, where: tuple[int, int]) -> Explained:
    """The mistake behind libyaml's error, whose own position (clamped to the file) is
    `where`."""
    lines = _BREAK.split(text)
    line, col = where
    line = min(max(line, 1), len(lines))
    problem = error.problem or ""
    context = error.context or ""
    start = _pos(error.context_mark)
    if "quoted scalar" in context and start is not None:
        quote = lines[start[0] - 1][start[1] - 1 : start[1]] or '"'
        return _open_quote(*start, quote)
    swallowed = _swallowed_quote(text, lines, (line, col))
    if swallowed is not None:
        return swallowed
    found: Explained | None = None
    if problem.startswith("could not find expected ':'") and start is not None:
        found = _no_space(lines, start[0]) or _missing_colon(lines, start[0])
    elif problem.startswith("mapping values are not allowed"):
        found = _run_on_value(lines, line, col)
    elif problem.startswith("did not find expected key") and start is not None:
        found = _misplaced(lines, line, col, start[0])
    elif problem.startswith("did not find expected '-' indicator") and start is not None:
        content = _content(lines[line - 1])
        found = Explained(
            line,
            col,
            f"{_show(content)} stands in the list that starts at line {start[0]}, whose "
            "entries begin with '- ': add the '-', or indent the line as the key it "
            "belongs to",
        )
    elif problem.startswith("did not find expected ',' or") and start is not None:
        opened = lines[start[0] - 1][start[1] - 1 : start[1]]
        closing, kind = ("]", "list") if opened == "[" else ("}", "mapping")
        found = Explained(
            *start,
            f"the {kind} opened with {opened!r} here is not closed: end it with {closing!r} on "
            f"the same line, and separate its entries with ', '",
        )
    elif "block scalar" in context and start is not None:
        indicator = lines[start[0] - 1][start[1] - 1 : start[1]]
        found = Explained(
            *start,
            f"{indicator!r} starts a block of text on the lines below it: only '-' or '+' may "
            f"follow it on its line; put the text on the next lines, indented, or put a value "
            f"that starts with {indicator!r} in quotes",
        )
    elif problem.startswith("block sequence entries are not allowed"):
        found = Explained(
            line,
            col,
            "a list item ('- ') cannot follow a key on its line: write the key alone with its "
            "':' and each item on a line of its own below it, indented",
        )
    elif "cannot start any token" in problem or problem.startswith("did not find expected node"):
        char = lines[line - 1][col - 1 : col]
        found = Explained(
            line,
            col,
            "an entry is missing before this ',': remove the extra ',', or put the value in quotes"
            if char == ","
            else f"a value cannot start with {char!r}, which YAML reserves: put the value in "
            "quotes",
        )
    elif problem.startswith("did not find expected <document start>"):
        found = Explained(
            line,
            col,
            f"{_show(_content(lines[line - 1]))} is indented less than the first key of the "
            "file: start every top-level key at the beginning of its line",
        )
    if found is not None:
        return found
    shown = f"{problem} ({context})" if context else problem
    return Explained(
        line,
        col,
        f"YAML cannot read this ({shown}): check the ':' after each key, that quotes and "
        "brackets are closed, and that the indentation matches the lines around it",
    )
