"""Did you mean: the nearest word of a closed vocabulary to a misspelt one.

One rule for every vocabulary a value must come from (field names, enums, sub-event
types, literal choices, country codes and names, outlet, actor, source and claim keys,
record ids), so that every near miss gets the same hint. Pure functions.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Case-insensitive similarity a suggestion needs: 0.7 keeps 'assert' -> 'asserts' and
#: 'agreemnt' -> 'agreement' but drops chance matches such as 'MEET' -> 'REJECT' (0.6).
CUTOFF = 0.7


def nearest(word: str, choices: Iterable[str]) -> list[str]:
    """Choices ordered with the closest to word first (ties keep their order)."""
    lowered = word.lower()
    return sorted(choices, key=lambda c: -difflib.SequenceMatcher(None, lowered, c.lower()).ratio())


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to word when it is near enough (case-insensitive), else None."""
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=CUTOFF)
    return lowered[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str], *, end: str = "") -> str:
    """' Did you mean 'x'?' for the nearest choice, or '' when none is near; `end` goes
    before it (e.g. '.' to close the sentence it follows)."""
    choice = closest(word, choices)
    return f"{end} Did you mean {choice!r}?" if choice is not None else ""
