"""HTML as a reader's browser takes it, for comparing two converters' output.

A page becomes a list of tokens: start tags with their attributes sorted and their values
decoded, end tags, and text with character references decoded and whitespace collapsed;
whitespace next to a block-level tag (where a browser shows none) is dropped. Two pages
with the same tokens parse to the same tree and show the same text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace: not a no-break space

#: Tags around which whitespace shows nothing.
_BLOCK_NAMES = (
    "address article aside blockquote body br dd details div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul"
)
BLOCKS = frozenset(_BLOCK_NAMES.split())
_VOID_NAMES = "area base br col embed hr img input link meta source track wbr"
VOID = frozenset(_VOID_NAMES.split())


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = sorted(f"{k}={v or ''}" for k, v in attrs)
        self.tokens.append(("start", tag, *pairs))
        if tag in VOID:
            self.tokens.append(("end", tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.tokens.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data))


def tokens(html: str) -> list[tuple[str, ...]]:
    """The canonical tokens of an HTML fragment."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    found = parser.tokens
    out: list[tuple[str, ...]] = []
    for i, token in enumerate(found):
        if token[0] != "text":
            out.append(token)
            continue
        text = _SPACE.sub(" ", token[1])
        before = found[i - 1] if i > 0 else None
        after = found[i + 1] if i + 1 < len(found) else None
        if before is None or (before[0] in ("start", "end") and before[1] in BLOCKS):
            text = text.lstrip(" ")
        if after is None or (after[0] in ("start", "end") and after[1] in BLOCKS):
            text = text.rstrip(" ")
        if text:
            out.append(("text", text))
    return out


def difference(a: str, b: str, context: int = 6) -> str | None:
    """Where two fragments first differ as parsed HTML (None: they do not)."""
    left, right = tokens(a), tokens(b)
    if left == right:
        return None
    at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), None)
    if at is None:
        at = min(len(left), len(right))
    start = max(0, at - context)
    return (
        f"first difference at token {at}:\n"
        f"  one:   {left[start : at + context]}\n"
        f"  other: {right[start : at + context]}"
    )
