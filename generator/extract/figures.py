"""Extraction of figures: "around 10,000 Daesh terrorists", "nine provinces", "18 civilians,
3 policemen killed", each with its qualifier and unit; and the fatalities they add up to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract import lexicon

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


def fatalities(by_sentence: list[list[FigureDraft]]) -> tuple[int | None, str]:
    """The most conservative total of killed people given in one sentence (ACLED rule)."""
    totals = []
    for figures in by_sentence:
        killed = [f for f in figures if f.killed and not f.subset]
        if killed:
            totals.append((sum(int(f.value) for f in killed), [f.text for f in killed]))
    if not totals:
        return None, ""
    low = min(totals, key=lambda t: t[0])
    others = sorted({t[0] for t in totals} - {low[0]})
    note = f"lowest total reported ({'; '.join(low[1])})"
    if others:
        note += f"; other totals: {', '.join(map(str, others))}"
    return low[0], note
