"""`briefing extract`: an article -> a draft record that validates, and the writing of it.

Offline: spaCy's English pipeline (nlp.py) parses the article; who said what is read from
the parse (speech.py), with vocabularies of reporting verbs and titles as data (lexicon.py),
pycountry and the packaged GeoNames gazetteer. Never prints; raises BriefingError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.archive import Record, load_outlets, parse_event
from generator.checks import check_records
from generator.config import Settings
from generator.dates import PartialDate
from generator.errors import BriefingError, display_path
from generator.extract import classify, draft, figures, hygiene, places, when, where
from generator.extract.actors import ActorBook
from generator.extract.article import Article, read_article
from generator.extract.emit import Note, emit, scalar
from generator.extract.outlets import OutletFinder, OutletRef
from generator.extract.speech import Reader
from generator.load import load_text
from generator.model import Outlet

SCHEMA_LINE = "# yaml-language-server: $schema=../../../.schema/event.schema.json"


@dataclass
class Draft:
    """The draft record as YAML text, where it belongs, and the outlets it adds."""

    text: str
    path: Path
    event_id: str
    new_outlets: dict[str, Outlet] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def outlets_yaml(self, article: str) -> str:
        lines = [f"# ---- added by briefing extract from {article}: review each entry ----"]
        for key, outlet in self.new_outlets.items():
            lines.append(f"{key}:")
            for name, value in outlet.model_dump(exclude_none=True).items():
                lines.append(f"  {name}: {scalar(str(value) if name == 'reliability' else value)}")
        return "\n".join(lines) + "\n"


def _published(article: Article, override: str | None) -> PartialDate | None:
    if override:
        try:
            return PartialDate.parse(override)
        except ValueError as exc:
            raise BriefingError(f"--published: {exc}") from None
    return article.published


def _registry(settings: Settings) -> dict[str, Outlet]:
    """The project's outlets; none outside a project (every outlet is then new)."""
    if not settings.seeds_dir.is_dir():  # not a project (see config.find_root)
        return {}
    registry, problems = load_outlets(settings)
    if problems:
        raise BriefingError(
            f"{settings.outlets_path}: fix the outlet registry first ({problems[0]})"
        )
    return registry


def find(path: Path, settings: Settings, published: str | None = None) -> draft.Found:
    """Read an article and find its actors, outlets, claims, place, date and type."""
    article = read_article(path)
    registry = _registry(settings)
    when = _published(article, published)
    finder = OutletFinder(registry)
    name = article.header.get("outlet") or "Unknown outlet"
    article_ref = finder.resolve(name, "news site")
    finder.add_known(article_ref.name, article_ref.key)
    finder.seen.pop(article_ref.key, None)
    finder.seen[article_ref.key] = article_ref
    finder.read_article(article, article_ref.key)
    texts = [s.text for s in article.sentences]
    dateline = article.header.get("dateline")
    main = where.main_country(([dateline] if dateline else []) + texts)
    place = where.locate(article, main)
    book = ActorBook()
    reader = Reader(book, finder, article_ref.key, when)
    reader.story_countries = {m.code for t in texts for m in places.find_countries(t)}
    reader.read_all(article.sentences)
    event = classify.event_type(texts)
    found = draft.Found(article, article_ref, book, finder, reader, place, event, when)
    _figures_and_places(found)
    draft.post_rules(found)
    return found


def _figures_and_places(found: draft.Found) -> None:
    for sentence in found.article.sentences:
        claims = [c for c in found.reader.claims if c.evidence == sentence.text]
        for figure in figures.find(sentence.text):
            target = next(
                (c for c in claims if figure.text in c.text), claims[0] if claims else None
            )
            if target is not None and figure not in target.figures:
                target.figures.append(figure)
    for claim in found.reader.claims:
        codes = [m.code for m in places.find_countries(claim.text)]
        claim.places = list(dict.fromkeys(codes))


def _date(found: draft.Found) -> tuple[PartialDate, str, str]:
    violent = found.event.event_type in classify.VIOLENT
    return when.event_date(found.article, found.published, violent)


