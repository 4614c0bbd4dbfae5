"""Extraction of actors, the state shared while a sentence is read: the actor book, the
sentence's named entities, who was mentioned and who spoke last (the antecedents of "he",
"they" and "the ministry"). Speakers (speakers.py) resolves phrases with the help of
persons.py, organisations.py and groups.py, which share this state.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.actors import ActorBook, ActorDraft
from generator.extract.phrases import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from generator.extract.outlets import OutletFinder


def bare(word: str) -> str:
    """A name part without its article: "al-Malki" -> "malki"."""
    return re.sub(r"^(?:al|el|ul|ad|as|ash|ar)-", "", word.lower())


def same_name(one: str, other: str) -> bool:
    """Two spellings of one name part: equal, or long and one or two letters apart
    ("Berdymukhamedov", "Berdimukhamedov"; not "Khan", "Khar")."""
    a, b = bare(one), bare(other)
    if a == b:
        return True
    if min(len(a), len(b)) < 7 or a[:2] != b[:2] or abs(len(a) - len(b)) > 2:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass(frozen=True)
class Who:
    """Who a phrase names: an actor of the book, an outlet, or both unknown."""

    actor: str | None = None
    outlet: str | None = None
    many: tuple[str, ...] = ()  # "the Kyrgyz and Tajik security services": one per country


class Mentions:
    """The actors of one article as its sentences are read (state only; see speakers.py)."""

    def __init__(self, book: ActorBook, outlets: OutletFinder) -> None:
        self.book, self.outlets = book, outlets
        self.history: list[str] = []  # actor keys, most recent mention last
        self.spoke: list[str] = []  # speakers, most recent last (the reader keeps it)
        self.evidence = ""
        self.doc: Doc | None = None
        self.entity_at: dict[int, Entity] = {}
        self.seen_outlet: str | None = None  # the outlet the sentence names, if one
        self.story_countries: set[str] = set()
        self.countries_named: list[str] = []  # country codes named, most recent last

    def note(self, key: str | None) -> None:
        """An actor was just mentioned: it becomes the nearest antecedent of its kind."""
        key = self.book.canonical(key)
        if key is None:
            return
        if key in self.history:
            self.history.remove(key)
        self.history.append(key)

    def _add(self, actor: ActorDraft, surface: str) -> str:
        actor.evidence = actor.evidence or self.evidence
        return self.book.add(actor, surface)

    # -- provided by the classes that share this state --------------------------------------
    def resolve(self, head: Token, *, mentioned_only: bool = False) -> Who:
        raise NotImplementedError

    def _entity(
        self, entity: Entity, head: Token, mentioned_only: bool, titles: list[Token] | None = None
    ) -> Who:
        raise NotImplementedError

    def _org(
        self, text: str, head: Token, span: object | None = None, hint: str | None = None
    ) -> str:
        raise NotImplementedError

    def _state(self, code: str) -> str:
        raise NotImplementedError

    def _government(self, code: str) -> str:
        raise NotImplementedError

    def _describe(self, words: list[Token]) -> tuple[str | None, str | None, str | None]:
        raise NotImplementedError

    def _person(self, span: object, head: Token, titles: list[Token] | None) -> str | None:
        raise NotImplementedError


__all__ = ["Mentions", "Who", "bare"]
