"""Extraction of actors from the parse: the phrase a sentence names someone with (a named
entity, "a Somali military officer", "Pakistani officials", "the ministry", "he") -> one
entry of the actor book, found again under any of its names.

Named persons come only from PERSON entities (persons.py); organisations from ORG entities
and the table of known ones, states from country names and capitals (organisations.py);
unnamed people and groups from the head noun of their phrase (groups.py). "He", "they",
"the spokesman" and "the ministry" stand for the nearest earlier actor they fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract import lexicon, phrases, places
from generator.extract.actors import ActorDraft
from generator.extract.groups import MEMBERS, UnnamedActors
from generator.extract.mentions import Who, bare, same_name
from generator.extract.organisations import SPEAKING_OUTLETS, Organisations
from generator.extract.persons import TITLE_MODIFIERS, PersonNames
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
    from spacy.tokens import Doc, Token


class Speakers(UnnamedActors, PersonNames, Organisations):
    """Resolves the phrases of one article's sentences, in order, to its actors."""

    def start(self, doc: Doc, ents: list[Entity], evidence: str) -> None:
        self.doc, self.evidence = doc, evidence
        surnames = {bare(a.name.split()[-1]) for a in self.book.persons()}

        def known(word: str) -> bool:  # a surname, or another spelling of one
            return bare(word) in surnames or any(same_name(word, n) for n in surnames)

        for entity in ents:  # "Tolvsen declined": a known person, whatever NER says
            words = doc[entity.start : entity.end]
            named = all(t.pos_ == "PROPN" for t in words) and known(words[-1].text)
            if entity.label in ("ORG", "GPE", "NORP") and (known(entity.text) or named):
                entity.label = "PERSON"
        taken = {i for e in ents for i in range(e.start, e.end)}
        for token in doc:
            if token.i not in taken and token.pos_ == "PROPN" and known(token.text):
                ents.append(Entity(token.i, token.i + 1, "PERSON", token.text))
        self.entity_at = {i: e for e in ents for i in range(e.start, e.end)}
        outlets = [e.outlet for e in ents if e.outlet]
        self.seen_outlet = outlets[0] if outlets else None

    def entities(self) -> list[tuple[Entity, Who]]:
        """Every named actor of the sentence (entities that are not outlets)."""
        assert self.doc is not None
        found: list[tuple[Entity, Who]] = []
        for entity in dict.fromkeys(self.entity_at.values()):
            if entity.label in ("OUTLET", "FAC", "LOC"):
                continue
            code = country_of(entity.text) if entity.label == "GPE" else None
            if code:
                named = self.countries_named
                self.countries_named = [c for c in named if c != code] + [code]
            head = self._entity_head(entity)
            if head.dep_ == "compound" and head.head.lemma_.lower() in lexicon.ORG_NOUNS:
                continue  # "the United Nations refugee agency": part of a longer name
            who = self.resolve(head, mentioned_only=True)
            if who.actor:
                found.append((entity, who))
        for token in self.doc:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.entity_at:
                who = self._collective(token)
                if who is not None:
                    found.append((Entity(token.i, token.i + 1, "GROUP", token.text), who))
        return found

    def resolve(self, head: Token, *, mentioned_only: bool = False) -> Who:
        """Who the phrase headed by `head` names (creating the actor when new)."""
        shared = self._shared_head(head, mentioned_only)
        if shared is not None:
            return shared
        entity = self.entity_at.get(head.i)
        if head.lower_.strip(".") in lexicon.RANKS and (entity is None or entity.label != "PERSON"):
            # "said Brig. Gen. Charles Cleveland": the rank heads the parse, the name follows
            for token in head.doc[head.i + 1 : head.i + 5]:
                named = self.entity_at.get(token.i)
                if named is not None and named.label == "PERSON":
                    return self._entity(named, token, mentioned_only)
        if entity is not None:
            return self._entity(entity, head, mentioned_only)
        if head.pos_ == "PRON" or head.lower_ in lexicon.PRONOUNS:
            return Who(self._pronoun(head))
        appos = [c for c in head.children if c.dep_ == "appos"]
        for child in appos:
            named = self.entity_at.get(child.i)
            if named and named.label == "PERSON":
                return self._entity(named, child, mentioned_only, titles=phrase(head))
        if mentioned_only:
            return Who()
        lemma = head.lemma_.lower()
        if lemma in lexicon.PERSON_NOUNS or lemma in TITLE_MODIFIERS:
            named = self._name_in(head)
            if named is not None:
                return named
        if lemma in MEMBERS:
            # "al-Shabab militants said": the group speaks
            for child in head.children:
                entity = self.entity_at.get(child.i)
                if child.dep_ in ("compound", "amod", "nmod") and entity and entity.label == "ORG":
                    return self._entity(entity, child, False)
        if lemma in lexicon.STATEMENT_NOUNS:
            return self._statement_owner(head)
        pair = self._both_states(head)
        if pair is not None:
            return pair
        leaders = self._leaders(head)
        if leaders is not None:
            return leaders
        if lemma == "side":
            return Who(self._side(head))
        collective = self._collective(head)
        if collective:
            return collective
        if head.tag_ in ("NNS", "NNPS") or (lemma in lexicon.GROUP_HEADS and head.lower_ != lemma):
            return Who(self._group(head))
        if lemma in lexicon.PERSON_NOUNS:
            return Who(self._unnamed_person(head))
        if lemma in lexicon.ORG_NOUNS or head.lower_ in lexicon.ORG_NOUNS:
            return Who(self._org_phrase(head))
        if lemma in lexicon.GROUP_HEADS:
            return Who(self._group(head))
        if head.pos_ == "PROPN":
            return Who(self._unrecognised(head))
        return Who()

    def _both_states(self, head: Token) -> Who | None:
        """ "Both nations", "the two countries": the last two countries named."""
        if head.lemma_.lower() not in lexicon.STATE_NOUNS or head.tag_ != "NNS":
            return None
        if not any(c.lower_ in ("both", "two") for c in head.children):
            return None
        if countries_in(modifiers(head)) or len(self.countries_named) < 2:
            return None
        keys = tuple(self._state(code) for code in self.countries_named[-2:])
        return Who(keys[0], many=keys)

    def _leaders(self, head: Token) -> Who | None:
        """ "the heads of state", "the two presidents", "both leaders": the leaders the
        article names (those with a leader's title, else its two to four named persons)."""
        lemma = head.lemma_.lower()
        if lemma not in lexicon.LEADER_NOUNS or head.tag_ != "NNS" or countries_in(phrase(head)):
            return None
        of = [o.lower_ for p in head.children if p.lower_ == "of" for o in p.children]
        if lemma == "head" and not {"state", "government", "states"} & set(of):
            return None
        if of and lemma != "head":
            return None  # "the leaders of the protest": a group of their own
        if not (phrases.definite(head) or any(c.lower_ in ("both", "two") for c in head.children)):
            return None
        persons = [a for a in self.book.persons() if a.key not in self.book.renamed]
        titled = [
            a for a in persons
            if set((a.position or "").lower().split()) & lexicon.LEADER_TITLES
        ]  # fmt: skip
        chosen = titled if len(titled) >= 2 else persons if 2 <= len(persons) <= 4 else []
        if not chosen:
            return None
        order = {key: n for n, key in enumerate(self.history)}
        keys = tuple(a.key for a in sorted(chosen, key=lambda a: order.get(a.key, -1)))
        return Who(keys[0], many=keys)

    def _shared_head(self, head: Token, mentioned_only: bool) -> Who | None:
        """ "the Kyrgyz and Tajik security services": two nationalities, one head noun; the
        parser makes "Kyrgyz" the subject and "Tajik security services" its conjunct."""
        code = country_of(head.text)
        conj = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
        if mentioned_only or code is None or conj is None or head.text not in places.demonyms():
            return None
        rest = [t for t in phrase(conj, keep_preps=False) if not country_of(t.text)]
        rest = [t for t in rest if t.dep_ not in ("det", "punct", "cc")]
        if not rest:
            return None
        name = f"{head.text} {' '.join(t.text for t in rest)}"
        kind = "group" if conj.tag_ == "NNS" else "organization"
        actor = ActorDraft(self.book.key_for(name), name, kind, sector_of(name) or "unk", code)
        first = self.book.find(name) or self._add(actor, name)
        second = self.resolve(conj)
        keys = tuple(k for k in (first, second.actor) if k)
        return Who(first, many=keys)

    def _entity_head(self, entity: Entity) -> Token:
        assert self.doc is not None
        span = self.doc[entity.start : entity.end]
        return span.root

    def _entity(
        self, entity: Entity, head: Token, mentioned_only: bool, titles: list[Token] | None = None
    ) -> Who:
        assert self.doc is not None
        if entity.label == "OUTLET":
            ref = self.outlets.seen.get(entity.outlet or "")
            if ref is not None and ref.kind in SPEAKING_OUTLETS and not mentioned_only:
                # "according to the United Nations": an institution speaks for itself
                span = self.doc[entity.start : entity.end]
                return Who(self._org(span.text, head, span))
            return Who(outlet=entity.outlet)
        span = self.doc[entity.start : entity.end]
        if entity.label == "PERSON":
            return Who(self._person(span, head, titles))
        if entity.label in ("ORG", "FAC"):
            if self._in_title(span):
                return Who()  # "Defence" of "Defence Minister"
            if not self._org_like(entity, head, mentioned_only):
                return Who()
            return Who(self._org(entity.text, head, span))
        if entity.label == "GPE":
            code = country_of(entity.text)
            if code is None:
                return Who()
            if mentioned_only and not self._acts(head):
                return Who()
            return Who(self._state(code))
        if entity.label == "NORP":
            entry = known_org(entity.text)
            if entry:
                return Who(self._org(entity.text, head, span))
            if head.dep_ in ("nsubj", "nsubjpass") and not mentioned_only:
                return Who(self._group(head))
        return Who()

    def _pronoun(self, head: Token) -> str | None:
        want = lexicon.PRONOUNS.get(head.lower_)
        if want is None:
            return None
        for key in [*reversed(self.spoke), *reversed(self.history)]:
            actor = self.book.items.get(self.book.canonical(key) or "")
            if actor is None:
                continue
            if want == "person" and actor.kind == "person":
                return actor.key
            if want == "many" and actor.kind in ("group", "organization", "state"):
                return actor.key
            if want == "one" and actor.kind in ("organization", "state"):
                return actor.key
        return None


__all__ = ["Speakers", "Who"]
