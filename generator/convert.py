"""Stage 6, site: the Markdown our templates write, converted by comrak (Rust) to the HTML
Python-Markdown would give.

Python-Markdown took about 24 ms per brief (40 ms on a busy hour): a general-purpose
parser walking every small text node of tables and inline HTML badges. The pages the
templates write stay inside a small subset of Markdown (ATX headings, paragraphs, flat
lists with indented notes and quotes, tables, links, images, inline HTML, raw HTML blocks
of block-level tags, admonitions), where comrak's CommonMark and Python-Markdown with
MkDocs' `tables`, `admonition` and `toc` agree but for rules applied here after comrak:

- a list item's first paragraph is a <p> where Python-Markdown makes one (an item beside
  a blank line in its list), not by CommonMark's whole-list rule;
- headings get the toc extension's ids, permalinks and table of contents, computed by
  its own functions (slugify, unique, strip_tags, nest_toc_tokens);
- links and images go through MkDocs' own path_to_url (comrak calls it for Markdown links
  only, as MkDocs' tree processor sees only those), so warnings and anchors are MkDocs';
- `!!!` admonitions, ordered lists' start numbers and table alignment as Python-Markdown
  writes them.

A page outside the subset (checked line by line: `subset()`) or a site whose Markdown
configuration differs (`unsupported()`) is left to Python-Markdown. The output is
equivalent as parsed HTML, not byte for byte (comrak writes `&quot;` and decoded
entities where Python-Markdown keeps `&#40;`): tests/test_convert_equivalence.py.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import comrak
from markdown.extensions.toc import TocExtension, nest_toc_tokens, strip_tags, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

#: The Markdown extensions (MkDocs' defaults included) whose output is reproduced here.
EXTENSIONS = {"toc", "tables", "fenced_code", "admonition"}
#: toc options this module follows; anything else set leaves conversion to Python-Markdown.
_TOC_OPTIONS = {
    "permalink",
    "permalink_class",
    "permalink_title",
    "permalink_leading",
    "slugify",
    "separator",
    "toc_depth",
    "title",
    "title_class",
    "toc_class",
}

# ---- the subset -------------------------------------------------------------------------

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
class _Plan:
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


def subset(markdown: str) -> _Plan:
    """Check that a page stays inside the subset; raise Unsupported where it leaves it."""
    if any(text in markdown for text in _REFUSED_TEXT) or any(
        pattern.search(f"\n{markdown}") for pattern in _REFUSED
    ):
        raise Unsupported("escapes, code, comments, autolinks or unusual links")
    _check_emphasis(markdown)
    _check_tags(markdown)
    lines = markdown.split("\n")
    plan = _Plan()
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


def _list_chunk(lines: list[str], i: int, plan: _Plan, kind: str) -> int:
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


def _admonition(lines: list[str], i: int, plan: _Plan) -> int:
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


# ---- the conversion -----------------------------------------------------------------------


def _extension_name(extension: object) -> str | None:
    if not isinstance(extension, str):
        return None  # an Extension object: its behaviour is unknown here
    return extension.removeprefix("markdown.extensions.")


def unsupported(config: MkDocsConfig) -> str | None:
    """Why the site's Markdown configuration is not the one reproduced here (None: it is)."""
    names = [_extension_name(e) for e in config.markdown_extensions]
    others = sorted({str(n) for n in names if n not in EXTENSIONS})
    if others:
        return f"markdown_extensions {', '.join(others)}"
    configs = config.mdx_configs or {}
    toc = configs.get("toc") or configs.get("markdown.extensions.toc") or {}
    if set(toc) - _TOC_OPTIONS:
        return f"toc options {', '.join(sorted(set(toc) - _TOC_OPTIONS))}"
    tables = configs.get("tables") or configs.get("markdown.extensions.tables") or {}
    if set(tables) - {"use_align_attribute"}:
        return "tables options"
    if configs.get("admonition") or configs.get("markdown.extensions.admonition"):
        return "admonition options"
    return None


_HEADING_HTML = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_ALIGN = re.compile(r'<(th|td) align="(left|right|center)">')
_OL_START = re.compile(r'<ol start="\d+">')
_IMG_ALT = re.compile(r'<img\b[^<>]*?\balt="([^"]*)"[^<>]*>')
_TAG = re.compile(r"<([A-Za-z][^\s/>]*)([^<>]*)>")
_ATTRIBUTE = re.compile(
    r"""(?:(?<=['"\s/])|^)([^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?"""
)


