"""The loader: YAML 1.2-like scalars, 1-based positions, strictness, and totality.

Totality is checked property-style: for random bytes, truncated records, deep nesting,
alias bombs and oversized files, read_file returns a Document or located diagnostics
and never raises.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from generator.compose import MAX_DEPTH
from generator.errors import Diagnostic
from generator.load import Document, load_text, read_file
from generator.reading import MAX_BYTES

SEED_RECORD = (
    Path(__file__).parent.parent
    / "seeds"
    / "events"
    / "2018"
    / "2018-07-10-islamabad-intel-chiefs-meeting.yaml"
)


def load(text: str) -> Document:
    doc, problems = load_text(text, "t.yaml")
    assert problems == []
    assert doc is not None
    return doc


def problems_of(text: str) -> list[str]:
    doc, problems = load_text(text, "t.yaml")
    assert doc is None
    return [str(p) for p in problems]


# ---- scalars ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("42", 42),
        ("-3", -3),
        ("+7", 7),
        ("33.6844", 33.6844),
        ("-0.5", -0.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1.5e3", 1500.0),
        # YAML 1.1 would turn these into booleans, octal, sexagesimal, dates or floats.
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("True", "True"),
        ("FALSE", "FALSE"),
        ("Null", "Null"),
        ("064", "064"),
        ("0o14", "0o14"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        ("12:30", "12:30"),
        ("190:20:30", "190:20:30"),
        ("2018-07-10", "2018-07-10"),
        ("2018-07-10T12:00:00Z", "2018-07-10T12:00:00Z"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("=", "="),
        # Quoted or explicitly tagged scalars are always text.
        ("'42'", "42"),
        ('"true"', "true"),
        ("'null'", "null"),
        ('"33.6844"', "33.6844"),
        ("'2018'", "2018"),
        ("''", ""),
        ("!!str 3", "3"),
        ('"tab\\there"', "tab\there"),
    ],
)
def test_scalars(written: str, value: object) -> None:
    data = load(f"v: {written}\n").data
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


def test_block_scalars_stay_text() -> None:
    data = load("a: |\n  064\n  NO\nb: >-\n  12:30\n  true\n").data
    assert data == {"a": "064\nNO\n", "b": "12:30 true"}


# ---- positions -------------------------------------------------------------------------

SAMPLE = """\
# comment
id: "2018-07-10-x"
location:
  name: Islamabad
  lat: 33.6844
actors:
  ru_svr:
    aliases: [SVR, 'Foreign Intelligence']
claims:
  - id: met
    statements:
      - stance: asserts
