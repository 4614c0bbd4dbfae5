"""Search: which backend a site gets (`auto`: Material's for small archives, Pagefind for
large ones), what each brief page tells Pagefind's index, and the index build over the
finished site.

Pagefind (PyPI `pagefind[bin]`, which ships the binary) splits its index into fragments,
so a reader's query downloads a few hundred kilobytes whatever the size of the archive.
Facets: country, event type, year and actor. No MkDocs here; never prints.
"""

from __future__ import annotations

import html
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import indexes, vocab
from generator.archive import Archive, Record
from generator.errors import BriefingError

BACKENDS = ("auto", "material", "pagefind")
#: `auto` chooses Pagefind once Material's index would pass this many bytes. Material's
#: search downloads its whole index before the first result (110 MB at 10,000 events);
#: Pagefind's first search stays a few hundred kilobytes, but needs http(s), not file://.
AUTO_LIMIT = 1_000_000
#: Material's search_index.json over the JSON of the published records (listing pages
#: left out of the index, see material_search.py): measured 1.65 on the example archive
#: (6 briefs, 224 KB), 1.92 / 1.78 / 1.72 on synthetic archives of 30 / 150 / 1,000 events.
MATERIAL_RATIO = 1.8
#: Records measured for the estimate (evenly spaced); the rest are extrapolated.
SAMPLE = 200
OUTPUT = "pagefind"  #: folder of the index inside the site
#: The search page's guard that shows result excerpts as text (in briefs/, from assets/).
SCRIPT = "assets/search.js"
#: Facet name -> label, in the order the search page shows them.
FILTERS = {"country": "Country", "type": "Event type", "year": "Year", "actor": "Actor"}
#: The actor facet offers the actors of the most briefs. Every value is data that a
#: reader's first search downloads: 2,000 actors weighed 280 KB at 10,000 events. The
#: others are found by name, which is in the text of their briefs.
ACTOR_FACET_SIZE = 100


@dataclass(frozen=True)
class Choice:
    """The search backend a build uses, and why (the build prints both)."""

    backend: str
    reason: str


def material_index_bytes(records: Sequence[Record]) -> int:
    """About how many bytes Material's search index would have for these (published)
    records: their JSON, measured on an even sample, times MATERIAL_RATIO. A few
    milliseconds at any size (0.06 ms per record measured)."""
    if not records:
        return 0
    sample = records[:: max(1, len(records) // SAMPLE)]
    size = sum(len(r.event.model_dump_json(exclude_none=True).encode()) for r in sample)
    return round(size * len(records) / len(sample) * MATERIAL_RATIO)


def choose(
    setting: str, records: Sequence[Record], limit: int = AUTO_LIMIT, *, offline: bool = False
) -> Choice:
    """The backend for `search: <setting>`: auto compares Material's index, estimated
    before anything is built, with limit (bytes). An offline site (read from file://,
    where browsers refuse Pagefind's requests for its index) keeps Material's."""
    if setting != "auto":
        return Choice(setting, "set in mkdocs.yml")
    estimate = material_index_bytes(records)
    briefs = f"{len(records):,} brief{'' if len(records) == 1 else 's'}"
    about = f"Material's index would be about {_size(estimate)} for {briefs}"
    if offline:
        return Choice("material", f"{about}; the offline site is read from file://")
    if estimate > limit:
        return Choice("pagefind", f"{about}; over {_size(limit)}")
    return Choice("material", f"{about}; at most {_size(limit)}, and it works from file://")


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:,.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(count / 1000)):,} KB"


def facet_actors(records: Iterable[Record]) -> frozenset[str]:
    """The names the actor facet offers: those in the most briefs, ties by name."""
    counts = Counter(name for r in records for name in {a.name for a in r.event.actors.values()})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(name for name, _ in ranked[:ACTOR_FACET_SIZE])