class _Logged(logging.Filter):
    """Counts the messages MkDocs' link conversion logs (and lets them all through)."""

    count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        _Logged.count += 1
        return True


_LOGGED = _Logged()
logging.getLogger("mkdocs.structure.pages").addFilter(_LOGGED)


class Converter:
    """Converts one site's pages: made once per build from its configuration."""

    def __init__(self, config: MkDocsConfig) -> None:
        from markdown.util import parseBoolValue

        configs = config.mdx_configs or {}
        toc_options = configs.get("toc") or configs.get("markdown.extensions.toc") or {}
        toc = TocExtension(**toc_options).getConfigs()
        self.config = config
        self.slugify: Callable[[str, str], str] = toc["slugify"]
        self.separator: str = toc["separator"]
        permalink = parseBoolValue(toc["permalink"], False)
        self.permalink: bool | str | None = toc["permalink"] if permalink is None else permalink
        self.permalink_leading = bool(parseBoolValue(toc["permalink_leading"], False))
        self.permalink_class: str = toc["permalink_class"]
        self.permalink_title: str = toc["permalink_title"]
        depth = toc["toc_depth"]
        if isinstance(depth, str) and "-" in depth:
            self.toc_top, self.toc_bottom = (int(x) for x in depth.split("-"))
        else:
            self.toc_top, self.toc_bottom = 1, int(depth)
        tables = configs.get("tables") or configs.get("markdown.extensions.tables") or {}
        self.align_attribute = bool(tables.get("use_align_attribute", False))
        self.extensions = comrak.ExtensionOptions()
        self.extensions.table = True
        self.render_options = comrak.RenderOptions()
        self.render_options.unsafe_ = True  # raw HTML passes, as in Python-Markdown

    def convert(self, page: Page, files: Files) -> None:
        """Set what Page.render sets (content, toc, title, anchors, links to anchors);
        raises Unsupported, before anything is logged, for a page outside the subset."""
        markdown = page.markdown or ""
        plan = subset(markdown)
        relative = _RelativePathTreeprocessor(page.file, files, self.config)
        rewrite = self._remembered(relative.path_to_url)
        self.extensions.link_url_rewriter = rewrite
        self.extensions.image_url_rewriter = rewrite
        try:
            body = self._blocks(markdown, plan)
        finally:
            self.extensions.link_url_rewriter = None
            self.extensions.image_url_rewriter = None
        tokens: list[dict[str, Any]] = []
        used: set[str] = set()
        counters: dict[str, int] = {}
        title: list[str] = []

        def heading(found: re.Match[str]) -> str:
            level, inner = int(found.group(1)), found.group(2)
            name = strip_tags(inner)
            anchor = unique(self.slugify(html.unescape(name), self.separator), used, counters)
            if self.toc_top <= level <= self.toc_bottom:
                tokens.append({"level": level, "id": anchor, "name": name, "html": inner})
            if found.start() == 0 and level == 1:
                title.append(_heading_text(inner))
            if self.permalink not in (False, None):  # a link MkDocs checks, as any other
                relative.path_to_url(f"#{anchor}")
            inner = self._permalinked(inner, anchor)
            return f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>'

        content = _HEADING_HTML.sub(heading, body).strip()
        page.content = content
        page.toc = get_toc(nest_toc_tokens(tokens))
        page._title_from_render = title[0] if title else None
        page.present_anchor_ids = used | _raw_anchors(markdown)
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors

    def _remembered(self, path_to_url: Callable[[str], str]) -> Callable[[str], str]:
        """MkDocs' path_to_url, once per address of a page (a brief links to the same
        Methodology entries again and again: 100 links, 30 addresses). An address whose
        conversion logged something is converted every time, so each link logs as it does
        in MkDocs; a repeated one adds nothing to the page's links (a set of anchors)."""
        done: dict[str, str] = {}

        def rewrite(url: str) -> str:
            found = done.get(url)
            if found is None:
                before = _LOGGED.count
                found = path_to_url(url)
                if _LOGGED.count == before:
                    done[url] = found
            return found

        return rewrite

    def _permalinked(self, inner: str, anchor: str) -> str:
        if self.permalink in (False, None):
            return inner
        text = "&para;" if self.permalink is True else html.escape(str(self.permalink))
        title = f' title="{html.escape(self.permalink_title)}"' if self.permalink_title else ""
        link = (
            f'<a class="{html.escape(self.permalink_class)}" href="#{html.escape(anchor)}"'
            f"{title}>{text}</a>"
        )
        return link + inner if self.permalink_leading else inner + link

    def _blocks(self, markdown: str, plan: _Plan) -> str:
        """comrak on the page, admonitions apart; list items as Python-Markdown makes them."""
        wrapped = iter(plan.wrapped)
        if not plan.admonitions:
            return self._comrak(markdown, wrapped)
        lines = markdown.split("\n")
        parts, done = [], 0
        for first, end, klass, title in plan.admonitions:
            parts.append(self._comrak("\n".join(lines[done:first]), wrapped))
            if title is None:
                title = klass.split(" ")[0].capitalize()
            heading = f'<p class="admonition-title">{html.escape(title)}</p>\n' if title else ""
            body = self._comrak("\n".join(line[4:] for line in lines[first + 1 : end]), wrapped)
            parts.append(f'<div class="admonition {html.escape(klass)}">\n{heading}{body}</div>\n')
            done = end
        parts.append(self._comrak("\n".join(lines[done:]), wrapped))
        return "".join(parts)

    def _comrak(self, markdown: str, wrapped: Any) -> str:
        if not markdown.strip():
            return ""
        out = comrak.render_markdown(
            markdown, extension_options=self.extensions, render_options=self.render_options
        )
        if "<li>" in out:
            out = _list_items(out, wrapped)
        if "<ol start=" in out:
            out = _OL_START.sub("<ol>", out)  # Python-Markdown's lazy_ol: numbers from 1
        if not self.align_attribute and " align=" in out:
            out = _ALIGN.sub(r'<\1 style="text-align: \2;">', out)
        return out


