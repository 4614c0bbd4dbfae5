"""Stage 1, load: bytes -> plain data with the line and column of every key and value.

Strict and total: any byte sequence yields data or located diagnostics, never an
exception. YAML 1.2-like scalars: only true/false/null and plain decimal numbers are
typed; '2018-07-10', 'NO', '064' and '12:30' stay strings. No anchors, aliases, merge
keys, tags, duplicate keys or second documents. Uses libyaml (PyYAML's C parser) only,
so every machine reads a file the same way; without positions, blockyaml reads the plain
block style most records are written in first (the same data, or it leaves the file here).
A syntax error is explained in the project's words by yamlsyntax.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
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
from yaml.reader import ReaderError

from generator import blockyaml, yamlsyntax
from generator.errors import Diagnostic

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)|[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks libyaml counts
_INT, _FLOAT, _NUMERIC = blockyaml.INT, blockyaml.FLOAT, blockyaml.NUMERIC
_PLAIN = {**blockyaml.PLAIN, "": None}
#: A line (as str.splitlines counts them) with something that is not a comment.
_CONTENT = re.compile("(?:^|(?<=[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))\\s*[^\\s#]", re.M)
_STANDARD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """One loaded file: its data and where each part of it was written (1-based)."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The file, when it was loaded without positions: where() reads them from it on demand.
    source: Path | None = field(default=None, compare=False)

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of loc, or of its nearest ancestor that exists (for missing keys)."""
        if not self.values and self.source is not None:
            self._read_positions(self.source)
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return (1, 1)

    def _read_positions(self, source: Path) -> None:
        """Positions are only needed for diagnostics: parse the file again to find them."""
        try:
            raw, _ = read_limited(source)
            text, _ = _decode(raw, self.path)
        except OSError:
            return
        located, _ = load_text(text, self.path) if text is not None else (None, [])
        if located is not None and self.data in (None, located.data):  # same file
            self.values.update(located.values)
            self.keys.update(located.keys)


class _Problem(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


try:  # libyaml is the one parser used everywhere (the pure-Python one differs on tabs).
    from yaml._yaml import CParser
except ImportError as exc:  # pragma: no cover - PyYAML wheels ship libyaml
    raise ImportError(
        "PyYAML was installed without libyaml; reinstall pyyaml from a wheel"
    ) from exc


class _Composer:
    """Builds plain data and positions from libyaml's events, refusing aliases, anchors,
    tags and depth, with a diagnostic for each problem."""

    def __init__(self, text: str, doc: Document, problems: list[Diagnostic]) -> None:
        self.parser = CParser(text)
        self.doc = doc
        self.problems = problems
        self.depth = 0

    def document(self) -> Any:
        parser = self.parser
        parser.get_event()  # StreamStart
        if parser.check_event(StreamEndEvent):
            return _EMPTY
        parser.get_event()  # DocumentStart
        data = self.node(())
        parser.get_event()  # DocumentEnd
        if not parser.check_event(StreamEndEvent):
            mark = parser.peek_event().start_mark
            raise _Problem(
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
            raise _Problem(
                line,
                col,
                f"alias *{event.anchor} is not allowed: anchors and "
                "aliases make records hard to review; write the value out in full",
            )
        if event.anchor is not None:
            raise _Problem(
                line, col, f"anchor &{event.anchor} is not allowed: write each value out in full"
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            raise _Problem(
                line, col, f"tag {tag} is not allowed: remove it; records are plain YAML"
            )
        return line, col

    def node(self, loc: Path_) -> Any:
        event = self.parser.get_event()
        where = self._check(event)
        self.doc.values[loc] = where
        if type(event) is ScalarEvent:
            return _scalar(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Problem(*where, f"nesting deeper than {MAX_DEPTH} levels: flatten it")
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
        parser, doc = self.parser, self.doc
        keys = doc.keys
        while not parser.check_event(MappingEndEvent):
            key_event = parser.get_event()
            where = self._check(key_event)
            if type(key_event) is not ScalarEvent:
                self._skip(key_event)  # the rest of the complex key
                self.node((*loc, "?"))
                doc.values.pop((*loc, "?"), None)
                self.problems.append(
                    Diagnostic(doc.path, *where, "keys must be plain names, not lists or mappings")
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
                self.problems.append(Diagnostic(doc.path, *where, problem))
                self.node((*loc, "?"))
                doc.values.pop((*loc, "?"), None)
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
            raise _Problem(
                mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels"
            )
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


_EMPTY = object()
_TAGS = frozenset({None, "!", *_STANDARD_TAGS})
_KEY = object()  # an open mapping waits for its next key
_ITEM = object()  # an open sequence


class _Unusual(Exception):
    """The fast composer met something that needs a diagnostic: compose it again slowly."""


def _fast_data(text: str) -> Any:
    """The data _Composer would build, without positions, for a file it has no problem with.

    One flat loop over libyaml's events (no call per node, no position): raises _Unusual
    at anything _Composer reports (aliases, anchors, tags, depth, duplicate or non-name
    keys, a second document), so that one reports it with its exact position.
    """
    get = CParser(text).get_event
    get()  # StreamStart
    if type(get()) is not DocumentStartEvent:
        raise _Unusual
    open_: list[Any] = []  # the collections being filled, innermost last
    pending: list[Any] = []  # for each: _ITEM, _KEY, or the key whose value comes next
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag not in _TAGS:
                raise _Unusual
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
                    raise _Unusual
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
                raise _Unusual
            open_.append({} if kind is MappingStartEvent else [])
            pending.append(_KEY if kind is MappingStartEvent else _ITEM)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            pending.pop()
            value = open_.pop()
        elif kind is DocumentEndEvent and not open_:
            break
        else:  # an alias
            raise _Unusual
        if not open_:
            data = value
        elif pending[-1] is _ITEM:
            open_[-1].append(value)
        else:
            open_[-1][pending[-1]] = value
            pending[-1] = _KEY
    if type(get()) is not StreamEndEvent:
        raise _Unusual
    return data


def _too_large(path: str, size: int | None) -> Diagnostic:
    """size None: the file grew past the limit while it was read."""
    found = f"file is {size:,} bytes" if size is not None else "file grew while it was read"
    return Diagnostic(
        path,
        1,
        1,
        f"{found}; records are limited to {MAX_BYTES:,} bytes: split the event or shorten notes",
    )


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_BYTES:
        return None, [_too_large(path, len(raw))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8"))  # columns count characters
        return None, [
            Diagnostic(
                path,
                line,
                col,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8: save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        line, col = _line_col(text[: text.index("\x00")])
        return None, [Diagnostic(path, line, col, "file contains a NUL byte: it is not text")]
    if _CONTENT.search(text) is None:  # only blank lines and comments
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    return text, []


def _line_col(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows `before`, counted as libyaml does."""
    breaks = list(_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - start + 1


def _mark(text: str, mark: Any) -> tuple[int, int]:
    """A libyaml mark, 1-based; the end of a file without a final newline stays on its line."""
    end = _line_col(text)
    return end if mark.line + 1 > end[0] else (mark.line + 1, mark.column + 1)


def _tab_problem(text: str) -> _Problem | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(_BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():  # comments too: libyaml rejects a tab before '#'
            return _Problem(
                number,
                indent.index("\t") + 1,
                "tab used for indentation: YAML indents with spaces; replace the tab with spaces",
            )
    return None


def load_text(
    text: str, path: str, *, positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document strictly; returns the document or diagnostics.

    Without positions the document's where() is (1, 1) until positions are read again
    (see Document.source); any problem makes it parse again with positions, so
    diagnostics are the same either way.
    """
    if not positions:
        data = blockyaml.read(text)
        if data is not None:
            return Document(path, data), []
    if not positions and _tab_problem(text) is None:
        try:
            return Document(path, _fast_data(text)), []
        except (_Unusual, yaml.YAMLError, ValueError, RecursionError, MemoryError):
            pass  # the composer below finds the problem and where it is
    doc = Document(path, None)
    problems: list[Diagnostic] = []
    try:
        tab = _tab_problem(text)
        if tab:
            raise tab
        data = _Composer(text, doc, problems).document()
    except _Problem as problem:
        return None, [Diagnostic(path, problem.line, problem.col, problem.message)]
    except ReaderError as exc:  # libyaml counts its position in UTF-8 bytes
        line, col = _line_col(text.encode("utf-8")[: exc.position].decode("utf-8", "replace"))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"{exc.reason} in YAML: found U+{code:04X}; delete it"
        return None, [Diagnostic(path, line, col, message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        found = yamlsyntax.explain(text, exc, _mark(text, mark) if mark else (1, 1))
        return None, [Diagnostic(path, found.line, found.col, found.message)]
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as exc:
        return None, [Diagnostic(path, 1, 1, f"YAML error: {exc}")]
    if problems:
        return None, problems
    if data is _EMPTY:
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    return Document(path, data, doc.values, doc.keys), []


def read_file(
    path: Path, shown: str, *, positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file; symlinks and unreadable files become diagnostics.

    With positions=False (fast, for large archives) the document reads its positions
    from the file again the first time a diagnostic asks for one.
    """
    raw, problems = read_bytes(path, shown)
    if raw is None:
        return None, problems
    return load_bytes(raw, path, shown, positions=positions)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of one file; symlinks and unreadable files become diagnostics."""
    if path.is_symlink():
        return None, [
            Diagnostic(
                shown, 1, 1, "symbolic links are not read: replace the link with the file itself"
            )
        ]
    try:
        raw, size = read_limited(path)
    except OSError as exc:
        return None, [Diagnostic(shown, 1, 1, f"cannot read the file: {exc.strerror}")]
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        return None, [_too_large(shown, size if size > MAX_BYTES else None)]
    return raw, []


def read_limited(path: Path) -> tuple[bytes, int]:
    """A file's bytes and its size by stat: none when the size is over MAX_BYTES, and at
    most MAX_BYTES + 1 of them, so that a file growing meanwhile is still caught (a
    3 GB sparse record once took 47 s and 3.1 GB to be refused). Raises OSError."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return (b"" if size > MAX_BYTES else handle.read(MAX_BYTES + 1)), size


def load_bytes(
    raw: bytes, path: Path, shown: str, *, positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse the bytes read from path (see read_file)."""
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    doc, problems = load_text(text, shown, positions=positions)
    if doc is not None and not positions:
        doc = Document(doc.path, doc.data, source=path)
    if doc is not None and not isinstance(doc.data, dict):
        if doc.data is None:  # '---' alone, or 'null'
            return None, [Diagnostic(shown, 1, 1, "file is empty: write a YAML mapping of fields")]
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [
            Diagnostic(
                shown,
                1,
                1,
                f"the top level is {kind}; a record is a mapping "
                "of fields such as 'id: ...' and 'title: ...'",
            )
        ]
    return doc, problems
