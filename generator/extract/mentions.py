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
from generator.extract.groups import TOKEN, UnnamedActors, countries_alternation
from generator.extract.outlets import OutletFinder


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


class Masker(UnnamedActors):
    """Masks one sentence at a time, adding what it finds to the actor book."""

    def __init__(self, book: ActorBook, outlets: OutletFinder, main_country: str | None) -> None:
        self.book, self.outlets, self.main = book, outlets, main_country
        self.evidence = ""
        self.story_countries: set[str] = set()

    # -- helpers -------------------------------------------------------------------------
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
                actor = ActorDraft(
                    self.book.key_for(name, short), name, "organization", sector, code, list(known)
                )
                return self._new(actor, text)
        if not any(w.lower().strip("()") in lexicon.ORG_WORDS for w in text.split()):
            return None
        ministry = re.fullmatch(
            r"(?:(?P<a>[A-Z]\w+) Ministry|Ministry of (?:the )?(?P<b>[A-Z][\w ]+))", text
        )
        for pattern, generic in [*lexicon.MINISTRIES, (r".*", "")]:
            if ministry and not generic:
                generic = f"Ministry of {ministry.group('a') or ministry.group('b')}"
            if generic and re.fullmatch(pattern, text, re.I) and (country or self.main):
                code = country or self.main or ""
                name = f"{generic} of {places.country_name(code)}"
                actor = ActorDraft(
                    self.book.key_for(name, text),
                    name,
                    "organization",
                    "gov",
                    code,
                    [text] if text != name else [],
                )
                return self._new(actor, text)
        found = self.book.find(text)
        if found:
            return found
        acronym = next((a for a in aliases if a.isupper() or len(a.split()) == 1), None)
        text = full if country and not full.endswith("'s") and "'s " not in full else text
        actor = ActorDraft(
            self.book.key_for(text, acronym),
            text,
            "organization",
            sector_of(f"{text} {' '.join(aliases)}") or "unk",
            country,
            aliases,
        )
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
        for step in (
            self._collectives,
            self._called,
            self._persons,
            self._orgs,
            self._generic,
            self._unnamed,
            self._groups,
            self._sides,
            self._names,
            self._pronouns,
        ):
            text = step(text, found)
        return Masked(text, sentence, quotes, found)

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

        return re.sub(_COLLECTIVE.replace("{c}", countries_alternation()), repl, text)

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
            key = persons.add_person(
                self.book,
                name,
                self.evidence,
                position=position,
                member_of=member_of,
                country=country,
            )
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

        text = re.sub(rf"(?:(?:{countries_alternation()})'s\s+)?" + _ORGCAP.pattern, repl, text)
        for name, known, _code, _sector in lexicon.KNOWN_ORGS:
            for alias in (name, *known):
                pattern = rf"(?<![\w⟦:-]){re.escape(alias)}(?![\w-])"
                text = re.sub(
                    pattern, lambda m: self._token(found, self.org(m.group()), m.group()), text
                )
        return text

    def _names(self, text: str, found: dict[str, str]) -> str:
        for actor in self.book.persons():
            surname = actor.name.split()[-1]
            text = re.sub(
                rf"(?<![\w⟦:]){re.escape(surname)}(?![\w-])",
                lambda m, k=actor.key: self._token(found, k, m.group()),
                text,
            )
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
