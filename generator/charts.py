"""Extras: pictures. What each picture shows, as data that the templates also print as a
table beside it, and the arguments draw.py draws each picture from (pictures.py makes
the files).

Pure functions of the archive; deterministic order; never write.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator import arcs, draw, geo, vocab
from generator.archive import Record
from generator.indexes import Indexes, country_name
from generator.model import Event

MAP = "img/map.svg"
TIMELINE = "img/timeline.svg"
ACTORS = "img/actors.svg"
NETWORK_KEY = "img/network-key.svg"
#: The archive network shows the actors found in the most briefs, so it stays legible
#: (one row each, see arcs.py); the By actor page lists them all.
NETWORK_SIZE = 16
#: A brief's network draws at most this many actors, those with the most links: legible,
#: and at most 435 lines, so the file stays far below 150 KB whatever the record codes
#: (200 actors, half acting towards the other half, drew 10,000 lines: 900 KB).
EVENT_NETWORK_SIZE = 30
#: Names up to this long are drawn whole in a network (in two lines when need be); longer
#: ones by their shortest alias.
LABEL_LIMIT = 60
#: Rows of a brief's table of links, at most: the same record codes 10,000 links.
LINKS_LISTED = 200
PAIRS_LISTED = 30
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
_KIND_COLOURS = {k: draw.PALETTE[i] for i, k in enumerate(vocab.ActorKind)}


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
    return draw.timeline(*timeline_args(months, title))


def timeline_args(months: Sequence[Month], title: str) -> tuple[list[str], list[draw.Series], str]:
    """What draw.timeline draws for these months."""
    dated = {m.key: m for m in months if len(m.key) == 7}
    keys = _month_range(min(dated), max(dated)) if dated else []
    series = [
        draw.Series(
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
    return draw.world_map(*map_args(index, records))


def map_args(
    index: Indexes, records: Sequence[Record]
) -> tuple[dict[str, int], list[str], list[tuple[float, float, int]], str]:
    """What draw.world_map draws for these records: the countries where events were held
    (shaded), those only involved through actors or claims (outlined), the dots."""
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


# ---- networks --------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Two actors of one event and how the record relates them."""

    a: str  # actor key
    relation: str
    b: str


_RELATIONS = ("member of", "acts towards", "acts about", "relays")
#: Each relation by colour, width and dash together (Okabe-Ito colours), so it is told
#: apart in grey print and with the common colour-vision deficiencies.
_ARCHIVE_STYLE = (1.0, "-", "#7a7a7a")
_STYLES = {
    "member of": (1.6, "--", "#0072b2"),
    "acts towards": (2.6, "-", "#000000"),
    "acts about": (2.4, ":", "#009e73"),
    "relays": (1.6, "-.", "#cc79a7"),
}


def event_links(event: Event) -> list[Link]:
    """Who relates to whom in one record: membership, coded actions, relayed statements.

    (Every actor of an event acts in that event, so within one brief the co-occurrence
    rule of the archive network would link everyone to everyone.)
    """
    found: set[tuple[int, str, str]] = set()

    def add(a: str, relation: str, b: str) -> None:
        if a != b:
            found.add((_RELATIONS.index(relation), a, b))

    for key, actor in event.actors.items():
        if actor.member_of:
            add(key, "member of", actor.member_of)
    for action in event.actions:
        for a in action.actor:  # co-actors are not linked: every action would be a clique
            for b in action.recipient:
                add(a, "acts towards", b)
            for b in action.about:
                add(a, "acts about", b)
    for claim in event.claims:
        for s in claim.statements:
            if s.relayed_by and s.attributed_to:
                add(s.relayed_by, "relays", s.attributed_to)
    order = {key: i for i, key in enumerate(event.actors)}
    ranked = sorted(found, key=lambda f: (order[f[1]], f[0], order[f[2]]))
    return [Link(a, _RELATIONS[r], b) for r, a, b in ranked]


