"""Extras: pictures. The actor networks: who relates to whom in one brief and who acts in
the same events across the archive, as data the templates also print as tables, and the
arguments arcs.py draws each network from (pictures.py makes the files).

Pure functions of the archive; deterministic order; never draw or write.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator import arcs, draw, vocab
from generator.indexes import Indexes
from generator.model import Event

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

_KIND_COLOURS = {k: draw.PALETTE[i] for i, k in enumerate(vocab.ActorKind)}


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
