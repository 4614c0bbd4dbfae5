"""Extraction of organisations and states from the parse: known organisations (lexicon.py),
ministries completed with their country ("the Foreign Office" of Pakistan), other ORG
entities that look like organisations, and countries or capitals that act ("Moscow said").
One entry per organisation: "Kyrgyz border guard agency" = "Kyrgyzstan's border guard
service", "MEA" = "Ministry of External Affairs".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract import lexicon, places
from generator.extract.actors import ActorDraft, norm
from generator.extract.mentions import Mentions
from generator.extract.phrases import (
    Entity,
    countries_in,
    country_of,
    known_org,
    modifiers,
    phrase,
    sector_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_MINISTRY = re.compile(r"(?:Ministry of (?:the )?(?P<b>[A-Z][\w ]+)|(?P<a>[A-Z]\w+) Ministry)")
SPEAKING_OUTLETS = {"government", "igo", "ngo", "official", "military"}
_PLACE_WORDS = {
    "area", "lake", "river", "district", "province", "region", "valley", "village", "town",
    "city", "county", "mountain", "mountains", "border", "sea", "island", "pass", "camp",
    "base", "hospital", "airport", "road", "highway", "street", "square", "checkpoint",
}  # fmt: skip


def _content_words(name: str) -> set[str]:
    """The words of a name that are not its country nor articles, singular."""
    words = set()
    for word in re.findall(r"[a-z]+", places.fold(name)):
        if word in ("the", "of", "and", "for", "s", "unnamed") or country_of(word.capitalize()):
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return words


class Organisations(Mentions):
    """Organisations and states named in a sentence."""

    def _org(
        self, text: str, head: Token, span: object | None = None, hint: str | None = None
    ) -> str:
        """The organisation a name denotes (a known one, a ministry, or a new entry)."""
        text = re.sub(r"^(?:the|The)\s+", "", text.strip()).removesuffix("'s").strip()
        leading = places.find_countries(text)
        country = None
        rest = text
        if leading and leading[0].start == 0 and len(leading[0].text) < len(text):
            country = leading[0].code
            rest = text[leading[0].end :].strip()
        if country is None:
            if span is None:
                around = countries_in(modifiers(head))
            else:
                first = span[0].i  # type: ignore[index]
                outer = span.root  # type: ignore[attr-defined]
                while outer.dep_ == "compound" and outer.head != outer:
                    outer = outer.head
                around = countries_in([t for t in modifiers(outer) if t.i < first])
            country = around[0] if around else hint
        demonym = places.demonym(country) if country else None
        # "Pakistan's Taliban", "the Pakistani Taliban": the country's own organisation
        entry = known_org(f"{demonym} {rest}") if demonym else None
        entry = entry or known_org(text) or known_org(rest)
        if entry is None and country:
            entry = next(
                (e for e in lexicon.ORGANISATIONS
                 if e[2] == country and e[0].startswith(rest) and len(rest) > 12),
                None,
            )  # fmt: skip
        if entry is not None:
            name, aliases, code, sector = entry
            short = next((a for a in aliases if a.isupper() and len(a) >= 3), name)
            actor = ActorDraft(self.book.key_for(name, short), name, "organization", sector,
                               code, [a for a in aliases if not a.startswith("the ")])  # fmt: skip
            return self._add(actor, text)
        ministry = self._ministry(rest, country)
        if ministry:
            return ministry
        found = (
            self._find_org(text, country)
            or self._find_org(rest, country)
            or self._known_as(text, head)
        )
        if found:
            return found
        lowered = rest.lower()
        if lowered.split()[-1:] == ["government"] and country:
            return self._government(country)
        name = text[:1].upper() + text[1:]  # "the army" -> "Army"
        acronym = next((w for w in name.split() if w.isupper() and len(w) >= 2), None)
        actor = ActorDraft(
            self.book.key_for(name, acronym if acronym != name else None),
            name,
            "organization",
            sector_of(name) or "unk",
            country,
        )
        return self._add(actor, text)

    def _org_like(self, entity: Entity, head: Token, mentioned_only: bool) -> bool:
        """An ORG entity worth an actor: a known or evidently organisational name, or one
        that acts; not a place the recogniser mistook ("Pangong Tso Lake area")."""
        words = entity.text.split()
        lowered = {w.lower().strip("'s") for w in words}
        last = words[-1].lower() if words else ""
        if known_org(entity.text) or last in lexicon.ORG_NAME_WORDS:
            return True
        if last in _PLACE_WORDS or places.find_city(entity.text) or country_of(entity.text):
            return False
        if entity.label == "FAC" and not lowered & {"house", "kremlin", "pentagon"}:
            return False
        if lowered & lexicon.ORG_NAME_WORDS or any(w.isupper() and len(w) > 1 for w in words):
            return True
        return not mentioned_only or self._acts(head)

    def _known_as(self, text: str, head: Token) -> str | None:
        """ "the group X, known as Y": X and Y name one actor (whichever came first)."""
        other: Token | None = None
        prep = head.head
        if head.dep_ == "pobj" and prep.lower_ == "as" and prep.head.dep_ == "acl":
            verb, other = prep.head, prep.head.head  # Y: X is the noun described
        else:
            verb = next((c for c in head.children if c.dep_ == "acl"), head)
            pobj = [o for p in verb.children if p.lower_ == "as" for o in p.children]
            other = next((o for o in pobj if o.dep_ == "pobj"), None)  # X: Y is its name
        if other is None or verb.lemma_.lower() not in ("know", "call", "dub", "name"):
            return None
        named = self.entity_at.get(other.i)
        found = self.book.find(named.text) if named is not None else None
        if found is None or self.book.items[found].kind == "person":
            return None
        actor = self.book.items[found]
        if text != actor.name and text not in actor.aliases:
            actor.aliases.append(text)
        actor.surfaces.add(text)
        return found

    @staticmethod
    def _acts(head: Token) -> bool:
        """A place that acts ("Pakistan rejected", "Moscow said") is a state."""
        return head.dep_ in ("nsubj", "nsubjpass", "agent") or (
            head.dep_ == "pobj" and head.head.lower_ in ("by", "to") and head.head.head.lower_
            in ("according", "accused", "blamed")
        )  # fmt: skip

    def _ministry(self, text: str, country: str | None) -> str | None:
        generic = next(
            (name for pattern, name in lexicon.MINISTRY_NAMES if re.fullmatch(pattern, text, re.I)),
            None,
        )
        if generic is None:
            match = _MINISTRY.fullmatch(text)
            if not match:
                return None
            generic = f"Ministry of {match.group('a') or match.group('b')}"
        name = f"{generic} of {places.country_name(country)}" if country else generic
        existing = self.book.find(name) or (
            None if country else next(
                (a.key for a in reversed(list(self.book.items.values()))
                 if a.name.startswith(generic) and a.kind == "organization"), None)
        )  # fmt: skip
        if existing:
            self.book.items[existing].surfaces.add(text)
            if (
                text != self.book.items[existing].name
                and text not in self.book.items[existing].aliases
            ):
                self.book.items[existing].aliases.append(text)
            return existing
        sector = "mil" if "Defen" in generic else "cop" if "Interior" in generic else "gov"
        actor = ActorDraft(
            self.book.key_for(name, text), name, "organization", sector, country,
            [text] if text.lower() != name.lower() else [],
        )  # fmt: skip
        return self._add(actor, text)

    def _find_org(self, text: str, country: str | None = None) -> str | None:
        found = self.book.find(text)
        if found and self.book.items[found].kind != "person":
            return found
        mine = _content_words(text)
        if country and len(mine) >= 2:
            # "Kyrgyz border guard agency" = "Kyrgyzstan's border guard service"
            for actor in reversed(list(self.book.items.values())):
                if actor.kind == "person" or actor.country != country:
                    continue
                if actor.key in self.book.renamed:
                    continue
                theirs = _content_words(actor.name)
                shared = mine & theirs
                if len(shared) >= 2 and len(shared) / len(mine | theirs) >= 0.5:
                    return actor.key
        wanted = set(norm(text).split()) - {"of", "and", "for"}
        if not wanted:
            return None
        for actor in reversed(list(self.book.items.values())):
            if actor.kind not in ("organization", "state") or actor.key in self.book.renamed:
                continue
            names = [actor.name, *actor.aliases]
            if any(a == text for a in names if a.isupper()):
                return actor.key
            initials = "".join(w[0] for w in actor.name.split() if w[0].isupper())
            if text.isupper() and len(text) >= 2 and initials.startswith(text):
                return actor.key
            theirs = set(norm(actor.name).split()) - {"of", "and", "for"}
            if len(wanted) >= 2 and wanted <= theirs:
                return actor.key
            (word,) = wanted if len(wanted) == 1 else ("",)
            first = norm(actor.name).split()[:1]
            if word in lexicon.ORG_NOUNS and first == [word] and len(actor.name.split()) > 1:
                return actor.key  # "the Bureau" = the Bureau of Investigative Journalism
        return None

    def _state(self, code: str) -> str:
        name = places.country_name(code)
        existing = next(
            (a.key for a in self.book.items.values() if a.kind == "state" and a.country == code
             and a.key not in self.book.renamed and not a.name.startswith("Government")),
            None,
        )  # fmt: skip
        if existing:
            return existing
        return self._add(ActorDraft(self.book.key_for(name), name, "state", "gov", code), name)

    def _government(self, code: str) -> str:
        name = f"Government of {places.country_name(code)}"
        actor = ActorDraft(self.book.key_for(f"{code} government"), name, "state", "gov", code)
        return self._add(actor, name)

    def _unrecognised(self, head: Token) -> str | None:
        """ "Human Rights Watch accused ...": a capitalised name the recogniser missed speaks as
        an organisation (a person's name without a title it does recognise)."""
        words = [t for t in phrase(head, keep_preps=False) if t.dep_ not in ("det", "punct")]
        name = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if len(name) < 2 and not (name and name[0].text.isupper() and len(name[0].text) > 1):
            return None
        span = head.doc[name[0].i : name[-1].i + 1]
        return self._org(span.text, head, span)


__all__ = ["SPEAKING_OUTLETS", "Organisations"]
