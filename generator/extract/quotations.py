"""Extraction: the quotations of one parsed sentence, as token spans and words, and the
speaker a transcript line's label names.

Double quotation marks (or two single ones) first, single ones when there are none, and a
quotation the paragraph opens but does not close (a quote that runs on to the next
paragraph, or a saved copy cut off). Who said them is speech.py's and who_said.py's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from generator.extract.speakers import Speakers

_QUOTE = re.compile(r'(?:"|\'\')((?:(?!\'\')[^"])+)(?:"|\'\')')
_SINGLE_QUOTE = re.compile(r"(?<![\w'])'([A-Za-z][^'\n]*?[\w.!?,])'(?![\w])")


def quotations(doc: Doc) -> list[tuple[int, int, str]]:
    """(first token, end token, words) of each quotation in the sentence."""
    text: str = doc.text
    spans = [(m.start(1), m.end(1), m.group(1)) for m in _QUOTE.finditer(text)]
    if not spans:
        spans = [(m.start(1), m.end(1), m.group(1)) for m in _SINGLE_QUOTE.finditer(text)]
    if not spans and text.startswith('"') and text.count('"') == 1:
        spans = [(1, len(text), text[1:])]  # a quotation the paragraph does not close
    found = []
    for start, end, words in spans:
        chars = doc.char_span(start, end, alignment_mode="expand")
        words = words.strip().rstrip(",").strip()
        if words.endswith(".") and not words.endswith(".."):
            words = words[:-1]
        if chars is not None and words.strip(" ,.;"):
            found.append((chars.start, chars.end, words))
    return found


def transcript_label(speakers: Speakers, doc: Doc, name: str, end: int) -> str | None:
    """The speaker a transcript label ("Maria Zakharova:", "SANDERS:") names: a person, or a
    known person's surname in capitals."""
    span = doc.char_span(0, end, alignment_mode="expand")
    entity = speakers.entity_at.get(span.start) if span is not None else None
    person = entity is not None and entity.label == "PERSON"
    if span is not None and entity is not None and person and entity.end >= span.end:
        who = speakers.resolve(span.root)
        if who.actor:
            return who.actor
    if name.isupper():
        words = name.title().split()
        book = speakers.book
        return book.find(" ".join(words), kind="person") or book.by_surname(words[-1])
    return None
