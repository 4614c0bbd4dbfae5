"""Extraction of figures: "around 10,000 Daesh terrorists", "nine provinces", "18 civilians,
3 policemen killed", each with its qualifier and unit; and the fatalities they add up to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_WORDS = "|".join(sorted((w for w in lexicon.NUMBER_WORDS if w != "one"), key=len, reverse=True))
_QUAL = "|".join(p for _, p in lexicon.QUALIFIERS)
NUMBER = (
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:million|billion|thousand))?|"
    rf"(?:{_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
FIGURE = re.compile(
    rf"(?<![\w$£€-])(?:(?P<q>(?i:{_QUAL}))\s+)?(?i:{NUMBER})\s+(?:of\s+the\s+)?"
    r"(?P<mods>(?:(?:[A-Z][\w-]*|other|more|foreign|local)\s+){0,2})"
    r"(?P<unit>[a-z]+(?:s|men)|people|police|personnel|dead|wounded|injured|children|others"
    r"|percent|per cent)\b",
)
_NOT_UNITS = {
    "days",
    "hours",
    "weeks",
    "months",
    "years",
    "minutes",
    "seconds",
    "times",
    "nations",
    "was",
    "is",
    "has",
    "this",
    "its",
    "as",
    "us",
    "yes",
    "sides",
}
_CASUALTY = re.compile(rf"\b(?:were |was |been |are )?(?P<c>{lexicon.CASUALTY})\b")
_VERB_BEFORE = re.compile(
    r"\b(?P<c>killed|wounded|injured|arrested|detained|kidnapped|abducted)"
    r"\s+(?:at least\s+|some\s+|about\s+|around\s+)?$"
)


@dataclass
class FigureDraft:
    value: int | float
    qualifier: str
    unit: str
    text: str
    of_surface: str = ""
    killed: bool = False
    subset: bool = False  # "including two children": part of a total given before


def _number(text: str) -> int | float | None:
    text = text.lower().replace(",", "")
    scale = 1
    for word, factor in (("million", 1_000_000), ("billion", 1_000_000_000), ("thousand", 1000)):
        if word in text:
            text, scale = text.replace(word, "").strip(), factor
    if re.fullmatch(r"\d+", text):
        return int(text) * scale
    if re.fullmatch(r"\d+\.\d+", text):
        value = float(text) * scale
        return int(value) if value.is_integer() else value
    parts = re.split(r"[- ]", text)
    if all(p in lexicon.NUMBER_WORDS for p in parts):
        return sum(lexicon.NUMBER_WORDS[p] for p in parts) * scale
    return None


def find(sentence: str) -> list[FigureDraft]:
    found: list[FigureDraft] = []
    for match in FIGURE.finditer(sentence):
        unit = match.group("unit").lower()
        before = sentence[: match.start()]
        if unit in _NOT_UNITS or re.search(
            r"\b(?:our|their|his|her|its|the|these|those)\s+$", before, re.I
        ):
            continue
        if re.search(r"\b(?:\d{1,2}|May|June|July)\s*$", before) or (
            unit.isdigit()
        ):  # part of a date
            continue
        value = _number(match.group("n"))
        if value is None:
            continue
        qualifier = next(
            (
                name
                for name, p in lexicon.QUALIFIERS
                if match.group("q") and re.fullmatch(p, match.group("q"), re.I)
            ),
            "exactly",
        )
        after = sentence[match.end() : match.end() + 60]
        status = None
        verb = _VERB_BEFORE.search(before)
        if unit in ("dead", "killed", "wounded", "injured"):
            status = unit
        elif verb:
            status = verb.group("c")
        else:
            clause = re.split(
                r"\s+(?:and|but|when|after|as)\s+(?=[a-z]+\s+(?!killed|wounded))", after
            )[0]
            casualty = _CASUALTY.match(clause.strip()) or re.match(
                rf"^(?:,?\s*(?:and\s+)?(?:at least\s+)?\w+\s+\w+)?,?\s+(?:were |was )?"
                rf"(?P<c>{lexicon.CASUALTY})\b",
                clause,
            )
            status = casualty.group("c") if casualty else None
        were = re.match(r"\s+were\s+(?P<noun>[a-z]+s)\b(?!\s+(?:killed|wounded|injured))", after)
        if "of the" in match.group() and were and were.group("noun") not in _NOT_UNITS:
            unit = were.group("noun")
        unit = lexicon.UNIT_SYNONYMS.get(unit, unit)
        if unit == "others" and status:
            unit = lexicon.UNIT_SYNONYMS.get(status, status)
        elif status and unit not in ("killed", "wounded"):
            state = lexicon.UNIT_SYNONYMS.get(status, status)
            unit = state if unit in ("people", "persons") else f"{unit}_{state}"
        unit = unit.replace(" ", "_").replace("per_cent", "percent")
        found.append(
            FigureDraft(
                value,
                qualifier,
                unit,
                match.group().strip(),
                of_surface=match.group("mods").strip(),
                killed=unit.endswith("killed"),
                subset=bool(re.search(r"\bincluding\s+$", before)),
            )
        )
    return found


# ---- fatalities, from the parse ------------------------------------------------------

# Who died: the patient of these verbs ("were killed", "killed five fighters"), the subject
# of these ("19 people died"), the object left so ("left 23 dead"), a count of these nouns.
DEATH_VERBS = frozenset({"kill", "slay", "massacre", "execute", "behead", "murder"})
DYING_VERBS = frozenset({"die", "perish"})
DEATH_NOUNS = frozenset({"death", "fatality", "body"})
# Nouns of one person: "a border guard was killed" counts one.
PERSON_NOUNS = frozenset(
    {"soldier", "guard", "serviceman", "policeman", "officer", "civilian", "man", "woman",
     "child", "boy", "girl", "commander", "militant", "fighter", "worker", "journalist",
     "student", "teacher", "farmer", "trader", "driver", "passenger", "resident", "villager",
     "official", "doctor", "nurse", "pilgrim", "protester", "person", "trooper", "captain"}
)  # fmt: skip


@dataclass(frozen=True)
class Deaths:
    """People reported killed in one clause: a total and the words that give it."""

    total: int
    text: str
    sentence: str


def deaths(span: Span) -> list[Deaths]:
    """Every count of people killed that a sentence gives, one per clause ("Three women and
    six children were killed": 9); parts of a total ("including six teachers") left out."""
    found: list[Deaths] = []
    for token in span:
        lemma = token.lemma_.lower()
        victims: list[Token] = []
        if lemma in DEATH_VERBS and token.pos_ == "VERB":
            role = "nsubjpass" if _passive(token) else "dobj"
            victims = [c for c in token.children if c.dep_ == role]
            if not victims and token.dep_ == "acl":  # "one Kyrgyz serviceman killed"
                continue
        elif lemma in DYING_VERBS:
            victims = [c for c in token.children if c.dep_ == "nsubj"]
        elif lemma == "leave":
            victims = [
                c for c in token.children
                if c.dep_ == "dobj" and any(g.lower_ == "dead" for g in c.head.children)
            ]  # fmt: skip
        elif lemma in DEATH_NOUNS and token.pos_ == "NOUN":  # "all nine deaths"
            count = next((_as_int(c.text) for c in token.children if c.dep_ == "nummod"), None)
            if count:
                found.append(Deaths(count, _words(token), span.text))
            continue
        for victim in victims:
            persons = [victim, *_conjuncts(victim)]
            total = sum(_count(person) or 0 for person in persons)
            if total:
                words = span.doc[victim.left_edge.i : max(p.i for p in persons) + 1].text
                found.append(Deaths(total, words, span.text))
    return found


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM")]


def _count(noun: Token) -> int | None:
    """The number a noun phrase gives: "at least 13 civilians", "One serviceman", and one
    for "a border guard (Name)"."""
    if noun.like_num:
        return _as_int(noun.text)
    nummod = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if nummod is not None:
        return _as_int(nummod.text)
    heads = [noun, *(c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
    person = any(h.lemma_.lower() in PERSON_NOUNS and h.tag_ in ("NN", "NNP") for h in heads)
    article = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.subtree)
    return 1 if person and article else None


def _as_int(text: str) -> int | None:
    value = _number(text)
    return int(value) if isinstance(value, int | float) and value >= 1 else None


def _words(token: Token) -> str:
    return token.doc[token.left_edge.i : token.i + 1].text


def fatalities(sentences: list[Span]) -> tuple[int | None, str]:
    """The event's dead: the first sentence that counts people killed gives the total (its
    lowest count when it gives several: "19 died ..., Zannah said 135 were killed"); the
    other counts of the story are named in the note."""
    counts = [d for span in sentences for d in deaths(span)]
    if not counts:
        return None, ""
    first = [d for d in counts if d.sentence == counts[0].sentence]
    low = min(first, key=lambda d: d.total)
    others = sorted({d.total for d in counts} - {low.total})
    note = f'the first count of the dead in the story ("{low.text}")'
    if len(first) > 1:
        note += ", the lowest of its sentence"
    if others:
        note += f"; other counts: {', '.join(map(str, others))}"
    return low.total, note