def has_network(event: Event) -> bool:
    return len(event.actors) >= 2


def event_network(event: Event) -> str:
    return f"img/events/{event.id}-actors.svg"


def _circle_order(event: Event) -> list[str]:
    """Record order, with each organisation's members right after it (depth first, by a
    loop: a chain of any length or a cycle, validated or not, cannot exhaust the stack)."""
    order: list[str] = []
    placed: set[str] = set()
    members: dict[str, list[str]] = defaultdict(list)
    for key, actor in event.actors.items():
        if actor.member_of and actor.member_of in event.actors:
            members[actor.member_of].append(key)

    def place(key: str) -> None:
        stack = [key]
        while stack:
            current = stack.pop()
            if current not in placed:
                placed.add(current)
                order.append(current)
                stack.extend(reversed(members[current]))

    for key, actor in event.actors.items():
        if not (actor.member_of and actor.member_of in event.actors):
            place(key)
    for key in event.actors:  # members of cycles
        place(key)
    return order


def drawn_actors(event: Event) -> list[str]:
    """The actors a brief's network draws, in their order around the circle: every actor,
    or EVENT_NETWORK_SIZE of them chosen one by one, each time the one with the most links
    to those already chosen, then the most links, then the first in the record (so the
    picture shows links, not a ring of hubs that share none)."""
    order = _circle_order(event)
    if len(order) <= EVENT_NETWORK_SIZE:
        return order
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in event_links(event):
        neighbours[link.a].add(link.b)
        neighbours[link.b].add(link.a)
    rank = {key: i for i, key in enumerate(event.actors)}
    to_chosen: Counter[str] = Counter()
    left = set(event.actors)
    chosen: set[str] = set()
    while len(chosen) < EVENT_NETWORK_SIZE:
        best = min(left, key=lambda k: (-to_chosen[k], -len(neighbours[k]), rank[k]))
        left.discard(best)
        chosen.add(best)
        for other in neighbours[best]:
            to_chosen[other] += 1
    return [key for key in order if key in chosen]


def drawn_links(event: Event) -> list[Link]:
    """The links among the drawn actors."""
    drawn = set(drawn_actors(event))
    return [link for link in event_links(event) if link.a in drawn and link.b in drawn]


def event_network_svg(event: Event) -> bytes:
    return arcs.network(*event_network_args(event))


def event_network_args(event: Event) -> tuple[list[arcs.Node], list[arcs.Edge], str]:
    """What arcs.network draws for one brief: all its picture depends on."""
    order = drawn_actors(event)
    position = {key: i for i, key in enumerate(order)}
    actors = event.actors
    nodes = [
        arcs.Node(
            short_name(actors[k].name, actors[k].aliases, LABEL_LIMIT),
            _KIND_COLOURS[actors[k].kind],
        )
        for k in order
    ]
    pairs: dict[tuple[int, int], str] = {}
    for link in event_links(event):  # the first relation of a pair (_RELATIONS order) is drawn
        if link.a in position and link.b in position:
            a, b = sorted((position[link.a], position[link.b]))
            pairs.setdefault((a, b), link.relation)
    edges = [arcs.Edge(a, b, *_STYLES[rel]) for (a, b), rel in sorted(pairs.items())]
    title = "Actors of this event and their links"
    if len(order) < len(actors):
        title = f"The {len(order)} of the {len(actors)} actors of this event with the most links"
    return nodes, edges, title


def network_key_svg() -> bytes:
    return arcs.network_key(*network_key_args())


def network_key_args() -> tuple[list[arcs.Key], str]:
    keys = [arcs.Key(k.label, _KIND_COLOURS[k], None) for k in vocab.ActorKind]
    keys += [arcs.Key(r, None, _STYLES[r]) for r in _RELATIONS]
    keys.append(arcs.Key("in the same events", None, _ARCHIVE_STYLE))
    return keys, "Key to the actor networks"


