"""Extraction, where (beside where.py): the places a parsed sentence names, each with the
role the sentence gives it (site, seat, reference, container, mention). Reads one sentence
at a time; never chooses the event's place (where.py does), never prints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.extract import places

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from generator.extract.article import Sentence

# How specific a named feature is: a site in a town (4), a district or town (3), a
# province or region (1). An unknown name without a feature word is 0.
FEATURES: dict[str, int] = {
    **dict.fromkeys(
        ("village", "town", "area", "camp", "base", "pass", "lake", "river", "valley"), 4
    ),
    **dict.fromkeys(("market", "neighbourhood", "neighborhood", "suburb", "outpost"), 4),
    **dict.fromkeys(("district", "agency", "county", "municipality", "tehsil", "city"), 3),
    **dict.fromkeys(("capital",), 3),
    **dict.fromkeys(("province", "region", "state", "governorate", "prefecture"), 1),
    **dict.fromkeys(("oblast", "territory", "division"), 1),
}
# Feature words that say nothing of size before "of": "the area of Crimea" is Crimea.
GENERIC_FEATURES = frozenset({"area", "region", "territory", "vicinity"})
# Feature words that stay in the name: "the Naumin pass" is not "Naumin".
KEPT_FEATURES = frozenset({"pass"})
# "the center of Kabul": the place is Kabul's, the noun only a part of it.
PART_NOUNS = frozenset(
    {"center", "centre", "outskirts", "heart", "part", "parts", "edge", "side", "bank",
     "banks", "shore", "outskirt", "middle", "vicinity", "suburbs", "north", "south", "east",
     "west", "territory", "premises"}
)  # fmt: skip
# "southwest of Mogadishu", "40 kilometers from Kabul": a reference point.
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west", "kilometers", "kilometres",
     "northern", "southern", "eastern", "western",
     "km", "miles", "mile", "metres", "meters"}
)  # fmt: skip
# Nouns that make a place the seat of whoever speaks or acts ("officials in Kabul").
SEAT_NOUNS = frozenset(
    {"office", "official", "officials", "governor", "spokesman", "spokeswoman",
     "spokesperson", "ministry", "embassy", "police", "authorities", "administration",
     "government", "senator", "chief", "commander", "headquarters", "leader", "minister",
     "source", "sources", "correspondent", "reporter", "journalist", "residents", "resident",
     "member", "lawmaker", "mayor", "council", "court", "hospital", "doctor", "doctors"}
)  # fmt: skip
# Nouns whose place is where people met or spoke ("a meeting in Ankara"): the event's place
# when the event is the meeting or the statement, never that of an attack.
VENUE_NOUNS = frozenset(
    {"meeting", "talks", "summit", "conference", "briefing", "session", "gaggle",
     "ceremony", "forum", "negotiation", "negotiations", "interview"}
)  # fmt: skip
TARGET_VERBS = frozenset(
    {"attack", "strike", "hit", "bomb", "storm", "raid", "shell", "target", "ambush", "kill",
     "wound", "injure", "shoot", "abduct", "kidnap", "behead", "execute"}
)  # fmt: skip
LOCATIVE = frozenset(
    {"in", "at", "on", "inside", "within", "across", "into", "through", "near", "outside",
     "around", "over", "along", "off", "towards", "toward", "against"}
)  # fmt: skip
NEAR = frozenset({"near", "outside", "around", "towards", "toward"})
# Verbs whose object is where the event happened ("stormed the hotel").
ATTACK_VERBS = frozenset(
    {"attack", "strike", "hit", "bomb", "storm", "raid", "shell", "target", "ambush",
     "overrun", "seize", "capture", "besiege", "burn", "loot"}
)  # fmt: skip


@dataclass
class Mention:
    """A place named in a sentence, with what the sentence makes of it."""

    name: str
    index: int  # of the sentence
    start: int  # token offset in the sentence
    feature: int  # the level its feature word gives (FEATURES), 0 without one
    role: str  # site, venue, seat, reference, container, mention
    sentence: str
    near: bool = False
    countries: list[str] = field(default_factory=list)  # what the sentence says it is in
    level: int = 0  # the feature's, else 3 for a gazetteer town, 1 for a province
    label: str = ""  # the recogniser's label, "" when the parse alone found it
    country: str | None = None
    city: places.City | None = None
    subdivision: places.Subdivision | None = None


def country_of_word(text: str) -> str | None:
    found = places.find_countries(text)
    return found[0].code if found and places.is_country_word(text) else None


def _name_tokens(feature: Token) -> list[Token]:
    """The proper name a feature word carries: "the Gercus district", "the town of Dikwa",
    "the capital Mogadishu", "Pakistan's Kurram tribal district"."""
    words: list[Token] = []
    kept: list[Token] = []
    start = max(feature.sent.start, feature.i - 8)
    for token in reversed(list(feature.doc[start : feature.i])):
        if token.text in ("-", "–") and words:
            words.insert(0, token)
        elif words and words[0].text in ("-", "–") and _glued(token, words[0]):
            words.insert(0, token)  # the "e" of "Dasht-e-Barchi"
        elif token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
            if token.ent_type_ == "DATE" or country_of_word(token.text):
                break
            if token.ent_type_ == "NORP" and token.pos_ != "PROPN":
                break  # "the Kurdish region": a people, not a name ("Paghman area" is one)
            words.insert(0, token)
        elif not words and token.lower_ in KEPT_FEATURES:
            kept.insert(0, token)
        elif not words and token.pos_ in ("ADJ", "NOUN") and token.is_lower:
            continue  # "military camp", "tribal district"
        else:
            break
    if words:
        return words + kept
    if feature.lower_ in GENERIC_FEATURES:
        return []  # "the area of Crimea" names Crimea, see _of_name
    for child in feature.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return _compound_run(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects and not country_of_word(objects[0].text):
                return _compound_run(objects[0])
    return []


def _skippable(token: Token) -> bool:
    """Words between a preposition and a place: "in the northwestern Saada province"."""
    return token.lower_ in ("the", "a", "an") or (
        token.pos_ in ("ADJ", "NOUN", "PROPN")
        and (token.is_lower or bool(country_of_word(token.text)))
    )


def _compound_run(token: Token) -> list[Token]:
    """A proper noun with the capitalised words compounded to it ("Mir Ali") and the words
    glued to it by hyphens ("Pul-e-Alam", "al-Wahijah")."""
    doc, left = token.doc, token.i
    while left > token.sent.start:
        before = doc[left - 1]
        compound = before.dep_ in ("compound", "punct") and (
            before.text[:1].isupper() or before.text in ("-", "–")
        )
        if not (compound or _glued(before, doc[left])):
            break
        left -= 1
    right = token.i
    while right + 2 < token.sent.end and doc[right + 1].text in ("-", "–"):
        if doc[right].whitespace_ or doc[right + 1].whitespace_ or not doc[right + 2].is_alpha:
            break
        right += 2  # "Pul" of "Pul-e-Alam"
    return list(doc[left : right + 1])


def _glued(before: Token, after: Token) -> bool:
    """Two tokens of one hyphenated name: "Pul" "-" "e" "-" "Alam", "al" "-" "Wahijah"."""
    if before.whitespace_:
        return False
    if before.text in ("-", "–"):
        return before.i > before.sent.start and not before.nbor(-1).whitespace_
    return after.text in ("-", "–") and before.is_alpha and (before.is_lower or before.is_title)


def _role(anchor: Token, first: Token, mention_heads: set[int]) -> tuple[str, bool]:
    """What the sentence makes of a place: site (and whether only near it), seat,
    reference, container or a bare mention."""
    token = anchor
    while token.dep_ in ("compound", "nmod", "amod", "appos", "conj") and token.head is not token:
        token = token.head
    for _ in range(4):
        if token.dep_ == "dobj" and token.head.lemma_.lower() in ATTACK_VERBS:
            return "site", False  # "attacked the Lanta-Buro camp"
        if token.dep_ != "pobj":
            return _linear_role(first)
        prep, governor = token.head, token.head.head
        word = prep.lower_
        if word == "of":
            if governor.lower_ in DIRECTIONS:
                return "reference", False
            if governor.lower_ in PART_NOUNS:
                token = governor
                continue
            if governor.i in mention_heads or governor.lower_ in FEATURES:
                return "container", False
            return "mention", False
        if word in ("to", "with") and governor.lower_ in ("close", "next", "border", "adjacent"):
            return "reference", False
        if word == "from":
            if governor.lower_ in DIRECTIONS:
                return "reference", False
            return ("seat", False) if _is_actor(governor) else ("mention", False)
        if word in LOCATIVE:
            if governor.i in mention_heads or governor.lower_ in FEATURES:
                return "container", False
            if (
                governor.lower_ in SEAT_NOUNS
                and governor.dep_ == "pobj"
                and (
                    governor.head.lower_ in LOCATIVE
                    and governor.head.head.lemma_.lower() in TARGET_VERBS | {"die", "explode"}
                )
            ):
                token = governor  # "killed the governor in his office in Mazar-i-Sharif"
                continue
            if _is_actor(governor) and not _is_target(governor):
                return "seat", False
            if governor.lemma_.lower() in VENUE_NOUNS or any(
                c.dep_ == "dobj" and c.lemma_.lower() in VENUE_NOUNS for c in governor.children
            ):
                return "venue", False  # "at a press briefing in Moscow", "held talks in Ankara"
            return "site", word in NEAR
        return "mention", False
    return "mention", False


def _linear_role(first: Token) -> tuple[str, bool]:
    """When the parse does not attach the place to a preposition ("at the Galwan river -
    close to"), the words before it: a locative preposition makes it a site."""
    index = first.i - 1
    while index >= first.sent.start and _skippable(first.doc[index]):
        index -= 1
    before = first.doc[index] if index >= first.sent.start else None
    if before is not None and before.pos_ == "ADP" and before.lower_ in LOCATIVE:
        return "site", before.lower_ in NEAR
    return "mention", False


def _is_target(token: Token) -> bool:
    """An actor the event hit: "killed a senior leader in Idlib province"."""
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in TARGET_VERBS


def _is_actor(token: Token) -> bool:
    return token.lower_ in SEAT_NOUNS or (
        token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG")
    )


def find_mentions(sentence: Sentence) -> list[Mention]:
    span: Span | None = sentence.span
    if span is None:
        return []
    doc = span.doc
    found: list[tuple[list[Token], Token, int, str]] = []  # name, anchor, level, label
    taken: set[int] = set()
    capitals: list[tuple[Token, str, str]] = []  # the word "capital", the city, its country
    for token in span:
        level = FEATURES.get(token.lower_)
        if level is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        words = _name_tokens(token)
        capital = _capital(token) if not words else None
        if capital is not None:  # "the Afghan capital", "Somalia's capital"
            capitals.append((token, *capital))
            taken.add(token.i)
        if words and token.lower_ in KEPT_FEATURES and words[-1].i == token.i - 1:
            words = [*words, token]  # "the Naumin pass"
        if words and not taken & {w.i for w in words}:
            of_generic = token.lower_ in GENERIC_FEATURES and words[0].i > token.i
            found.append((words, token, 0 if of_generic else level, "GPE"))
            taken |= {w.i for w in words} | {token.i}
    for entity in span.ents:
        if entity.label_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "PRODUCT"):
            words = [t for t in entity if t.lower_ != "the"]
            if words and not taken & {w.i for w in words}:
                found.append((words, entity.root, 0, entity.label_))
                taken |= {w.i for w in words}
    for token in span:  # a proper noun after "in", "near" that the recogniser missed
        if (
            token.i not in taken
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and token.dep_ == "pobj"
            and (
                token.head.lower_ in LOCATIVE
                or (token.head.lower_ == "of" and token.head.head.lower_ in DIRECTIONS)
            )
            and token.lower_ not in _CALENDAR
        ):
            words = _compound_run(token)
            found.append((words, token, 0, ""))
            taken |= {w.i for w in words}
    heads = {f[1].i for f in found} | {w.i for f in found for w in f[0]}
    mentions = []
    for words, anchor, level, label in found:
        name = doc[words[0].i : words[-1].i + 1].text.strip(" -")
        if not name or country_of_word(name) or not _capitalised(name):
            continue
        if level == 0 and not _may_be_place(name, anchor, words[0], label):
            continue
        role, near = _role(anchor, words[0], heads - {anchor.i} - {w.i for w in words})
        mention = Mention(name, sentence.index, words[0].i - span.start, level, role,
                          sentence.text, near, _countries_around(anchor, words))  # fmt: skip
        mention.label = label
        mentions.append(mention)
    for token, name, code in capitals:
        role, near = _role(token, token, heads - {token.i})
        mention = Mention(name, sentence.index, token.i - span.start, 3, role, sentence.text,
                          near, [code])  # fmt: skip
        mention.label = "GPE"
        mentions.append(mention)
    return mentions


