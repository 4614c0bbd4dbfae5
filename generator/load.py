"""Stage 1, load: bytes -> plain data with the line and column of every key and value.

Strict and total: any byte sequence yields data or located diagnostics, never an
exception. YAML 1.2-like scalars: only true/false/null and plain decimal numbers are
typed; '2018-07-10', 'NO', '064' and '12:30' stay strings. No anchors, aliases, merge
keys, tags, duplicate keys or second documents. Uses libyaml (PyYAML's C parser) only,
so every machine reads a file the same way; without positions, blockyaml reads the plain
block style most records are written in first (the same data, or it leaves the file here).
reading.py reads and decodes the bytes, compose.py builds the data from libyaml's events,
and a syntax error is explained in the project's words by yamlsyntax.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.reader import ReaderError

from generator import blockyaml, yamlsyntax
from generator.compose import EMPTY, Composer, Path_, Problem, Unusual, fast_data
from generator.errors import Diagnostic
from generator.reading import BREAK, decode, line_col, read_bytes, read_limited


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
            text, _ = decode(raw, self.path)
        except OSError:
            return
        located, _ = load_text(text, self.path) if text is not None else (None, [])
        if located is not None and self.data in (None, located.data):  # same file
            self.values.update(located.values)
            self.keys.update(located.keys)


def _mark(text: str, mark: Any) -> tuple[int, int]:
    """A libyaml mark, 1-based; the end of a file without a final newline stays on its line."""
    end = line_col(text)
    return end if mark.line + 1 > end[0] else (mark.line + 1, mark.column + 1)


def _tab_problem(text: str) -> Problem | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():  # comments too: libyaml rejects a tab before '#'
            return Problem(
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
            return Document(path, fast_data(text)), []
        except (Unusual, yaml.YAMLError, ValueError, RecursionError, MemoryError):
            pass  # the composer below finds the problem and where it is
    problems: list[Diagnostic] = []
    try:
        tab = _tab_problem(text)
        if tab:
            raise tab
        composer = Composer(text, path, problems)
        data = composer.document()
    except Problem as problem:
        return None, [Diagnostic(path, problem.line, problem.col, problem.message)]
    except ReaderError as exc:  # libyaml counts its position in UTF-8 bytes
        line, col = line_col(text.encode("utf-8")[: exc.position].decode("utf-8", "replace"))
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
    if data is EMPTY:
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    return Document(path, data, composer.values, composer.keys), []


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


def load_bytes(
    raw: bytes, path: Path, shown: str, *, positions: bool = True
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse the bytes read from path (see read_file)."""
    text, problems = decode(raw, shown)
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
