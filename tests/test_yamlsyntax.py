"""YAML syntax errors in the project's words: the line of the mistake and the fix.

libyaml reports where it gave up (often the line after the mistake) in its own terms;
each case here is a usual mistake in a hand-written record and the exact diagnostic.
The golden cases tests/cases/diagnostics/yaml-* show the same on whole records.
"""

from __future__ import annotations

import pytest

from generator.load import load_text

CASES = [
    # A key without its ':' runs on into the next line; the mistake is on the first.
    (
        "schema: 1\ntitle Foo bar\nsummary: y\n",
        "2:1: 'title Foo bar' has no ':' after the key; write 'title: Foo bar'",
    ),
    (
        "location:\n  name Islamabad\n  country: PK\n",
        "2:3: 'name Islamabad' has no ':' after the key; write 'name: Islamabad'",
    ),
    (
        "claims:\n  - id: a\n    type occurrence\n    text: b\n",
        "3:5: 'type occurrence' has no ':' after the key; write 'type: occurrence'",
    ),
    (
        "location\n  name: Islamabad\n",
        "1:1: 'location' has no ':' after the key; write 'location:'",
    ),
    ("a:1\nb: 2\n", "1:1: 'a:1' needs a space after the ':'; write 'a: 1'"),
    (
        "title: Foo: bar\n",
        "1:8: the value of 'title' holds ': ', which YAML reads as another key: put the value "
        'in quotes: title: "Foo: bar"',
    ),
    # Indentation that matches no level.
    (
        "location:\n  name: X\n country: PK\nb: 1\n",
        "3:2: 'country: PK' is indented 1 space, which matches no key above it: indent it "
        "2 spaces to stand beside 'name' (line 2) or 0 spaces to stand beside 'location' "
        "(line 1)",
    ),
    (
        "location:\n  name: X\n   country: PK\n",
        "3:4: 'country' is indented 3 spaces, more than 'name' on line 2 (2 spaces), whose "
        "value is given on its line: indent it 2 spaces like the keys beside it",
    ),
    (
        "summary: This is\n  a long text\n  name: x\n",
        "3:3: 'name' is indented 2 spaces, more than 'summary' on line 1 (0 spaces), whose "
        "value is given on its line: indent it 0 spaces like the keys beside it",
    ),
    (
        "  a: 1\nb: 2\n",
        "2:1: 'b: 2' is indented less than the first key of the file: start every top-level "
        "key at the beginning of its line",
    ),
    # Quotes and brackets never closed: reported where they open.
    (
        'a: 1\ntitle: "Foo bar\nsummary: x\n',
        '2:8: the quote " opened here is not closed on this line: end the value with " '
        '(write \\" for a " inside it)',
    ),
    (
        "title: 'Foo\nsummary: it's\nc: 1\n",
        "1:8: the quote ' opened here is not closed on this line: end the value with ' "
        "(write '' for a ' inside it)",
    ),
    (
        "a: [1, 2\nb: 3\n",
        "1:4: the list opened with '[' here is not closed: end it with ']' on the same line, "
        "and separate its entries with ', '",
    ),
    (
        'a: "foo" bar\n',
        "1:10: unexpected 'bar' after the value: put the whole value in one pair of quotes, "
        "or remove what follows it",
    ),
    # A '-' at the wrong level.
    (
        "tags:\n  - a\n- b\nc: 1\n",
        "3:1: the list item '- b' is outside its list: indent it 2 spaces like the item on line 2",
    ),
    (
        "actors:\n  x:\n    name: A\n  - y\n",
        "4:3: the list item '- y' stands where the mapping that starts at line 2 expects a "
        "key: remove the '-', or put the list under a key ('key:' and then '  - item' on the "
        "lines below)",
    ),
    (
        "a:\n  - x\n  b: 1\n",
        "3:3: 'b: 1' stands in the list that starts at line 2, whose entries begin with '- ': "
        "add the '-', or indent the line as the key it belongs to",
    ),
    (
        "a: - b\n",
        "1:4: a list item ('- ') cannot follow a key on its line: write the key alone with its "
        "':' and each item on a line of its own below it, indented",
    ),
    # Tabs, and characters YAML reserves.
    (
        "a:\n\tb: 1\n",
        "2:1: tab used for indentation: YAML indents with spaces; replace the tab with spaces",
    ),
    (
        "a: @foo\n",
        "1:4: a value cannot start with '@', which YAML reserves: put the value in quotes",
    ),
    (
        "summary: >x\n  text\n",
        "1:10: '>' starts a block of text on the lines below it: only '-' or '+' may follow it "
        "on its line; put the text on the next lines, indented, or put a value that starts "
        "with '>' in quotes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_syntax_error_in_own_words(text: str, expected: str) -> None:
    doc, problems = load_text(text, "t.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [f"t.yaml:{expected}"]
