"""Extraction guesses: the ACLED event type and sub-type (with the cue that decided it) and
the type of each claim. Where the event happened is where.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.extract import figures, nlp
from generator.extract.dateline import dateline_end, story_start

# (event_type, sub_event_type, cue), most specific and most violent first.
ACLED_CUES: list[tuple[str, str, str]] = [
    (
        "strategic_developments",
        "disrupted_weapons_use",
        r"(?:downed|shot down|intercepted|destroyed|neutrali[sz]ed) (?:\w+ ){0,3}"
        r"(?:drones?|missiles?|rockets?|UAVs?)|air defen[cs]e systems? (?:destroyed|downed)",
    ),
    (
        "explosions_remote_violence",
        "suicide_bomb",
        r"suicide (?:bomb\w*|attack\w*|vest|strike|blast|car)|blew (?:him|her|them)sel(?:f|ves) up",
    ),
    (
        "explosions_remote_violence",
        "air_drone_strike",
        r"air ?strikes?|drone (?:strike|attack)s?|warplanes?|bombed from the air",
    ),
    (
        "explosions_remote_violence",
        "shelling_artillery_missile_attack",
        r"shelling|artillery|mortars?|rockets? (?:fire|attack)|missile (?:strike|attack)s?|"
        r"(?:missiles?|rockets?) (?:struck|hit|landed|slammed)|"
        r"(?:fired|launched) (?:\w+ )?(?:rockets|missiles|mortars|shells)",
    ),
    (
        "explosions_remote_violence",
        "remote_explosive_landmine_ied",
        r"roadside bomb|improvised explosive|\bIEDs?\b|landmines?|car bomb|bomb blast|"
        r"explosive device|\bbomb(?:s|ings?)?\b(?! threats?)|\bexplosions?\b|\bblasts?\b",
    ),
    ("explosions_remote_violence", "grenade", r"grenades?"),
    (
        "battles",
        "armed_clash",
        r"\bclash(?:ed|es)?\b|gun ?fight|fire ?fight|exchanges? of fire|exchanged fire|"
        r"fighting between|shoot-?out|skirmish(?:es)?|\bambush(?:ed|es)?\b|"
        r"\b(?:attack|raid)(?:ed|s)? (?:the |a |an )?(?:\w+ )?(?:militants?|insurgents?|rebels?|"
        r"troops|soldiers|army|fighters|(?:military|army|police) (?:posts?|bases?|positions))\b",
    ),
    (
        "violence_against_civilians",
        "attack",
        r"(?:attacked|opened fire on|shot at|stormed|massacred|killed)\s+(?:a |the )?(?:\w+\s+)?"
        r"(?:market|traders|villagers|civilians|worshippers|passengers|bus|school|village|"
        r"farmers|residents|people)",
    ),
    (
        "violence_against_civilians",
        "abduction_forced_disappearance",
        r"abduct(?:ed|ion)|kidnapp(?:ed|ing)|forced disappearance",
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
    (
        "protests",
        "peaceful_protest",
        r"(?<!to )\bprotest(?:s|ed|ers)?\b|demonstrat(?:ion|ors)|\brally\b",
    ),
    (
        "strategic_developments",
        "agreement",
        r"(?:reached|sign(?:ed|ing|s)?|struck|concluded|inked) (?:an |a |the )?(?:[\w-]+ ){0,2}"
        r"(?:agreement|accord|deal|pact|ceasefire|truce|declaration|document|memorandum|treaty)"
        r"|agreed to|agreed on|reached (?:an )?understanding|put (?:their|its) signatures? to",
    ),
    ("strategic_developments", "arrests", r"\barrest(?:ed|s)\b|\bdetained\b"),
    (
        "strategic_developments",
        "headquarters_or_base_established",
        r"(?:set up|established) (?:a |an )?(?:base|headquarters)",
    ),
    ("strategic_developments", "other", r"\bmet\b|meeting|talks|summit|visit(?:ed)?|conference"),
]
# A cue under these verbs did not happen as far as the sentence says: "denied reports of any
# fresh clash", "were planning to attack the troops with IED-laden vehicles".
DENIAL_VERBS = frozenset(
    {"deny", "reject", "refute", "dismiss", "rebut", "contradict", "dispute", "disagree",
     "rubbish"}
)  # fmt: skip
# Verbs of a lead that reports a statement, not an incident ("the IAEA said it did not know
# about", "Peskov avoided commenting on", "the United States has disputed a research").
STATEMENT_VERBS = DENIAL_VERBS | frozenset(
    {"say", "avoid", "decline", "refuse", "tell", "announce", "insist", "warn", "know",
     "comment", "urge", "call", "stress", "note", "claim", "report"}
)  # fmt: skip
MEETING_CUE = re.compile(r"\bmet\b|meeting|talks|summit|visit|conference", re.I)
UNREAL_VERBS = frozenset({"plan", "intend", "threaten", "prepare", "plot", "fear", "aim"})
# Lines of a transcript that are the journalists' questions, not what happened.
_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.-]", re.I)
VIOLENT = {"explosions_remote_violence", "battles", "violence_against_civilians", "riots"}


@dataclass(frozen=True)
class EventType:
    event_type: str
    sub_event_type: str
    cue: str
    sentence: str


def event_type(sentences: list[str]) -> EventType:
    """The first cue of the highest rank, looking in the lead paragraph first. A cue the
    sentence negates or only plans does not count, nor one in a question; one it denies
    ("denied reports that a drone strike killed four farmers") counts only when the story
    reports people killed: else the event is the denial."""
    return _typed(tuple(sentences))


@lru_cache(maxsize=4)
def _typed(story: tuple[str, ...]) -> EventType:
    """event_type's work, kept for the article's place (where.py asks first)."""
    sentences = list(story)
    sentences = sentences[story_start(sentences) :]  # not a caption before a dateline
    opening = dateline_end(sentences[0]) if sentences else 0
    if opening:  # "Washington: The United States has disputed ..."
        sentences = (
            [sentences[0][opening:], *sentences[1:]] if sentences[0][opening:] else sentences[1:]
        )
    found = _event_type(sentences)
    if found.event_type in VIOLENT and _is_statement(sentences):
        verb = _lead_verb(sentences[0])
        return EventType("strategic_developments", "other", verb or "", sentences[0])
    if found.sub_event_type == "other" and MEETING_CUE.search(found.cue):
        return _agreement(sentences) or found  # a summit that signs documents
    if found.event_type == "strategic_developments" and not found.cue:
        return _violence(sentences[:2]) or found  # "stormed a hotel, killing 12 people"
    if found.event_type == "explosions_remote_violence" and found.sub_event_type != "suicide_bomb":
        return _suicide(sentences) or found  # "believed to be from a suicide strike"
    return found


def _event_type(sentences: list[str]) -> EventType:
    denial = _denial(sentences[0]) if sentences else None
    deaths = (denial or any(_status(*c) == "denied" for c in _cues(sentences[:2]))) and (
        _deaths_reported(sentences)
    )
    if denial and not deaths:  # the story is the denial: "Pakistan rejected India's claims"
        return EventType("strategic_developments", "other", denial, sentences[0])
    for accept in ("happened", "denied"):
        if accept == "denied" and not deaths:
            break
        for scope in (sentences[:2], sentences):
            for kind, sub, pattern in ACLED_CUES:
                for sentence in scope:
                    if sentence.rstrip('"').endswith("?") or _QUESTION.match(sentence):
                        continue
                    for match in re.finditer(pattern, sentence, re.I):
                        if _status(sentence, match.start()) in ("happened", accept):
                            return EventType(kind, sub, match.group(), sentence)
    return EventType("strategic_developments", "other", "", "")


def _is_statement(sentences: list[str]) -> bool:
    """A lead that reports what was said, not an incident: its verb is one of saying, it
    names no violence as having happened, and no deaths are counted in the first two
    sentences ("the IAEA said it did not know about any facility in Syria")."""
    if not sentences or _lead_verb(sentences[0]) is None:
        return False
    denied = False
    for _, _, pattern in ACLED_CUES:
        for match in re.finditer(pattern, sentences[0], re.I):
            status = _status(sentences[0], match.start())
            if status == "happened":
                return False
            denied = denied or status == "denied"
    if denied and _deaths_reported(sentences):
        return False  # "denied reports that two Americans were among five killed in a bombing"
    return not _deaths_reported(sentences[:2])


def _lead_verb(sentence: str) -> str | None:
    root = next((t for t in nlp.parse(sentence) if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in STATEMENT_VERBS:
        return None
    return root.text


def _first(sentences: list[str], kinds: set[str]) -> EventType | None:
    """The first cue of these sub-types that the story says happened."""
    for kind, sub, pattern in ACLED_CUES:
        if sub not in kinds:
            continue
        for sentence in sentences:
            if sentence.rstrip('"').endswith("?") or _QUESTION.match(sentence):
                continue
            for match in re.finditer(pattern, sentence, re.I):
                if _status(sentence, match.start()) == "happened":
                    return EventType(kind, sub, match.group(), sentence)
    return None


def _violence(lead: list[str]) -> EventType | None:
    """A lead with no cue that counts dead under a verb of attack: an attack on civilians,
    or a clash when armed men are the ones hit ("stormed a hotel, killing 12 people")."""
    if not _deaths_reported(lead):
        return None
    for sentence in lead:
        for token in nlp.parse(sentence):
            if token.pos_ != "VERB" or token.lemma_.lower() not in ATTACK_LEMMAS:
                continue
            if _status(sentence, token.idx) != "happened":
                continue
            if _ARMED.search(sentence, token.idx):  # the ones hit, not the attackers
                return EventType("battles", "armed_clash", token.text, sentence)
            return EventType("violence_against_civilians", "attack", token.text, sentence)
    return None


ATTACK_LEMMAS = frozenset({"attack", "storm", "raid", "shoot", "kill", "massacre", "gun"})
_ARMED = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|policem[ae]n|police officers|security forces|"
    r"militants?|fighters|rebels|insurgents|guards?)\b",
    re.I,
)


def _agreement(sentences: list[str]) -> EventType | None:
    return _first(sentences, {"agreement"})


def _suicide(sentences: list[str]) -> EventType | None:
    return _first(sentences, {"suicide_bomb"})


def _cues(sentences: list[str]) -> list[tuple[str, int]]:
    return [
        (sentence, match.start())
        for sentence in sentences
        for _, _, pattern in ACLED_CUES
        for match in re.finditer(pattern, sentence, re.I)
    ]


def _denial(sentence: str) -> str | None:
    """The denial verb of a lead that denies or rejects ("has denied reports that")."""
    return next(
        (
            t.text
            for t in nlp.parse(sentence)
            if t.pos_ == "VERB" and t.lemma_.lower() in DENIAL_VERBS
        ),
        None,
    )


def _status(sentence: str, start: int) -> str:
    """What the sentence makes of the words at `start`: happened, denied or unreal (negated,
    planned, threatened)."""
    doc = nlp.parse(sentence)
    words = doc.char_span(start, start + 1, alignment_mode="expand")
    if words is None:
        return "happened"
    token = words.root
    chain = [token, *token.ancestors]
    if any(node.lemma_.lower() in UNREAL_VERBS for node in chain):
        return "unreal"
    if any(node.lower_ in ("nothing", "unaware") for node in chain[:5]):
        return "unreal"  # "knew nothing about the alleged drone attack"
    for node in chain[:4]:  # "no information about the reported drone strike"
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return "unreal"
    if any(node.lemma_.lower() in DENIAL_VERBS for node in chain):
        return "denied"
    return "happened"


def _deaths_reported(sentences: list[str]) -> bool:
    return any(
        figures.deaths(nlp.parse(sentence)[:]) or _COUNTED_DEAD.search(sentence)
        for sentence in sentences
    )


# A count of dead the parse may miss: "were among five people killed in a bombing".
_COUNTED_DEAD = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|scores) "
    r"(?:[a-z]+ ){0,2}(?:killed|dead)\b",
    re.I,
)


reports_deaths = _deaths_reported


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


__all__ = ["ACLED_CUES", "VIOLENT", "EventType", "claim_type", "event_type"]
