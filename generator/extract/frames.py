"""Extraction, step 3: the attribution frame of a masked sentence: who said it (speaker),
which outlet carried it, who relayed it, with which reporting verb, and what was said.

Reads "⟦O:dawn⟧, quoting ⟦A:officials⟧, confirmed that ..." and its relatives with a short
list of patterns, tried in order; nested frames ("Press TV reports that the Russian side
cited its intelligence agency as saying that ...") are read again inside the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract import lexicon

S = r"(?P<s>⟦[AP]:\w+⟧)"
S2 = r"(?P<s2>⟦[AP]:\w+⟧)"
OUT = r"(?P<o>⟦O:\w+⟧)"
REP = (
    rf"(?:{lexicon.REPORTING}|put the toll at|expressed ignorance|declined to comment|"
    r"refused to comment|declined to confirm|claimed responsibility)"
)
V = rf"(?P<v>{REP})"
LEAD = (
    r"^(?:(?:However|But|Meanwhile|Separately|Also|Earlier|Later|In a statement|On \w+),?\s+)?"
    r"(?:another\s+)?(?:[Tt]he\s+)?"
)
MODS = (
    r"(?P<mods>(?:,[^,⟦]*?,|\s+on \w+|\s+(?:also|later|has|have|had|previously|again|"
    r"reportedly|separately|meanwhile|in a statement|on Thursday))*)"
)
PATTERNS = [
    (
        "quoting",
        LEAD + OUT + rf",?\s+(?:news agency\s+)?(?:quoting|citing)\s+{S},?\s+{V}"
        r"(?P<c>.*)$",
    ),
    ("quoted", LEAD + OUT + rf"\s+(?:news agency\s+)?(?P<v>quoted|cited)\s+{S}(?P<c>.*)$"),
    (
        "quoted_by",
        rf"^(?P<c>.+?),?\s+{S},?\s+(?:was|were)\s+quoted\s+(?:as\s+saying\s+)?by"
        rf"\s+(?:the\s+)?{OUT}\.?$",
    ),
    (
        "outlet_end",
        rf"^(?P<c>.+?),\s+(?:the\s+)?{OUT}\s+{V}(?:,\s+(?:citing|quoting)\s+{S})?"
        r"(?:,\s+adding\s+that\s+(?P<tail>.+?))?\.?$",
    ),
    (
        "outlet",
        LEAD + OUT + rf"(?:\s+news agency)?\s+{V}(?:,?\s+(?:citing|quoting)\s+{S},?)?"
        r"(?P<c>.*)$",
    ),
    (
        "according",
        LEAD + r"[Aa]ccording to\s+(?:(?:a|the) statement (?:from|by)\s+)?(?:the\s+)?"
        rf"(?:{S}|{OUT}),\s+(?P<c>.+)$",
    ),
    (
        "according_end",
        r"^(?P<c>.+?),?\s+according to\s+(?:(?:a|the) statement (?:from|by)\s+)?"
        rf"(?:the\s+)?(?:{S}|{OUT})\.?$",
    ),
    ("speaker", LEAD + S + MODS + rf",?\s+{V}(?P<c>.*)$"),
    (
        "speaker_end",
        rf"^(?P<c>.+?),?\s+(?:the\s+)?{S},?\s+(?P<v>said|says|added|stated|"
        r"announced|claimed|warned|insisted|told)(?P<rest>(?:[^⟦]|⟦O:\w+⟧)*?)\.?$",
    ),
    (
        "said_speaker",
        rf"^(?P<c>.+?),?\s+(?P<v>said|says|added|told)\s+(?:the\s+)?{S}"
        r"(?P<rest>.*?)\.?$",
    ),
]
COMPILED = [(name, re.compile(p)) for name, p in PATTERNS]
ANAPHOR = re.compile(
    r"^(?:\w+ing\s+)?(?:of|about|on|to)?\s*(?:that\s+)?(?:the|a|this|that|any|such)\s+"
    r"(?:reported\s+|alleged\s+)?(?:meeting|talks|attack|strike|incident|bombing|deal|"
    r"agreement|accord|pact|reports?|claims?|allegations?|accusations?|involvement)\b"
)


# Verbs whose object is not what was said: the claim is the whole clause.
_ACTS = {"claimed responsibility", "condemned", "welcomed", "blamed", "accused", "put the toll at"}


@dataclass
class Frame:
    """Who said what: tokens are still masked (⟦A:key⟧, ⟦O:key⟧, ⟦P:he⟧)."""

    speaker: str | None  # an ⟦A⟧ or ⟦P⟧ token
    outlet: str | None  # an outlet key
    relay: str | None  # an ⟦A⟧ token
    verb: str
    content: str
    attribution: str
    pattern: str

    @property
    def anaphoric(self) -> bool:
        return bool(ANAPHOR.match(self.content.strip()))


def _key(token: str | None) -> str | None:
    match = re.fullmatch(r"⟦O:(\w+)⟧", token or "")
    return match.group(1) if match else None


def _split_rest(rest: str) -> tuple[str, str]:
    """(attribution words, content) from what follows a reporting verb."""
    rest = rest.strip().lstrip(",").strip()
    match = re.match(r"^(?P<pre>.*?)\bthat\s+(?P<c>.+)$", rest)
    if (
        match
        and len(match.group("pre").split()) <= 8
        and not re.search(r"\b(?:was|were|is|are|had|has|have|would|could)\b", match.group("pre"))
    ):
        return match.group("pre"), match.group("c")
    match = re.match(r"^(?P<pre>(?:⟦O:\w+⟧|in a statement[^,⟦]*?)?),?\s*(?P<c>.*)$", rest)
    if match:
        return match.group("pre"), match.group("c")
    return "", rest


def parse(masked: str, depth: int = 0) -> Frame | None:
    """The attribution frame of a sentence, or None when the article speaks itself."""
    text = masked.strip()
    for name, pattern in COMPILED:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        speaker = groups.get("s") or groups.get("s2")
        outlet = _key(groups.get("o"))
        verb = (groups.get("v") or "said").strip()
        content = groups.get("c") or ""
        attribution = text.replace(content, " ") if content else text
        relayed = None
        if verb in ("cited", "quoted") and name == "speaker":
            relayed = re.match(
                rf"^\s*{S2},?\s+as\s+(?:saying|stating)\s*,?\s*(?:that\s+)?(?P<c>.+)$", content
            )
        if relayed:
            attribution = text[: match.start("c")] + relayed.group("s2")
            content = relayed.group("c")
        elif name in ("speaker", "quoted", "quoting", "outlet"):
            pre, content = _split_rest(content)
            content = re.sub(r"^(?:,?\s*as\s+(?:saying|stating|telling)\s*,?\s*)", "", content)
            content = re.sub(r"^that\s+", "", content)
            attribution = f"{text[: match.start('c')]} {pre}"
        rest = groups.get("rest") or ""
        if groups.get("tail"):
            content = f"{content}; {groups['tail']}"
        attribution += f" {rest}"
        told = re.search(r"(?:told|to|contacted by|by|with)\s+(?:the\s+)?(⟦O:\w+⟧)", attribution)
        told = told or re.search(
            r"(?:contacted by|told|in an interview with)\s+(?:the\s+)?"
            r"(⟦O:\w+⟧)",
            content,
        )
        if told and not outlet:
            outlet = _key(told.group(1))
        if (name == "outlet_end" and speaker and content.startswith("responsibility")) or (
            name == "speaker" and verb in _ACTS and not content.startswith("⟦Q")
        ):
            content = f"{speaker} {verb} {content}"
        frame = Frame(speaker, outlet, None, verb, content.strip(" ,"), attribution, name)
        if relayed:
            frame = Frame(
                relayed.group("s2"), outlet, speaker, "said", frame.content, attribution, name
            )
        if depth == 0 and frame.content:
            nested = parse(frame.content, depth + 1)
            if nested and nested.speaker and nested.pattern in ("speaker", "speaker_end"):
                relay = frame.speaker if frame.speaker != nested.speaker else frame.relay
                if nested.relay and nested.relay != nested.speaker:
                    relay = nested.relay
                content = nested.content
                if nested.verb in ("cited", "said") and not nested.content.startswith("⟦Q"):
                    content = nested.content if nested.relay else frame.content
                frame = Frame(
                    nested.speaker,
                    nested.outlet or frame.outlet,
                    relay,
                    nested.verb,
                    content,
                    f"{frame.attribution} {nested.attribution}",
                    frame.pattern,
                )
        return frame
    return None


def stance(frame: Frame) -> str:
    """The stance the reporting verb (and the words around it) gives the statement."""
    head = f"{frame.verb} {' '.join(frame.content.split()[:3])}"
    whole = " ".join(f"{frame.verb} {frame.content} {frame.attribution}".split())
    for name, pattern in lexicon.STANCE_CUES:
        if re.search(pattern, head if name == "confirms" else whole):
            return name
    return "asserts"
