"""The live preview's error page: while the archive does not build, every page that
`briefing serve` shows says why, with the located diagnostics, as text (serving.py serves it).
No MkDocs here; never prints.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.errors import BriefingError, ValidationFailed


@dataclass(frozen=True)
class Failure:
    """Why the last build of the preview failed: a summary and its lines (diagnostics)."""

    summary: str
    lines: tuple[str, ...] = ()

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        if isinstance(error, ValidationFailed):
            return cls(str(error), tuple(str(d) for d in error.diagnostics))
        if isinstance(error, BriefingError):
            return cls("the briefs could not be generated", (str(error),))
        lines = str(error).strip().splitlines() or [type(error).__name__]
        return cls("the site could not be built", tuple(lines))

    def text(self) -> str:
        """The failure as the terminal shows it."""
        return "\n".join((f"{self.summary}:", *self.lines))


def is_page(path: str) -> bool:
    """A request path that asks for a page (not a stylesheet, script or picture)."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#1b1b1b}h1{font-size:1.5rem;color:#a01818}"
    "li{font-family:ui-monospace,monospace;font-size:.9rem;white-space:pre-wrap;"
    "overflow-wrap:anywhere;margin:.5rem 0}"
)


def page(failure: Failure) -> bytes:
    """The error page: every line escaped, no script of its own (the server adds only
    its reload script), no request to any other host."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in failure.lines)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>Preview: the site does not build</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<h1 id="briefing-preview-error">The preview cannot build the site: '
        f"{html.escape(failure.summary)}</h1>"
        f'<ol id="briefing-preview-problems">{items}</ol>'
        "<p>Fix them and save: this page reloads by itself once the site builds again. "
        "<code>briefing validate</code> lists the same problems.</p>"
        "</body></html>"
    ).encode()