def _capital(token: Token) -> tuple[str, str] | None:
    """The city "the Afghan capital" or "Somalia's capital" names (GeoNames' capitals)."""
    if token.lower_ != "capital":
        return None
    for child in token.children:
        code = country_of_word(child.text) if child.dep_ in ("amod", "compound", "poss") else None
        city = places.capital_of(code) if code else None
        if code and city:
            return city, code
    return None


def _capitalised(name: str) -> bool:
    """A proper name: capitalised, or after a glued particle ("al-Wahijah", "el-Arish")."""
    return name[:1].isupper() or bool(re.match(r"[a-z]{1,3}-[A-Z]", name))


_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip


def _may_be_place(name: str, anchor: Token, first: Token, label: str) -> bool:
    """A name without a place feature: a place if a gazetteer knows it, or if the parser
    calls it a place and a locative preposition introduces it; persons and bodies only
    when a gazetteer knows the name."""
    if places.find_subdivision(name) or known_city(name):
        return True
    if label not in ("GPE", "LOC", "FAC", ""):
        return False
    located = anchor.dep_ == "pobj" and anchor.head.lower_ in LOCATIVE
    return located or _linear_role(first)[0] == "site"


def _countries_around(anchor: Token, words: list[Token]) -> list[str]:
    """Countries the sentence puts the place in: "Afghanistan's Nangarhar province", "the
    Paktia province of Afghanistan", "Omran province in Yemen", "the Tajik village of"."""
    codes: list[str] = []
    for token in [*anchor.children, *(c for w in words for c in w.children)]:
        if token.dep_ in ("poss", "nmod", "amod", "compound"):
            code = country_of_word(token.text)
            if code:
                codes.append(code)
        if token.dep_ == "prep" and token.lower_ in ("of", "in"):
            for obj in token.children:
                code = country_of_word(obj.text) if obj.dep_ == "pobj" else None
                if code:
                    codes.append(code)
    return codes


def known_city(name: str) -> places.City | None:
    """A city by its own name alone, no country known: only a large one (the many small
    places of one name are too loose), by another name only when one large city has it
    ("New York" for New York City)."""
    found = places.find_city(name) or places.large_city_by_other_name(name)
    return found if found and found.population >= 100_000 else None
