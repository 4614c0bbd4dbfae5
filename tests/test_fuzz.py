"""Fuzzing the loader with hypothesis: any text or bytes yields a record or located diagnostics.

Four kinds of input: arbitrary text; arbitrary bytes read from a file (decoding, BOMs,
invalid UTF-8, NUL, size); YAML-ish text stitched from the fragments that trip parsers
(indentation, tabs, quotes, anchors, aliases, tags, flow brackets, directives, odd line
breaks); and valid YAML dumped from random data, which must load back unchanged, then
mutated. Derandomized, so CI runs the same examples every time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.compose import MAX_DEPTH
from generator.errors import Diagnostic
from generator.load import Document, load_text, read_file

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as a new line


def check(result: tuple[Document | None, list[Diagnostic]], text: str, path: str) -> None:
    """A record, or diagnostics each with a message at a line and column inside the text."""
    doc, problems = result
    if doc is not None:
        assert problems == []
        return
    assert problems, "neither a record nor diagnostics"
    lines = BREAK.split(text)
    for problem in problems:
        assert problem.path == path
        assert problem.message.strip()
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem


def read_bytes(tmp_path: Path, raw: bytes) -> tuple[Document | None, list[Diagnostic]]:
    file = tmp_path / "fuzz.yaml"
    file.write_bytes(raw)
    result = read_file(file, "fuzz.yaml")
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    check(result, text, "fuzz.yaml")
    return result


# (a) arbitrary text, surrogates and control characters included.
@FUZZ
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_any_text(text: str) -> None:
    check(load_text(text, "fuzz.yaml"), text, "fuzz.yaml")


# (b) arbitrary bytes through a file, and text encoded with a BOM or a broken byte.
@FUZZ
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=100).map(lambda t: t.encode("utf-8")),
        st.text(max_size=100).map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        st.tuples(st.text(max_size=50), st.binary(min_size=1, max_size=3), st.text()).map(
            lambda p: p[0].encode("utf-8") + p[1] + p[2].encode("utf-8")
        ),
    )
)
def test_any_bytes(tmp_path: Path, raw: bytes) -> None:
    read_bytes(tmp_path, raw)


FRAGMENTS = [
    *["id", "title", "a", "b", "ключ", "日付", "<<", "true", "null", "064", "2018-07-10"],
    *[":", ": ", "- ", "-", "? ", ",", "{", "}", "[", "]", "{}", "[]"],
    *["\n", "\n", "\n", " ", "  ", "    ", "\t", "\r", "\r\n", "\x85", "\u2028", "\ufeff"],
    *['"', "'", '"x"', "'x'", '"\\u00e9"', '"\\x00"', '"\\', "''", "\\"],
    *["&a ", "*a", "&a", "*b", "!!str ", "!!map ", "!!int ", "!x ", "!<tag:x> ", "! "],
    *["---", "--- ", "...", "%YAML 1.2", "%TAG !x! tag:x,2024:", "#", " # c", "|", ">", "|-"],
    *["é", "😀", "\x00", "\x07", "\x7f", "\ud800", "\u200b", "0x1F", "1.5e3", "-.5"],
]
yamlish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map(
    "".join
)


# (c) YAML-ish text built from the fragments above, loaded as text and read as a file.
@FUZZ
@given(yamlish)
def test_yamlish_text(text: str) -> None:
    check(load_text(text, "fuzz.yaml"), text, "fuzz.yaml")


@FUZZ
@given(yamlish.filter(lambda t: "\ud800" not in t))
def test_yamlish_file(tmp_path: Path, text: str) -> None:
    read_bytes(tmp_path, text.encode("utf-8"))


@FUZZ
@given(st.sampled_from(["- ", "[", "{a: ", "a:\n", "- [", "? "]), st.integers(0, 200))
def test_deep_nesting(opener: str, depth: int) -> None:
    text = "".join(opener if opener != "a:\n" else " " * level + "a:\n" for level in range(depth))
    check(load_text(text, "fuzz.yaml"), text, "fuzz.yaml")


# (d) valid YAML dumped from random data loads back unchanged; mutated, it stays total.
# Strings avoid '.', digits and tabs, where the dumper's YAML 1.1 quoting rules and the
# loader's YAML 1.2-like scalars (or its tab check) legitimately disagree.
words = st.text(st.sampled_from("abcXYZ é日-:#'\" \n?!&*%@`|>{}[],"), max_size=12)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), words)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(words, inner, max_size=4)),
    max_leaves=20,
)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


@FUZZ
@given(data, st.sampled_from([None, True, False]), st.booleans())
def test_dumped_yaml_loads_back(value: Any, flow: bool | None, unicode: bool) -> None:
    assume(depth(value) <= MAX_DEPTH)
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode)
    doc, problems = load_text(text, "fuzz.yaml")
    assert problems == [] and doc is not None, (text, problems)
    assert doc.data == value


@FUZZ
@given(
    data,
    st.lists(st.tuples(st.integers(0, 10**4), st.integers(0, 3), st.sampled_from(FRAGMENTS))),
)
def test_mutated_yaml(value: Any, edits: list[tuple[int, int, str]]) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    for at, cut, fragment in edits:
        at %= len(text) + 1
        text = text[:at] + fragment + text[at + cut :]
    check(load_text(text, "fuzz.yaml"), text, "fuzz.yaml")
