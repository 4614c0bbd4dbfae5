"""Stage 6, site: the theme's page template rendered once per kind of page, not per page.

Material's main template took about 5 ms a page, most of it the navigation, header, footer
and scripts, which are the same bytes on every page outside the navigation in one folder
(briefs in events/, actors, outlets, countries, months, types, tags). For each kind of page
(its template, folder, options, and which of its own parts it has), the template is
rendered once for a probe: the kind's first page with its own parts replaced by markers
(title, description, canonical address, edit link, table of contents, content). Where each
marker lands, and through which of the template's filters (as is, escaped, tags stripped),
makes a skeleton; a page of the kind is then its own parts set into the skeleton, and its
table of contents rendered by the theme's own partial.

A skeleton is used only after it gave, for two pages of its kind, the same bytes as
MkDocs' own rendering; otherwise (a theme that prints a page's address, or filters a part
in a way this module does not know) the kind's pages are rendered in full. Pages in the
navigation are always rendered in full: which item is active differs on each.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import normalize_url

#: The parts of a page that differ between pages of a kind.
FIELDS = ("title", "metatitle", "description", "canonical", "edit", "content", "toctitle")
TOC_PARTIAL = "partials/toc.html"
_MARK = "Qz7brf"  # no filter of a template changes it


def _marker(field: str) -> str:
    """A field's probe value: its characters tell the filters apart (escaped: &lt;;
    tags stripped: no <i>; both: &amp;#34;)."""
    return f"{_MARK}{field}{_MARK}<i>&amp;\"'</i>{_MARK}"


_TOC_MARK = f"{_MARK}toc{_MARK}"
_SKIP_MARK = f"{_MARK}skip{_MARK}"


def _as_is(value: str) -> str:
    return value


def _escaped(value: str) -> str:
    return str(escape(value))


def _stripped(value: str) -> str:
    return Markup(value).striptags()


def _stripped_escaped(value: str) -> str:
    return str(escape(Markup(value).striptags()))


#: The filters a skeleton recognises (the only ones Material applies to these parts).
TRANSFORMS: tuple[Callable[[str], str], ...] = (_as_is, _escaped, _stripped, _stripped_escaped)


class Mismatch(Exception):
    """A skeleton that does not give MkDocs' bytes: the kind is rendered in full."""


@dataclass(frozen=True)
class Skeleton:
    """A kind's rendered template: text between holes, each hole a part and its filter."""

    pieces: tuple[str | tuple[str, Callable[[str], str]], ...]

    def fill(self, values: dict[str, str]) -> str:
        return "".join(
            piece if isinstance(piece, str) else piece[1](values[piece[0]]) for piece in self.pieces
        )


def _content_probe(content: str) -> str:
    """content.html prints an <h1> of the title when the content has none."""
    return _marker("content") + ("<h1" if "<h1" in content else "")


def kind(page: Page, template: str, edit_url: str | None) -> str:
    """What the template may read of a page besides its own parts: pages of one kind
    render the same chrome. (The parts themselves are only told present or absent.)
    edit_url: the page's edit link as the plugins' on_page_context leaves it."""
    meta = {k: v for k, v in page.meta.items() if k not in ("title", "description")}
    first = next(iter(page.toc), None) if page.toc else None
    return json.dumps(
        [
            template,
            posixpath.dirname(page.url.rstrip("/")),
            page.url.endswith("/"),
            page.is_homepage,
            meta,
            "title" in page.meta,
            "description" in page.meta,
            page.canonical_url is not None,
            None if edit_url is None else ["/blob/" in edit_url, "edit" in edit_url],
            None if first is None else [first.level, bool(first.children)],
            "<h1" in (page.content or ""),
        ],
        sort_keys=True,
        default=repr,
    )


#: Pages of a kind whose skeleton is compared with MkDocs' rendering before it is trusted.
CHECKS = 2


