"""Stage 4 helper, render: the words a reader sees for the codes of a record.

A badge explains itself (a hover title from its vocabulary's definition) and names its
Methodology entry; a grade reads as words ("C, fairly reliable"), and F, which this
archive gives to outlets it has not graded, reads "not yet graded", never as a failing
letter. Statements are sorted into the sides of their claim. Pure; no I/O, no markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from generator import vocab
from generator.model import Claim, Statement

#: Badge kind -> (the scale's name, its vocabulary).
SCALES: dict[str, tuple[str, type[vocab.Vocab]]] = {
    "status": ("Editorial status", vocab.Status),
    "type": ("Event type (ACLED)", vocab.EventType),
    "likelihood": ("Likelihood (ICD 203)", vocab.Likelihood),
    "confidence": ("Analytic confidence (ICD 203)", vocab.Confidence),
    "credibility": ("Claim credibility (Admiralty scale 1–6)", vocab.Credibility),
    "claim": ("Kind of claim", vocab.ClaimType),
    "stance": ("Stance of a statement", vocab.Stance),
    "reliability": ("Outlet reliability (Admiralty scale A–F)", vocab.Reliability),
}

NOT_GRADED = "not yet graded"
#: What F means in this archive, said wherever F is explained.
F_IN_THIS_ARCHIVE = "this archive gives F to outlets it has not yet graded"

FOR = frozenset({vocab.Stance.ASSERTS, vocab.Stance.CONFIRMS})
AGAINST = frozenset({vocab.Stance.DENIES, vocab.Stance.DISPUTES})


def anchor(kind: str, value: object) -> str:
    """The id of a value's entry on the Methodology page (also its badge's CSS suffix)."""
    return f"{kind}-{value}".lower().replace("_", "-")


def grade_words(grade: vocab.Reliability) -> str:
    """An outlet's grade as words: "C, fairly reliable"; F reads "not yet graded"."""
    if grade is vocab.Reliability.F:
        return NOT_GRADED
    return f"{grade.value}, {grade.label.lower()}"


def explain(kind: str, value: object) -> str:
    """The hover text of a badge: the scale, the value's label and its definition."""
    scale = SCALES.get(kind)
    if scale is None:
        return ""
    name, terms = scale
    if kind == "credibility" and str(value) == "none":
        return f"{name}: not assessed for this claim."
    try:
        term = terms(str(value))
    except ValueError:
        return f"{name}."
    label = term.label[:1].lower() + term.label[1:]
    if kind in ("reliability", "credibility"):
        text = f"{name}, grade {term.value}: {label}. {term.description}"
    else:
        text = f"{name}: {label}. {term.description}"
    if term is vocab.Reliability.F:
        text += f" Shown as “{NOT_GRADED}”: {F_IN_THIS_ARCHIVE}."
    return text + " Select for the Methodology entry."


class Sides(NamedTuple):
    """A claim's statements by what they do with it."""

    supports: list[Statement]  # asserts, confirms
    against: list[Statement]  # denies, disputes
    neither: list[Statement]  # no knowledge, declines comment


def sides(claim: Claim) -> Sides:
    found = Sides([], [], [])
    for statement in claim.statements:
        side = (
            found.supports
            if statement.stance in FOR
            else found.against
            if statement.stance in AGAINST
            else found.neither
        )
        side.append(statement)
    return found


def contested(claims: Iterable[Claim]) -> list[tuple[Claim, Sides]]:
    """Claims whose statements disagree: at least one supports and one denies or disputes."""
    pairs = [(claim, sides(claim)) for claim in claims]
    return [(claim, s) for claim, s in pairs if s.supports and s.against]
