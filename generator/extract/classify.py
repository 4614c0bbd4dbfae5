"""Extraction guesses: the ACLED event type and sub-type (with the cue that decided it) and
the type of each claim. Where the event happened is where.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.where import Place

# (event_type, sub_event_type, cue), most specific and most violent first.
ACLED_CUES: list[tuple[str, str, str]] = [
    (
        "explosions_remote_violence",
        "suicide_bomb",
        r"suicide (?:bomb\w*|attack\w*|vest)|blew (?:him|her|them)sel(?:f|ves) up",
    ),
    (
        "explosions_remote_violence",
        "air_drone_strike",
        r"air ?strikes?|drone (?:strike|attack)s?|warplanes?|bombed from the air",
    ),
    (
        "explosions_remote_violence",
        "shelling_artillery_missile_attack",
        r"shelling|artillery|mortars?|rockets? (?:fire|attack)|missile (?:strike|attack)s?",
    ),
    (
        "explosions_remote_violence",
        "remote_explosive_landmine_ied",
        r"roadside bomb|improvised explosive|\bIEDs?\b|landmines?|car bomb|bomb blast|"
        r"explosive device",
    ),
    ("explosions_remote_violence", "grenade", r"grenades?"),
    (
        "battles",
        "armed_clash",
        r"clash(?:ed|es)? (?:with|between)|gun ?fight|fire ?fight|exchange of fire|fighting "
        r"between|ambush(?:ed)? (?:a |an )?(?:army|military|police|security)",
    ),
    (
        "violence_against_civilians",
        "abduction_forced_disappearance",
        r"abduct(?:ed|ion)|kidnapp(?:ed|ing)|forced disappearance",
    ),
    (
        "violence_against_civilians",
        "attack",
        r"(?:attacked|opened fire on|shot at|stormed|massacred|killed)\s+(?:a |the )?(?:\w+\s+)?"
        r"(?:market|traders|villagers|civilians|worshippers|passengers|bus|school|village|"
        r"farmers|residents|people)",
    ),
    ("riots", "mob_violence", r"\bmob\b|lynch"),
    (
        "riots",
        "violent_demonstration",
        r"turned violent|threw stones|hurled stones|rioters?|torched|set fire to",
    ),
    (
        "protests",
        "excessive_force_against_protesters",
        r"(?:fired|opened fire) (?:on|at) (?:protesters|demonstrators)|"
        r"protesters? (?:were )?killed",
    ),
    (
        "protests",
        "protest_with_intervention",
        r"tear ?gas|water cannon|dispersed (?:the )?(?:protest|crowd|demonstrat)",
    ),
    ("protests", "peaceful_protest", r"\bprotest(?:s|ed|ers)?\b|demonstrat(?:ion|ors)|\brally\b"),
    (
        "strategic_developments",
        "agreement",
        r"(?:reached|signed|struck|concluded) (?:an |a )?(?:\w+ )?(?:agreement|accord|deal|pact|"
        r"ceasefire|truce)|agreed to|agreed on|reached (?:an )?understanding",
    ),
    ("strategic_developments", "arrests", r"\barrest(?:ed|s)\b|\bdetained\b"),
    (
        "strategic_developments",
        "headquarters_or_base_established",
        r"(?:set up|established) (?:a |an )?(?:base|headquarters)",
    ),
    ("strategic_developments", "other", r"\bmet\b|meeting|talks|summit|visit(?:ed)?|conference"),
]
_NEGATED = re.compile(r"\b(?:no|not|never|without|denied|deny|denies)\s+(?:\w+\s+){0,2}$")
VIOLENT = {"explosions_remote_violence", "battles", "violence_against_civilians", "riots"}


@dataclass(frozen=True)
class EventType:
    event_type: str
    sub_event_type: str
    cue: str
    sentence: str


def event_type(sentences: list[str]) -> EventType:
    """The first cue of the highest rank, looking in the lead paragraph first."""
    for scope in (sentences[:2], sentences):
        for kind, sub, pattern in ACLED_CUES:
            for sentence in scope:
                for match in re.finditer(pattern, sentence, re.I):
                    if not _NEGATED.search(sentence[: match.start()]):
                        return EventType(kind, sub, match.group(), sentence)
    return EventType("strategic_developments", "other", "", "")


CLAIM_TYPES = [
    ("casualties", r"\b(?:killed|dead|died|wounded|injured|death toll|toll)\b"),
    ("responsibility", r"claimed responsibility|blamed|believed to be members|behind the attack"),
    (
        "commitment",
        r"\bagree(?:d|ment)?\b|\bdeal\b|\bpact\b|\baccord\b|pledged|signed|"
        r"understanding of the importance|coordinated steps",
    ),
    ("participation", r"\brepresented\b|\bled by\b|\battended\b|took part|delegation"),
    ("reaction", r"\bcondemned\b|\bwelcomed\b|\bdismissed\b"),
    ("assessment", r"^(?:this|it|which) (?:could|would|might|may)\b|unprecedented"),
]


def claim_type(text: str, *, figures: bool, main: bool) -> str:
    if main:
        return "occurrence"
    for name, pattern in CLAIM_TYPES:
        if re.search(pattern, text, re.I):
            return "casualties" if name == "casualties" and figures else name
    return "figure" if figures else "content"


__all__ = ["ACLED_CUES", "VIOLENT", "EventType", "Place", "claim_type", "event_type"]
