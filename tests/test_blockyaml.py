"""The line reader (generator/blockyaml.py) against libyaml, the parser it stands in for.

For any text it either gives up (None) or returns exactly the data the located composer
builds from that text, which must then have no problem at all: checked on every case of
the YAML test suite, on hand-picked corners, on every record of the example archive and of
the synthetic generator (which it must read itself, or the fast path is lost), and on
thousands of records mutated the way hand edits break them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_yaml_suite import suite_cases

from generator import blockyaml
from generator.load import load_text

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

RECORDS = sorted((PROJECT / "seeds" / "events").rglob("*.yaml"))
FUZZ = settings(
    max_examples=1500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def agrees(text: str) -> bool:
    """True when the line reader read text, False when it gave up; fails if it read wrongly."""
    got = blockyaml.read(text)
    if got is None:
        return False
    doc, problems = load_text(text, "x.yaml")
    assert problems == [], f"read a text libyaml rejects: {text!r}: {problems}"
    assert doc is not None and doc.data == got, f"{text!r}: {got!r} != {doc and doc.data!r}"
    return True


def test_every_suite_case_is_read_as_libyaml_reads_it_or_left_to_it() -> None:
    read = [name for name, case in suite_cases() if agrees(case["yaml"])]
    print(f"line reader: {len(read)} suite cases read, the rest left to libyaml")
    assert len(read) >= 25  # the suite's plain block mappings and lists


CORNERS = {
    "literal, clip": ("a: |\n  x\n   y \n\n  z\n\n\nb: 1\n", {"a": "x\n y \n\nz\n", "b": 1}),
    "literal, strip": ("a: |-\n  x\n\n", {"a": "x"}),
    "literal, keep": ("a: |+\n  x\n\n\nb: 1\n", {"a": "x\n\n\n", "b": 1}),
    "folded": ("a: >\n  x\n  y\n\n  z\n", {"a": "x y\nz\n"}),
    "folded, strip, comment": ("a: >- # why\n  x\n  # not a comment\n", {"a": "x # not a comment"}),
    "folded in a list": ("- >-\n  x\n  y\n- z\n", ["x y", "z"]),
    "list as indented as its key": ("a:\n- 1\n- b: 2\n  c: [x, 'y', \"z\"]\nd: ~\n", None),
    "nested lists": ("a:\n  -\n    - 1\n  -\n    - 2\n", {"a": [[1], [2]]}),
    "compact mappings": ("- a: 1\n  b:\n    - c\n-   d: e\n", [{"a": 1, "b": ["c"]}, {"d": "e"}]),
    "comments and blank lines": ("# head\n\na: 1 # one\n  # deeper\nb: 'it''s'  # two\n", None),
    "plain scalars": ("a: -5\nb: 1.5e3\nc: 064\nd: yes\ne: :x\nf: x:y\ng: a, [b]\n", None),
    "typed and not": ("a: true\nb: True\nc: null\nd: ''\ne: \"1\"\nf: -.5\ng: +1\n", None),
    "leading document marker": ("---\na: 1\n", {"a": 1}),
    "no final line break": ("a: 1\nb: x", {"a": 1, "b": "x"}),
    "empty values": ("a:\nb: # nothing\nc:\n  d:\n", {"a": None, "b": None, "c": {"d": None}}),
    "unicode": ("a: 日付 — é\n", {"a": "日付 — é"}),
    "spaces after values": ('a: x   \nb:   "y"  \n', {"a": "x", "b": "y"}),
}


@pytest.mark.parametrize("name", CORNERS)
def test_corners(name: str) -> None:
    text, expected = CORNERS[name]
    assert agrees(text), "gave up on text in the subset"
    if expected is not None:
        assert blockyaml.read(text) == expected


GIVES_UP = {
    "anchor": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "duplicate key": "a: 1\na: 2\n",
    "plain scalar over two lines": "a: x\n  y\n",
    "tab": "a:\t1\n",
    "second document": "a: 1\n---\nb: 2\n",
    "flow mapping": "a: {b: 1}\n",
    "escapes": 'a: "x\\ty"\n',
    "windows line breaks": "a: 1\r\nb: 2\r\n",
    "key that is not a name": "1: a\n",
    "merge key": "<<: {a: 1}\n",
    "key that is not ASCII": "ключ: 1\n",
    "block scalar at the end without a break": "a: |\n  x",
    "list on a dash's line": "- - 1\n",
    "wrong indentation": "a:\n    b: 1\n  c: 2\n",
    "mapping value on a list item line": "a: b: c\n",
}


@pytest.mark.parametrize("name", GIVES_UP)
def test_leaves_everything_else_to_libyaml(name: str) -> None:
    assert blockyaml.read(GIVES_UP[name]) is None


def test_reads_every_record_of_the_example_archive_and_the_generator() -> None:
    texts = [path.read_text("utf-8") for path in RECORDS]
    texts += [synth.to_yaml(synth.record(i)[1]) for i in range(200)]
    unread = [text[:80] for text in texts if not agrees(text)]
    assert RECORDS and not unread


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    lines = text.split("\n")
    for at, kind, fragment in edits:
        line = at % len(lines)
        if kind == 0:  # indent one line differently
            lines[line] = fragment.replace("\n", "") + lines[line].lstrip(" ")
        elif kind == 1:
            del lines[line]
        elif kind == 2:
            lines.insert(line, lines[at % len(lines)])
        else:  # an edit inside the line
            column = at % (len(lines[line]) + 1)
            lines[line] = lines[line][:column] + fragment + lines[line][column + kind - 3 :]
        if not lines:
            lines = [""]
    return "\n".join(lines)


EDITS = st.lists(
    st.tuples(
        st.integers(0, 10**4),
        st.integers(0, 6),
        st.sampled_from(
            [
                *["", " ", "  ", "    ", "- ", "-", ":", ": ", "#", " #", "|", "|-", ">", ">+"],
                *['"', "'", "''", "[", "]", ",", "{", "---", "...", "\n", "\n\n", "~", "1", "x"],
            ]
        ),
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(st.sampled_from(RECORDS), EDITS)
def test_records_edited_by_hand(record: Path, edits: list[tuple[int, int, str]]) -> None:
    agrees(_mutate(record.read_text("utf-8"), edits))


def _dumped(value: Any) -> str:
    return synth.to_yaml(value) if isinstance(value, dict) else ""


@FUZZ
@given(st.integers(0, 10**6), EDITS)
def test_synthetic_records_edited_by_hand(seed: int, edits: list[tuple[int, int, str]]) -> None:
    agrees(_mutate(_dumped(synth.record(seed % 500, seed)[1]), edits))


def test_the_benchmark_behind_the_docstring_runs_and_checks_the_loaders_own_paths() -> None:
    """The figures that keep this module come from benchmarks/yaml_parsers.py: it runs, and
    the loader's three ways to read a text give the loader's results on every text."""
    script = PROJECT / "benchmarks" / "yaml_parsers.py"
    assert script.relative_to(PROJECT).as_posix() in (blockyaml.__doc__ or "")
    done = subprocess.run(
        [sys.executable, str(script), "--synthetic", "20", "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split("  ")[0]: line.split() for line in done.stdout.splitlines()}
    for name in (
        "blockyaml (the line reader)",
        "libyaml events -> data (compose.fast_data)",
        "libyaml events -> data (compose.Composer)",
    ):
        same = next(cell for cell in rows[name] if "/" in cell and cell[0].isdigit())
        agree, total = same.split("/")
        assert agree == total and int(total) > 20, (name, same)
    assert "blockyaml against the fastest parser with the same results" in done.stdout
