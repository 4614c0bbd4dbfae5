"""Extraction of actors that have no name of their own: "the police", "the government",
"a police spokesperson", "unnamed officials", "its sources", "the Russian side". A mixin of
mentions.Masker, which applies these detectors after the named ones.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from generator.extract import lexicon, persons, places
from generator.extract.actors import ActorDraft, sector_of

if TYPE_CHECKING:
    from generator.extract.actors import ActorBook
    from generator.extract.outlets import OutletFinder

TOKEN = re.compile(r"⟦([AOPQ]):(\w+)⟧")


@cache
def countries_alternation() -> str:
    words = sorted({*places.country_names(), *places.demonyms()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


class UnnamedActors:
    """Detectors for unnamed and generic actors; they replace mentions by ⟦A:key⟧ tokens."""

    book: ActorBook
    outlets: OutletFinder
    main: str | None
    evidence: str
    story_countries: set[str]

    def _new(self, actor: ActorDraft, surface: str = "") -> str:
        actor.evidence = actor.evidence or self.evidence
        return self.book.add(actor, surface)

    def _token(self, found: dict[str, str], key: str | None, surface: str) -> str:
        if key is None:
            return surface
        found[key] = surface
        return f"⟦A:{key}⟧"

    def _generic(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            rf"(?<![:⟦])\b(?P<the>[Tt]he\s+)?(?:(?P<dem>{countries_alternation()})(?:'s)?\s+)?(?P<noun>[Pp]olice|"
            r"[Aa]rmy|[Mm]ilitary|[Gg]overnment|[Pp]residency|[Mm]inistry|[Bb]loc|[Gg]roup)\b"
            r"(?=\s*[,.;]|\s*$|\s+(?:said|says|told|has|have|had|was|were|is|are|will|would|in|"
            r"of|on|at|also|later|[a-z]+ed)\b)"
        )

        def repl(m: re.Match[str]) -> str:
            noun = m.group("noun").lower()
            code = places.find_countries(m.group("dem"))[0].code if m.group("dem") else self.main
            if noun in ("ministry", "group", "bloc"):
                if not m.group("the") or m.group("dem"):
                    return m.group()
                want = {"ministry": "ministry", "group": "reb", "bloc": "igo"}[noun]
                candidates = [
                    a
                    for a in self.book.items.values()
                    if (want in a.name.lower() if noun == "ministry" else a.sector == want)
                ]
                if not candidates:
                    return m.group()
                return self._token(found, candidates[-1].key, m.group())
            dem = places.demonym(code) if code else None
            if noun == "government":
                name = f"Government of {places.country_name(code)}" if code else "Government"
                actor = ActorDraft(
                    self.book.key_for(f"{code or ''} government"), name, "state", "gov", code
                )
            else:
                name = f"{dem} {noun}" if dem else noun.capitalize()
                sector = {"police": "cop", "presidency": "gov"}.get(noun, "mil")
                actor = ActorDraft(
                    self.book.key_for(f"{code or ''} {noun}"), name, "organization", sector, code
                )
            surface = m.group()[len(m.group("the") or "") :]
            return (m.group("the") or "") + self._token(found, self._new(actor, name), surface)

        return re.sub(pattern, repl, text)

    def _unnamed(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            r"\b(?:[Aa]n?|[Oo]ne)\s+(?P<mods>(?:(?:unnamed|anonymous|senior|local|top)\s+)*)"
            rf"(?:(?P<dem>{countries_alternation()})\s+)?(?P<org>(?:police|hospital|army|military|government"
            rf"|security|ministry|⟦A:\w+⟧)\s+)?(?P<what>{lexicon.SINGLE_UNNAMED}|doctor)"
            r"(?:\s+(?:for|of|from|at)\s+(?:the\s+)?(?P<of>⟦A:\w+⟧))?"
            rf"(?:,\s+(?:(?P<name>{persons.PNAME.pattern})|(?P<tok>⟦A:\w+⟧))(?=,|\s))?"
        )

        def repl(m: re.Match[str]) -> str:
            of = TOKEN.fullmatch(m.group("of") or (m.group("org") or "").strip())
            member = self.book.canonical(of.group(2)) if of else None
            if member is None and m.group("org"):
                member = persons.generic_org(self.book, m.group("org").strip(), None)
            org = self.book.items.get(member) if member else None
            code = places.find_countries(m.group("dem"))[0].code if m.group("dem") else None
            if m.group("tok"):
                key = self.book.canonical(TOKEN.fullmatch(m.group("tok")).group(2)) or ""
                person = self.book.items[key]
                person.position = person.position or m.group("what").capitalize()
                person.member_of = person.member_of or member
                person.country = person.country or code or (org.country if org else None)
                return m.group("tok")
            if m.group("name"):
                key = persons.add_person(
                    self.book,
                    m.group("name"),
                    self.evidence,
                    position=m.group("what").capitalize(),
                    member_of=member,
                    country=code or (org.country if org else None),
                )
                return self._token(found, key, m.group("name"))
            words = [m.group("dem") or "", (m.group("org") or "").strip(), m.group("what")]
            if org and not m.group("org"):
                words.append(f"of {org.aliases[0] if org.aliases else org.name}")
            words = [w for w in words if w and not TOKEN.fullmatch(w)]
            if org and m.group("org") and not TOKEN.fullmatch(m.group("org").strip()):
                words[words.index(m.group("org").strip())] = org.name
            name = "Unnamed " + " ".join(w for w in words if w)
            actor = ActorDraft(
                self.book.key_for(name),
                name,
                "person",
                org.sector if org else sector_of(name) or "unk",
                code or (org.country if org else None),
                member_of=member,
                position=m.group("what").capitalize(),
                unidentified=True,
            )
            return self._token(found, self._new(actor, name), m.group())

        return re.sub(pattern, repl, text)

    def _groups(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            r"(?<![\d⟧] )(?:\b(?P<det>its|their|[Tt]wo|[Tt]hree|several|some|other)\s+)?"
            r"(?P<mods>(?:(?:unnamed|anonymous|senior|diplomatic|security|government|military|"
            rf"intelligence|local|western|{countries_alternation()}|⟦A:\w+⟧)\s+)*)"
            rf"\b(?P<noun>{lexicon.GROUP_NOUNS})\b"
            r"(?:\s+(?:from|of|in)\s+(?P<of>both countries|the victims?|⟦A:\w+⟧))?"
        )
        outlet = TOKEN.search(text.replace("⟦A", "⟦a"))
        outlet_ref = self.outlets.seen.get(outlet.group(2)) if outlet else None

        def repl(m: re.Match[str]) -> str:
            quoted = outlet_ref and re.search(r"(?:quoting|citing)\s+$", text[: m.start()])
            if not (m.group("det") or m.group("mods") or m.group("of") or quoted):
                return m.group()
            mods = TOKEN.sub(lambda t: found.get(t.group(2), ""), m.group("mods") or "")
            mods = re.sub(r"\b(?:unnamed|anonymous)\s*", "", mods).strip()
            mentions = places.find_countries(mods)
            code = mentions[0].code if mentions else (outlet_ref.country if outlet_ref else None)
            if not mentions and code and code not in self.story_countries:
                code = None  # a foreign paper's sources: nationality unknown
            for tok in TOKEN.finditer(m.group("mods") or ""):
                owner = self.book.items.get(self.book.canonical(tok.group(2)) or "")
                code = code or (owner.country if owner else None)
            noun = m.group("noun")
            if m.group("of") and not TOKEN.match(m.group("of")):
                name = (
                    f"{noun.capitalize()} of {m.group('of')}"
                    if "victim" in m.group("of")
                    else f"Unnamed {noun} from {m.group('of')}"
                )
                code = None if "both" in m.group("of") else code
            elif noun == "sources" and outlet_ref:
                name = f"Unnamed {mods + ' ' if mods else ''}sources of {outlet_ref.name}"
            else:
                from_outlet = outlet_ref is not None and code == outlet_ref.country
                dem = places.demonym(code) if code and not mentions and from_outlet else ""
                name = f"Unnamed {' '.join(w for w in (dem, mods, noun) if w)}"
            actor = ActorDraft(
                self.book.key_for(name),
                name,
                "group",
                sector_of(name) or "unk",
                code,
                unidentified=True,
            )
            return self._token(found, self._new(actor, name), m.group())

        return re.sub(pattern, repl, text)

    def _sides(self, text: str, found: dict[str, str]) -> str:
        def side(m: re.Match[str]) -> str:
            code = places.find_countries(m.group("c"))[0].code
            key = self.book.of_country(code)
            if key is None:
                name = places.country_name(code)
                key = self._new(
                    ActorDraft(self.book.key_for(name), name, "state", "gov", code), name
                )
            return self._token(found, key, m.group())

        text = re.sub(rf"\b(?:[Tt]he\s+)?(?P<c>{countries_alternation()})\s+side\b", side, text)

        def its(m: re.Match[str]) -> str:
            before = [k for k in TOKEN.findall(text[: m.start()]) if k[0] == "A"]
            owner = (
                self.book.items.get(self.book.canonical(before[-1][1]) or "") if before else None
            )
            if not owner or not owner.country:
                return m.group()
            key = self.book.of_country(owner.country, sector="spy")
            return self._token(found, key, m.group()) if key else m.group()

        return re.sub(r"\bits intelligence (?:agency|service)\b", its, text)
