"""Data exports of the published records: events.json (the records as the schema describes
them), events.csv (ACLED-style columns), claims.csv (one row per statement) and
events.geojson. Pure functions of the archive returning text: no I/O, no clock.

Record text is data: CSV cells that a spreadsheet would run as a formula are prefixed
with a single quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pycountry

from generator import public, vocab
from generator.archive import Archive, Record
from generator.cache import Cache, digest
from generator.indexes import country_name
from generator.model import Event, Statement
from generator.schema import json_schema

#: Cells starting with one of these are read as formulas by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@")
SEPARATOR = "; "
#: ACLED time_precision: 1 the day is known, 2 within about a week, 3 the month or less.
TIME_PRECISION = {("day", False): 1, ("day", True): 2}
#: ACLED geo_precision: 1 the town is known, 2 near a town, 3 only the region or country.
GEO_PRECISION = {
    vocab.Precision.EXACT: 1,
    vocab.Precision.CITY: 1,
    vocab.Precision.NEAR: 2,
    vocab.Precision.ADMIN: 3,
    vocab.Precision.COUNTRY: 3,
}
#: Roles that make the first side of an event when it has no coded actions, in order.
FIRST_SIDE = (vocab.ActorRole.PERPETRATOR, vocab.ActorRole.HOST, vocab.ActorRole.PARTICIPANT)


@dataclass(frozen=True)
class Column:
    """One column of a CSV export (or property of the GeoJSON), documented on the Data page.

    value(archive, event) gives an event's cell; for claims.csv it is
    value(archive, event, claim, statement, number of the statement).
    """

    name: str
    description: str
    value: Callable[..., Any]


# ---- events.csv ------------------------------------------------------------------------


def _names(event: Event, keys: Iterable[str]) -> list[str]:
    names: list[str] = []
    for key in keys:
        name = event.actors[key].name
        if name not in names:
            names.append(name)
    return names


def sides(event: Event) -> tuple[list[str], list[str]]:
    """Actor names of the two sides: from the coded actions, else from the actors' roles."""
    if event.actions:
        first = _names(event, (k for a in event.actions for k in a.actor))
        second = _names(event, (k for a in event.actions for k in a.recipient))
    else:
        first = _names(
            event, (k for role in FIRST_SIDE for k, a in event.actors.items() if a.role is role)
        )
        second = _names(
            event, (k for k, a in event.actors.items() if a.role is vocab.ActorRole.TARGET)
        )
    return first, [name for name in second if name not in first]


def time_precision(event: Event) -> int:
    return TIME_PRECISION.get((event.date.precision, event.date.approximate), 3)


def iso_numeric(code: str) -> int | None:
    country = pycountry.countries.get(alpha_2=code)
    return int(country.numeric) if country is not None else None


def _outlet_names(archive: Archive, event: Event, keys: Iterable[str]) -> list[str]:
    names: list[str] = []
    for key in keys:
        name = archive.outlets[event.sources[key].outlet].name
        if name not in names:
            names.append(name)
    return names


def _first(values: list[str]) -> str:
    return values[0] if values else ""


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "The record id, permanent; the brief is at events/<event_id>/.",
           lambda a, e: e.id),
    Column("event_date", "The event date as YYYY-MM-DD; a month or a year is given as its "
           "first day, and time_precision says which is known.",
           lambda a, e: e.date.first_day().isoformat()),
    Column("time_precision", "ACLED time precision: 1 the day is known, 2 an approximate day "
           "(within about a week), 3 only the month or the year is known.",
           lambda a, e: time_precision(e)),
    Column("event_type", "ACLED event type, e.g. Strategic developments.",
           lambda a, e: vocab.EventType(e.event_type).label),
    Column("sub_event_type", "ACLED sub-event type, e.g. Agreement.",
           lambda a, e: vocab.SUB_EVENT_TYPES[vocab.EventType(e.event_type)][e.sub_event_type]),
    Column("actor1", "The main actor: the first source actor of the coded actions; without "
           "coded actions, the first perpetrator, else host, else participant.",
           lambda a, e: _first(sides(e)[0])),
    Column("assoc_actor_1", "The other actors on actor1's side, separated by '; '.",
           lambda a, e: SEPARATOR.join(sides(e)[0][1:])),
    Column("actor2", "The other side: the first recipient of the coded actions; without coded "
           "actions, the first target. Empty when there is none.",
           lambda a, e: _first(sides(e)[1])),
    Column("country", "Country of the event location.",
           lambda a, e: country_name(e.location.country)),
    Column("iso", "ISO 3166-1 numeric code of that country, as ACLED gives it (empty for "
           "Kosovo, which has none).", lambda a, e: iso_numeric(e.location.country)),
    Column("admin1", "First-level administrative division (province), if known.",
           lambda a, e: e.location.admin1 or ""),
    Column("location", "Place name.", lambda a, e: e.location.name),
    Column("latitude", "WGS84 latitude in decimal degrees; empty when unknown.",
           lambda a, e: e.location.lat),
    Column("longitude", "WGS84 longitude in decimal degrees; empty when unknown.",
           lambda a, e: e.location.lon),
    Column("geo_precision", "ACLED geo-precision: 1 the town or site is known, 2 near a town "
           "(its coordinates are used), 3 only the region or the country is known.",
           lambda a, e: GEO_PRECISION[e.location.precision]),
    Column("source", "Names of the outlets the record cites, separated by '; '.",
           lambda a, e: SEPARATOR.join(_outlet_names(a, e, e.sources))),
    Column("notes", "The record's summary of what happened.", lambda a, e: e.summary),
    Column("fatalities", "Fatalities under ACLED's counting rules; empty when the record "
           "gives no number (not zero).", lambda a, e: e.fatalities),
    Column("tags", "Topic tags, separated by '; '.", lambda a, e: SEPARATOR.join(e.tags)),
    Column("assoc_actor_2", "The other actors on actor2's side, separated by '; '.",
           lambda a, e: SEPARATOR.join(sides(e)[1][1:])),
    Column("status", "published, or retracted: a retracted brief stays online, marked.",
           lambda a, e: e.status.value),
    Column("title", "The brief's title.", lambda a, e: e.title),
)  # fmt: skip


