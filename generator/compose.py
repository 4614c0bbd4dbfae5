"""Stage 1, load: libyaml's events composed into plain data, with the line and column of
every key and value (Composer) or without them, faster (fast_data). Refuses aliases,
anchors, tags, deep nesting, duplicate and non-name keys and second documents; never
reads files.

YAML 1.2-like scalars: only true/false/null and plain decimal numbers are typed.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from generator import blockyaml
from generator.errors import Diagnostic

MAX_DEPTH = 32
_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)|[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_INT, _FLOAT, _NUMERIC = blockyaml.INT, blockyaml.FLOAT, blockyaml.NUMERIC
_PLAIN = {**blockyaml.PLAIN, "": None}
_STANDARD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

#: Where a value sits in the data: the keys and list indexes leading to it.
Path_ = tuple[str | int, ...]


class Problem(Exception):
    """Something Composer refuses, with where it was written."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


try:  # libyaml is the one parser used everywhere (the pure-Python one differs on tabs).
    from yaml._yaml import CParser
except ImportError as exc:  # pragma: no cover - PyYAML wheels ship libyaml
    raise ImportError(
        "PyYAML was installed without libyaml; reinstall pyyaml from a wheel"
    ) from exc


class Composer:
    """Builds plain data and positions from libyaml's events, refusing aliases, anchors,
    tags and depth, with a diagnostic for each problem."""

    def __init__(self, text: str, path: str, problems: list[Diagnostic]) -> None:
        self.parser = CParser(text)
        self.path = path
        #: Where each value and each key was written (1-based), by its place in the data.
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.problems = problems
        self.depth = 0

    def document(self) -> Any:
        parser = self.parser
        parser.get_event()  # StreamStart
        if parser.check_event(StreamEndEvent):
            return EMPTY
        parser.get_event()  # DocumentStart
        data = self.node(())
        parser.get_event()  # DocumentEnd
        if not parser.check_event(StreamEndEvent):
            mark = parser.peek_event().start_mark
            raise Problem(
                mark.line + 1,
                mark.column + 1,
                "a record file holds one YAML document; remove the '---' and what follows, "
                "or move it to its own file",
            )
        return data

    def _check(self, event: Any) -> tuple[int, int]:
        """Position of an event, after refusing aliases, anchors and custom tags."""
        mark = event.start_mark
        line, col = mark.line + 1, mark.column + 1
        if type(event) is AliasEvent:
            raise Problem(
                line,
                col,
                f"alias *{event.anchor} is not allowed: anchors and "
                "aliases make records hard to review; write the value out in full",
            )
        if event.anchor is not None:
            raise Problem(
                line, col, f"anchor &{event.anchor} is not allowed: write each value out in full"
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            raise Problem(line, col, f"tag {tag} is not allowed: remove it; records are plain YAML")
        return line, col

    def node(self, loc: Path_) -> Any:
        event = self.parser.get_event()
        where = self._check(event)
        self.values[loc] = where
        if type(event) is ScalarEvent:
            return _scalar(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Problem(*where, f"nesting deeper than {MAX_DEPTH} levels: flatten it")
        try:
            if type(event) is SequenceStartEvent:
                items: list[Any] = []
                parser = self.parser
                while not parser.check_event(SequenceEndEvent):
                    items.append(self.node((*loc, len(items))))
                parser.get_event()
                return items
            return self.mapping(loc)
        finally:
            self.depth -= 1

    def mapping(self, loc: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        parser, values, keys = self.parser, self.values, self.keys
        while not parser.check_event(MappingEndEvent):
            key_event = parser.get_event()
            where = self._check(key_event)
            if type(key_event) is not ScalarEvent:
                self._skip(key_event)  # the rest of the complex key
                self.node((*loc, "?"))
                values.pop((*loc, "?"), None)
                self.problems.append(
                    Diagnostic(self.path, *where, "keys must be plain names, not lists or mappings")
                )
                continue
            key = key_event.value
            plain = not key_event.style and key_event.tag is None
            problem = ""
            if plain and (key == "<<" or key in _PLAIN or _NUMBER.fullmatch(key)):
                problem = (
                    "merge keys (<<) are not allowed: write the fields out in full"
                    if key == "<<"
                    else f"key {key!r} is not a name: keys must be text; quote it or rename it"
                )
            elif key in result:
                first = keys[(*loc, key)]
                problem = (
                    f"duplicate key {key!r}: first defined at line {first[0]}, column "
                    f"{first[1]}; keep one of them"
                )
            if problem:
                self.problems.append(Diagnostic(self.path, *where, problem))
                self.node((*loc, "?"))
                values.pop((*loc, "?"), None)
                continue
            child = (*loc, key)
            keys[child] = where
            result[key] = self.node(child)
        parser.get_event()
        return result

    def _skip(self, start: Any) -> None:
        """Consume the events of a collection whose start event was already read."""
        if type(start) is ScalarEvent:
            return
        end = SequenceEndEvent if type(start) is SequenceStartEvent else MappingEndEvent
        self.depth += 1
        if self.depth > MAX_DEPTH:
            mark = start.start_mark
            raise Problem(mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels")
        try:
            while not self.parser.check_event(end):
                self._skip(self.parser.get_event())
            self.parser.get_event()
        finally:
            self.depth -= 1


def _scalar(event: Any) -> Any:
    """YAML 1.2-like: only plain true/false/null and decimal numbers are typed."""
    value = event.value
    if event.style or event.tag is not None:
        return value
    if value in _PLAIN:
        return _PLAIN[value]
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


EMPTY = object()  # what Composer.document() returns for a file of no document
_TAGS = frozenset({None, "!", *_STANDARD_TAGS})
_KEY = object()  # an open mapping waits for its next key
_ITEM = object()  # an open sequence


class Unusual(Exception):
    """The fast composer met something that needs a diagnostic: compose it again slowly."""


def fast_data(text: str) -> Any:
    """The data Composer would build, without positions, for a file it has no problem with.

    One flat loop over libyaml's events (no call per node, no position): raises Unusual
    at anything Composer reports (aliases, anchors, tags, depth, duplicate or non-name
    keys, a second document), so that Composer reports it with its exact position.
    """
    get = CParser(text).get_event
    get()  # StreamStart
    if type(get()) is not DocumentStartEvent:
        raise Unusual
    open_: list[Any] = []  # the collections being filled, innermost last
    pending: list[Any] = []  # for each: _ITEM, _KEY, or the key whose value comes next
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag not in _TAGS:
                raise Unusual
            value = event.value
            plain = not event.style and event.tag is None
            if pending and pending[-1] is _KEY:
                if value in open_[-1] or (
                    plain
                    and (
                        value == "<<"
                        or value in _PLAIN
                        or (value[0] in _NUMERIC and _NUMBER.fullmatch(value))
                    )
                ):
                    raise Unusual
                pending[-1] = value
                continue
            if plain:
                if value in _PLAIN:
                    value = _PLAIN[value]
                elif value[0] in _NUMERIC:
                    if _INT.fullmatch(value):
                        value = int(value)
                    elif _FLOAT.fullmatch(value):
                        value = float(value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if (
                event.anchor is not None
                or event.tag not in _TAGS
                or len(open_) >= MAX_DEPTH
                or (pending and pending[-1] is _KEY)  # a collection as a key
            ):
                raise Unusual
            open_.append({} if kind is MappingStartEvent else [])
            pending.append(_KEY if kind is MappingStartEvent else _ITEM)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            pending.pop()
            value = open_.pop()
        elif kind is DocumentEndEvent and not open_:
            break
        else:  # an alias
            raise Unusual
        if not open_:
            data = value
        elif pending[-1] is _ITEM:
            open_[-1].append(value)
        else:
            open_[-1][pending[-1]] = value
            pending[-1] = _KEY
    if type(get()) is not StreamEndEvent:
        raise Unusual
    return data