"""


def test_value_positions_are_one_based() -> None:
    doc = load(SAMPLE)
    assert doc.values[()] == (2, 1)
    assert doc.values[("id",)] == (2, 5)
    assert doc.values[("location",)] == (4, 3)
    assert doc.values[("location", "name")] == (4, 9)
    assert doc.values[("location", "lat")] == (5, 8)
    assert doc.values[("actors", "ru_svr", "aliases")] == (8, 14)
    assert doc.values[("actors", "ru_svr", "aliases", 0)] == (8, 15)
    assert doc.values[("actors", "ru_svr", "aliases", 1)] == (8, 20)
    assert doc.values[("claims", 0)] == (10, 5)
    assert doc.values[("claims", 0, "statements", 0, "stance")] == (12, 17)


def test_key_positions_are_one_based() -> None:
    doc = load(SAMPLE)
    assert doc.keys[("id",)] == (2, 1)
    assert doc.keys[("location",)] == (3, 1)
    assert doc.keys[("location", "lat")] == (5, 3)
    assert doc.keys[("actors", "ru_svr")] == (7, 3)
    assert doc.keys[("claims", 0, "id")] == (10, 5)
    assert doc.keys[("claims", 0, "statements", 0, "stance")] == (12, 9)
    assert ("claims", 0) not in doc.keys  # list items have no key


def test_columns_count_characters_not_bytes() -> None:
    doc = load("a: {éé: 1, b: 2}\nc: [ü, 😀, x]\n")
    assert doc.keys[("a", "éé")] == (1, 5)
    assert doc.values[("a", "éé")] == (1, 9)
    assert doc.keys[("a", "b")] == (1, 12)
    assert doc.values[("c", 2)] == (2, 11)


def test_where_falls_back_to_the_nearest_written_ancestor() -> None:
    doc = load(SAMPLE)
    assert doc.where(("location", "lat")) == (5, 8)
    assert doc.where(("location", "lat"), key=True) == (5, 3)
    assert doc.where(("location", "precision")) == (4, 3)  # missing: its mapping
    assert doc.where(("location", "precision"), key=True) == (4, 3)
    assert doc.where(("claims", 0, "statements", 3, "form")) == (12, 7)  # the list
    assert doc.where(("nowhere", "at", "all")) == (2, 1)
    assert Document("t.yaml", None).where(("x",)) == (1, 1)


def test_bom_is_ignored_and_crlf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    doc, problems = read_file(path, "r.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": 1, "b": "two"}
    assert doc.values[("b",)] == (2, 4)


# ---- strictness ------------------------------------------------------------------------


def test_every_duplicate_key_is_reported_with_the_first_position() -> None:
    assert problems_of("a: 1\nb: 2\na: 3\nm:\n  x: 1\n  x: 2\n") == [
        "t.yaml:3:1: duplicate key 'a': first defined at line 1, column 1; keep one of them",
        "t.yaml:6:3: duplicate key 'x': first defined at line 5, column 3; keep one of them",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\n", "t.yaml:1:4: anchor &x is not allowed: write each value out in full"),
        ("a: [1, *x]\n", "t.yaml:1:8: alias *x is not allowed"),
        ("a:\n  <<: {b: 1}\n", "t.yaml:2:3: merge keys (<<) are not allowed"),
        ("a: !python/object 1\n", "t.yaml:1:4: tag !python/object is not allowed"),
        ("a: !!binary aGk=\n", "t.yaml:1:4: tag tag:yaml.org,2002:binary is not allowed"),
        ("a: !!int '3'\n", "t.yaml:1:4: tag tag:yaml.org,2002:int is not allowed"),
        ("a: 1\n---\nb: 2\n", "t.yaml:2:1: a record file holds one YAML document"),
        ("1: a\n", "t.yaml:1:1: key '1' is not a name"),
        ("null: a\n", "t.yaml:1:1: key 'null' is not a name"),
        ("true: a\n", "t.yaml:1:1: key 'true' is not a name"),
        ("? [a, b]\n: c\n", "t.yaml:1:3: keys must be plain names, not lists or mappings"),
        ("a:\n\tb: 1\n", "t.yaml:2:1: tab used for indentation"),
        ("a:\n  \tb: 1\n", "t.yaml:2:3: tab used for indentation"),
        ("a: [1, 2\nb: 3\n", "t.yaml:1:4: the list opened with '[' here is not closed"),
        ("a: 'open\n", "t.yaml:1:4: the quote ' opened here is not closed on this line"),
        ("a: b: c\n", "t.yaml:1:4: the value of 'a' holds ': ', which YAML reads as another"),
        ("a: x\x07y\n", "t.yaml:1:5: control characters are not allowed in YAML: found U+0007"),
    ],
)
def test_forbidden_yaml(text: str, expected: str) -> None:
    [problem] = problems_of(text)
    assert problem.startswith(expected)


def test_syntax_errors_point_back_to_the_opening_bracket() -> None:
    [problem] = problems_of("a: ok\nb: [1, 2\nc: 3\n")
    assert problem.startswith("t.yaml:2:4: the list opened with '[' here is not closed: end it")


def test_quoted_keys_that_look_like_numbers_are_names() -> None:
    assert load("'1': a\n\"true\": b\n").data == {"1": "a", "true": "b"}


def test_tabs_outside_indentation_are_fine() -> None:
    assert load("a: x\ty  # \tcomment\nb:\t1\n").data == {"a": "x\ty", "b": 1}


@pytest.mark.parametrize("text", ["a: 1\n\t# comment\n", "\t# comment\na: 1\n", "a:\n \t- 1\n"])
def test_tab_indented_lines_are_named_as_such(text: str) -> None:
    [problem] = problems_of(text)
    assert ": tab used for indentation: YAML indents with spaces; replace the tab" in problem


def test_nesting_limit() -> None:
    """The record's own mapping is the first level."""
    depth = MAX_DEPTH - 1
    assert load("a: " + "[" * depth + "]" * depth + "\n").data is not None
    [problem] = problems_of("a: " + "[" * (depth + 1) + "]" * (depth + 1) + "\n")
    assert problem == f"t.yaml:1:{4 + depth}: nesting deeper than {MAX_DEPTH} levels: flatten it"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "r.yaml:1:1: file is empty: write a YAML mapping of fields"),
        (b"  \n\n\t\n", "r.yaml:1:1: file is empty"),
        (b"# only a comment\n", "r.yaml:1:1: file is empty"),
        (b"  # a comment\r# and another\r\n", "r.yaml:1:1: file is empty"),
        (b"# a comment\rjust text\n", "r.yaml:1:1: the top level is a single value"),
        (b"---\n...\n", "r.yaml:1:1: file is empty"),
        (b"---\n", "r.yaml:1:1: file is empty"),
        (b"null\n", "r.yaml:1:1: file is empty"),
        (b"- a\n- b\n", "r.yaml:1:1: the top level is a list; a record is a mapping"),
        (b"just text\n", "r.yaml:1:1: the top level is a single value"),
        (b"a: 1\nb: caf\xe9\n", "r.yaml:2:7: byte 0xe9 is not valid UTF-8: save the file as UTF-8"),
        ("a: é\nb: ü\xff".encode("latin-1"), "r.yaml:1:4: byte 0xe9 is not valid UTF-8"),
        ("b: ü".encode() + b"\xff\n", "r.yaml:1:5: byte 0xff is not valid UTF-8"),
        (b"a: 1\nb: x\x00y\n", "r.yaml:2:5: file contains a NUL byte: it is not text"),
    ],
)
def test_files_that_are_not_records(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(raw)
    doc, problems = read_file(path, "r.yaml")
    assert doc is None
    [problem] = problems
    assert str(problem).startswith(expected)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    doc, problems = read_file(path, "big.yaml")
    assert problems == []
    assert doc is not None
    assert len(doc.data["a"]) == MAX_BYTES - 4
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 3) + b"\n")
    doc, problems = read_file(path, "big.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "big.yaml:1:1: file is 1,000,001 bytes; records are limited to 1,000,000 bytes: "
        "split the event or shorten notes"
    ]