@dataclass(frozen=True)
class Pair:
    a: str  # actor slug (see indexes.actors)
    b: str
    events: int


@dataclass(frozen=True)
class Network:
    actors: list[str]  # slugs, in the order drawn around the circle
    pairs: list[Pair]  # among those actors, the most frequent first


def archive_network(index: Indexes) -> Network:
    """Actors found in the most briefs, linked when they act in the same event; worked out
    once per archive (its picture and the By actor page both show it)."""
    found = index.__dict__.get("_network")
    if found is None:
        found = index.__dict__["_network"] = _archive_network(index)
    return found


def _archive_network(index: Indexes) -> Network:
    """The actors in the most briefs, then those sharing events with the most others."""
    per_event: dict[str, set[str]] = defaultdict(set)
    for entry in index.actors.values():
        for record, _, _ in entry.appearances:
            per_event[record.event.id].add(entry.slug)
    partners: Counter[str] = Counter()
    for slugs in per_event.values():
        for slug in slugs:
            partners[slug] += len(slugs) - 1  # a partner met twice counts twice: linear
    ranked = sorted(
        index.actors.values(),
        key=lambda e: (-len(e.appearances), -partners[e.slug], e.name.casefold()),
    )
    chosen = [e.slug for e in ranked[:NETWORK_SIZE]]
    wanted = set(chosen)
    together: Counter[tuple[str, str]] = Counter()
    per_event = {key: slugs & wanted for key, slugs in per_event.items()}
    for slugs in per_event.values():
        ordered = sorted(slugs)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                together[(a, b)] += 1
    # Around the circle, actors of the same events sit together: most links become short
    # chords instead of a hairball.
    first_seen = {slug: _event_rank(index, slug)[0] for slug in chosen}
    chosen.sort(key=lambda slug: (first_seen[slug], index.actors[slug].name.casefold()))
    rank = {slug: i for i, slug in enumerate(chosen)}
    pairs = sorted(
        (Pair(*sorted((a, b), key=rank.__getitem__), n) for (a, b), n in together.items()),
        key=lambda p: (-p.events, rank[p.a], rank[p.b]),
    )
    return Network(chosen, pairs)


def _event_rank(index: Indexes, slug: str) -> list[tuple[str, str]]:
    """Where an actor appears: (date, id) of each of its events, oldest first."""
    return sorted(
        (r.event.date.first_day().isoformat(), r.event.id)
        for r, _, _ in index.actors[slug].appearances
    )


def archive_network_svg(index: Indexes, network: Network) -> bytes:
    return arcs.network(*archive_network_args(index, network))


def archive_network_args(
    index: Indexes, network: Network
) -> tuple[list[arcs.Node], list[arcs.Edge], str]:
    """What arcs.network draws for the archive network."""
    position = {slug: i for i, slug in enumerate(network.actors)}
    nodes = []
    for slug in network.actors:
        entry = index.actors[slug]
        kind = entry.appearances[0][2].kind
        label = short_name(entry.name, sorted(entry.aliases), LABEL_LIMIT)
        nodes.append(arcs.Node(label, _KIND_COLOURS[kind]))
    most = max((p.events for p in network.pairs), default=1)
    width, style, colour = _ARCHIVE_STYLE
    edges = [  # one shared event: a thin line; the most shared: about four points
        arcs.Edge(position[p.a], position[p.b], width + 3.0 * (p.events - 1) / most, style, colour)
        for p in network.pairs
    ]
    return nodes, edges, "Actors who act in the same events"


def short_name(name: str, aliases: Iterable[str], limit: int = 30) -> str:
    """A label for a node: the name, or its shortest alias when the name is long."""
    if len(name) <= limit:
        return name
    usable = sorted((a for a in aliases if 2 <= len(a) <= limit), key=lambda a: (len(a), a))
    return usable[0] if usable else name[: limit - 1].rstrip() + "…"