# ---- claims.csv ------------------------------------------------------------------------


def _speaker(event: Event, statement: Statement) -> str:
    return event.actors[statement.attributed_to].name if statement.attributed_to else ""


CLAIM_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "The record id of the event the claim belongs to.",
           lambda a, e, c, s, n: e.id),
    Column("claim_id", "The claim's key, unique within its record; the brief anchors it at "
           "#claim-<claim_id>.", lambda a, e, c, s, n: c.id),
    Column("attributed_to", "Name of the speaker; empty when the outlet speaks in its own "
           "voice.", lambda a, e, c, s, n: _speaker(e, s)),
    Column("reported_by", "Names of the outlets that carry the statement, separated by '; '.",
           lambda a, e, c, s, n: SEPARATOR.join(_outlet_names(a, e, s.reported_by))),
    Column("stance", "What the statement does with the claim: "
           + ", ".join(vocab.Stance.values()) + ".", lambda a, e, c, s, n: s.stance.value),
    Column("form", "quote or paraphrase.", lambda a, e, c, s, n: s.form.value),
    Column("credibility", "Admiralty credibility of the claim, 1 (confirmed) to 6 (cannot be "
           "judged); empty when not assessed.",
           lambda a, e, c, s, n: int(c.credibility) if c.credibility else None),
    Column("statement", "Number of the statement within its claim, from 1.",
           lambda a, e, c, s, n: n),
    Column("claim_type", "Kind of proposition: " + ", ".join(vocab.ClaimType.values()) + ".",
           lambda a, e, c, s, n: c.type.value),
    Column("claim", "The claim in neutral words: a proposition, not a fact.",
           lambda a, e, c, s, n: c.text),
    Column("via", "Names of the outlets through which the reports were read, separated "
           "by '; '.", lambda a, e, c, s, n: SEPARATOR.join(_outlet_names(a, e, s.via))),
    Column("quote", "The quoted words, when form is quote.",
           lambda a, e, c, s, n: s.quote or ""),
    Column("said", "When it was said: YYYY, YYYY-MM or YYYY-MM-DD, ~ when approximate.",
           lambda a, e, c, s, n: s.said.iso if s.said else ""),
)  # fmt: skip


# ---- events.geojson --------------------------------------------------------------------

GEOJSON_PROPERTIES: tuple[Column, ...] = (
    Column("id", "The record id.", lambda a, e: e.id),
    Column("title", "The brief's title.", lambda a, e: e.title),
    Column("status", "published or retracted.", lambda a, e: e.status.value),
    Column("date", "Event date as the record writes it (YYYY, YYYY-MM or YYYY-MM-DD, ~ "
           "when approximate).", lambda a, e: e.date.iso),
    Column("event_type", "ACLED event type (snake_case value).", lambda a, e: e.event_type.value),
    Column("sub_event_type", "ACLED sub-event type (snake_case value).",
           lambda a, e: e.sub_event_type),
    Column("location", "Place name.", lambda a, e: e.location.name),
    Column("admin1", "Province or region; null when unknown.", lambda a, e: e.location.admin1),
    Column("country", "ISO 3166-1 alpha-2 code.", lambda a, e: e.location.country),
    Column("precision", "Geo-precision: " + ", ".join(vocab.Precision.values()) + ".",
           lambda a, e: e.location.precision.value),
    Column("fatalities", "Fatalities; null when the record gives no number.",
           lambda a, e: e.fatalities),
    Column("tags", "Topic tags (a list).", lambda a, e: list(e.tags)),
)  # fmt: skip


