"""Extraction of actors from the parse: the phrase a sentence names someone with (a named
entity, "a Somali military officer", "Pakistani officials", "the ministry", "he") -> one
entry of the actor book, found again under any of its names.

Named persons come only from PERSON entities; organisations from ORG entities and the
table of known ones; states from country names and capitals; unnamed people and groups
from the head noun of their phrase. "He", "they", "the spokesman" and "the ministry" stand
for the nearest earlier actor they fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract import lexicon, places
from generator.extract.actors import ActorBook, ActorDraft, norm
from generator.extract.phrases import (
    Entity,
    countries_in,
    country_of,
    definite,
    in_credit,
    known_org,
    modifiers,
    phrase,
    sector_of,
    words_text,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from generator.extract.outlets import OutletFinder

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
_TITLE_MODIFIERS = {
    "foreign", "defence", "defense", "interior", "justice", "finance", "home", "health",
    "information", "press", "security", "prime", "deputy", "vice", "chief", "acting",
    "senior", "presidential", "military", "army", "police", "intelligence",
}  # fmt: skip
_MINISTRY = re.compile(r"(?:Ministry of (?:the )?(?P<b>[A-Z][\w ]+)|(?P<a>[A-Z]\w+) Ministry)")
_GROUP_WORDS = {"group", "movement", "militia", "organisation", "organization", "outfit"}
_SPEAKING_OUTLETS = {"government", "igo", "ngo", "official", "military"}
_MEDIA_WORDS = {"tv", "television", "radio", "newspaper", "paper", "agency", "channel", "news"}
_MEMBERS = {"militant", "fighter", "member", "insurgent", "rebel", "gunman", "jihadist"}
_PLACE_WORDS = {
    "area", "lake", "river", "district", "province", "region", "valley", "village", "town",
    "city", "county", "mountain", "mountains", "border", "sea", "island", "pass", "camp",
    "base", "hospital", "airport", "road", "highway", "street", "square", "checkpoint",
}  # fmt: skip
_GENERIC_ORGS = {"army", "military", "police", "navy", "presidency", "government", "kremlin"}


def _content_words(name: str) -> set[str]:
    """The words of a name that are not its country nor articles, singular."""
    words = set()
    for word in re.findall(r"[a-z]+", places.fold(name)):
        if word in ("the", "of", "and", "for", "s", "unnamed") or country_of(word.capitalize()):
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return words


def _bare(word: str) -> str:
    """A name part without its article: "al-Malki" -> "malki"."""
    return re.sub(r"^(?:al|el|ul|ad|as|ash|ar)-", "", word.lower())


@dataclass(frozen=True)
class Who:
    """Who a phrase names: an actor of the book, an outlet, or both unknown."""

    actor: str | None = None
    outlet: str | None = None
    many: tuple[str, ...] = ()  # "the Kyrgyz and Tajik security services": one per country


class Speakers:
    """Resolves the phrases of one article's sentences, in order, to its actors."""

    def __init__(self, book: ActorBook, outlets: OutletFinder) -> None:
        self.book, self.outlets = book, outlets
        self.history: list[str] = []  # actor keys, most recent mention last
        self.spoke: list[str] = []  # speakers, most recent last (the reader keeps it)
        self.evidence = ""
        self.doc: Doc | None = None
        self.entity_at: dict[int, Entity] = {}
        self.seen_outlet: str | None = None  # the outlet the sentence names, if one
        self.story_countries: set[str] = set()

    # -- per sentence ---------------------------------------------------------------------
    def start(self, doc: Doc, ents: list[Entity], evidence: str) -> None:
        self.doc, self.evidence = doc, evidence
        surnames = {_bare(a.name.split()[-1]) for a in self.book.persons()}
        for entity in ents:  # "Tolvsen declined": a known person, whatever NER says
            if entity.label in ("ORG", "GPE", "NORP") and _bare(entity.text) in surnames:
                entity.label = "PERSON"
        taken = {i for e in ents for i in range(e.start, e.end)}
        for token in doc:
            if token.i not in taken and token.pos_ == "PROPN" and _bare(token.text) in surnames:
                ents.append(Entity(token.i, token.i + 1, "PERSON", token.text))
        self.entity_at = {i: e for e in ents for i in range(e.start, e.end)}
        outlets = [e.outlet for e in ents if e.outlet]
        self.seen_outlet = outlets[0] if outlets else None

    def note(self, key: str | None) -> None:
        """An actor was just mentioned: it becomes the nearest antecedent of its kind."""
        key = self.book.canonical(key)
        if key is None:
            return
        if key in self.history:
            self.history.remove(key)
        self.history.append(key)

    def entities(self) -> list[tuple[Entity, Who]]:
        """Every named actor of the sentence (entities that are not outlets)."""
        assert self.doc is not None
        found: list[tuple[Entity, Who]] = []
        for entity in dict.fromkeys(self.entity_at.values()):
            if entity.label in ("OUTLET", "FAC", "LOC"):
                continue
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

    # -- resolution -----------------------------------------------------------------------
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
        if lemma in lexicon.PERSON_NOUNS or lemma in _TITLE_MODIFIERS:
            named = self._name_in(head)
            if named is not None:
                return named
        if lemma in _MEMBERS:
            # "al-Shabab militants said": the group speaks
            for child in head.children:
                entity = self.entity_at.get(child.i)
                if child.dep_ in ("compound", "amod", "nmod") and entity and entity.label == "ORG":
                    return self._entity(entity, child, False)
        if lemma in lexicon.STATEMENT_NOUNS:
            return self._statement_owner(head)
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

    def _unrecognised(self, head: Token) -> str | None:
        """ "Human Rights Watch accused ...": a capitalised name the recogniser missed speaks as
        an organisation (a person's name without a title it does recognise)."""
        words = [t for t in phrase(head, keep_preps=False) if t.dep_ not in ("det", "punct")]
        name = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if len(name) < 2 and not (name and name[0].text.isupper() and len(name[0].text) > 1):
            return None
        span = head.doc[name[0].i : name[-1].i + 1]
        return self._org(span.text, head, span)

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

    @staticmethod
    def _in_title(span: object) -> bool:
        """A word of a title the recogniser took for a name: "Defence" in "Defence Minister"."""
        root = span.root  # type: ignore[attr-defined]
        return (
            all(t.lower_ in _TITLE_MODIFIERS for t in span)  # type: ignore[attr-defined]
            and root.dep_ == "compound"
            and (root.head.lemma_.lower() in lexicon.TITLE_WORDS | lexicon.PERSON_NOUNS)
        )

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
            if ref is not None and ref.kind in _SPEAKING_OUTLETS and not mentioned_only:
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

    @staticmethod
    def _acts(head: Token) -> bool:
        """A place that acts ("Pakistan rejected", "Moscow said") is a state."""
        return head.dep_ in ("nsubj", "nsubjpass", "agent") or (
            head.dep_ == "pobj" and head.head.lower_ in ("by", "to") and head.head.head.lower_
            in ("according", "accused", "blamed")
        )  # fmt: skip

    # -- named actors ---------------------------------------------------------------------
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
        parts = [_bare(p) for p in name.split()]
        persons = [a for a in self.book.persons() if a.key not in self.book.renamed]
        for actor in persons:
            theirs = [_bare(p) for p in actor.name.split()]
            if parts[-1] != theirs[-1]:
                continue
            if len(parts) == 1 or len(theirs) == 1 or parts[0] == theirs[0]:
                return actor.key
        for actor in persons:
            theirs = [_bare(p) for p in actor.name.split()]
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
        if member_of is None:
            for token in words:
                if token.lower_ in _GENERIC_ORGS - {"government"} and token.dep_ in (
                    "compound", "amod", "poss"
                ):  # fmt: skip
                    continue
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
        entry = known_org(text) or known_org(rest)
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
        found = self._find_org(text, country) or self._find_org(rest, country)
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

    def _add(self, actor: ActorDraft, surface: str) -> str:
        actor.evidence = actor.evidence or self.evidence
        return self.book.add(actor, surface)

    # -- unnamed actors -------------------------------------------------------------------
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

    def _pronoun_owner(self) -> ActorDraft | None:
        """The actor "its" refers to: the last organisation, group or state mentioned."""
        for key in reversed(self.history):
            actor = self.book.items.get(self.book.canonical(key) or "")
            if actor is not None and actor.kind != "person":
                return actor
        return None

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

    def _side(self, head: Token) -> str | None:
        codes = countries_in(modifiers(head))
        if not codes:
            return None
        key = self.book.of_country(codes[0])
        return key or self._state(codes[0])

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
            if lemma in _MEMBERS and definite(head):
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


__all__ = ["Speakers", "Who"]
