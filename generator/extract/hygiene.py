"""What on a news page is not the story: captions, staff credits, copyright lines, links to
other stories, desk codes; and the lines that credit another outlet with the report.

Kept as data (one pattern per convention, named), applied by article.py. A credit line
is not content either, but the outlets it names become sources of the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Whole lines (paragraphs) that are never story text, by what they are.
NOT_CONTENT: dict[str, re.Pattern[str]] = {
    "link to another story": re.compile(
        r"^(?:read more|also read|related(?: news| stories| articles)?|see also|watch|"
        r"advertisement|share this|recommended|more from|click here|subscribe|follow us|"
        r"read next|read also|take a look|don'?t miss|must read|you may also like|"
        r"more on this|editor'?s picks?|trending)\b|^breaking(?: news)?[.!:]?$|"
        r"^[\u2022\u00b7\u25aa\u25e6\u2023].*[^.!?\"'\s]\s*$",  # a bullet with no full stop
        re.I,
    ),
    "staff credit": re.compile(
        r"^[(\[]?\s*(?:(?:additional |further )?(?:writing|editing|reporting|compiled|"
        r"edited|written|produced|translated|research|graphics?|photos?|video|"
        r"fact[- ]checking)(?:\s+and\s+\w+)?\s+by)\b",
        re.I,
    ),
    "copyright": re.compile(
        r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|"
        r"\bmay not be (?:published|broadcast|rewritten|redistributed)\b|"
        r"^our standards:|trust principles\.?$",
        re.I,
    ),
    "photo caption": re.compile(
        r"^(?:file\s+)?(?:photo|image|picture|caption|video)(?:\s+(?:credit|caption))?\s*[:|]|"
        r"^file photo\b|"
        r"\((?:file|photo|file photo|representational image|representative image)\)\s*$|"
        r"\b(?:REUTERS|AFP|AP Photo|EPA(?:-EFE)?|Getty Images|Xinhua|ANADOLU)\s*/\s*"
        r"[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$",
        re.I,
    ),
    "dateline of the page": re.compile(
        r"^(?:published|updated|posted|last updated|first published)\s*:?\s+(?:on\s+)?"
        r"(?:\d|[A-Z][a-z]+day|[A-Z][a-z]{2,8}\.? \d)",
        re.I,
    ),
}

# Lines that credit other outlets with the report: (cue, pattern with a `names` group).
CREDIT_LINES: list[tuple[str, re.Pattern[str]]] = [
    (
        "source line",
        re.compile(
            r"^[(\[]?\s*(?:source|sources|courtesy)\s*[:|-]\s*(?P<names>.+?)"
            r"[)\].]?$",
            re.I,
        ),
    ),
    (
        "wire credit",
        re.compile(
            r"^[(\[]?\s*(?:some |additional )?(?:information|material|reporting|details)"
            r"(?: for this (?:story|report|article))? (?:was |were )?(?:provided|contributed|"
            r"supplied) by (?P<names>.+?)[.)\]]*$",
            re.I,
        ),
    ),
    (
        "wire credit",
        re.compile(r"^[(\[]?\s*(?:with )?inputs? (?:from|by) (?P<names>.+?)[.)\]]*$", re.I),
    ),
    (
        "wire credit",
        re.compile(r"^[(\[]?\s*(?P<names>.+?) contributed to this (?:report|story)[.)\]]*$", re.I),
    ),
    (
        "republished from",
        re.compile(
            r"^[(\[]?\s*(?:this (?:article|story|report) (?:was |is )?(?:originally |first )?"
            r"(?:published|appeared)|originally published|first published|"
            r"republished|reprinted|reproduced)(?: with (?:the )?permission)?"
            r"(?: (?:by|in|on|from))? (?P<names>.+?)[.)\]]*$",
            re.I,
        ),
    ),
    ("wire credit", re.compile(r"^>>\s*(?P<names>.+)$")),
]

# A wire agency's initials closing a paragraph: "... the police said. (NAN)".
TRAILING_CREDIT = re.compile(r"\s*\((?P<names>[A-Z][A-Za-z]{1,6}(?:/[A-Z][A-Za-z]{1,6})*)\)\s*$")

# Marks inside story text that are not words of the story.
INLINE: dict[str, re.Pattern[str]] = {
    # Staff credits closing a paragraph: "... in March. (Reporting by A; Editing by B)".
    "staff credit": re.compile(
        r"\s*[(\[]\s*(?:additional |further )?(?:writing|editing|reporting|compiled|edited|"
        r"written|produced|translated)\s+by\b[^()\[\]]*[)\]]\s*$",
        re.I,
    ),
    # Wire desk codes: "(R/R04/P2)", "(ZCZC/AB1)".
    "desk code": re.compile(r"\s*\((?:[A-Z0-9]{1,5}/){1,4}[A-Z0-9]{1,5}\)"),
    "photo credit": re.compile(
        r"\s*[(\[](?:photo|image|picture|file photo|file)(?:\s*[:/|]\s*[^)\]]{0,60})?[)\]]",
        re.I,
    ),
}

# The extractor's own placeholders ("⟦A:key⟧"): never accepted from an article.
MARKERS = str.maketrans({"⟦": "[", "⟧": "]", "\0": " "})


def kind_of(line: str) -> str | None:
    """What a line is when it is not story text, else None (a long paragraph is story)."""
    if len(line.split()) > 40:
        return None
    return next((kind for kind, pattern in NOT_CONTENT.items() if pattern.search(line)), None)


def credit_of(line: str) -> tuple[str, str] | None:
    """(cue, names as written) when the line credits outlets with the report."""
    for cue, pattern in CREDIT_LINES:
        match = pattern.match(line.strip())
        if match and len(match.group("names").split()) <= 12:
            return cue, match.group("names").strip(" .")
    return None


def clean(text: str) -> str:
    """Story text without desk codes and photo credits."""
    for pattern in INLINE.values():
        text = pattern.sub("", text)
    return text


_MARKER = re.compile(r"⟦(\w):([^⟧]*)⟧")


def unmask(value: object, name_of: Callable[[str, str], str]) -> object:
    """The draft's data with any extractor placeholder left in a string ("⟦A:army⟧")
    replaced by the name it stands for: a safety net, so none ever reaches the output."""
    from generator.extract.emit import Note

    if isinstance(value, Note):
        value.value = unmask(value.value, name_of)
        value.comments = [str(unmask(c, name_of)) for c in value.comments]
        return value
    if isinstance(value, dict):
        return {k: unmask(v, name_of) for k, v in value.items()}
    if isinstance(value, list):
        return [unmask(v, name_of) for v in value]
    if isinstance(value, str) and "⟦" in value:
        text = _MARKER.sub(lambda m: name_of(m.group(1), m.group(2)), value)
        return text.replace("⟦", "").replace("⟧", "")
    return value
