"""Stage 1, load: bytes -> plain data with the line and column of every key and value.

Strict and total: any byte sequence yields data or located diagnostics, never an
exception. YAML 1.2-like scalars: only true/false/null and plain decimal numbers are
typed; '2018-07-10', 'NO', '064' and '12:30' stay strings. No anchors, aliases, merge
keys, tags, duplicate keys or second documents. Uses PyYAML's pure-Python parser only,
so every machine reads a file the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import BaseConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from generator.errors import Diagnostic

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_PLAIN = {"true": True, "false": False, "null": None, "~": None, "": None}
_STANDARD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """One loaded file: its data and where each part of it was written (1-based)."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of loc, or of its nearest ancestor that exists (for missing keys)."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            part = loc[:end]
            if key and part in self.keys:
                return self.keys[part]
            if part in self.values:
                return self.values[part]
            table = self.values
        return (1, 1)


class _Problem(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class _Loader(Reader, Scanner, Parser, Composer, BaseConstructor, BaseResolver):
    """PyYAML's pure-Python stages, with a composer that refuses aliases and deep nesting."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseConstructor.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise _Problem(
                mark.line + 1,
                mark.column + 1,
                f"alias *{event.anchor} is not allowed: anchors and aliases make records hard "
                "to review; write the value out in full",
            )
        if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            if event.anchor is not None:
                raise _Problem(
                    mark.line + 1,
                    mark.column + 1,
                    f"anchor &{event.anchor} is not allowed: write each value out in full",
                )
            if event.tag not in (None, "!") and event.tag not in _STANDARD_TAGS:
                raise _Problem(
                    mark.line + 1,
                    mark.column + 1,
                    f"tag {event.tag} is not allowed: remove it; records are plain YAML",
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Problem(
                mark.line + 1, mark.column + 1, f"nesting deeper than {MAX_DEPTH} levels"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # Tags are decided in _convert from the node style; keep PyYAML's resolution inert.
        return {ScalarNode: "str", SequenceNode: "seq", MappingNode: "map"}[kind]


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_BYTES:
        return None, [
            Diagnostic(path, 1, 1, f"file is {len(raw):,} bytes; records are limited to "
                       f"{MAX_BYTES:,} bytes: split the event or shorten notes")
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Diagnostic(path, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8: save "
                       "the file as UTF-8")
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Diagnostic(path, line, 1, "file contains a NUL byte: it is not text")]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    return text, []


def _tab_problem(text: str) -> _Problem | None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            return _Problem(
                number, indent.index("\t") + 1,
                "tab used for indentation: YAML indents with spaces; replace the tab with spaces",
            )
    return None


def load_text(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document strictly; returns the document or diagnostics."""
    try:
        tab = _tab_problem(text)
        if tab:
            raise tab
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Problem as problem:
        return None, [Diagnostic(path, problem.line, problem.col, problem.message)]
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "single document" in str(exc.context or ""):
            return None, [Diagnostic(path, line, col, "a record file holds one YAML document; "
                                     "remove the '---' and what follows, or move it to its own file")]
        return None, [Diagnostic(path, line, col, f"YAML error: {exc.problem}")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Diagnostic(path, line, col, f"YAML syntax error: {exc.problem or exc}"
                                 f"{'; ' + exc.context if exc.context else ''}")]
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return None, [Diagnostic(path, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    doc = Document(path, None)
    problems: list[Diagnostic] = []
    data = _convert(node, (), doc, problems)
    if problems:
        return None, problems
    return Document(path, data, doc.values, doc.keys), []


def _convert(node: Node, loc: Path_, doc: Document, problems: list[Diagnostic]) -> Any:
    mark = node.start_mark
    doc.values[loc] = (mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.style is None:
            if node.value in _PLAIN:
                return _PLAIN[node.value]
            if _INT.fullmatch(node.value):
                return int(node.value)
            if _FLOAT.fullmatch(node.value):
                return float(node.value)
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, (*loc, i), doc, problems) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        where = (kmark.line + 1, kmark.column + 1)
        if not isinstance(key_node, ScalarNode):
            problems.append(Diagnostic(doc.path, *where, "keys must be plain names, not lists "
                                       "or mappings"))
            continue
        key = key_node.value
        if key == "<<" and key_node.style is None:
            problems.append(Diagnostic(doc.path, *where, "merge keys (<<) are not allowed: write "
                                       "the fields out in full"))
            continue
        if key_node.style is None and (key in _PLAIN or _INT.fullmatch(key) or _FLOAT.fullmatch(key)):
            problems.append(Diagnostic(doc.path, *where, f"key {key!r} is not a name: keys must "
                                       "be text; quote it or rename it"))
            continue
        if key in result:
            first = doc.keys[(*loc, key)]
            problems.append(Diagnostic(doc.path, *where, f"duplicate key {key!r}: first defined at "
                                       f"line {first[0]}, column {first[1]}; keep one of them"))
            continue
        doc.keys[(*loc, key)] = where
        result[key] = _convert(value_node, (*loc, key), doc, problems)
    return result


def read_file(path: Path, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file; symlinks and unreadable files become diagnostics."""
    if path.is_symlink():
        return None, [Diagnostic(shown, 1, 1, "symbolic links are not read: replace the link "
                                 "with the file itself")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(shown, 1, 1, f"cannot read the file: {exc.strerror}")]
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    doc, problems = load_text(text, shown)
    if doc is not None and not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Diagnostic(shown, 1, 1, f"the top level is {kind}; a record is a mapping "
                                 "of fields such as 'id: ...' and 'title: ...'")]
    return doc, problems
