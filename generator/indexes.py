"""Groupings of published records for the index pages: by month, country, actor, type, tag
and outlet. Pure functions of the archive; deterministic order; never render or write.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from generator.archive import Archive, Record
from generator.model import Actor
from generator.names import actor_slug

_USER_ASSIGNED = {"XK": "Kosovo"}


@lru_cache(maxsize=1024)
def country_name(code: str | None) -> str:
    if code is None:
        return "None (transnational)"
    if code in _USER_ASSIGNED:
        return _USER_ASSIGNED[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def slugify(text: str) -> str:
    """ASCII words of a text, for record ids (`briefing new`): 'Islamabad' -> 'islamabad'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "actor"


@dataclass
class ActorEntry:
    """One actor across records, merged by name."""

    name: str
    slug: str
    aliases: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    appearances: list[tuple[Record, str, Actor]] = field(default_factory=list)


@dataclass(frozen=True)
class Indexes:
    months: dict[str, list[Record]]
    countries: dict[str, list[Record]]
    actors: dict[str, ActorEntry]
    types: dict[str, list[Record]]
    tags: dict[str, list[Record]]
    outlets: dict[str, list[Record]]


def event_countries(record: Record) -> list[str]:
    """The event's country first, then every other country of its actors and claims."""
    event = record.event
    found = [event.location.country]
    for actor in event.actors.values():
        if actor.country and actor.country not in found:
            found.append(actor.country)
    for claim in event.claims:
        for place in claim.places:
            if place not in found:
                found.append(place)
    return found


def build(archive: Archive) -> Indexes:
    """The indexes of an archive, built once: pages, pictures and feeds all read them, and
    neither the archive nor its indexes change once made."""
    found = archive.__dict__.get("_indexes")
    if found is None:
        found = archive.__dict__["_indexes"] = _build(archive)
    return found


def _build(archive: Archive) -> Indexes:
    months: dict[str, list[Record]] = defaultdict(list)
    countries: dict[str, list[Record]] = defaultdict(list)
    actors: dict[str, ActorEntry] = {}
    types: dict[str, list[Record]] = defaultdict(list)
    tags: dict[str, list[Record]] = defaultdict(list)
    outlets: dict[str, list[Record]] = defaultdict(list)
    for record in archive.published:  # newest first, so every list below is too
        event = record.event
        months[event.date.month_key].append(record)
        for code in event_countries(record):
            countries[code].append(record)
        types[event.event_type.value].append(record)
        for tag in event.tags:
            tags[tag].append(record)
        for outlet in sorted({s.outlet for s in event.sources.values()}):
            outlets[outlet].append(record)
        for key, actor in sorted(event.actors.items()):
            slug = actor_slug(actor.name)
            entry = actors.setdefault(slug, ActorEntry(actor.name, slug))
            entry.aliases.update(actor.aliases)
            if actor.country:
                entry.countries.add(actor.country)
            entry.appearances.append((record, key, actor))
    return Indexes(
        months=dict(sorted(months.items(), reverse=True)),
        countries=dict(sorted(countries.items(), key=lambda kv: country_name(kv[0]))),
        actors=dict(sorted(actors.items(), key=lambda kv: kv[1].name.casefold())),
        types=dict(sorted(types.items())),
        tags=dict(sorted(tags.items())),
        outlets=dict(sorted(outlets.items())),
    )
