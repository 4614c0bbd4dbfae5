"""Extraction, step 4: parsed sentences -> claims and their statements; who said each is
who_said.py's. Never prints, never decides an event's place, date or type.

It keeps the thread of the story: which stance and which words, which claim "the reports"
and "the attack" refer to, whose words a quotation with no speaker of its own continues.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from generator.dates import PartialDate
from generator.extract import attribution, lexicon, nlp, phrases, stances, when
from generator.extract.actors import ActorBook
from generator.extract.article import Sentence, split_quote
from generator.extract.claims import (
    ClaimDraft,
    StatementDraft,
    clean,
    copy,
    counts,
    modal_split,
    sentence_case,
    settle,
)
from generator.extract.outlets import OutletFinder
from generator.extract.quotations import quotations, transcript_label
from generator.extract.who_said import Said, Voices

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span, Token

# A transcript line: "Maria Zakharova: We are ready ..." (a name, a colon, the words).
_TRANSCRIPT = re.compile(r"^(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,4})\s*:\s+(?P<rest>\S.*)$")
_ABBREVIATED = re.compile(
    r"\b(?:Brig|Gen|Col|Lt|Maj|Capt|Dr|Mr|Mrs|Ms|Sgt|Adm|Prof|Gov|Sen|Rep|Cmdr|Lieut)\.$"
)
_OPEN_QUOTE_END = re.compile(r"^[\"'].*,[\"']$|^''.*,''$")
_ORDER = itertools.count()
_HAPPEN = {"take", "happen", "occur", "hold", "exist"}
_CONTRAST = re.compile(
    r"\b(?:though|however|but|while|whereas|on the other hand|another report|different|"
    r"contrary|instead|conflicting|discrepancy|contradict\w*)\b",
    re.I,
)


class Reader:
    """Reads the sentences of one article in order."""

    def __init__(
        self,
        book: ActorBook,
        outlets: OutletFinder,
        article_key: str,
        published: PartialDate | None,
    ) -> None:
        self.book, self.outlets = book, outlets
        self.article_key, self.published = article_key, published
        self.voices = Voices(book, outlets, article_key)
        self.speakers = self.voices.speakers
        self.claims: list[ClaimDraft] = []
        self.last_said: tuple[int, Said] | None = None  # (paragraph, speaker of quotes)
        self.transcript: tuple[int, str, bool] | None = None
        self._capitals = False  # a transcript whose labels are in capitals
        self._paragraph = -1
        self._opens = False  # the sentence read opens its paragraph
        self._claimed: set[int] = set()
        self._pending: Sentence | None = None

    @property
    def story_countries(self) -> set[str]:
        return self.speakers.story_countries

    @story_countries.setter
    def story_countries(self, codes: set[str]) -> None:
        self.speakers.story_countries = set(codes)

    # -- reading -------------------------------------------------------------------------
    def read(self, sentence: Sentence) -> None:
        """Read one sentence (one cut after "said Brig." waits for the rest of the name)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            quoted_first = _OPEN_QUOTE_END.search(pending.text) and not sentence.text.startswith(
                ('"', "'")
            )
            if pending.paragraph == sentence.paragraph or quoted_first:
                sentence = _joined(pending, sentence)
            else:
                self._read(pending)
        if _ABBREVIATED.search(sentence.text) or _OPEN_QUOTE_END.search(sentence.text):
            self._pending = sentence  # "said Brig." / '"... trucks,"': the speaker follows
            return
        self._read(sentence)

    def read_all(self, sentences: Iterable[Sentence]) -> None:
        """Read the article's sentences in order, then apply the rules that need them all."""
        for sentence in sentences:
            self.read(sentence)
        self.flush()
        self.finish()

    def flush(self) -> None:
        """Read a sentence still waiting for its continuation."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._read(pending)

    def _read(self, sentence: Sentence) -> None:
        self._opens = sentence.paragraph != self._paragraph
        self._paragraph = sentence.paragraph
        span = self._span(sentence)
        doc = span.as_doc() if span is not None else nlp.parse(sentence.text)
        text = doc.text
        found = self.outlets.find(text)
        for _start, _end, ref in found:
            ref.evidence.append(sentence.text)
        ents = phrases.entities(doc, [(s, e, ref.key) for s, e, ref in found])
        self.speakers.start(doc, ents, sentence.text)
        quotes = quotations(doc)
        if self._transcript(sentence, doc, quotes):
            return
        inside = {i for start, end, _w in quotes for i in range(start, end)}
        frames = attribution.frames(doc, inside)
        if all(f.quoted for f in frames):
            frames = []  # '"We will always acknowledge a mistake."': quoted words, no frame
        self._claimed = {t.i for f in frames for t in f.content}
        said = self.voices.resolve(frames)
        used: set[int] = set()
        for item in said:
            self._statements(item, sentence, doc, quotes, used)
        left = [q for n, q in enumerate(quotes) if n not in used]
        if not said or all(s.frame is None for s in said):
            self._unattributed(sentence, doc, left if said else quotes)
        elif left:
            self._loose_quotes(sentence, [words for _s, _e, words in left])
        self._remember(said)

    @staticmethod
    def _span(sentence: Sentence) -> Span | None:
        span = getattr(sentence, "span", None)
        if span is None or span.text.strip() != sentence.text:
            return None
        return span

    # -- quotations ----------------------------------------------------------------------
    def _transcript(self, sentence: Sentence, doc: object, quotes: list) -> bool:
        """ "Name: words" opens a transcript answer; the paragraph's sentences are its quotes.
        A label in capitals ("SANDERS: ...") marks a transcript: the answer runs on over the
        next paragraphs until the next label ("QUESTION: ...")."""
        match = _TRANSCRIPT.match(sentence.text)
        if match and not quotes:
            who = transcript_label(self.speakers, doc, match.group("name"), match.end("name"))
            capitals = match.group("name").isupper()
            if who:
                self.transcript = (sentence.paragraph, who, capitals)
                self._say_quote(sentence, who, match.group("rest"))
                self._capitals = self._capitals or capitals
                return True
            # "QUESTION: ..." in a transcript in capitals: a reporter's turn, nobody's claims
            self.transcript = (
                (sentence.paragraph, "", True) if capitals and self._capitals else None
            )
            return self.transcript is not None
        if self.transcript and not quotes:
            paragraph, who, capitals = self.transcript
            if paragraph == sentence.paragraph or capitals:
                if who:
                    self._say_quote(sentence, who, sentence.text)
                return True
        self.transcript = None
        return False

    def _say_quote(self, sentence: Sentence, speaker: str, words: str) -> None:
        self.voices.note_spoke(speaker)
        for part in split_quote(words):
            statement = StatementDraft(speaker, None, "asserts", sentence.text, quote=part)
            self._attach_new(statement, sentence_case(part), sentence)

    # -- claims ------------------------------------------------------------------------------
    def _statements(
        self,
        item: Said,
        sentence: Sentence,
        doc: object,
        quotes: list[tuple[int, int, str]],
        used: set[int],
    ) -> None:
        frame = item.frame
        assert frame is not None
        content = frame.content
        inside = {t.i for t in content}
        mine = []
        spoken: list[Token] = []
        bare = not (content or frame.refers is not None or frame.act)
        for number, (start, end, words) in enumerate(quotes):
            if number in used:
                continue
            tokens = set(range(start, end))
            if frame.verb.i in tokens:
                continue
            if tokens & inside or (not content and tokens & {t.i for t in frame.verb.subtree}):
                mine.append(words)
                used.add(number)
                spoken += [t for t in frame.verb.doc[start:end] if t.i not in inside]
            elif bare and not (tokens & self._claimed):
                # 'has said, "This is to clarify ..."': the quotation is what was said
                mine.append(words)
                used.add(number)
                content = [t for t in frame.verb.doc if start <= t.i < end]
        stance = stances.content_stance(content, item.stance)
        if stance == item.stance and spoken:
            # '"We did not carry out this attack. It is ...," he said': the other sentences
            stance = stances.content_stance(spoken, item.stance)
        base = StatementDraft(
            item.speaker, item.outlet, stance, sentence.text, item.relay,
            described_as=item.described,
        )  # fmt: skip
        base.said = self._said_date(frame, doc)
        base.counts = counts(content or list(frame.verb.subtree))
        base.contrast = bool(_CONTRAST.search(sentence.text))
        base.index = sentence.index
        quote_only = (
            bool(content)
            and bool(mine)
            and all(
                any(start <= t.i < end for start, end, _w in quotes) or t.is_punct for t in content
            )
        )
        if quote_only:
            for words in mine:
                for part in split_quote(words):
                    statement = copy(base, quote=part)
                    self._attach_new(statement, sentence_case(part), sentence)
            return
        modal = modal_split(content)
        if modal is not None:
            content = modal[0]
        target = self._target(frame, content, sentence)
        if target is not None:
            for words in mine or [None]:
                target.statements.append(copy(base, quote=words, order=next(_ORDER)))
        else:
            text = self._claim_text(frame, content, doc)
            for words in mine or [None]:
                self._attach_new(copy(base, quote=words), text, sentence)
        if modal is not None:
            extra = copy(base, stance="asserts")
            self._attach_new(extra, "This " + clean(modal[1], capital=False), sentence, modal=True)

    def _claim_text(self, frame: attribution.Frame, content: list[Token], doc: object) -> str:
        if frame.act or not content:
            tokens = [t for t in frame.verb.subtree]
            if frame.verb.dep_ in ("advcl", "conj", "xcomp", "acl") and frame.speaker is not None:
                tokens = sorted({*frame.speaker.subtree, *tokens}, key=lambda t: t.i)
            return clean(tokens)
        return clean(content)

    def _target(
        self, frame: attribution.Frame, content: list[Token], sentence: Sentence
    ) -> ClaimDraft | None:
        """The earlier claim a statement is about ("confirmed the attack", "rejected these
        reports", "said the meeting took place")."""
        noun = frame.refers
        if noun is None and content:
            return self._target_text(frame, content)
        if noun is None:
            return self._main() if frame.stance != "asserts" else None
        lemma = noun.lemma_.lower()
        if lemma in lexicon.PROPOSITION_NOUNS:
            for claim in reversed(self.claims):
                if claim.index == sentence.index:
                    continue
                if any(s.speaker or s.outlet for s in claim.statements):
                    return claim
            return self._main()
        if lemma in lexicon.EVENT_NOUNS or noun.lower_ in lexicon.EVENT_NOUNS:
            return self._main()
        return None

    def _target_text(self, frame: attribution.Frame, content: list[Token]) -> ClaimDraft | None:
        """ "the meeting took place": a clause about the story's own event."""
        roots = [t for t in content if t.head.i not in {c.i for c in content} or t.head == t]
        for root in roots[:1]:
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                root.lemma_.lower() in _HAPPEN
                and subjects
                and subjects[0].lemma_.lower() in lexicon.EVENT_NOUNS | {"talk"}
                and phrases.definite(subjects[0])
            ):
                return self._main()
        return None

    def _main(self) -> ClaimDraft | None:
        return next((c for c in self.claims if c.main), None)

    def _attach_new(
        self, statement: StatementDraft, text: str, sentence: Sentence, modal: bool = False
    ) -> None:
        statement.order = next(_ORDER)
        same = [c for c in self.claims if c.index == sentence.index and c.text == text]
        if same:
            statement.index = sentence.index
            same[0].statements.append(statement)
            return
        claim = ClaimDraft(text, sentence.text, sentence.index, modal=modal)
        statement.index = sentence.index
        main = self._main()
        claim.main = (
            main is None and not modal and (statement.stance == "asserts" or sentence.index == 0)
        )
        claim.statements.append(statement)
        self.claims.append(claim)

    def _unattributed(self, sentence: Sentence, doc: object, quotes: list) -> None:
        """A sentence nobody is said to say: the article's own claim, or more words of the
        speaker of the paragraph's last quotation."""
        previous = self.last_said
        quote_only = sum(e - s for s, e, _w in quotes) >= 0.6 * max(1, len(doc))  # type: ignore[arg-type]
        # A paragraph that is only a quotation goes on with the last speaker quoted.
        alone = quote_only and self._opens
        if quotes and previous and (previous[0] == sentence.paragraph or alone):
            item = previous[1]
            self.last_said = (sentence.paragraph, item)
            words = [t for t in doc if any(s <= t.i < e for s, e, _w in quotes)]  # type: ignore[attr-defined]
            stance = stances.content_stance(words, "asserts")
            statement = StatementDraft(item.speaker, item.outlet, stance, sentence.text,
                                       item.relay)  # fmt: skip
            statement.notes.append(
                "Quoted words with no speaker of their own: attributed to the previous "
                "sentence's speaker."
            )
            if quote_only:
                for _s, _e, words in quotes:
                    for part in split_quote(words):
                        self._attach_new(copy(statement, quote=part), sentence_case(part),
                                         sentence)  # fmt: skip
            else:
                text = clean(list(doc))  # type: ignore[call-overload]
                for _s, _e, words in quotes:
                    self._attach_new(copy(statement, quote=words.rstrip(".")), text, sentence)
            return
        statement = StatementDraft(None, None, "asserts", sentence.text)
        statement.counts = counts(list(doc))  # type: ignore[call-overload]
        statement.index = sentence.index
        text = clean(list(doc))  # type: ignore[call-overload]
        for _s, _e, words in quotes or [(0, 0, None)]:
            self._attach_new(copy(statement, quote=words), text, sentence)

    def _loose_quotes(self, sentence: Sentence, quotes: list[str]) -> None:
        """Quotations beside a frame that does not govern them: the sentence's speaker."""
        claim = next((c for c in reversed(self.claims) if c.index == sentence.index), None)
        if claim is None or not claim.statements:
            return
        first = claim.statements[0]
        for words in quotes:
            claim.statements.append(copy(first, quote=words, order=next(_ORDER)))

    def _said_date(self, frame: attribution.Frame, doc: object) -> PartialDate | None:
        words = [
            t for t in frame.verb.children
            if t.dep_ in ("npadvmod", "prep", "tmod") and t.i not in {c.i for c in frame.content}
        ]  # fmt: skip
        text = " ".join(" ".join(x.text for x in t.subtree) for t in words)
        found = when.find(text)
        return when.resolve(found[0], self.published).date if found else None

    def _remember(self, said: list[Said]) -> None:
        """The speaker a later quotation without a speaker of its own continues."""
        for item in said:
            if item.frame is not None and (item.speaker or item.outlet):
                self.last_said = (self._paragraph, item)

    def finish(self) -> None:
        """Rules that need the whole article (claims.settle)."""
        settle(self.claims, self.book.canonical)


def _joined(first: Sentence, second: Sentence) -> Sentence:
    """Two pieces of one sentence, parsed again as one."""
    return Sentence(f"{first.text} {second.text}", first.paragraph, first.index)


__all__ = ["ClaimDraft", "Reader", "StatementDraft"]
