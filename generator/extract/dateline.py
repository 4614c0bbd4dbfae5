"""Extraction, step 1 (beside article.py): the dateline opening a story and the credit
it gives ("KABUL (Reuters) - "). Reads paragraphs only; never prints, never raises."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DL_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    r"(?:,?\s+\d{4})?"
)
_DL_WORD = rf"(?!{_MONTH}(?:\s|,|$))[A-Z][A-Za-z'.-]*"
_DL_PLACE = rf"{_DL_WORD}(?:[ /]{_DL_WORD}){{0,3}}"
# "MOGADISHU (Reuters) - ", "KABUL, Afghanistan, Sept. 28 (UPI) - ", "MIRAMSHAH: ",
# "MOGADISHU Nov 2 ", "ISLAMABAD, (UrduPoint - 20th Nov, 2024) ".
DATELINE = re.compile(
    rf"^(?P<place>{_DL_PLACE}(?:,\s*{_DL_PLACE})?)"
    rf"(?:,?\s+(?P<date>{_DL_DATE}))?"
    r"(?:,?\s*\((?P<credit>[^()]{2,80})\))?"
    r"\s*(?P<sep>--?|:|\|)?\s+"
)
# A byline on the dateline's line: "By Jane Roe KABUL (Reuters) - ".
_BYLINE = re.compile(r"By\s+[A-Z][\w.'-]*(?:\s+[A-Z][a-z][\w.'-]*){0,3}\s+(?=[A-Z]{3,}\b)")
# A dateline on a line of its own: "Seoul - TASS".
DATELINE_LINE = re.compile(rf"^(?P<place>{_DL_PLACE})\s*[-|]\s*(?P<credit>[A-Z][\w .&'-]{{1,40}})$")


@dataclass(frozen=True)
class Dateline:
    """The place (and date) a report was filed from, and the agencies it credits."""

    place: str
    date: str | None
    text: str


@dataclass(frozen=True)
class Credit:
    """An outlet the page credits with the report: a dateline, a wire or a source line."""

    names: str  # as written: "AP and Reuters"
    cue: str  # "dateline credit", "wire credit", "source line", "republished from"
    line: str


def find_dateline(
    paragraphs: list[str], preamble: list[str]
) -> tuple[Dateline | None, str | None, Credit | None]:
    """The dateline opening the story (or standing on the line before it): the dateline,
    the first paragraph without it, and the credit it gives."""
    if not paragraphs:
        return None, None, None
    first = paragraphs[0]
    byline = _BYLINE.match(first)
    if byline and (m := DATELINE.match(first[byline.end() :])) and _is_dateline(m):
        first = first[byline.end() :]  # the byline is a credit line, not story text
    match = DATELINE.match(first)
    if match and _is_dateline(match):
        credit = match.group("credit")
        dateline = Dateline(match.group("place"), match.group("date"), match.group().strip())
        found = Credit(credit, "dateline credit", match.group().strip()) if credit else None
        return dateline, first[match.end() :], found
    for line in preamble[-2:]:
        alone = DATELINE_LINE.match(line)
        if alone and _known_place(alone.group("place")):
            dateline = Dateline(alone.group("place"), None, line)
            return dateline, None, Credit(alone.group("credit"), "dateline credit", line)
    return None, None, None


def _is_dateline(match: re.Match[str]) -> bool:
    place = match.group("place")
    words = place.replace("/", " ").replace(",", " ").split()
    capitals = words[0].isupper() and len(words[0].strip(".")) >= 3
    if match.group("credit") and (capitals or _known_place(place)):
        return True
    if capitals and (match.group("sep") or match.group("date")):
        return True
    return bool(match.group("sep")) and len(words) <= 3 and _known_place(place)


def _known_place(place: str) -> bool:
    from generator.extract import places

    name = re.split(r"[,/]", place)[0].strip()
    return bool(places.find_countries(name)) or places.find_city(name.title()) is not None