class Chrome:
    """One process's skeletons, by kind, learnt from the first pages of each kind."""

    def __init__(self, env: jinja2.Environment, nav: Navigation) -> None:
        self.env = env
        self.in_nav = {id(p) for p in nav.pages}
        self.skeletons: dict[str, Skeleton | None] = {}
        self.checked: dict[str, int] = {}
        self.probe_env = env.overlay(
            loader=jinja2.ChoiceLoader(
                [jinja2.DictLoader({TOC_PARTIAL: _TOC_MARK}), env.loader or jinja2.DictLoader({})]
            )
        )
        self.toc = env.get_template(TOC_PARTIAL)
        #: The theme's translations, as base.html imports them for its partials: they
        #: depend on the configuration only, so they are made once, not once per page.
        self.lang: Any = None
        self.filled = 0  # pages made from a skeleton (for tests and benchmarks)

    def suits(self, page: Page) -> bool:
        return id(page) not in self.in_nav and page.parent is None

    def render(self, page: Page, template: str, context: dict[str, Any]) -> str:
        """The page's HTML: MkDocs' rendering of the template for the first pages of a
        kind (and of pages no skeleton suits), the kind's skeleton filled after that.

        context: MkDocs' context of the page, after the plugins' on_page_context."""
        full = self.env.get_template(template)
        if not self.suits(page):
            return full.render(context)
        key = kind(page, template, page.edit_url)
        if key not in self.skeletons:
            try:
                self.skeletons[key] = self._skeleton(page, template, context)
            except Mismatch:
                self.skeletons[key] = None
        skeleton = self.skeletons[key]
        if skeleton is None:
            return full.render(context)
        filled = skeleton.fill(self.values(page, context))
        if self.checked.get(key, 0) < CHECKS:
            self.checked[key] = self.checked.get(key, 0) + 1
            expected = full.render(context)
            if filled != expected:
                self.skeletons[key] = None
            return expected
        self.filled += 1
        return filled

    def values(self, page: Page, context: dict[str, Any]) -> dict[str, str]:
        first = next(iter(page.toc), None) if page.toc else None
        skip = normalize_url(first.url, page, context["base_url"]) if first else ""
        return {
            "title": str(page.title),
            "metatitle": str(page.meta.get("title", "")),
            "description": str(page.meta.get("description", "")),
            "canonical": str(page.canonical_url),
            "edit": str(page.edit_url),
            "content": page.content or "",
            "toctitle": first.title if first else "",
            "toc": self._toc(context),
            "skip": skip,
        }

    def _toc(self, context: dict[str, Any]) -> str:
        """The page's table of contents by the theme's partial, as base.html includes it."""
        if self.lang is None:
            self.lang = self.env.get_template("partials/language.html").make_module(context)
        return self.toc.render({**context, "lang": self.lang})

    def _skeleton(self, page: Page, template: str, context: dict[str, Any]) -> Skeleton:
        """Render the template for a probe of the page and cut it at the markers."""
        probe = copy.copy(page)
        probe.meta = dict(page.meta)
        for field in ("title", "description"):
            if field in probe.meta:
                probe.meta[field] = _marker("meta" + field if field == "title" else field)
        probe.title = _marker("title")  # type: ignore[misc]
        if page.canonical_url is not None:
            probe.canonical_url = _marker("canonical")
        if page.edit_url is not None:
            probe.edit_url = _marker("edit")
        probe.content = _content_probe(page.content or "")
        first = next(iter(page.toc), None) if page.toc else None
        if first is not None:
            mark = AnchorLink(_marker("toctitle"), _SKIP_MARK, first.level)
            if first.children:
                mark.children = [AnchorLink("child", "child", first.level + 1)]
            probe.toc = TableOfContents([mark])
        output = self.probe_env.get_template(template).render({**context, "page": probe})
        return Skeleton(tuple(_cut(output, probe)))


def _variants(probe: Page) -> dict[str, tuple[str, Callable[[str], str]]]:
    values = {
        "title": _marker("title"),
        "metatitle": _marker("metatitle"),
        "description": _marker("description"),
        "canonical": _marker("canonical"),
        "edit": _marker("edit"),
        "content": probe.content or "",
        "toctitle": _marker("toctitle"),
    }
    found: dict[str, tuple[str, Callable[[str], str]]] = {}
    for field, value in values.items():
        for transform in TRANSFORMS:
            found.setdefault(transform(value), (field, transform))
    found[_TOC_MARK] = ("toc", _as_is)
    found["#" + _SKIP_MARK] = ("skip", _as_is)
    return found


def _cut(output: str, probe: Page) -> list[str | tuple[str, Callable[[str], str]]]:
    variants = _variants(probe)
    pattern = re.compile("|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)))
    pieces: list[str | tuple[str, Callable[[str], str]]] = []
    at = 0
    for found in pattern.finditer(output):
        pieces.append(output[at : found.start()])
        pieces.append(variants[found.group()])
        at = found.end()
    pieces.append(output[at:])
    if any(isinstance(p, str) and _MARK in p for p in pieces):
        raise Mismatch("a part printed through a filter this module does not know")
    return pieces
