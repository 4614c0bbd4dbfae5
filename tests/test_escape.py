"""escape.md makes record text inert: every hostile payload renders, through Python-Markdown
with the site's own extensions, as exactly its text and nothing else.

Each payload is placed where templates put values: at the start of a line, inside a
paragraph and in a table cell. The rendered fragment must be the payload's text (whitespace
folded) with no element of its own: no raw HTML, no link, no emphasis, no block.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.escape import md
from generator.templating import front_matter

ROOT = Path(__file__).resolve().parent.parent

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    "<!-- comment --> <div markdown>*x*</div>",
    "[x](javascript:alert(1))",
    "[y](JaVaScRiPt:alert(1))",
    "[z]( jAvAsCrIpT:alert(1) )",
    "![i](https://evil.example/x.png)",
    "<https://evil.example>",
    "<foo@evil.example>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "[x]: https://evil.example",
    '{: onclick="x"}',
    'Heading {: #id .cls onclick="alert(1)" }',
    "# heading",
    "## second",
    "1. list",
    "2018. A year",
    "3) list",
    "- item",
    "+ item",
    "* item",
    "> quote",
    "    code",
    "\tcode",
    "```\ncode\n```",
    "~~~",
    "---",
    "===",
    "***",
    '!!! danger "Owned"',
    "[TOC]",
    "a | b | c",
    "| a | b |",
    "*emph*",
    "**strong**",
    "_x_",
    "__y__",
    "`code`",
    "``co`de``",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "\\*not escaped\\*",
    "trailing backslash\\",
    ") <img src=x onerror=alert(1)> (",
    "x](javascript:alert(1)) [y",
    "line one\n\n# line two\n\n    line three\n1. four",
]

# Markup a payload must never create (the contexts below create none of these).
FORBIDDEN = [
    "<script",
    "onerror=",
    "onload=",
    "onclick=",
    "<img",
    "<iframe",
    "<svg",
    'href="javascript',
    "<a ",
    "<em>",
    "<strong>",
    "<code>",
    "<pre",
    "<h1",
    "<h2",
    "<h3",
    "<ol",
    "<ul",
    "<li",
    "<blockquote",
    "<hr",
    "<div",
]


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml even if it grows !!python/name tags (they do not name extensions)."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _site_extensions() -> tuple[list[str], dict[str, Any]]:
    """The markdown_extensions of the project's mkdocs.yml, so the test follows the site."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config.get("markdown_extensions", []):
        if isinstance(item, str):
            names.append(item)
        else:
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
    return names, configs


SITE_EXTENSIONS = _site_extensions()


def test_site_uses_the_extensions_this_test_assumes() -> None:
    names, _ = SITE_EXTENSIONS
    assert {"tables", "admonition", "toc"} <= set(names)


# attr_list is added in a second pass: a site owner enabling it must not make records unsafe.
@pytest.fixture(params=["site", "site+attr_list"])
def to_html(request: pytest.FixtureRequest) -> Any:
    names, configs = SITE_EXTENSIONS
    if request.param == "site+attr_list":
        names = [*names, "attr_list"]

    def convert(text: str) -> str:
        return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)

    return convert


def _fold(text: str) -> str:
    return " ".join(text.split())


def _text(fragment: str) -> str:
    return _fold(html.unescape(re.sub(r"<[^>]*>", "", fragment)))


def _assert_inert(output: str, fragment: str, payload: str) -> None:
    # Checked in the markup only: the payload's words ("onerror=") remain as visible text.
    markup = " ".join(re.findall(r"<[^>]*>", output)).lower()
    for needle in FORBIDDEN:
        assert needle not in markup, f"{needle!r} in {output!r}"
    assert "<" not in fragment, f"the payload made markup: {fragment!r}"
    assert _text(fragment) == _fold(payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_at_start_of_line_is_one_plain_paragraph(payload: str, to_html: Any) -> None:
    output = to_html(f"{md(payload)}\n")
    paragraphs = re.fullmatch(r"<p>(.*)</p>", output, re.DOTALL)
    assert paragraphs is not None, output
    assert output.count("<p>") == 1, output
    _assert_inert(output, paragraphs.group(1), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_inside_paragraph_stays_inside(payload: str, to_html: Any) -> None:
    output = to_html(f"Before {md(payload)} after.\n")
    match = re.fullmatch(r"<p>Before (.*) after\.</p>", output, re.DOTALL)
    assert match is not None, output
    _assert_inert(output, match.group(1), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_table_cell_stays_in_its_cell(payload: str, to_html: Any) -> None:
    output = to_html(f"| Key | Value | End |\n|---|---|---|\n| k | {md(payload)} | z |\n")
    cells = re.findall(r"<td>(.*?)</td>", output, re.DOTALL)
    assert len(cells) == 3, output
    assert cells[0] == "k" and cells[2] == "z", output
    _assert_inert(output, cells[1], payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_as_heading_text_stays_in_the_heading(payload: str, to_html: Any) -> None:
    output = to_html(f"## {md(payload)}\n\nBody.\n")
    # toc (permalink: true) adds the one link allowed here: a headerlink to the heading itself.
    permalink = r'<a class="headerlink" href="#[a-z0-9_-]*" title="[^"<]*">[^<]*</a>'
    match = re.fullmatch(
        rf'<h2 id="[a-z0-9_-]*">(.*?)(?:{permalink})?</h2>\s*<p>Body\.</p>', output
    )
    assert match is not None, output
    _assert_inert(match.group(1), match.group(1), payload)


def test_markup_from_templates_passes_through_unchanged() -> None:
    trusted = md("<b>")
    assert md(trusted) is trusted
    assert str(md(1986)) == "1986"


def test_a_year_with_a_dot_does_not_start_an_ordered_list() -> None:
    assert str(md("1986. Events")) == "1986&#46; Events"


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "Line one\n---\nevil: true",
        'Quote " and backslash \\ and colon: x # comment',
        "{{ config.site_name }} {% raw %}",
    ],
)
def test_front_matter_title_cannot_break_out(title: str) -> None:
    text = str(front_matter(title=title, description=None))
    lines = text.split("\n")
    assert lines[0] == "---" and lines[-1] == "---"
    assert len(lines) == 3, text  # one key, one line: a value cannot add keys or end the block
    data = yaml.safe_load("\n".join(lines[1:-1]))
    assert list(data) == ["title"]
    value = data["title"]
    assert "<" not in value and ">" not in value
    assert html.unescape(value) == _fold(title)