def facets(record: Record, actors: frozenset[str]) -> dict[str, list[str]]:
    """The filter values of one brief (countries of place, actors and claims); actors
    only when the facet offers them."""
    event = record.event
    return {
        "country": [indexes.country_name(code) for code in indexes.event_countries(record)],
        "type": [vocab.EventType(event.event_type).label],
        "year": [str(event.date.year)],
        "actor": sorted({a.name for a in event.actors.values()} & actors),
    }


def ui_markup(value: str) -> str:
    """A filter value as Pagefind must store it: the HTML source of the text.

    Pagefind's UI puts filter values into the search page with innerHTML: stored as text,
    an actor named `<img src=x onerror=...>` ran its script there (issue 14). Stored as
    markup that reads as the text, the label shows the name as typed, and the filter still
    matches: the checkbox and the index hold the same stored string.
    """
    return html.escape(value, quote=False)


def filter_attribute(value: str) -> str:
    """The data-value attribute that Pagefind reads as ui_markup(value).

    Pagefind (1.3 to 1.5, fossick/parser.rs) takes the attribute as written and decodes
    its entities twice (get_attribute_pair, then again when it files the value), so the
    stored markup is escaped once more, then for the attribute. The test of the index
    (test_pagefind_xss.py) reads back what the installed Pagefind stores.
    """
    return html.escape(html.escape(ui_markup(value), quote=False), quote=True)


def lean_texts(record: Record, outlets: Mapping[str, str]) -> list[str]:
    """What a reader searches a brief by, in the order Pagefind shows it in excerpts:
    title, bottom line, what happened (the summary), key judgments, claims, quotes, actors
    (names, aliases, positions), places (the event's place, its divisions and country;
    the countries of actors and claims) and the outlets that reported it (outlets: key ->
    name). Not the tables of codes, grades, sources,
    pictures and navigation of the page: they were most of what Pagefind read and stored
    of a brief (a synthetic brief's page: 8.3 KB of text; this: 1.5 KB)."""
    event = record.event
    texts = [event.title]
    if event.assessment is not None:
        texts.append(event.assessment.bluf)
    texts.append(event.summary)
    if event.assessment is not None:
        texts += [judgment.text for judgment in event.assessment.judgments]
    texts += [claim.text for claim in event.claims]
    texts += [s.quote for claim in event.claims for s in claim.statements if s.quote]
    for actor in event.actors.values():
        texts.append(", ".join([actor.name, *actor.aliases, *filter(None, [actor.position])]))
    place = event.location
    divisions = [place.name, place.admin3, place.admin2, place.admin1]
    texts.append(", ".join(dict.fromkeys(filter(None, divisions))))
    texts.append(", ".join(indexes.country_name(c) for c in indexes.event_countries(record)))
    reported = dict.fromkeys(outlets.get(s.outlet, s.outlet) for s in event.sources.values())
    texts.append(", ".join(reported))
    return texts


def lean_body(record: Record, outlets: Mapping[str, str]) -> str:
    """The brief's body for Pagefind, hidden from readers: lean_texts as escaped text,
    the title marked as the result's title."""
    title, *rest = lean_texts(record, outlets)
    paragraphs = "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in rest)
    return f'<h1 data-pagefind-meta="title">{html.escape(title, quote=False)}</h1>{paragraphs}'


#: What annotate adds to one brief page: filter values, sort date, lean body.
Annotation = tuple[dict[str, list[str]], str, str]


