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

A page outside the subset (checked line by line: subset.py) or a site whose Markdown
configuration differs (`unsupported()`) is left to Python-Markdown. The output is
equivalent as parsed HTML, not byte for byte (comrak writes `&quot;` and decoded
entities where Python-Markdown keeps `&#40;`): tests/test_convert_equivalence.py.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import Any

import comrak
from markdown.extensions.toc import TocExtension, nest_toc_tokens, strip_tags, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from generator.subset import Plan, Unsupported, subset

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

    def _blocks(self, markdown: str, plan: Plan) -> str:
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
