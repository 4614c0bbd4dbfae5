"""The one escaping step: record text -> inert Markdown and HTML.

Characters that Markdown, HTML or an extension could read as syntax become numeric
character references, so a value only ever renders as the text it is. Whitespace folds to
single spaces, so no value can start a block of its own (heading, list, code, raw HTML),
and a value's leading character is escaped when it could open one at the start of a line.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

_ALWAYS = "\\`*_{}[]()<>|&"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _ALWAYS}
_SPACE = re.compile(r"\s+")
# What could open a block at the start of a line: headings, lists, quotes, tables, rules.
_LEADING = re.compile(r"^(?:[#+\-=>:!~]|\d+(?=[.)]))")


def md(value: object) -> Markup:
    """Escape any value for Markdown; Markup (trusted template output) passes through."""
    if isinstance(value, Markup):
        return value
    return _md(str(value))


@lru_cache(maxsize=1 << 16)
def _md(value: str) -> Markup:
    """Pure, so remembered: names, titles and places recur on many index pages."""
    text = _SPACE.sub(" ", value).strip().translate(_TABLE)
    match = _LEADING.match(text)
    if match:
        end = match.end()
        lead = text[:end]
        if lead.isdigit():  # "1986. Events" would start an ordered list: escape the dot
            text = lead + f"&#{ord(text[end])};" + text[end + 1 :]
        else:
            text = f"&#{ord(lead)};" + text[end:]
    return Markup(text)


def attr(value: object) -> str:
    """Escape for an HTML attribute value or front-matter text read by the theme as HTML."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True)
