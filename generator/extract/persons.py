"""Extraction of named persons from the parse: a PERSON entity with the titles around it
("Pakistani military spokesman Major General Asif Ghafoor", "Zabihullah Mujahid, a Taliban
spokesman", "the head of the health department Dr Abdel-Ilah al-Azzi") -> one person of the
actor book, found again by surname, with position, organisation and nationality.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract import lexicon, places
from generator.extract.actors import ActorDraft
from generator.extract.mentions import Mentions, Who, bare, same_name
from generator.extract.phrases import (
    Entity,
    countries_in,
    country_of,
    definite,
    in_credit,
    is_region,
    known_org,
    phrase,
    sector_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

TITLE_MODIFIERS = {
    "foreign", "defence", "defense", "interior", "justice", "finance", "home", "health",
    "information", "press", "security", "prime", "deputy", "vice", "chief", "acting",
    "senior", "presidential", "military", "army", "police", "intelligence",
}  # fmt: skip


class PersonNames(Mentions):
    """Persons: only from PERSON entities (or a name in apposition to a title)."""

    def _person(self, span: object, head: Token, titles: list[Token] | None) -> str | None:
        doc = head.doc
        name = span.text.removesuffix("'s").strip()  # type: ignore[attr-defined]
        start, end = span.start, span.end  # type: ignore[attr-defined]
        if in_credit(doc, start):
            return None  # a byline or photo credit, not an actor of the story
        root = doc[end - 1]
        words = titles if titles is not None else phrase(root)
        if titles is None and root.dep_ == "appos" and root.head.pos_ == "NOUN":
            # "his Togolese counterpart Elise Mavrou": the title is the phrase it explains
            words = [t for t in phrase(root.head) if t.i < start] + words
        before = [t for t in words if t.i < start and t.dep_ not in ("det", "punct", "case")]
        after: list[Token] = []
        for child in root.children:
            if (
                child.dep_ == "appos"
                and not self.entity_at.get(child.i)
                and child.tag_ not in ("VBG", "VBN", "VBD")
                and not child.lower_.endswith("ing")
            ):
                after += phrase(child)
        if not after and end + 1 < len(doc) and doc[end].text == ",":
            # "Colonel Aman Anand, the Spokesperson of the Army has said": parsed as a
            # second subject, read as the apposition it is
            title = next((t for t in doc[end + 1 : end + 4] if t.pos_ in ("NOUN", "PROPN")), None)
            if (
                title is not None
                and title.lemma_.lower() in lexicon.TITLE_WORDS | lexicon.PERSON_NOUNS
                and title.head in (root, root.head)
                and title.dep_ in ("nsubj", "appos", "dep", "npadvmod")
            ):
                after += phrase(title)
        ranks_only = all(t.lower_.strip(".") in lexicon.RANKS for t in before)
        if ranks_only and root.dep_ in ("nsubj", "nsubjpass"):
            titles_before = [
                s for s in root.head.children
                if s.dep_ == root.dep_ and s.i < start
                and s.lemma_.lower() in lexicon.TITLE_WORDS | lexicon.PERSON_NOUNS
            ]  # fmt: skip
            for title in titles_before[:1]:
                before = [t for t in phrase(title) if t.dep_ not in ("det", "punct", "case")]
                before += [
                    t for t in doc[start - 3 : start] if t.lower_.strip(".") in lexicon.RANKS
                ]
        position, member_of, country = self._describe(before + after)
        known = self._known_person(name)
        if not known and len(name.split()) < 2 and not (position or self._speaks(head)):
            return None  # "Trump administration", "Kurram": one word is not enough
        if not known and places.find_city(name) and not (position or self._speaks(head)):
            return None
        if not known and len(name.split()) == 1 and is_region(name):
            if not position:
                return None
            # "the Chief Minister Punjab": a title and a province, the person unnamed
            title = f"{position} of {name}"
            actor = ActorDraft(self.book.key_for(title), title, "person", sector_of(title) or
                               "gov", country, position=position, unidentified=True)  # fmt: skip
            return self._add(actor, title)
        if known:
            actor = self.book.items[known]
            actor.position = actor.position or position
            actor.member_of = actor.member_of or member_of
            actor.country = actor.country or country
            self.book.items[known].surfaces.add(name)
            return known
        org = self.book.items.get(member_of) if member_of else None
        sector = (org.sector if org else None) or sector_of(position or "")
        key = self.book.key_for(name.split()[-1])
        actor = ActorDraft(
            key,
            name,
            "person",
            sector=sector,
            country=country or (org.country if org else None),
            position=position,
            member_of=member_of,
            evidence=self.evidence,
        )
        key = self.book.add(actor, name)
        self._merge_unnamed(key, after)
        return key

    @staticmethod
    def _speaks(head: Token) -> bool:
        return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in (
            lexicon.REPORTING_VERBS
        )

    def _merge_unnamed(self, key: str, appositive: list[Token]) -> None:
        """'A Somali military officer confirmed ...' then 'Ahmed Ibrahim, the military
        officer, told Reuters': the unnamed officer was him."""
        heads = [t for t in appositive if t.dep_ == "appos" and definite(t)]
        if not heads:
            return
        lemma = heads[0].lemma_.lower()
        person = self.book.items[key]
        for actor in list(self.book.items.values()):
            if (
                actor.unidentified
                and actor.kind == "person"
                and actor.key != key
                and actor.key not in self.book.renamed
                and (actor.position or "").lower() == lemma
                and (None in (actor.country, person.country) or actor.country == person.country)
            ):
                self.book.renamed[actor.key] = key
                person.country = person.country or actor.country
                person.sector = (
                    person.sector if person.sector not in (None, "unk") else actor.sector
                )
                for spoke in (self.spoke, self.history):
                    if actor.key in spoke:
                        spoke[spoke.index(actor.key)] = key

    def _known_person(self, name: str) -> str | None:
        found = self.book.find(name, kind="person")
        if found:
            return found
        parts = [bare(p) for p in name.split()]
        persons = [a for a in self.book.persons() if a.key not in self.book.renamed]
        for actor in persons:
            theirs = [bare(p) for p in actor.name.split()]
            if not same_name(parts[-1], theirs[-1]):
                continue
            if len(parts) == 1 or len(theirs) == 1 or parts[0] == theirs[0]:
                return actor.key
        for actor in persons:
            theirs = [bare(p) for p in actor.name.split()]
            if len(parts) == 1 and len(theirs) >= 2 and parts[0] == theirs[0]:
                return actor.key  # "Kim" for Kim Jong Un
        return None

    def _describe(self, words: list[Token]) -> tuple[str | None, str | None, str | None]:
        """Position, organisation and country from the words around a name."""
        countries = countries_in(words)
        country = countries[0] if countries else None
        member_of = None
        taken: set[int] = set()
        for token in words:
            entity = self.entity_at.get(token.i)
            if (
                entity
                and entity.label == "ORG"
                and self._in_title(token.doc[entity.start : entity.end])
            ):
                continue  # "Defence" in "Defence Minister": part of the title
            if entity and entity.label == "ORG" and member_of is None:
                span = token.doc[entity.start : entity.end]
                member_of = self._org(entity.text, span.root, span, hint=country)
                taken.update(range(entity.start, entity.end))
                if span.root.dep_ == "pobj":
                    taken.add(span.root.head.i)
                taken.update(t.i for t in span.root.children if t.dep_ in ("det", "case"))
        for token in words:
            if member_of is None and token.lower_ in ("for", "of", "at") and token.dep_ == "prep":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects and (
                    objects[0].lemma_.lower() in lexicon.ORG_NOUNS
                    or self.entity_at.get(objects[0].i)
                ):
                    who = self.resolve(objects[0])
                    if who.actor and self.book.items[who.actor].kind != "person":
                        member_of = who.actor
                        taken.update(t.i for t in objects[0].subtree)
                        taken.add(token.i)
        kept = []
        for token in words:
            if token.i in taken or token.dep_ in ("det", "punct", "case", "poss", "prep"):
                if token.dep_ == "prep" and token.i not in taken:
                    kept.append(token)
                continue
            if token.lower_.strip(".") in lexicon.RANKS and len(words) > 1:
                continue
            if country_of(token.text) and token.text[:1].isupper():
                continue
            if token.pos_ == "PRON":
                continue
            kept.append(token)
        position = " ".join(t.text for t in kept).strip(" ,")
        position = re.sub(r"\s+'s\b", "'s", position)
        if not any(t.lemma_.lower() in lexicon.TITLE_WORDS for t in kept):
            position = ""
        if position.lower() == "counterpart":
            earlier = [a for a in self.book.persons() if a.position]
            position = earlier[-1].position or "" if earlier else position
        position = position[:1].upper() + position[1:] if position else ""
        return position or None, member_of, country

    def _name_in(self, head: Token) -> Who | None:
        """The named person a title phrase holds: "the head of the local health department
        Dr Abdel-Ilah al-Azzi", "Somali military official Abdulahi Ibrahim"."""
        assert self.doc is not None
        for token in head.subtree:
            if token.i == head.i or token.dep_ in ("relcl", "acl"):
                continue
            entity = self.entity_at.get(token.i)
            if entity is not None and entity.label == "ORG" and self._name_like(entity, head):
                entity.label = "PERSON"  # "The group's spokesman, Idrissa Kologo"
            if entity is not None and entity.label == "PERSON":
                return self._entity(entity, token, False, titles=phrase(head))
        run = [c for c in head.children
               if c.dep_ in ("appos", "compound", "npadvmod", "nmod", "dep") and c.pos_ == "PROPN"
               and c.i > head.i]  # fmt: skip
        for token in run:
            named = [t for t in token.subtree if not t.is_punct]
            start = min(t.i for t in named)
            end = max(t.i for t in named) + 1
            words = self.doc[start:end]
            if (
                len(words) >= 2
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
                and not any(self.entity_at.get(t.i) for t in words)
                and not country_of(words.text)
            ):
                entity = Entity(start, end, "PERSON", words.text)
                for i in range(start, end):
                    self.entity_at[i] = entity
                return Who(self._person(words, token, phrase(head)))
        return None

    def _name_like(self, entity: Entity, head: Token) -> bool:
        """An entity in apposition to a title that reads like a person's name."""
        assert self.doc is not None
        span = self.doc[entity.start : entity.end]
        return (
            2 <= len(span) <= 4
            and span.root.dep_ == "appos"
            and span.root.head.i == head.i
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
            and not {t.lower_ for t in span} & lexicon.ORG_NAME_WORDS
            and not known_org(span.text)
        )

    @staticmethod
    def _in_title(span: object) -> bool:
        """A word of a title the recogniser took for a name: "Defence" in "Defence Minister"."""
        root = span.root  # type: ignore[attr-defined]
        return (
            all(t.lower_ in TITLE_MODIFIERS for t in span)  # type: ignore[attr-defined]
            and root.dep_ == "compound"
            and (root.head.lemma_.lower() in lexicon.TITLE_WORDS | lexicon.PERSON_NOUNS)
        )


__all__ = ["TITLE_MODIFIERS", "PersonNames"]
