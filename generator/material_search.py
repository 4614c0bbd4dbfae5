"""Material's search, as the site uses it: which pages its index holds and how they rank,
and the script that fetches the index only when the reader searches. Pure functions of a
page's path and HTML; site.py calls them from the plugin's hooks. Never prints.

Measured on the example archive (6 briefs): the index was 269 KB, 43 % of it listing and
actor pages that repeat the briefs' titles and places as flattened table text, and every
page view downloaded it. Listings now stay out of the index, briefs rank above the other
pages, and a page view downloads the index only once the reader turns to the search box.
"""

from __future__ import annotations

from functools import cache

from generator.config import PACKAGE_DIR

#: Pages that list briefs (the home page, by month, country, type, tag and actor, the
#: outlets' listings): the navigation reaches them, and in the index they only repeated
#: what the briefs say, outranking the briefs on a name in their title.
LISTINGS = ("months/", "countries/", "types/", "tags/", "actors/", "outlets/")
#: Briefs rank above Sources, Methodology, Data and About for the same words.
BRIEF_BOOST = 2.0


def page_meta(src_uri: str) -> dict[str, object] | None:
    """The `search` front matter Material's search reads for this page, or None."""
    if src_uri.startswith("events/"):
        return {"boost": BRIEF_BOOST}
    if src_uri == "index.md" or src_uri.startswith(LISTINGS):
        return {"exclude": True}
    return None


@cache
def _script() -> str:
    text = (PACKAGE_DIR / "assets" / "search-on-demand.js").read_text(encoding="utf-8")
    return f"<script>{text}</script>"


def on_demand(page: str) -> str:
    """The page with the script that holds the index's download until the reader
    searches, first in its head (it must run before Material's bundle)."""
    if "</head>" not in page:
        return page
    head = page.index("<head>") + len("<head>") if "<head>" in page else page.index("</head>")
    return page[:head] + _script() + page[head:]
