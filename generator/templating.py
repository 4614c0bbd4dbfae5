"""Stage 4, render: the one Jinja environment, and the helpers and globals templates call.

Every value from a record passes through escape.md (the environment's finalize), unless a
helper below built it as trusted Markup from escaped parts. Never renders a page itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import CodeType, SimpleNamespace
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from generator import charts, feeds, indexes, names, networks, vocab, wording
from generator.config import PACKAGE_DIR, Settings
from generator.errors import Diagnostic, display_path
from generator.escape import attr, md

#: What templates call `pics`: the public names of charts.py (timelines, maps) and of
#: networks.py (actor networks), under the one name templates have always used.
PICTURES = SimpleNamespace(
    **{
        name: value
        for module in (charts, networks)
        for name, value in vars(module).items()
        if not name.startswith("_")
    }
)


def environment(settings: Settings) -> jinja2.Environment:
    """Project templates first, then the packaged defaults."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(settings.templates_dir),
            jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # autoescape makes template text and macro output trusted Markup; finalize sends
        # every other printed value through the Markdown/HTML escape.
        autoescape=True,
        finalize=_finalize,
        bytecode_cache=_COMPILED,
    )
    env.filters["join"] = _join
    env.globals.update(
        link=link,
        ext=ext,
        badge=badge,
        country=indexes.country_name,
        slugify=names.actor_slug,  # the name older project templates link actors with
        actor_slug=names.actor_slug,
        v=vocab,
        sub_label=lambda t, s: vocab.SUB_EVENT_TYPES[vocab.EventType(t)].get(s, s),
        front=front_matter,
        md=md,
        feed=feeds.feed_path,
        image=image,
        pics=PICTURES,
        grade=wording.grade_words,
        contested=wording.contested,
        keyed=lambda items: {item.id: item for item in items},
        anchor=wording.anchor,
        not_graded=wording.NOT_GRADED,
        f_rule=wording.F_IN_THIS_ARCHIVE,
    )
    return env


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates by name, file and source, shared by the environments of this
    process (environment() makes them all alike): a live preview, which makes a new one
    for every rebuild, compiles a template again only when its source changed."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[(bucket.key, bucket.checksum)] = bucket.code


_COMPILED = _Compiled()


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("a template printed a missing value; guard it with {% if %}")
    return md(value)


def _join(values: Any, separator: str = "") -> Markup:
    """Jinja's join would HTML-escape only; escape each item for Markdown too."""
    return Markup(escape(separator)).join(md(v) for v in values)


def link(text: object, target: str) -> Markup:
    """An internal Markdown link to another generated page (target is built from slugs)."""
    return Markup(f"[{md(text)}]({target})")


def image(alt: object, target: str) -> Markup:
    """A Markdown image of a generated picture (target is built from slugs and codes)."""
    return Markup(f"![{md(alt)}]({target})")


def ext(text: object, url: str | None) -> Markup:
    """A link to the outside; the URL was validated as http(s)/mailto by the model."""
    if not url:
        return md(text)
    return Markup(f'<a href="{attr(url)}" rel="nofollow noopener">{md(text)}</a>')


def badge(kind: str, value: object, text: object, base: str | None = None) -> Markup:
    """A coloured label. Given the page's base, it explains itself on hover and links to
    its entry on the Methodology page."""
    css = attr(f"badge badge-{kind} badge-{kind}-{value}".lower().replace("_", "-"))
    if base is None:
        return Markup(f'<span class="{css}">{md(text)}</span>')
    title = attr(wording.explain(kind, value))
    target = f"{base}methodology.md#{wording.anchor(kind, value)}"
    return Markup(f'[<span class="{css}" title="{title}">{md(text)}</span>]({target})')


# What a YAML reader refuses (or reads as a line break) even inside a quoted scalar.
_NOT_YAML_TEXT = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def front_matter(**fields: object) -> Markup:
    """YAML front matter; values are HTML-escaped because the theme prints them raw.

    MkDocs renders front matter it cannot parse as Markdown, where these values would be
    live syntax: any character a YAML reader could refuse is written as an escape.
    """
    lines = ["---"]
    for key, value in fields.items():
        if value is not None:
            text = json.dumps(attr(value), ensure_ascii=False)
            text = _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
            lines.append(f"{key}: {text}")
    lines.append("---")
    return Markup("\n".join(lines))


def template_problem(error: jinja2.TemplateError, name: str, settings: Settings) -> Diagnostic:
    """Where a template failed: the innermost template frame Jinja put in the traceback."""
    path: str | None = getattr(error, "filename", None)
    line: int | None = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            path, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    shown = display_path(Path(path), settings.root) if path else f"templates/{name}"
    return Diagnostic(
        shown, line or 1, 1, f"template error: {error.message or error}; fix the template"
    )