def build(found: draft.Found, settings: Settings) -> Draft:
    date, basis, date_note = _date(found)
    place = found.place
    if place is None:
        raise BriefingError("no country recognised in the article; cannot place the event")
    title = found.article.title or found.article.sentences[0].text[:120]
    event_id = draft.event_id(date, place.name, title)
    event = found.event
    violent = event.event_type in classify.VIOLENT
    spans = [s.span for s in found.article.sentences if s.span is not None]
    deaths, deaths_note = figures.fatalities(spans) if violent else (None, "")
    countries = {
        m.code: m.text for s in found.article.sentences for m in places.find_countries(s.text)
    }
    mentioned = ", ".join(f"{c} ({t})" for c, t in sorted(countries.items()))
    location: dict[str, Any] = {"name": place.name, "country": place.country}
    for key in ("admin1", "lat", "lon"):
        if getattr(place, key) is not None:
            location[key] = getattr(place, key)
    location["precision"] = place.precision
    if place.geonames:
        location["geonames"] = place.geonames
    location["note"] = place.note
    data: dict[str, Any] = {
        "schema": 1,
        "id": event_id,
        "status": "draft",
        "title": Note(title, ["", "title: the article's headline; make it neutral."]),
        "summary": Note(
            found.article.sentences[0].text, ["summary: the article's lead; rewrite it."]
        ),
        "date": Note(date.iso, [""]),
        "date_basis": basis,
        "date_note": date_note,
        "location": Note(
            location,
            [
                f"from: {draft.quote_of(place.sentence)}"
                if place.sentence
                else "location: no place sentence found."
            ],
        ),
        "event_type": Note(
            event.event_type,
            [
                f'ACLED type guessed from the cue "{event.cue}" in: '
                f"{draft.quote_of(event.sentence)}"
                if event.cue
                else "ACLED type: no cue found; strategic_developments/other by default."
            ],
        ),
        "sub_event_type": event.sub_event_type,
        "fatalities": Note(
            deaths or 0,
            [
                f"fatalities: {deaths_note}."
                if deaths
                else "fatalities: none reported."
                if violent
                else "fatalities: 0, a non-violent event (ACLED)."
            ],
        ),
        "actors": Note(draft.actors_data(found), ["", f"Countries mentioned: {mentioned}."]),
        "sources": Note(draft.sources_data(found), [""]),
        "claims": Note(
            draft.claims_data(found),
            [
                "",
                "Claims: one per statement in the "
                "article; merge those that state the same proposition.",
            ],
        ),
        "tags": [],
    }
    header = [
        SCHEMA_LINE,
        f"# Draft extracted by 'briefing extract' from {found.article.path}.",
        "# Each item quotes the sentence it came from: check it against the article, correct",
        "# it, then set status: reviewed. 'briefing validate' checks the record.",
    ]
    data = hygiene.unmask(data, _namer(found))  # type: ignore[assignment]
    text = "\n".join(header + emit(data)) + "\n"
    path = settings.events_dir / f"{date.year:04d}" / f"{event_id}.yaml"
    new = {
        r.key: Outlet(
            name=r.name,
            country=r.country,
            kind=r.kind,
            ownership="unknown",
            reliability="F",
            reliability_note="New entry from briefing extract: "
            "not yet assessed; check the name, country and kind.",
        )
        for r in found.outlets.seen.values()
        if r.new
    }
    result = Draft(text, path, event_id, new, data)
    _validate(result, settings)
    return result


def _namer(found: draft.Found) -> Callable[[str, str], str]:
    """What a placeholder left in the draft's text stands for: a name, never the marker."""

    def name_of(kind: str, key: str) -> str:
        actor = found.book.items.get(found.book.canonical(key) or key)
        outlet = found.outlets.seen.get(key) or found.outlets.pending.get(key)
        if kind.upper() == "A" and actor:
            return actor.name
        if kind.upper() == "O" and outlet:
            return outlet.name
        return "" if kind.upper() == "Q" else key.replace("_", " ")

    return name_of


def _validate(result: Draft, settings: Settings) -> None:
    """The draft must pass the project's own checks; anything else is a bug here."""
    shown = display_path(result.path, settings.root)
    doc, problems = load_text(result.text, shown)
    if doc is not None:
        event, problems = parse_event(doc)
        if event is not None:
            outlets = {**_registry(settings), **result.new_outlets}
            problems = check_records([Record(event, shown, doc)], outlets, settings)
    if problems:
        listed = "\n".join(str(p) for p in problems[:10])
        raise AssertionError(f"the extracted draft does not validate (a bug):\n{listed}")


def extract(path: Path, settings: Settings, published: str | None = None) -> Draft:
    return build(find(path, settings, published), settings)


def write(result: Draft, settings: Settings, article: str) -> list[Path]:
    """Create the record file (never overwrite) and append new outlets to the registry."""
    if result.path.exists():
        raise BriefingError(
            f"{display_path(result.path, settings.root)} already exists; it is never overwritten"
        )
    result.path.parent.mkdir(parents=True, exist_ok=True)
    written = [result.path]
    with result.path.open("x", encoding="utf-8") as handle:
        handle.write(result.text)
    if result.new_outlets:
        existing = settings.outlets_path.read_text(encoding="utf-8")
        with settings.outlets_path.open("a", encoding="utf-8") as handle:
            handle.write(("" if existing.endswith("\n") else "\n") + "\n")
            handle.write(result.outlets_yaml(article))
        written.append(settings.outlets_path)
    return written


__all__ = ["ActorBook", "Draft", "OutletRef", "extract", "find", "read_article", "write"]
