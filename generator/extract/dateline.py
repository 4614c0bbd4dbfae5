"""Extraction, step 1 (beside article.py): the dateline opening a story and the credit
it gives ("KABUL (Reuters) - "). Reads paragraphs only; never prints, never raises."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

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
# "ASHGABAT, October 2. /TASS/. " and "Baku. 7 September. REPORT.AZ/ " credit the agency
# between slashes or before one; "Kabul [Afghanistan], March 7 (ANI):" names the country.
DATELINE = re.compile(
    rf"^(?P<place>{_DL_PLACE}(?:,\s*{_DL_PLACE})?)(?:\s*\[[^\]]{{2,40}}\])?"
    rf"(?:[,.]?\s+(?P<date>{_DL_DATE}))?"
    r"(?:,?\s*\((?P<credit>[^()]{2,80})\)"
    r"|\.?\s*/(?P<slashed>[A-Za-z][\w .&'-]{1,40})/\.?"
    r"|\.?\s+(?P<tagged>[A-Z][A-Za-z.]{1,30})/)?"
    r"\s*(?P<sep>--?|:|\|)?(?:\s+|$)"
)
# "WASHINGTON-The White House said": a capitalised place glued to the lead by a dash.
DASHED = re.compile(r"^(?P<place>[A-Z]{3,}(?:[ ,]+[A-Z]{3,}){0,2})\s*--?(?=[A-Z][a-z])")
# A dateline line of the preamble with a date and no credit: "Baku, Azerbaijan, Sept. 13".
DATED_LINE = re.compile(rf"^(?P<place>{_DL_PLACE}(?:,\s*{_DL_PLACE})?),?\s+(?P<date>{_DL_DATE})$")
# How far into the story a dateline may stand, after teasers, captions or a repeated lead.
LATER_PARAGRAPHS = 4
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
    paragraph: int = 0  # of the story's paragraphs; a later one after teasers or captions


@dataclass(frozen=True)
class Credit:
    """An outlet the page credits with the report: a dateline, a wire or a source line."""

    names: str  # as written: "AP and Reuters"
    cue: str  # "dateline credit", "wire credit", "source line", "republished from"
    line: str


def find_dateline(
    paragraphs: list[str], preamble: list[str]
) -> tuple[Dateline | None, str | None, Credit | None]:
    """The dateline opening the story (or standing on the line before it, or opening one
    of its first paragraphs after a teaser, a caption or a repeated lead): the dateline,
    the first paragraph without it (None when it is not the first's), and its credit."""
    if not paragraphs:
        return None, None, None
    first = paragraphs[0]
    byline = _BYLINE.match(first)
    if byline and (m := DATELINE.match(first[byline.end() :])) and _is_dateline(m):
        first = first[byline.end() :]  # the byline is a credit line, not story text
    found = _match(first)
    if found:
        dateline, end, credit = found
        return dateline, first[end:], credit
    for line in preamble[-2:]:
        alone = DATELINE_LINE.match(line)
        if alone and _known_place(alone.group("place")):
            dateline = Dateline(alone.group("place"), None, line)
            return dateline, None, Credit(alone.group("credit"), "dateline credit", line)
        dated = DATED_LINE.match(line)
        if dated and _known_place(dated.group("place")):
            return Dateline(dated.group("place"), dated.group("date"), line), None, None
    for number, paragraph in enumerate(paragraphs[1:LATER_PARAGRAPHS], start=1):
        found = _match(paragraph, later=True)
        if found:
            dateline, _, credit = found
            return replace(dateline, paragraph=number), None, credit
    return None, None, None


def _match(text: str, later: bool = False) -> tuple[Dateline, int, Credit | None] | None:
    """The dateline opening this text, where the story after it starts, and its credit. A
    later paragraph's needs a place the gazetteers know ("SANDERS:" opens a transcript)."""
    match = DATELINE.match(text)
    if match and _is_dateline(match) and (not later or _known_place(match.group("place"), True)):
        place = match.group("place").rstrip(".")
        names = match.group("credit") or match.group("slashed") or match.group("tagged")
        line = match.group().strip()
        credit = Credit(names, "dateline credit", line) if names else None
        return Dateline(place, match.group("date"), line), match.end(), credit
    dashed = DASHED.match(text)
    if dashed and _known_place(dashed.group("place"), True):
        return Dateline(dashed.group("place"), None, dashed.group()), dashed.end(), None
    return None


def story_opening(sentences: Sequence[Any], dateline: Dateline | None) -> int:
    """The index of the first sentence of the story: that of the paragraph a later dateline
    opens (what stands before it is a teaser, a caption or a repeated lead), else 0."""
    if dateline is None or not dateline.paragraph:
        return 0
    return next((s.index for s in sentences if s.paragraph == dateline.paragraph), 0)


def story_start(texts: list[str]) -> int:
    """The index of the sentence a dateline standing after the first paragraph opens ("Kabul,
    Jul 31 (AP)" after a teaser repeating the lead, "ISLAMABAD:" after a photo caption); 0
    when the story opens the text. What comes before it is not the story's lead."""
    for index, text in enumerate(texts[1:8], start=1):
        if _match(text, later=True):
            return index
    return 0


def dateline_end(text: str) -> int:
    """Where the story starts in a sentence opening with a dateline (0 without one)."""
    found = _match(text, later=True)
    return found[1] if found else 0


# Speaker labels of a transcript ("QUESTION:", "MR PRICE:"), not places.
_LABELS = frozenset(
    {"QUESTION", "ANSWER", "Q", "A", "MODERATOR", "INTERVIEWER", "REPORTER", "JOURNALIST",
     "SPOKESPERSON", "SPOKESMAN", "SPOKESWOMAN", "PARTICIPANT", "MR", "MS", "MRS", "DR"}
)  # fmt: skip


def _is_dateline(match: re.Match[str]) -> bool:
    place = match.group("place")
    words = place.replace("/", " ").replace(",", " ").split()
    if words[0].upper().rstrip(".") in _LABELS:
        return False
    capitals = words[0].isupper() and len(words[0].strip(".")) >= 3
    credit = match.group("credit") or match.group("slashed") or match.group("tagged")
    if credit and (capitals or _known_place(place)):
        return True
    if capitals and (match.group("sep") or match.group("date")):
        return True
    return bool(match.group("sep")) and len(words) <= 3 and _known_place(place)


def _known_place(place: str, strict: bool = False) -> bool:
    """A country or a town of the gazetteer; strict: the name is one ("The Tehrik-i-Taliban
    Pakistan (TTP) spokesperson" names a country but is none)."""
    from generator.extract import places

    name = re.split(r"[,/]", place)[0].strip().rstrip(".")
    country = places.is_country_word(name.title()) if strict else places.find_countries(name)
    return bool(country) or places.find_city(name.title()) is not None
