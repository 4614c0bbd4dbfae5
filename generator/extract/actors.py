"""Extraction of actors, the registry half: one entry per person, organisation, group or
state, found again under any of its names, and merged when a generic mention ("Chinese
intelligence") turns out to be a named one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract import places


@dataclass
class ActorDraft:
    key: str
    name: str
    kind: str
    sector: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    position: str | None = None
    member_of: str | None = None
    role: str = "mentioned"
    unidentified: bool = False
    note: str | None = None
    evidence: str = ""
    surfaces: set[str] = field(default_factory=set)
    participant: bool = False


def norm(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", places.fold(name))
    return " ".join(w for w in words if w not in ("the", "s"))


class ActorBook:
    """The actors of one article, by key, with their surface names."""

    def __init__(self) -> None:
        self.items: dict[str, ActorDraft] = {}
        self.renamed: dict[str, str] = {}

    def key_for(self, name: str, prefer: str | None = None) -> str:
        acronym = prefer or name
        words = [w for w in norm(acronym).split() if w not in ("of", "and", "for", "unnamed")]
        key = "_".join(words[:4])[:40].strip("_") or "actor"
        if not key[0].isalpha():
            key = f"a_{key}"
        base, n = key, 2
        while key in self.items:
            key, n = f"{base}_{n}", n + 1
        return key

    def find(self, surface: str, country: str | None = None, kind: str | None = None) -> str | None:
        wanted = norm(surface)
        if not wanted:
            return None
        for key, actor in self.items.items():
            if kind and actor.kind != kind:
                continue
            if country and actor.country and actor.country != country:
                continue
            if wanted in {norm(s) for s in (actor.name, *actor.aliases, *actor.surfaces)}:
                return self.canonical(key)
        return None

    def add(self, actor: ActorDraft, surface: str = "") -> str:
        found = self.find(actor.name, actor.country, actor.kind)
        found = found or (self.find(surface, actor.country, actor.kind) if surface else None)
        if found:
            old = self.items[found]
            for alias in actor.aliases:
                if alias not in old.aliases and norm(alias) != norm(old.name):
                    old.aliases.append(alias)
            old.surfaces |= {surface} if surface else set()
            old.country = old.country or actor.country
            old.position = old.position or actor.position
            old.member_of = old.member_of or actor.member_of
            old.participant = old.participant or actor.participant
            return found
        actor.surfaces |= {surface, actor.name} - {""}
        self.items[actor.key] = actor
        return actor.key

    def canonical(self, key: str | None) -> str | None:
        while key in self.renamed:
            key = self.renamed[key]
        return key

    def persons(self) -> list[ActorDraft]:
        return [a for a in self.items.values() if a.kind == "person" and not a.unidentified]

    def by_surname(self, word: str) -> str | None:
        for actor in self.persons():
            if actor.name.split()[-1] == word:
                return actor.key
        return None

    def of_country(self, country: str, *, sector: str | None = None) -> str | None:
        """The named actor of a country (and sector) taking part, else a generic one."""
        matches = [
            a
            for a in self.items.values()
            if a.country == country
            and a.key not in self.renamed
            and a.kind != "person"
            and (sector is None or a.sector == sector)
            and (a.participant or sector is not None)
        ]
        matches.sort(key=lambda a: a.unidentified)
        return matches[0].key if matches else None

    def merge_generic(self) -> None:
        """Fold generic participants into the named actor of the same country and kind."""
        for actor in list(self.items.values()):
            if not actor.unidentified or actor.key in self.renamed:
                continue
            for other in self.items.values():
                if (
                    other is actor
                    or other.unidentified
                    or other.key in self.renamed
                    or other.country != actor.country
                    or other.kind != actor.kind
                ):
                    continue
                same_position = (
                    actor.kind == "person"
                    and actor.position
                    and other.position
                    and actor.position.lower() == other.position.lower()
                )
                same_sector = actor.kind == "organization" and actor.sector == other.sector
                if same_position or same_sector:
                    self.renamed[actor.key] = other.key
                    other.participant = other.participant or actor.participant
                    break