def test_symlinks_are_not_read(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    doc, problems = read_file(link, "link.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "link.yaml:1:1: symbolic links are not read: replace the link with the file itself"
    ]


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    doc, problems = read_file(tmp_path / "missing.yaml", "missing.yaml")
    assert doc is None
    [problem] = problems
    assert str(problem).startswith("missing.yaml:1:1: cannot read the file: ")


def test_the_seed_record_loads_as_plain_data() -> None:
    doc, problems = read_file(SEED_RECORD, "seed.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data["id"] == "2018-07-10-islamabad-intel-chiefs-meeting"
    assert doc.data["date"] == "2018-07-10"  # not a datetime.date
    assert doc.data["actions"][0]["cameo"] == "042"
    assert doc.keys[("schema",)] == (2, 1)
    _assert_plain(doc.data)


# ---- totality --------------------------------------------------------------------------


def _assert_plain(value: Any, depth: int = 0) -> None:
    """Only JSON-like data comes out of the loader: no dates, bytes or custom objects."""
    assert depth <= MAX_DEPTH + 1
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            _assert_plain(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _assert_plain(item, depth + 1)
    else:
        assert value is None or isinstance(value, bool | int | float | str), type(value)


def _max_line(raw: bytes) -> int:
    """An upper bound on the number of lines, whatever the line breaks."""
    return 1 + sum(
        raw.count(b) for b in (b"\n", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
    )


def _nasty_inputs() -> list[tuple[str, bytes]]:
    rng = random.Random(20180710)
    seed = SEED_RECORD.read_bytes()
    yaml_alphabet = b"ab:- \n\t[]{},&*!|>'\"#%@`?~.0123456789\\\xc3\xa9\r"
    cases: list[tuple[str, bytes]] = []
    cases += [(f"random-bytes-{i}", rng.randbytes(rng.randrange(0, 400))) for i in range(150)]
    cases += [
        (f"random-yaml-{i}", bytes(rng.choice(yaml_alphabet) for _ in range(rng.randrange(400))))
        for i in range(250)
    ]
    cases += [(f"truncated-{n}", seed[:n]) for n in range(0, len(seed), 97)]
    cases += [
        ("deep-flow-sequence", b"a: " + b"[" * 50_000 + b"]" * 50_000),
        ("deep-flow-mapping", b"a: " + b"{b: " * 5_000 + b"}" * 5_000),
        ("unclosed-flow", b"a: " + b"[" * 50_000),
        ("deep-block", "".join(f"{' ' * i}k{i}:\n" for i in range(200)).encode()),
        ("deep-block-list", b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(200))),
        ("alias-self", b"a: &a [*a]\n"),
        (
            "billion-laughs",
            b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + b"".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
                for i in range(9)
            ),
        ),
        ("huge", b"a: '" + b"x" * (MAX_BYTES + 10) + b"'\n"),
        ("huge-lines", b"k: v\n" * (MAX_BYTES // 4)),
        ("many-keys-under-the-cap", b"".join(b"k%d: v\n" % i for i in range(30_000))),
        ("long-key", b"k" * 200_000 + b": 1\n"),
        ("only-bom", b"\xef\xbb\xbf"),
        ("bom-twice", b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n"),
        ("directive", b"%YAML 1.1\n%TAG ! tag:example.com,2000:\n--- !foo\na: 1\n"),
        ("bad-directive", b"%YAML 9.9\n---\na: 1\n"),
        ("document-end-only", b"..."),
        ("lone-cr", b"a: 1\rb: 2\r"),
        ("utf16", "a: 1\n".encode("utf-16")),
        ("surrogate-escape", b'a: "\\ud800"\n'),
        ("nel-and-ls", "a: x\u0085b: y\u2028c\n".encode()),
        ("bidi-key", "\u202ea: 1\n".encode()),
        ("complex-key-nested", b"? {a: [1, {b: 2}]}\n: v\n"),
        ("empty-flow-key", b"{: a}\n"),
        ("many-documents", b"---\na: 1\n" * 1000),
    ]
    return cases


NASTY = _nasty_inputs()


def test_no_input_raises(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    outcomes = {"document": 0, "diagnostics": 0}
    for name, raw in NASTY:
        path.write_bytes(raw)
        doc, problems = read_file(path, "x.yaml")
        assert (doc is None) == bool(problems), name
        if doc is not None:
            outcomes["document"] += 1
            assert isinstance(doc.data, dict), name
            _assert_plain(doc.data)
            assert all(line >= 1 and col >= 1 for line, col in doc.values.values()), name
            continue
        outcomes["diagnostics"] += 1
        for problem in problems:
            assert isinstance(problem, Diagnostic), name
            assert problem.path == "x.yaml", name
            assert problem.line >= 1 and problem.col >= 1, (name, problem)
            assert problem.line <= _max_line(raw), (name, problem)
            assert problem.message and "\n" not in problem.message, (name, problem)
    # The inputs exercise both outcomes, so the loop above checked something on each side.
    assert outcomes["document"] >= 20
    assert outcomes["diagnostics"] >= 300


@pytest.mark.parametrize("name", ["alias-self", "billion-laughs"])
def test_alias_bombs_are_refused_at_the_first_anchor(tmp_path: Path, name: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(dict(NASTY)[name])
    doc, problems = read_file(path, "x.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "x.yaml:1:4: anchor &a is not allowed: write each value out in full"
    ]


@pytest.mark.parametrize("name", ["deep-flow-sequence", "deep-flow-mapping", "unclosed-flow"])
def test_deep_nesting_is_refused(tmp_path: Path, name: str) -> None:
    """libyaml's own limit (1000 flow levels) may trip first, as its scanner reads ahead."""
    path = tmp_path / "x.yaml"
    path.write_bytes(dict(NASTY)[name])
    doc, problems = read_file(path, "x.yaml")
    assert doc is None
    [problem] = problems
    assert problem.line == 1
    assert "nesting" in problem.message


def test_deep_block_nesting_is_refused_at_our_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(dict(NASTY)["deep-block"])
    doc, problems = read_file(path, "x.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        f"x.yaml:{MAX_DEPTH + 1}:{MAX_DEPTH + 1}: "
        f"nesting deeper than {MAX_DEPTH} levels: flatten it"
    ]
