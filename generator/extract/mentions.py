"""Extraction, step 2: find the outlets and actors a sentence mentions and replace each
mention by a token (⟦O:key⟧, ⟦A:key⟧, ⟦P:he⟧, quotes by ⟦Q:n⟧), so that statements.py can
read "⟦O:dawn⟧, quoting ⟦A:pk_officials⟧, confirmed that ..." with plain patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.extract import lexicon, persons, places
from generator.extract.actors import ActorBook, ActorDraft, norm, sector_of
from generator.extract.outlets import OutletFinder

TOKEN = re.compile(r"⟦([AOPQ]):(\w+)⟧")
_C = None  # country alternation, built lazily


def _countries() -> str:
    global _C
    if _C is None:
        words = sorted({*places.country_names(), *places.demonyms()}, key=len, reverse=True)
        _C = "|".join(re.escape(w) for w in words)
    return _C


@dataclass
class Masked:
    text: str  # the masked sentence
    original: str
    quotes: list[str]
    actors: dict[str, str]  # key -> surface text


_ORGCAP = re.compile(
    r"(?<![\w⟦:])(?:[A-Z][\w'-]*|al-\w+)(?:\s+(?:(?:of|and|for|the|on|de|al)\s+)*(?:[A-Z][\w-]*))*"
    r"(?:\s+\((?:also known as\s+)?[^)]+\))?"
    r"(?:\s+[a-z]+\s+(?:agency|mission|office|programme|program|fund|committee)\b)?"
)
_COLLECTIVE = (
    r"(?:[Tt]he\s+)?(?:(?:senior|top|regional)\s+)?(?P<what>heads? of intelligence|intelligence "
    r"chiefs|spy chiefs|spymasters|intelligence heads|heads of the intelligence services|"
    r"[Ss]ecurity officials|(?:foreign|defen[cs]e|interior) ministers|army chiefs|military "
    r"chiefs|police chiefs)\s+(?:of|from)\s+(?:the\s+)?(?P<list>(?:{c})(?:,\s*(?:{c}))*,?\s+and"
    r"\s+(?:{c}))"
)


class Masker:
    """Masks one sentence at a time, adding what it finds to the actor book."""

    def __init__(self, book: ActorBook, outlets: OutletFinder, main_country: str | None) -> None:
        self.book, self.outlets, self.main = book, outlets, main_country
        self.evidence = ""
        self.story_countries: set[str] = set()

    # -- helpers -------------------------------------------------------------------------
    def _new(self, actor: ActorDraft, surface: str = "") -> str:
        actor.evidence = actor.evidence or self.evidence
        return self.book.add(actor, surface)

    def org(self, surface: str) -> str | None:
        """Key of the organisation a name denotes, adding it when new."""
        text = re.sub(r"^(?:the|The)\s+", "", surface.strip()).strip()
        aliases = [a.strip() for a in re.findall(r"\((?:also known as\s+)?([^)]+)\)", text)]
        text = re.sub(r"\s*\([^)]*\)", "", text).strip()
        country, full = None, text
        first = places.find_countries(text)
        if first and first[0].start == 0 and len(first[0].text) < len(text):
            country = first[0].code
            text = text[first[0].end :].strip()
        if text.lower() in ("police", "army", "military", "government", "presidency", "navy"):
            return None
        for name, known, code, sector in lexicon.KNOWN_ORGS:
            if (
                text == name
                or text in known
                or any(a in known or a == name for a in aliases)
                or (country and code == country and name.startswith(text) and len(text) > 12)
            ):
                short = next((k for k in known if k.isupper() and len(k) >= 3), name)
                actor = ActorDraft(self.book.key_for(name, short), name,
                                   "organization", sector, code, list(known))  # fmt: skip
                return self._new(actor, text)
        if not any(w.lower().strip("()") in lexicon.ORG_WORDS for w in text.split()):
            return None
        ministry = re.fullmatch(r"(?:(?P<a>[A-Z]\w+) Ministry|Ministry of (?:the )?(?P<b>[A-Z][\w ]+))",
                                text)  # fmt: skip
        for pattern, generic in [*lexicon.MINISTRIES, (r".*", "")]:
            if ministry and not generic:
                generic = f"Ministry of {ministry.group('a') or ministry.group('b')}"
            if generic and re.fullmatch(pattern, text, re.I) and (country or self.main):
                code = country or self.main or ""
                name = f"{generic} of {places.country_name(code)}"
                actor = ActorDraft(self.book.key_for(name, text), name, "organization", "gov",
                                   code, [text] if text != name else [])  # fmt: skip
                return self._new(actor, text)
        found = self.book.find(text)
        if found:
            return found
        acronym = next((a for a in aliases if a.isupper() or len(a.split()) == 1), None)
        text = full if country and not full.endswith("'s") and "'s " not in full else text
        actor = ActorDraft(self.book.key_for(text, acronym), text, "organization",
                           sector_of(f"{text} {' '.join(aliases)}") or "unk", country, aliases)  # fmt: skip
        if text.lower().endswith("presidency"):
            actor.sector = "gov"
        return self._new(actor, text)

    # -- detectors, applied in order -----------------------------------------------------
    def mask(self, sentence: str, evidence: str) -> Masked:
        self.evidence = evidence
        quotes: list[str] = []

        def quote(m: re.Match[str]) -> str:
            quotes.append(m.group(1).strip().rstrip(",").strip())
            self._quoted_names(m.group(1))
            return f"⟦Q:{len(quotes) - 1}⟧"

        text = re.sub(r'"([^"]+)"', quote, sentence)
        found: dict[str, str] = {}
        text = self._outlets(text)
        for step in (self._collectives, self._called, self._persons, self._orgs,
                     self._generic, self._unnamed, self._groups, self._sides, self._names,
                     self._pronouns):  # fmt: skip
            text = step(text, found)
        return Masked(text, sentence, quotes, found)

    def _token(self, found: dict[str, str], key: str | None, surface: str) -> str:
        if key is None:
            return surface
        found[key] = surface
        return f"⟦A:{key}⟧"

    def _sub(self, pattern: re.Pattern[str] | str, text: str, fn: Callable) -> str:
        return re.sub(pattern, fn, text)

    def _quoted_names(self, quote: str) -> None:
        for match in _ORGCAP.finditer(quote):
            self.org(match.group())

    def _outlets(self, text: str) -> str:
        for start, end, ref in reversed(self.outlets.find(text)):
            ref.evidence.append(self.evidence)
            text = f"{text[:start]}⟦O:{ref.key}⟧{text[end:]}"
        return text

    def _collectives(self, text: str, found: dict[str, str]) -> str:
        def repl(m: re.Match[str]) -> str:
            what = m.group("what").lower()
            tokens = []
            listed = m.group("list")
            offset = m.start("list") - m.start()
            for mention in places.find_countries(listed):
                mention = places.CountryMention(
                    mention.code, mention.start + offset, mention.end + offset, mention.text, False
                )
                code = mention.code
                dem = places.demonym(code) or places.country_name(code)
                if "intelligence" in what or "spy" in what:
                    actor = ActorDraft("", f"{dem} intelligence service", "organization", "spy")
                elif "security" in what:
                    actor = ActorDraft("", f"{dem} security officials", "group", "spy")
                elif "minister" in what:
                    title = what.split()[0].capitalize() + " Minister"
                    name = f"{title} of {places.country_name(code)}"
                    actor = ActorDraft("", name, "person", "gov", position=title)
                else:
                    actor = ActorDraft("", f"{dem} {what.rstrip('s')}", "group", sector_of(what))
                actor.key = self.book.key_for(f"{code} {what.split()[-1]}")
                actor.country, actor.unidentified, actor.participant = code, True, True
                actor.note = "Not named in the article."
                surface = m.group()[: mention.end] if not tokens else mention.text
                tokens.append(self._token(found, self._new(actor, actor.name), surface))
            return ", ".join(tokens[:-1]) + " and " + tokens[-1] if len(tokens) > 1 else m.group()

        return re.sub(_COLLECTIVE.replace("{c}", _countries()), repl, text)

    def _called(self, text: str, found: dict[str, str]) -> str:
        return re.sub(r"\b[Aa]n?\s+(?:[\w-]+\s+)?group calling itself\s+(?:the\s+)?", "the ", text)

    def _persons(self, text: str, found: dict[str, str]) -> str:
        out, last = [], 0
        for match in persons.PNAME.finditer(text):
            trimmed = persons.trim_name(match.group())
            if trimmed is None:
                continue
            skip, name = trimmed
            start, end = match.start() + skip, match.end()
            before = persons.title_before(text[last:start] if False else text[:start])
            after = persons.APPOSITIVE.match(text[end:])
            position = member_of = country = None
            span_start, span_end = start, end
            if before and before[0] <= start - last:
                position, member_of, country = persons.describe(
                    self.book, before[1], before[2], self.org
                )
                span_start = start - before[0]
            elif after and persons.starts_with_title(after.group("body")):
                body = persons._BODY.match(after.group("body"))
                if body and body.group("org")[:1].isupper():
                    member_of = self.org(body.group("org"))
                    position = body.group("title").capitalize()
                    if body.group("unit"):
                        position += f" of the {body.group('unit')}"
                else:
                    position = after.group("body").capitalize()
                span_end = end + after.end()
            elif not (self.book.find(name, kind="person") or self._speaks(text, start, end)):
                continue
            key = persons.add_person(self.book, name, self.evidence, position=position,
                                     member_of=member_of, country=country)  # fmt: skip
            self.book.items[key].evidence = self.book.items[key].evidence or self.evidence
            out.append(text[last:span_start] + self._token(found, key, name))
            last = span_end
        return "".join(out) + text[last:]

    def _speaks(self, text: str, start: int, end: int) -> bool:
        after, before = text[end:], text[:start]
        return bool(
            re.match(rf",?\s+(?:{lexicon.REPORTING})\b", after)
            or re.search(r"\b(?:quoted|told|according to|said|by)\s+$", before)
        )

    def _orgs(self, text: str, found: dict[str, str]) -> str:
        def repl(m: re.Match[str]) -> str:
            surface = m.group()
            prefix = re.match(r"(?:The|the)\s+", surface)
            key = self.org(surface)
            if key is None:
                return surface
            return (prefix.group() if prefix else "") + self._token(found, key, surface)

        text = re.sub(rf"(?:(?:{_countries()})'s\s+)?" + _ORGCAP.pattern, repl, text)
        for name, known, _code, _sector in lexicon.KNOWN_ORGS:
            for alias in (name, *known):
                pattern = rf"(?<![\w⟦:-]){re.escape(alias)}(?![\w-])"
                text = re.sub(
                    pattern, lambda m: self._token(found, self.org(m.group()), m.group()), text
                )
        return text

    def _generic(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            rf"(?<![:⟦])\b(?P<the>[Tt]he\s+)?(?:(?P<dem>{_countries()})(?:'s)?\s+)?(?P<noun>[Pp]olice|"
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
                candidates = [a for a in self.book.items.values() if
                              (want in a.name.lower() if noun == "ministry" else a.sector == want)]  # fmt: skip
                if not candidates:
                    return m.group()
                return self._token(found, candidates[-1].key, m.group())
            dem = places.demonym(code) if code else None
            if noun == "government":
                name = f"Government of {places.country_name(code)}" if code else "Government"
                actor = ActorDraft(self.book.key_for(f"{code or ''} government"), name,
                                   "state", "gov", code)  # fmt: skip
            else:
                name = f"{dem} {noun}" if dem else noun.capitalize()
                sector = {"police": "cop", "presidency": "gov"}.get(noun, "mil")
                actor = ActorDraft(self.book.key_for(f"{code or ''} {noun}"), name,
                                   "organization", sector, code)  # fmt: skip
            surface = m.group()[len(m.group("the") or "") :]
            return (m.group("the") or "") + self._token(found, self._new(actor, name), surface)

        return re.sub(pattern, repl, text)

    def _unnamed(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            r"\b(?:[Aa]n?|[Oo]ne)\s+(?P<mods>(?:(?:unnamed|anonymous|senior|local|top)\s+)*)"
            rf"(?:(?P<dem>{_countries()})\s+)?(?P<org>(?:police|hospital|army|military|government"
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
                key = persons.add_person(self.book, m.group("name"), self.evidence,
                                         position=m.group("what").capitalize(), member_of=member,
                                         country=code or (org.country if org else None))  # fmt: skip
                return self._token(found, key, m.group("name"))
            words = [m.group("dem") or "", (m.group("org") or "").strip(), m.group("what")]
            if org and not m.group("org"):
                words.append(f"of {org.aliases[0] if org.aliases else org.name}")
            words = [w for w in words if w and not TOKEN.fullmatch(w)]
            if org and m.group("org") and not TOKEN.fullmatch(m.group("org").strip()):
                words[words.index(m.group("org").strip())] = org.name
            name = "Unnamed " + " ".join(w for w in words if w)
            actor = ActorDraft(self.book.key_for(name), name, "person",
                               org.sector if org else sector_of(name) or "unk",
                               code or (org.country if org else None), member_of=member,
                               position=m.group("what").capitalize(), unidentified=True)  # fmt: skip
            return self._token(found, self._new(actor, name), m.group())

        return re.sub(pattern, repl, text)

    def _groups(self, text: str, found: dict[str, str]) -> str:
        pattern = (
            r"(?<![\d⟧] )(?:\b(?P<det>its|their|[Tt]wo|[Tt]hree|several|some|other)\s+)?"
            r"(?P<mods>(?:(?:unnamed|anonymous|senior|diplomatic|security|government|military|"
            rf"intelligence|local|western|{_countries()}|⟦A:\w+⟧)\s+)*)"
            rf"\b(?P<noun>{lexicon.GROUP_NOUNS})\b"
            r"(?:\s+(?:from|of|in)\s+(?P<of>both countries|the victims?|⟦A:\w+⟧))?"
        )
        outlet = TOKEN.search(text.replace("⟦A", "⟦a"))
        outlet_ref = self.outlets.seen.get(outlet.group(2)) if outlet else None

        def repl(m: re.Match[str]) -> str:
            if not (m.group("det") or m.group("mods") or m.group("of")):
                if not (outlet_ref and re.search(r"(?:quoting|citing)\s+$", text[: m.start()])):
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
            actor = ActorDraft(self.book.key_for(name), name, "group", sector_of(name) or "unk",
                               code, unidentified=True)  # fmt: skip
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

        text = re.sub(rf"\b(?:[Tt]he\s+)?(?P<c>{_countries()})\s+side\b", side, text)

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

    def _names(self, text: str, found: dict[str, str]) -> str:
        for actor in self.book.persons():
            surname = actor.name.split()[-1]
            text = re.sub(rf"(?<![\w⟦:]){re.escape(surname)}(?![\w-])",
                          lambda m, k=actor.key: self._token(found, k, m.group()), text)  # fmt: skip
        return text

    def _pronouns(self, text: str, found: dict[str, str]) -> str:
        text = re.sub(r"\b([Hh]e|[Ss]he|him)\b", lambda m: f"⟦P:{m.group().lower()}⟧", text)
        text = re.sub(r"\bher\b(?=\s*[,.]|$)", "⟦P:her⟧", text)
        return re.sub(rf"\b([Tt]hey)\b(?=\s+(?:{lexicon.REPORTING})\b)", "⟦P:they⟧", text)


def surface_text(masked: Masked, text: str, book: ActorBook, outlets: OutletFinder) -> str:
    """Masked text back to words: actors and outlets by their surface, quotes restored."""

    def back(m: re.Match[str]) -> str:
        kind, key = m.groups()
        if kind == "Q":
            return f'"{masked.quotes[int(key)]}"'
        if kind == "O":
            return outlets.seen[key].name
        if kind == "P":
            return key
        return masked.actors.get(key) or book.items[book.canonical(key) or key].name

    return TOKEN.sub(back, text)


__all__ = ["TOKEN", "Masked", "Masker", "norm", "surface_text"]
