"""Extras: pictures. The timelines and maps: what each shows, as data that the templates
also print as a table beside it, and the arguments draw_timeline.py and draw_maps.py draw
each from (pictures.py makes the files; the actor networks are in networks.py).

Pure functions of the archive; deterministic order; never write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator import draw_maps, draw_timeline, geo, vocab
from generator.archive import Record
from generator.indexes import Indexes, country_name
from generator.model import Event

MAP = "img/map.svg"
TIMELINE = "img/timeline.svg"
#: Dots on the world map, at most (see map_points).
MAX_POINTS = 300
#: Locator maps are drawn for places rounded to this many degrees: events a few
#: kilometres apart share one file, and the marker moves by at most two points.
LOCATOR_GRID = 0.5

#: Okabe-Ito colours, none of them next to its look-alike (orange and vermillion, blue and
#: sky blue are not both among the common types; yellow is not used on white).
_TYPE_COLOURS = {
    vocab.EventType.STRATEGIC_DEVELOPMENTS: "#0072b2",  # blue
    vocab.EventType.EXPLOSIONS_REMOTE_VIOLENCE: "#e69f00",  # orange
    vocab.EventType.BATTLES: "#000000",  # black
    vocab.EventType.VIOLENCE_AGAINST_CIVILIANS: "#cc79a7",  # reddish purple
    vocab.EventType.PROTESTS: "#009e73",  # bluish green
    vocab.EventType.RIOTS: "#56b4e9",  # sky blue
}

# ---- timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """One month (or one year, for records dated to the year only) of a timeline."""

    key: str  # YYYY-MM, or YYYY
    counts: dict[vocab.EventType, int]

    @property
    def dated(self) -> bool:
        """True for a month; False for a year of records without a month."""
        return len(self.key) == 7

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        from generator.dates import PartialDate

        text = PartialDate.parse(self.key).human()
        return text if len(self.key) > 4 else f"{text} (month not known)"

    @property
    def by_type(self) -> str:
        return ", ".join(f"{t.label} {n}" for t, n in self.counts.items())


def timeline(records: Iterable[Record]) -> list[Month]:
    """Events per month and type, oldest first; months without events are left out."""
    found: dict[str, dict[str, int]] = {}
    for (month, kind), count in Counter(r.month_and_type for r in records).items():
        found.setdefault(month, {})[kind] = count
    return [
        Month(key, {t: counts[v] for t, v in _TYPES if v in counts})
        for key, counts in sorted(found.items())
    ]


_TYPES = [(t, t.value) for t in vocab.EventType]  # in the vocabulary's order


def timeline_svg(months: Sequence[Month], title: str) -> bytes:
    return draw_timeline.timeline(*timeline_args(months, title))


def timeline_args(
    months: Sequence[Month], title: str
) -> tuple[list[str], list[draw_timeline.Series], str]:
    """What draw_timeline.timeline draws for these months."""
    dated = {m.key: m for m in months if len(m.key) == 7}
    keys = _month_range(min(dated), max(dated)) if dated else []
    series = [
        draw_timeline.Series(
            t.label,
            _TYPE_COLOURS[t],
            tuple(dated[k].counts.get(t, 0) if k in dated else 0 for k in keys),
        )
        for t in vocab.EventType
        if any(t in m.counts for m in dated.values())
    ]
    return keys, series, title


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    keys = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        keys.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def country_timeline(code: str) -> str:
    return f"img/countries/{code.lower()}-timeline.svg"


# ---- maps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCount:
    code: str
    name: str
    events: int  # briefs that involve the country: place, actors or claims
    on_map: bool  # False for what the 1:110m map cannot show (small islands, Kosovo)
    held: int = 0  # events held in the country (its place)


def country_counts(index: Indexes) -> list[CountryCount]:
    """Events per country (place, actors or claims, as on the By country pages), with the
    events held there; those held there first, most first."""
    shapes = geo.shapes()
    rows = [
        CountryCount(
            code,
            country_name(code),
            len(records),
            code in shapes,
            sum(1 for r in records if r.event.location.country == code),
        )
        for code, records in index.countries.items()
    ]
    return sorted(rows, key=lambda r: (-r.held, -r.events, r.name))


def map_points(records: Sequence[Record]) -> list[tuple[float, float, int]]:
    """Event locations with coordinates merged on a grid, (lon, lat, events): half a degree,
    or coarser when that would give more than MAX_POINTS dots (the file stays small)."""
    located = [
        (r.event.location.lon, r.event.location.lat)
        for r in records
        if r.event.location.lat is not None and r.event.location.lon is not None
    ]
    for step in (0.5, 1.0, 2.0, 5.0):
        cells = Counter(
            (round(lon / step) * step, round(lat / step) * step) for lon, lat in located
        )
        if len(cells) <= MAX_POINTS:
            break
    return [(lon, lat, n) for (lon, lat), n in sorted(cells.items())]


def map_svg(index: Indexes, records: Sequence[Record]) -> bytes:
    return draw_maps.world_map(*map_args(index, records))


def map_args(
    index: Indexes, records: Sequence[Record]
) -> tuple[dict[str, int], list[str], list[tuple[float, float, int]], str]:
    """What draw_maps.world_map draws for these records: the countries where events were
    held (shaded), those only involved through actors or claims (outlined), the dots."""
    rows = country_counts(index)
    places = {c.code: c.held for c in rows if c.held}
    involved = sorted(c.code for c in rows if not c.held)
    return places, involved, map_points(records), "Events by country"


def locator_cell(event: Event) -> tuple[float, float] | None:
    loc = event.location
    if loc.lat is None or loc.lon is None:
        return None
    step = LOCATOR_GRID
    return round(loc.lon / step) * step, round(loc.lat / step) * step


def locator(event: Event) -> str:
    """The locator image of an event: one file per place, shared by events held there."""
    code = event.location.country.lower()
    cell = locator_cell(event)
    if cell is None:
        return f"img/places/{code}.svg"
    lon, lat = cell
    ns = f"{abs(lat):.1f}{'n' if lat >= 0 else 's'}"
    ew = f"{abs(lon):.1f}{'e' if lon >= 0 else 'w'}"
    return f"img/places/{code}-{ns}-{ew}.svg"