class PageData(Mapping[str, Annotation]):
    """annotate's arguments for each brief page, by its Markdown path. A build makes them
    all at once (eager), so that it holds these few kilobytes per brief instead of the
    records while MkDocs builds the pages; a live preview, which writes only the pages
    that changed, makes each when asked."""

    def __init__(self, archive: Archive, *, eager: bool) -> None:
        published = archive.published
        self._actors = facet_actors(published)
        self._outlets = {key: outlet.name for key, outlet in archive.outlets.items()}
        self._records = {f"events/{r.event.id}.md": r for r in published}
        self._made: dict[str, Annotation] = {}
        if eager:
            self._made = {path: self._make(r) for path, r in self._records.items()}
            self._records = dict.fromkeys(self._records)  # type: ignore[arg-type]

    def _make(self, record: Record) -> Annotation:
        date = record.event.date.first_day().isoformat()
        return facets(record, self._actors), date, lean_body(record, self._outlets)

    def __getitem__(self, path: str) -> Annotation:
        made = self._made.get(path)
        if made is None:
            made = self._make(self._records[path])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def annotate(page: str, values: dict[str, list[str]], date: str, body: str) -> str:
    """Give the brief page its body for Pagefind (body, see lean_body: a hidden section
    that alone is indexed) and its filter values.

    Values go into attributes (escaped), never into text, so they do not change what the
    page says or what words it is found by. date (YYYY-MM-DD) lets results sort by date.
    Pagefind stores each value as the HTML source of its text (see filter_attribute).
    """
    marker = '<article class="md-content__inner md-typeset">'
    if marker not in page:
        return page
    spans = "".join(
        f'<span hidden data-pagefind-filter="{name}[data-value]" '
        f'data-value="{filter_attribute(value)}"></span>'
        for name, found in values.items()
        for value in found
    )
    spans += (
        f'<span hidden data-pagefind-sort="date[data-value]" '
        f'data-value="{html.escape(date, quote=True)}"></span>'
    )
    return page.replace(marker, f"{marker}<div hidden data-pagefind-body>{spans}{body}</div>", 1)


def ui_head(css: str) -> str:
    return f'<link rel="stylesheet" href="{html.escape(css, quote=True)}">'


def ui_body(script: str, guard: str) -> str:
    """The Pagefind UI with the facets open; ?q= in the address starts a search.

    guard (SCRIPT) rebuilds each result's excerpt from the text before the UI inserts it
    as HTML; filter values arrive as markup already (ui_markup).
    """
    filters = ", ".join(f'"{name}"' for name in ("country", "type", "year"))
    return (
        f'<script src="{html.escape(script, quote=True)}"></script>'
        f'<script src="{html.escape(guard, quote=True)}"></script>'
        "<script>window.addEventListener('DOMContentLoaded', function () {"
        "var ui = new PagefindUI({element: '#briefing-search', showSubResults: false, "
        f"showImages: false, resetStyles: false, openFilters: [{filters}], "
        "processResult: window.briefingSearch.processResult, "
        "translations: {placeholder: 'Search the briefs'}});"
        "var q = new URLSearchParams(window.location.search).get('q');"
        "if (q) { ui.triggerSearch(q); }});</script>"
    )


def executable() -> Path:
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError:
        raise BriefingError(
            "search: pagefind needs the pagefind binary: pip install 'pagefind[bin]' "
            "(or set search: material)"
        ) from None
    return Path(pagefind_bin.get_executable())


#: Longest a Pagefind run may take (seconds); 10,000 briefs took 40 s.
TIMEOUT = 1800


def build_index(site_dir: Path, waiting: Callable[[], None] = lambda: None) -> None:
    """Index the built site in place; the index goes to site_dir/pagefind/. waiting is
    called every half second while Pagefind runs (a progress line's clock)."""
    # Only briefs carry data-pagefind-body: reading the other pages (listings, actors,
    # outlets: a third of a large site) would only cost time.
    command = [
        *(str(executable()), "--site", str(site_dir), "--output-subdir", OUTPUT, "--quiet"),
        *("--glob", "events/**/*.html"),
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError as error:
        raise BriefingError(f"search: pagefind could not run: {error}") from None
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            stdout, stderr = process.communicate(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                process.kill()
                process.communicate()
                raise BriefingError(
                    f"search: pagefind could not run: still running after {TIMEOUT} s"
                ) from None
            waiting()
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()[-5:]
        raise BriefingError("search: pagefind failed: " + " / ".join(detail))
