"""Stage 6, site: the subset of Markdown where comrak and Python-Markdown agree.

The templates write a small part of Markdown. subset() reads a page line by line and
says whether it stays inside the part where comrak's CommonMark and Python-Markdown (with
MkDocs' toc, tables and admonition) give the same HTML but for the rules convert.py
applies, and learns what those rules need (which list items are paragraphs, where the
admonitions are). Anything it does not know is refused (Unsupported): the page then goes
to Python-Markdown, so a refusal costs time, never a different page. What it refuses was
found by reading both parsers and by comparing them on random documents
(tests/test_convert_equivalence.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Anywhere in a page: what either parser reads in its own way (escapes, code, control
#: characters; comments, autolinks, raw list items, paragraphs or headings; links whose
#: address either parser would decode or encode; fences and reference definitions; the
#: table of contents marker). Separate patterns, each with a literal first character, so
#: that a search skips through the text (one alternation of them all cost 1 ms a brief).
_REFUSED = (
    re.compile(r"[\\`\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
    re.compile(r"<(?:[!?]|/?(?:li|p|h[1-6]|pre|script|style|textarea)\b|\w[\w+.-]*:|[^<>\s]*@)"),
    re.compile(r"\]\((?!(?:[\w./#:?=+@!$,;'*~-]|[^\x00-\x7f\s])*\))"),
    re.compile(r"\n {0,3}(?:~~~|\[[^\]\n]*\]:)"),
)
_REFUSED_TEXT = ("[TOC]", "data-sourcepos")
#: Tags that open a raw HTML block in both parsers (Python-Markdown's block-level tags that
#: are CommonMark's type 6 too).
_BLOCK_TAG_NAMES = (
    "address article aside blockquote body center colgroup dd details div dl dt "
    "fieldset figcaption figure footer form header hr html iframe legend main menu "
    "nav ol option section summary table tbody td tfoot th thead tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
#: Tags that open a raw block in one parser only: never at the start of a line.
_ODD_TAG_NAMES = (
    "canvas group hgroup map math noscript object output progress video base "
    "basefont caption col dialog dir frame frameset head link menuitem noframes "
    "optgroup param search title track"
)
_ODD_TAGS = frozenset(_ODD_TAG_NAMES.split())
_TAG_START = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_LONE_TAG = re.compile(r"</?[A-Za-z][^<>]*>\s*$")
#: Tags and link addresses: no emphasis there.
_OUT_OF_TEXT = re.compile(r"<[^<>\n]*>|\]\([^)\n]*\)")
#: `**` around text that holds no `*`, opened and closed where both parsers agree.
_STRONG = re.compile(
    r"(?<![^\s\x00>(\[|])\*\*(?=[^\s*])[^*\n]*?[^\s*]\*\*(?=[\s\x00,.;:!?)\]<|]|$)",
    re.MULTILINE,
)
_INTRAWORD = re.compile(r"(?<=[A-Za-z0-9])_+(?=[A-Za-z0-9])")
#: Python-Markdown's inline HTML (its HTML_RE without comments), and CommonMark's tag.
_LOOSE_TAG = re.compile(r"</?[a-zA-Z][^<>@ ]*(?: [^<>]*)?>")
_TAG_RULE = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*(?:\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*"
    r"""(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>"""
)
_ITEM = re.compile(r"(- |(\d{1,2})\. )(?=\S)")
_MARKER = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?: |$)")
_RULE = re.compile(r" {0,3}(?:[-=]+|(?:[-*_] *){3,})\s*$")
_DELIMITER_ROW = re.compile(r" {0,3}[|:\- ]+$")
_HEADING = re.compile(r"#{1,6} \S")
_ADMONITION = re.compile(r'!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
_PLAIN_TITLE = re.compile(r"[^*_\[\]<>&!\"]*")
_TABLE_DELIMITER = re.compile(r"\|(?: *:?-+:? *\|)+ *$")


class Unsupported(Exception):
    """The page leaves the subset: Python-Markdown converts it."""


@dataclass
class Plan:
    """What the line check learnt: each Markdown list item's first paragraph as a <p> or
    not (in document order), and the admonitions (first line, last line, class, title)."""

    wrapped: list[bool] = field(default_factory=list)
    admonitions: list[tuple[int, int, str, str | None]] = field(default_factory=list)


def _check_emphasis(markdown: str) -> None:
    """Emphasis as the templates write it: `**` around text, `_` inside words only (in
    tags and link addresses anything). The two parsers' rules part at the edges: which
    `*` or `_` opens, closes, or stays a character."""
    if "*" not in markdown and "_" not in markdown:
        return
    text = _OUT_OF_TEXT.sub("\x00", markdown)
    text = _STRONG.sub("\x00", text)
    if "*" in text or _INTRAWORD.sub("", text).count("_"):
        raise Unsupported("emphasis this module does not read")


def _check_tags(markdown: str) -> None:
    """Raw HTML that both parsers take as a tag: what Python-Markdown's looser pattern
    takes for one must be a tag by CommonMark's rules too (else comrak writes it as text)."""
    if "<" not in markdown:
        return
    for found in _LOOSE_TAG.finditer(markdown):
        if not _TAG_RULE.fullmatch(found.group()):
            raise Unsupported("raw HTML that only one parser reads as a tag")


def _opens_block(text: str) -> bool:
    """Whether a line (its indentation removed) would start a block of its own in either
    parser, and so cannot continue a paragraph or a list item."""
    if not text:
        return False
    first = text[0]
    if first in "#>|=" or text.startswith("!!!") or _MARKER.match(text) or _RULE.match(text):
        return True
    if "-" in text and _DELIMITER_ROW.match(text):  # a table's second line, pipes or not
        return True
    if first != "<":
        return False
    tag = _TAG_START.match(text)
    name = tag.group(1).lower() if tag else ""
    return bool(_LONE_TAG.match(text)) or name in _BLOCK_TAGS or name in _ODD_TAGS


def _block_tag(text: str) -> str | None:
    found = _TAG_START.match(text)
    return found.group(1).lower() if found and found.group(1).lower() in _BLOCK_TAGS else None


def subset(markdown: str) -> Plan:
    """Check that a page stays inside the subset; raise Unsupported where it leaves it."""
    if any(text in markdown for text in _REFUSED_TEXT) or any(
        pattern.search(f"\n{markdown}") for pattern in _REFUSED
    ):
        raise Unsupported("escapes, code, comments, autolinks or unusual links")
    _check_emphasis(markdown)
    _check_tags(markdown)
    lines = markdown.split("\n")
    plan = Plan()
    count = len(lines)
    i = 0
    #: The list being read: its kind ("-" or "1"), whether the last line was part of it.
    kind: str | None = None
    #: Whether the last block was a quote: Python-Markdown joins the next quote to it.
    quoted = False

    def blank(n: int) -> bool:
        return n < 0 or n >= count or not lines[n].strip()

    while i < count:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        after_blank = blank(i - 1)
        indent = len(line) - len(line.lstrip(" "))
        text = line[indent:]
        item = _ITEM.match(line)
        if item is not None:
            this = "1" if item.group(2) else "-"
            if not after_blank or (kind is not None and kind != this):
                raise Unsupported("a list that starts inside a paragraph or changes kind")
            if _opens_block(line[item.end() :]):
                raise Unsupported("a list item that opens a block")
            # A chunk after a blank line in the same list: its first item and the item
            # before it are paragraphs (Python-Markdown's "loose" items).
            if kind is not None:
                plan.wrapped[-1] = True
            plan.wrapped.append(kind is not None)
            kind, quoted = this, False
            i = _list_chunk(lines, i, plan, kind)
            continue
        if indent >= 4:
            if kind is None or not after_blank or indent != 4:
                raise Unsupported("indented code")
            plan.wrapped[-1] = True
            if quoted and text.startswith(">"):
                raise Unsupported("two quotes in a row")
            quoted = text.startswith(">")
            i = _indented_chunk(lines, i)
            continue
        if text.startswith(">") and quoted:
            raise Unsupported("two quotes in a row")
        quoted = text.startswith(">")
        if _MARKER.match(line) or indent:
            raise Unsupported("a list marker or indentation this module does not read")
        kind = None  # anything at the margin ends a list
        if not after_blank:
            raise Unsupported("a block that does not follow a blank line")
        if text.startswith("!!!"):
            i = _admonition(lines, i, plan)
        elif text.startswith("#"):
            if not _HEADING.match(text) or text.rstrip().endswith("#") or not blank(i + 1):
                raise Unsupported("a heading this module does not read")
            i += 1
        elif text.startswith("|"):
            i = _table(lines, i)
        elif text.startswith("<") and _block_tag(text):
            i = _html_block(lines, i)
        elif text.rstrip() == "---":
            if not blank(i + 1):
                raise Unsupported("a rule that is not followed by a blank line")
            i += 1
        else:
            if _opens_block(text) and not text.startswith(">"):
                raise Unsupported("a block this module does not read")
            i = _paragraph(lines, i)
    return plan


def _list_chunk(lines: list[str], i: int, plan: Plan, kind: str) -> int:
    """Items of one chunk (no blank line inside) and their continuation lines."""
    i += 1
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        item = _ITEM.match(line)
        if item is not None:
            if ("1" if item.group(2) else "-") != kind or _opens_block(line[item.end() :]):
                raise Unsupported("a list that changes kind, or an item that opens a block")
            plan.wrapped.append(False)
        else:
            indent = len(line) - len(line.lstrip(" "))
            if indent >= 4 or _opens_block(line[indent:]):
                raise Unsupported("a list item's line that opens a block")
        i += 1
    return i


def _indented_chunk(lines: list[str], i: int) -> int:
    """A list item's block after a blank line, indented by four spaces: a paragraph or a
    quote (both parsers read it as a block of the item above)."""
    first = lines[i][4:]
    quote = first.startswith(">")
    if not quote and _opens_block(first):
        raise Unsupported("an indented block this module does not read")
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        if not line.startswith("    ") or line.startswith("     "):
            raise Unsupported("an indented block of mixed indentation")
        text = line[4:]
        if quote and text.startswith(">"):
            text = text[1:].lstrip(" ")
        if _opens_block(text):
            raise Unsupported("an indented block that opens another")
        i += 1
    return i


def _paragraph(lines: list[str], i: int) -> int:
    """A paragraph or a top-level quote: lines up to the next blank line, none opening a
    block (Python-Markdown would not end the paragraph there, CommonMark would)."""
    quote = lines[i].startswith(">")
    first = i
    while i < len(lines) and lines[i].strip():
        text = lines[i].lstrip(" ")
        if len(lines[i]) - len(text) >= 4:
            raise Unsupported("an indented line inside a paragraph")
        if quote and text.startswith(">"):
            text = text[1:].lstrip(" ")
        elif i == first:  # the caller checked it
            text = ""
        if _opens_block(text) or (i + 1 < len(lines) and lines[i].endswith("  ")):
            raise Unsupported("a paragraph line that opens a block or breaks the line")
        i += 1
    return i


def _table(lines: list[str], i: int) -> int:
    header = lines[i]
    if i + 1 >= len(lines) or not _TABLE_DELIMITER.match(lines[i + 1]):
        raise Unsupported("a line starting with | that is no table")
    cells = header.strip().strip("|").count("|")
    if cells != lines[i + 1].strip().strip("|").count("|") or not header.rstrip().endswith("|"):
        raise Unsupported("a table whose header and delimiter rows differ")
    i += 2
    while i < len(lines) and lines[i].strip():
        if not lines[i].startswith("|"):
            raise Unsupported("a table row that does not start with |")
        i += 1
    return i


def _html_block(lines: list[str], i: int) -> int:
    """A raw block of a block-level tag: both parsers pass it on as it is when it ends with
    its closing tag right before a blank line."""
    tag = _block_tag(lines[i])
    start = i
    while i < len(lines) and lines[i].strip():
        i += 1
    block = "\n".join(lines[start:i])
    opened = len(re.findall(rf"<{tag}[\s>]", block, re.IGNORECASE))
    closed = len(re.findall(rf"</{tag}\s*>", block, re.IGNORECASE))
    if opened != closed or not re.search(rf"</{tag}\s*>\s*$", block, re.IGNORECASE):
        raise Unsupported("a raw HTML block that does not end with its closing tag")
    return i


def _admonition(lines: list[str], i: int, plan: Plan) -> int:
    found = _ADMONITION.fullmatch(lines[i])
    if found is None:
        raise Unsupported("an admonition this module does not read")
    klass, title = found.group(1), found.group(2)
    if title is not None and not _PLAIN_TITLE.fullmatch(title):
        raise Unsupported("an admonition title with Markdown in it")
    start = i
    i += 1
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        if not line.startswith("    ") or line.startswith("     ") or _opens_block(line[4:]):
            raise Unsupported("an admonition body this module does not read")
        i += 1
    plan.admonitions.append((start, i, klass, title))
    return i
