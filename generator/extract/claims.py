"""Extraction: the claims of an article and their statements, as drafted before they become
record data (draft.py), with the rules that need the whole article: a rival count disputes
the earlier one; a confirmation needs an earlier account by someone else (else it asserts,
the first-account convention). Text helpers turn parsed words into a claim's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.dates import PartialDate
from generator.extract import lexicon
from generator.extract.figures import FigureDraft

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class StatementDraft:
    speaker: str | None
    outlet: str | None  # outlet key; None: the article itself
    stance: str
    evidence: str
    relay: str | None = None
    quote: str | None = None
    said: PartialDate | None = None
    described_as: str | None = None
    notes: list[str] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, victims, n)
    contrast: bool = False
    index: int = 0  # the sentence it comes from
    order: int = 0  # the order it was read in


@dataclass
class ClaimDraft:
    text: str
    evidence: str
    index: int
    statements: list[StatementDraft] = field(default_factory=list)
    figures: list[FigureDraft] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    main: bool = False
    modal: bool = False


def settle(claims: list[ClaimDraft], canonical: Callable[[str | None], str | None]) -> None:
    """Stances that need the whole article, in the order the statements were read."""
    seen: list[StatementDraft] = []
    ordered = sorted((s for c in claims for s in c.statements), key=lambda s: (s.index, s.order))
    for statement in ordered:
        who = canonical(statement.speaker)
        rival = who and statement.counts and any(_rival(e, statement) for e in seen)
        if statement.stance == "asserts" and rival:
            statement.stance = "disputes"
            statement.notes.append(
                "A different count from the one reported earlier: coded disputes."
            )
        if statement.stance == "confirms" and not any(
            s.speaker and canonical(s.speaker) != who for s in seen
        ):
            statement.stance = "asserts"
            statement.notes.append(
                "Reported as confirming, but it is the first attributed account in the "
                "article: coded asserts."
            )
        seen.append(statement)


def _rival(earlier: StatementDraft, later: StatementDraft) -> bool:
    if not earlier.speaker or earlier.speaker == later.speaker or earlier.index >= later.index:
        return False
    numbers = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", later.evidence)}
    if any(value2 in numbers for _k, _v, value2 in earlier.counts):
        return False  # "the toll has risen to 39 as four wounded died": the same 39
    for kind, victims, value in later.counts:
        for kind2, victims2, value2 in earlier.counts:
            if kind != kind2 or value == value2:
                continue
            generic = {victims, victims2} <= lexicon.GENERIC_VICTIMS  # "8 people", "15 deaths"
            if victims == victims2 or generic or later.contrast:
                return True
    return False


def counts(tokens: list[Token]) -> list[tuple[str, str, int]]:
    """Casualty counts in the words: (killed|wounded, victims, number); "no foreigner was
    killed" counts 0."""
    found = []
    for token in tokens:
        kind = lexicon.CASUALTY_LEMMAS.get(token.lemma_.lower())
        if kind is None:
            continue
        nouns = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
        if token.pos_ == "NOUN":
            nouns = [token]
        for noun in nouns:
            value = None
            for child in noun.children:
                if child.dep_ == "nummod":
                    value = _number(child.text)
                elif child.lower_ == "no" and child.dep_ == "det":
                    value = 0
            if value is None and noun.dep_ in ("nsubjpass", "nsubj") and noun.pos_ == "NUM":
                value = _number(noun.text)
            if value is not None:
                found.append((kind, noun.lemma_.lower(), value))
    return found


def _number(text: str) -> int | None:
    text = text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    return lexicon.NUMBER_WORDS.get(text)


def modal_split(content: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """ "..., which could provide a basis": the modal clause is a claim of its own."""
    inside = {t.i for t in content}
    for token in content:
        if token.dep_ != "relcl":
            continue
        modal = [c for c in token.children if c.dep_ == "aux" and c.lower_ in
                 ("could", "would", "might", "may")]  # fmt: skip
        which = [c for c in token.children if c.lower_ == "which"]
        if modal and which:
            rest = [t for t in token.subtree if t.i in inside and t.i != which[0].i]
            cut = {t.i for t in token.subtree}
            first = [t for t in content if t.i not in cut]
            return first, rest
    return None


def copy(base: StatementDraft, **changes: object) -> StatementDraft:
    statement = StatementDraft(**{**base.__dict__, "notes": list(base.notes), **changes})  # type: ignore[arg-type]
    return statement


def sentence_case(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def clean(tokens: list[Token], capital: bool = True) -> str:
    """Tokens -> the words as written, without a leading connective, ending with a stop."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    text = doc[start:end].text
    kept = {t.i for t in tokens}
    if len(kept) < end - start:  # gaps: rebuild from the kept tokens
        parts = []
        for token in tokens:
            parts.append(token.text)
            parts.append(token.whitespace_ if token.i + 1 in kept else " ")
        text = "".join(parts).strip()
    text = re.sub(r"\s+(?:and|but|or)$", "", text.strip(" ,;:"))
    text = re.sub(
        r"^(?:(?:However|But|Meanwhile|And|Also|Earlier|Later|Separately|That|that|While|"
        r"while|Whereas|whereas|Although|although|Though|though|"
        r"In an? [\w -]{3,40}?,),?\s+)",
        "",
        text,
    )
    if text.count('"') % 2:
        text = text.replace('"', "")
    if capital:
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", '"', "?", "!")) else text + "."


__all__ = [
    "ClaimDraft",
    "StatementDraft",
    "clean",
    "copy",
    "counts",
    "modal_split",
    "sentence_case",
    "settle",
]