# ---- the files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """One record's lines of every export: a build after an edit redoes only its record's."""

    json: str
    events_csv: str
    claims_csv: str
    feature: str | None  # None: the event has no coordinates


def share(archive: Archive, record: Record) -> Share:
    event = public.public_event(archive, record)  # without related items to unpublished ones
    claim_rows = (
        [c.value(archive, event, claim, statement, number) for c in CLAIM_COLUMNS]
        for claim in event.claims
        for number, statement in enumerate(claim.statements, 1)
    )
    feature = None
    lat, lon = event.location.lat, event.location.lon
    if lat is not None and lon is not None:
        feature = _compact(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {p.name: p.value(archive, event) for p in GEOJSON_PROPERTIES},
            }
        )
    return Share(
        # pydantic's own encoder: json.dumps with an indent runs in Python (3 s per 1,000).
        event.model_dump_json(by_alias=True),
        _csv_rows([[c.value(archive, event) for c in EVENT_COLUMNS]]),
        _csv_rows(claim_rows),
        feature,
    )


def shares(archive: Archive, cache: Cache | None = None) -> list[Share]:
    """The share of every published record, from the cache when its inputs are unchanged
    (the record's bytes and the outlets it cites, whose names the exports spell out)."""
    found: list[Share] = []
    outlet_reprs = {k: repr(o) for k, o in archive.outlets.items()} if cache is not None else {}
    for record in archive.published:
        key = ""
        if cache is not None and record.digest:
            cited = sorted({source.outlet for source in record.event.sources.values()})
            outlets = [(k, outlet_reprs.get(k)) for k in cited]
            hidden = public.hidden_related(archive, record.event)
            key = digest("export", record.digest, repr(outlets), repr(hidden))
            cached = cache.exports.get(key)
            if isinstance(cached, Share):
                found.append(cached)
                continue
        made = share(archive, record)
        if key and cache is not None:
            cache.exports.put(key, made)
        found.append(made)
    return found


def events_json(archive: Archive, parts: list[Share] | None = None) -> str:
    """The published records as one JSON array, one record per line (so a diff shows which
    records changed); each item validates against the schema."""
    parts = shares(archive) if parts is None else parts
    return _lines("[", (p.json for p in parts), "]")


def events_csv(archive: Archive, parts: list[Share] | None = None) -> str:
    parts = shares(archive) if parts is None else parts
    return _csv_rows([[c.name for c in EVENT_COLUMNS]]) + "".join(p.events_csv for p in parts)


def claims_csv(archive: Archive, parts: list[Share] | None = None) -> str:
    parts = shares(archive) if parts is None else parts
    return _csv_rows([[c.name for c in CLAIM_COLUMNS]]) + "".join(p.claims_csv for p in parts)


def events_geojson(archive: Archive, parts: list[Share] | None = None) -> str:
    """A Point per event with coordinates (lon, lat); the others listed by id, not dropped."""
    parts = shares(archive) if parts is None else parts
    unplaced = [r.event.id for r, p in zip(archive.published, parts, strict=True) if not p.feature]
    return _lines(
        '{"type": "FeatureCollection", "features": [',
        (p.feature for p in parts if p.feature),
        f"], {_compact('events_without_coordinates')}: {_compact(unplaced)}}}",
    )


def _compact(value: Any) -> str:
    """JSON by the C encoder (json.dumps with an indent runs in Python)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _lines(opening: str, items: Iterable[str], closing: str) -> str:
    body = ",\n".join(items)
    return f"{opening}\n{body}\n{closing}\n" if body else f"{opening}{closing}\n"


def event_schema() -> str:
    return json.dumps(json_schema("event"), indent=2, ensure_ascii=False) + "\n"


#: File name in data/ -> how it is made from the records' shares, in the order the Data
#: page lists them.
EXPORTS: dict[str, Callable[[Archive, list[Share] | None], str]] = {
    "events.json": events_json,
    "events.csv": events_csv,
    "claims.csv": claims_csv,
    "events.geojson": events_geojson,
    "event.schema.json": lambda archive, parts=None: event_schema(),
}


def export_files(archive: Archive, cache: Cache | None = None) -> dict[str, str]:
    """Every data file of docs_dir, keyed by its path relative to docs_dir."""
    parts = shares(archive, cache)
    return {f"data/{name}": make(archive, parts) for name, make in sorted(EXPORTS.items())}


def spreadsheet_safe(value: Any) -> Any:
    """Text folded to one line; a leading = + - @ is quoted so no formula runs."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = " ".join(value.split())
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_rows(rows: Iterable[list[Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()
