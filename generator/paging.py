"""Pages of long listings: a country, tag or actor with thousands of briefs is split into
pages of PAGE_SIZE rows, so no page lists the whole archive. Pure; never renders.

Page 1 keeps the listing's address (countries/af.md); page n lives below it
(countries/af/n.md), so links to a listing never change as it grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    """One page of a listing, with what its template needs to link around."""

    path: str  #: file in docs_dir
    base: str  #: from this page to the root of docs_dir
    up: str  #: the folder's index page, relative to this page
    number: int
    count: int
    items: Sequence[Any]
    links: tuple[tuple[str, str | None], ...]  #: pager: (label, target); None marks this page


def paginate(
    folder: str, slug: str, items: Sequence[Any], *, index: str = "index.md", size: int = 0
) -> list[Page]:
    """The pages of one listing; index is the page above it, relative to the folder."""
    size = size or PAGE_SIZE
    count = max(1, -(-len(items) // size))
    pages = []
    for number in range(1, count + 1):
        first = number == 1
        pages.append(
            Page(
                path=f"{folder}/{slug}.md" if first else f"{folder}/{slug}/{number}.md",
                base="../" if first else "../../",
                up=index if first else f"../{index}",
                number=number,
                count=count,
                items=items[(number - 1) * size : number * size],
                links=_pager(slug, number, count),
            )
        )
    return pages


def _target(slug: str, here: int, there: int) -> str:
    if there == 1:
        return f"../{slug}.md"
    return f"{slug}/{there}.md" if here == 1 else f"{there}.md"


def _pager(slug: str, here: int, count: int) -> tuple[tuple[str, str | None], ...]:
    """Newer, the first, last and nearby page numbers, older; empty for a single page."""
    if count == 1:
        return ()
    shown = sorted({1, count, *range(max(1, here - 2), min(count, here + 2) + 1)})
    links: list[tuple[str, str | None]] = []
    if here > 1:
        links.append(("« Newer", _target(slug, here, here - 1)))
    previous = 0
    for number in shown:
        if number > previous + 1:
            links.append(("…", ""))
        links.append((str(number), None if number == here else _target(slug, here, number)))
        previous = number
    if here < count:
        links.append(("Older »", _target(slug, here, here + 1)))
    return tuple(links)
