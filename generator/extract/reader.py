"""Extraction, step 4: sentences -> claims and statements, keeping the thread of the story
(who "he" is, which outlet a speaker spoke to, which claim "the meeting" refers to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.dates import PartialDate
from generator.extract import frames, when
from generator.extract.actors import ActorBook
from generator.extract.article import Sentence, split_quote
from generator.extract.figures import FigureDraft
from generator.extract.mentions import TOKEN, Masked, Masker, surface_text
from generator.extract.outlets import OutletFinder

_DENIED_THING = re.compile(r"\b(?:reports?|claims?|allegations?|accusations?|involvement)\b")


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


@dataclass
class DateCandidate:
    resolved: when.Resolved
    sentence: str
    speaker: str | None


class Reader:
    """Reads the masked sentences of one article in order."""

    def __init__(
        self,
        book: ActorBook,
        outlets: OutletFinder,
        masker: Masker,
        article_key: str,
        published: PartialDate | None,
    ) -> None:
        self.book, self.outlets, self.masker = book, outlets, masker
        self.article_key, self.published = article_key, published
        self.claims: list[ClaimDraft] = []
        self.dates: list[DateCandidate] = []
        self.spoke_to: dict[str, str] = {}
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.previous: tuple[int, frames.Frame | None, str | None, str | None] | None = None
        self.masked: list[Masked] = []

    # -- resolution ----------------------------------------------------------------------
    def _speaker(self, token: str | None) -> str | None:
        match = TOKEN.fullmatch(token or "")
        if not match:
            return None
        kind, key = match.groups()
        if kind == "P":
            return self.last_group if key == "they" else self.last_person
        return self.book.canonical(key)

    def _text(self, masked: Masked, text: str) -> str:
        words = surface_text(masked, text, self.book, self.outlets).strip(" ,;")
        words = re.sub(r"^(?:(?:However|But|Meanwhile|In an? [\w ]{3,40}?),\s*)", "", words)
        words = words[:1].upper() + words[1:]
        return words if words.endswith((".", '"', "?", "!")) else words + "."

    # -- reading -------------------------------------------------------------------------
    def read(self, sentence: Sentence) -> None:
        masked = self.masker.mask(sentence.text, sentence.text)
        self.masked.append(masked)
        frame = frames.parse(masked.text)
        speaker = self._speaker(frame.speaker) if frame else None
        outlet = frame.outlet if frame else None
        relay = self._speaker(frame.relay) if frame else None
        inherited = False
        if frame is None and masked.quotes and self.previous:
            paragraph, prev, prev_speaker, prev_outlet = self.previous
            if paragraph == sentence.paragraph and prev is not None:
                frame = frames.Frame(
                    prev.speaker, prev.outlet, prev.relay, "said", masked.text, "", "inherited"
                )
                speaker, outlet, inherited = prev_speaker, prev_outlet, True
        if outlet == self.article_key:
            outlet = None
        if speaker and outlet:
            self.spoke_to[speaker] = outlet
        elif speaker and speaker in self.spoke_to:
            outlet = self.spoke_to[speaker]
        if relay == speaker:
            relay = None
        stance = frames.stance(frame) if frame and not inherited else "asserts"
        said = None
        if frame and frame.attribution:
            words = surface_text(masked, frame.attribution, self.book, self.outlets)
            found = when.find(words)
            said = when.resolve(found[0], self.published).date if found else None
        content = frame.content if frame else masked.text
        described = None
        if frame and frame.speaker and TOKEN.fullmatch(frame.speaker):
            surface = masked.actors.get(TOKEN.fullmatch(frame.speaker).group(2), "")
            actor = self.book.items.get(speaker or "")
            if actor and surface and surface.lower() not in actor.name.lower():
                described = surface
        for part, modal in self._parts(content):
            for text, quote in self._claim_texts(masked, part):
                statement = StatementDraft(
                    speaker,
                    outlet,
                    "asserts" if modal else stance,
                    sentence.text,
                    relay,
                    quote,
                    said,
                    described,
                )
                if inherited:
                    statement.notes.append(
                        "Quoted words with no speaker of their own: "
                        "attributed to the previous sentence's speaker."
                    )
                self._attach(statement, text, part, sentence, frame, modal)
        self._date_candidates(masked, content, sentence.text, speaker)
        if speaker:
            actor = self.book.items.get(speaker)
            if actor and actor.kind == "person":
                self.last_person = speaker
            elif actor and actor.kind == "group":
                self.last_group = speaker
        self.previous = (sentence.paragraph, frame, speaker, outlet)

    def _parts(self, content: str) -> list[tuple[str, bool]]:
        split = re.split(r",?\s+which\s+(could|would|might|may)\b,?\s*", content, maxsplit=1)
        if len(split) == 3 and split[0].strip():
            return [(split[0], False), (f"This {split[1]} {split[2]}", True)]
        return [(content, False)]

    def _claim_texts(self, masked: Masked, part: str) -> list[tuple[str, str | None]]:
        bare = part.strip(" ,.;")
        only = TOKEN.fullmatch(bare)
        if only and only.group(1) == "Q":
            quote = masked.quotes[int(only.group(2))]
            return [(q[:1].upper() + q[1:] + ".", q) for q in split_quote(quote)]
        quotes = [masked.quotes[int(q)] for q in re.findall(r"⟦Q:(\d+)⟧", part)]
        text = self._text(masked, part)
        return [(text, q.rstrip(".")) for q in quotes] or [(text, None)]

    def _attach(
        self,
        statement: StatementDraft,
        text: str,
        part: str,
        sentence: Sentence,
        frame: frames.Frame | None,
        modal: bool,
    ) -> None:
        main = next((c for c in self.claims if c.main), None)
        target = None
        if frame and main and not modal and frame.anaphoric:
            target = main
            if _DENIED_THING.search(" ".join(part.split()[:4])):
                name = self.book.items[statement.speaker].name if statement.speaker else "\0"
                target = next((c for c in reversed(self.claims) if name in c.text), main)
        if target is None:
            same = [c for c in self.claims if c.index == sentence.index and c.text == text]
            target = same[0] if same else None
        if target is None:
            target = ClaimDraft(text, sentence.text, sentence.index, modal=modal)
            target.main = (main is None and not modal and statement.stance == "asserts") or (
                main is None and not modal and sentence.index == 0
            )
            self.claims.append(target)
        target.statements.append(statement)

    def _date_candidates(
        self, masked: Masked, content: str, text: str, speaker: str | None
    ) -> None:
        words = surface_text(masked, content, self.book, self.outlets)
        for match in when.find(words):
            resolved = when.resolve(match, self.published)
            self.dates.append(DateCandidate(resolved, text, speaker))
