"""Extraction of actors that have no name of their own, from the head noun of their phrase:
unnamed persons ("a Somali military officer", "the spokesperson of the embassy"), groups
("Pakistani officials", "its sources"), organisations named by a common noun ("the army",
"the ministry"), participants listed by country ("the heads of intelligence from Russia,
China, Iran and Pakistan"), and the owner of a statement ("the CSNS statement says").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract import lexicon, places
from generator.extract.actors import ActorDraft
from generator.extract.mentions import Mentions, Who
from generator.extract.phrases import (
    countries_in,
    country_of,
    definite,
    modifiers,
    phrase,
    sector_of,
    words_text,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_ANONYMOUS = {
    "official", "source", "diplomat", "witness", "resident", "officer", "spokesman",
    "spokeswoman", "spokesperson", "relative", "villager", "survivor", "doctor", "medic",
    "analyst", "expert", "observer", "aide", "insider",
}  # fmt: skip
_COLLECTIVE_HEADS = {
    "head", "chief", "minister", "official", "leader", "spymaster", "delegation",
    "representative", "service", "agency", "envoy", "diplomat", "intelligence", "authority",
    "force", "army", "military", "police", "guard", "government",
}  # fmt: skip
_GROUP_WORDS = {"group", "movement", "militia", "organisation", "organization", "outfit"}
_MEDIA_WORDS = {"tv", "television", "radio", "newspaper", "paper", "agency", "channel", "news"}
MEMBERS = {"militant", "fighter", "member", "insurgent", "rebel", "gunman", "jihadist"}


class UnnamedActors(Mentions):
    """People, groups and organisations a sentence names by a common noun."""

    def _unnamed_person(self, head: Token) -> str | None:
        lemma = head.lemma_.lower()
        words = phrase(head)
        countries = countries_in(words)
        if definite(head) or head.dep_ == "appos":
            for key in reversed(self.history):
                actor = self.book.items.get(key)
                if actor is None or actor.kind != "person":
                    continue
                said = f"{actor.position or ''} {actor.name if actor.unidentified else ''}".lower()
                if lemma in said and (not countries or actor.country in (None, countries[0])):
                    return actor.key
            for actor in reversed(list(self.book.items.values())):
                said = f"{actor.position or ''} {actor.name}".lower()
                if actor.kind == "person" and lemma in said:
                    return actor.key
            if lemma in lexicon.LEADER_NOUNS:
                # "the Turkmen leader": the named leader of that country
                for key in reversed(self.history):
                    actor = self.book.items.get(key)
                    if actor is None or actor.kind != "person" or actor.unidentified:
                        continue
                    title = set((actor.position or "").lower().split())
                    if title & lexicon.LEADER_TITLES and (
                        not countries or actor.country == countries[0]
                    ):
                        return actor.key
        _position, member_of, country = self._describe(words)
        text = words_text(words)
        if not text:
            return None
        org = self.book.items.get(member_of) if member_of else None
        short = [a for a in (org.aliases if org else []) if a.isupper() and len(a) >= 2]
        if org is not None and short:
            # "a spokesperson for the Economic Community of West African States (ECOWAS)",
            # "The Tehrik-i-Taliban Pakistan (TTP) spokesperson": the organisation's short name
            text = self._shortened(words, member_of or "", short[0]) or text
        first = words[0] if words[0].dep_ != "det" else (words[1] if len(words) > 1 else words[0])
        proper = first.pos_ == "PROPN" or bool(country_of(first.text)) or text[:2].isupper()
        name = f"Unnamed {text if proper else text[:1].lower() + text[1:]}"
        name = re.sub(r"^Unnamed (?:unnamed|anonymous) ", "Unnamed ", name)
        actor = ActorDraft(
            self.book.key_for(name),
            name,
            "person",
            (org.sector if org else None) or sector_of(text) or "unk",
            country or (org.country if org else None),
            member_of=member_of,
            position=lemma.capitalize(),
            unidentified=True,
        )
        return self._add(actor, text)

    def _shortened(self, words: list[Token], org: str, short: str) -> str:
        out: list[str] = []
        skip_paren = False
        for token in words:
            if token.dep_ == "det" and not out:
                continue
            entity = self.entity_at.get(token.i)
            if entity is not None and entity.label == "ORG":
                if short not in out:
                    out.append(short)
                skip_paren = True
                continue
            if token.text == "(" and skip_paren:
                continue
            if token.text == ")" and skip_paren:
                skip_paren = False
                continue
            if out and out[-1] == short and token.lower_ in ("the",):
                continue
            out.append(token.text)
        text = " ".join(out)
        return re.sub(r"\b(of|for|at) the " + re.escape(short), r"\1 " + short, text)

    def _group(self, head: Token, name: str | None = None, kind: str = "group") -> str | None:
        lemma = head.lemma_.lower()
        words = phrase(head)
        text = words_text(words)
        if not text:
            return None
        countries = countries_in(words)
        mods = [t for t in modifiers(head) if t.dep_ != "nummod"]
        bare = not [m for m in mods if m.pos_ != "DET"] and not [t for t in words if t.i > head.i]
        if bare:
            for key in reversed(self.history):
                actor = self.book.items.get(key)
                if (
                    actor
                    and actor.kind != "person"
                    and (head.lower_ in actor.name.lower() or lemma in actor.name.lower())
                ):
                    return actor.key
            if lemma in MEMBERS and definite(head):
                # "the militants said": the armed group the story is about
                for key in reversed(self.history):
                    actor = self.book.items.get(key)
                    if actor and actor.kind != "person" and actor.sector == "reb":
                        return actor.key
        if lemma == "source" and any(c.lower_ == "its" for c in head.children):
            ref = self.outlets.seen.get(self.seen_outlet or "")
            if ref is not None:
                name = f"Unnamed sources of {ref.name}"
                countries = [ref.country] if ref.country else []
        if name is None:
            bare = re.sub(r"^(?:unnamed|anonymous)\s+", "", text, flags=re.I)
            anonymous = lemma in _ANONYMOUS and not any(
                self.entity_at.get(t.i) and self.entity_at[t.i].label == "PERSON" for t in words
            )
            first = next((t for t in words if t.lower_ not in ("the", "a", "an")), head)
            proper = first.pos_ == "PROPN" or bool(country_of(first.text)) or bare[:2].isupper()
            lowered = bare if proper else bare[:1].lower() + bare[1:]
            name = f"Unnamed {lowered}" if anonymous else bare[:1].upper() + bare[1:]
            if anonymous and not countries and self.seen_outlet:
                ref = self.outlets.seen.get(self.seen_outlet)
                if ref and ref.country and ref.country in self.story_countries:
                    name = f"Unnamed {places.demonym(ref.country) or ''} {bare}".replace("  ", " ")
                    countries = [ref.country]
        existing = self.book.find(name)
        if existing:
            return existing
        actor = ActorDraft(
            self.book.key_for(name),
            name,
            kind,
            sector_of(name) or "unk",
            countries[0] if countries else None,
            unidentified=name.startswith("Unnamed"),
        )
        return self._add(actor, text)

    def _collective(self, head: Token) -> Who | None:
        """ "the heads of intelligence from Russia, China, Iran and Pakistan", "the Kyrgyz
        and Tajik security services": one participant per country."""
        if head.lemma_.lower() not in _COLLECTIVE_HEADS:
            return None
        codes: list[str] = []
        qualifier = ""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if country_of(obj.text):
                        codes += [c for c in countries_in([obj, *obj.conjuncts]) if c]
                    elif obj.lower_ in ("intelligence", "security", "police", "army", "military"):
                        qualifier = obj.lower_
                        for sub in obj.children:
                            if sub.dep_ == "prep" and sub.lower_ in ("of", "from"):
                                for o2 in sub.children:
                                    if o2.dep_ == "pobj":
                                        codes += countries_in([o2, *o2.conjuncts])
        mods = modifiers(head)
        demonyms = [t for t in mods if country_of(t.text)]
        if len(demonyms) == 1 and demonyms[0].conjuncts:
            codes = countries_in([demonyms[0], *demonyms[0].conjuncts])
        if len(codes) < 2:
            return None
        words = [t.lower_ for t in mods if not country_of(t.text)] + [qualifier, head.lower_]
        key_word = next((w for w in words if w in lexicon.COLLECTIVE_TITLES), None)
        what, sector = lexicon.COLLECTIVE_TITLES.get(key_word or "", ("", ""))
        keys = []
        for code in dict.fromkeys(codes):
            dem = places.demonym(code) or places.country_name(code)
            if what.endswith("Minister"):
                actor = ActorDraft("", f"{what} of {places.country_name(code)}", "person", sector,
                                   position=what)  # fmt: skip
            elif what:
                kind = "group" if what.endswith("officials") else "organization"
                actor = ActorDraft("", f"{dem} {what}", kind, sector)
            else:
                text = " ".join(w for w in words if w).strip()
                actor = ActorDraft("", f"{dem} {text}", "group", sector_of(text) or "unk")
            actor.key = self.book.key_for(f"{code} {(what or head.lower_).split()[-1]}")
            actor.country, actor.unidentified, actor.participant = code, True, True
            actor.note = "Not named in the article."
            keys.append(self._add(actor, actor.name))
        return Who(keys[0], many=tuple(keys))

    def _side(self, head: Token) -> str | None:
        codes = countries_in(modifiers(head))
        if not codes:
            return None
        key = self.book.of_country(codes[0])
        return key or self._state(codes[0])

    def _org_phrase(self, head: Token) -> str | None:
        lemma = head.lemma_.lower()
        words = phrase(head)
        text = words_text(words)
        countries = countries_in(words)
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            owner = self._pronoun_owner()
            if owner is not None and owner.country:
                key = self.book.of_country(owner.country, sector=sector_of(text))
                if key:
                    return key
        proper = [t for t in words if t.pos_ == "PROPN" and not country_of(t.text)]
        if definite(head) and not proper and lemma in _GROUP_WORDS:
            # "the group said", "the militant group said": the armed group last named
            armed = [
                a for a in (self.book.items.get(k) for k in reversed(self.history))
                if a is not None and a.kind != "person" and a.sector == "reb"
            ]  # fmt: skip
            if armed:
                return armed[0].key
        if definite(head) or not (proper or countries):
            for key in reversed(self.history + list(self.book.items)):
                actor = self.book.items.get(self.book.canonical(key) or "")
                if actor is None or actor.kind == "person":
                    continue
                names = " ".join([actor.name, *actor.aliases]).lower()
                if (head.lower_ in names or lemma in names) and (
                    not countries or actor.country in (None, countries[0])
                ):
                    return actor.key
        if lemma == "government" and countries:
            return self._government(countries[0])
        if not text:
            return None
        return self._org(text, head)

    def _statement_owner(self, head: Token) -> Who:
        """ "the CSNS statement", "a statement released by the SCNS", "the TV report"."""
        for child in head.children:
            if child.dep_ == "compound" and child.lower_ in _MEDIA_WORDS and self.outlets.last:
                return Who(outlet=self.outlets.last)  # "the TV report": the outlet named last
        for child in head.children:
            if child.dep_ in ("compound", "poss", "nmod"):
                entity = self.entity_at.get(child.i)
                if entity:
                    return self._entity(entity, child, False)
                if child.lemma_.lower() in lexicon.ORG_NOUNS:
                    return Who(self._org_phrase(child))
        if head.dep_ in ("dobj", "pobj"):
            # "The White House issued a statement denying ...": who issued it
            verb = head.head if head.dep_ == "dobj" else head.head.head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and verb.pos_ in ("VERB", "AUX") and subjects[0].i != head.i:
                return self.resolve(subjects[0])
        for child in head.children:
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent" or agent.lower_ == "by":
                        objects = [c for c in agent.children if c.dep_ == "pobj"]
                        if objects:
                            return self.resolve(objects[0])
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return self.resolve(objects[0])
        if head.lemma_.lower() == "report" and not definite(head):
            return Who(self._group(head))
        if head.lemma_.lower() == "report":
            previous = next(
                (a.key for a in (self.book.items.get(k) for k in reversed(self.history))
                 if a and "report" in a.name.lower()), None)  # fmt: skip
            return Who(
                previous or self._group(head, name="Unnamed news report", kind="organization")
            )
        return Who(outlet=self.seen_outlet) if self.seen_outlet else Who()

    def _pronoun_owner(self) -> ActorDraft | None:
        """The actor "its" refers to: the last organisation, group or state mentioned."""
        for key in reversed(self.history):
            actor = self.book.items.get(self.book.canonical(key) or "")
            if actor is not None and actor.kind != "person":
                return actor
        return None


__all__ = ["MEMBERS", "UnnamedActors"]