def _list_items(out: str, wrapped: Any) -> str:
    """Give each list item's first paragraph its <p>, or take it away, as Python-Markdown
    does: comrak follows CommonMark's rule (all items of a loose list are paragraphs)."""
    parts: list[str] = []
    pos = 0
    while (start := out.find("<li>", pos)) >= 0:
        head = start + 4
        want = next(wrapped, None)
        if want is None:  # more items than the line check found: a bug, not a page
            raise Unsupported("list items the line check did not see")
        loose = out.startswith("\n<p>", head)
        if loose and not want:
            end = out.index("</p>", head)
            parts += [out[pos:head], out[head + 4 : end]]
            pos = end + 4
            if out.startswith("\n</li>", pos):
                pos += 1
        elif want and not loose:
            end = out.index("</li>", head)
            parts += [out[pos:head], "\n<p>", out[head:end], "</p>\n"]
            pos = end
        else:
            parts.append(out[pos:head])
            pos = head
    parts.append(out[pos:])
    return "".join(parts)


def _heading_text(inner: str) -> str:
    """MkDocs' title of a page from its first heading (get_heading_text): pictures by their
    alternative text, tags stripped, whitespace collapsed."""
    text = _IMG_ALT.sub(lambda m: m.group(1), inner)
    while (start := text.find("<")) != -1 and (end := text.find(">", start)) != -1:
        text = text[:start] + text[end + 1 :]
    return " ".join(text.split())


def _raw_anchors(markdown: str) -> set[str]:
    """The ids (and names of <a>) in the page's raw HTML, as MkDocs' _RawHTMLPreprocessor
    finds them with an HTML parser over the Markdown (2 ms a brief; this takes 0.1 ms)."""
    found: set[str] = set()
    if "id=" not in markdown and "name=" not in markdown:
        return found
    for tag in _TAG.finditer(markdown):
        attributes = tag.group(2)
        if "id" not in attributes and "name" not in attributes:
            continue
        name = tag.group(1).lower()
        for attribute in _ATTRIBUTE.finditer(attributes):
            key = attribute.group(1).lower()
            if key == "id" or (key == "name" and name == "a"):
                value = attribute.group(2) or ""
                if value[:1] in ("'", '"') and value[-1:] == value[:1]:
                    value = value[1:-1]
                found.add(html.unescape(value))
    return found
