"""Extraction, step 1: an article file -> header fields, credits and sentences (the dateline
is dateline.py's). Never prints; raises BriefingError with the file's path and the fix.

Plain text with the optional seeds/articles/ header (`key: value` lines, then `---` or a
blank line), or an HTML page whose main text trafilatura extracts. Lines that are not the
story (captions, staff credits, copyright, links, see hygiene.py) are set aside; sentences
come from spaCy's parser. Header field errors are located (`path:line:col: field: message`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.dates import PartialDate
from generator.errors import BriefingError, Diagnostic
from generator.extract import hygiene, nlp
from generator.extract.dateline import Credit, Dateline, find_dateline

if TYPE_CHECKING:
    from spacy.tokens import Span

MAX_BYTES = 2_000_000
HEADER_KEYS = ("outlet", "title", "url", "published", "lang", "note", "record")
_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# Files that are not text, by their first bytes: what they are, for the message.
_MAGIC = {
    b"%PDF": "a PDF document: copy its text into a .txt file",
    b"PK\x03\x04": "a ZIP archive or a Word/OpenDocument file: save the article as .txt",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word/Office document: save the article as .txt",
}
# Share of common English words below which a text is not read as English (English news
# prose has about 40 %; French, German or Spanish prose under 10 %).
_ENGLISH_SHARE = 0.18
_ENGLISH_MIN_WORDS = 20


@dataclass(frozen=True)
class Sentence:
    """One sentence of the story, with straight quotes, where it stands, and its parse."""

    text: str
    paragraph: int
    index: int
    span: Span | None = field(default=None, compare=False, repr=False)

    def quotes(self) -> list[tuple[int, int]]:
        """Spans (start, end) of the words inside double quotes."""
        return [(m.start(1), m.end(1)) for m in re.finditer(r'"([^"]+)"', self.text)]


@dataclass(frozen=True)
class Article:
    """The article's header fields and the paragraphs of its story."""

    path: str
    header: dict[str, str]
    paragraphs: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = field(default=())
    dateline: Dateline | None = None
    credits: tuple[Credit, ...] = ()
    preamble: tuple[str, ...] = ()  # lines before the story: mastheads, bylines
    lines: dict[str, int] = field(default_factory=dict)  # header key -> line number

    @property
    def title(self) -> str | None:
        return self.header.get("title") or None

    @property
    def published(self) -> PartialDate | None:
        """The header's date; a value followed by a note ("2018-09-02 (from the URL)")."""
        text = self.header.get("published", "")
        if not text:
            return None
        leading = re.match(r"\d{4}(?:-\d\d){0,2}~?(?![\d-])", text.strip())
        value = leading.group() if leading else text.strip()  # "2018-09-02T10:00", "... (note)"
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            line = self.lines.get("published", 1)
            where = Diagnostic(self.path, line, 12, "", "published")
            raise BriefingError(
                f"{where}{error}; write the date as YYYY-MM-DD (a note may follow it), "
                "or remove the line and pass --published"
            ) from None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY).translate(hygiene.MARKERS)
    text = text.replace("''", '"')
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def read_article(path: Path) -> Article:
    """Read an article file (plain text with header, or HTML); refuse what is not one."""
    shown = path.as_posix()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BriefingError(f"{shown}: not a file; give the path of an article file")
        if size > MAX_BYTES:
            raise BriefingError(
                f"{shown}: {size:,} bytes, over the {MAX_BYTES:,}-byte limit for one article; "
                "save the article's own text (or its HTML page) in a file and extract that"
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BriefingError(f"{shown}: no such article file; check the path") from None
    except OSError as error:
        raise BriefingError(
            f"{shown}: cannot read the file ({error.strerror or error}); check its permissions"
        ) from None
    if not raw.strip():
        raise BriefingError(
            f"{shown}: the file is empty; save the article's text in it (optionally a "
            "header of 'key: value' lines and ---, then the story)"
        )
    _refuse_binary(raw, shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_article(text, shown)


def _refuse_binary(raw: bytes, shown: str) -> None:
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise BriefingError(f"{shown}: not a text article but {what}")
    head = raw[:65536]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\0" in head or controls > len(head) // 100:
        raise BriefingError(
            f"{shown}: binary data, not a text article; give the article as plain text "
            "(.txt, UTF-8) or as its HTML page"
        )


def parse_article(text: str, path: str = "<article>") -> Article:
    head = text.lstrip()[:1000].lower()
    lines: dict[str, int] = {}
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        header, body = _from_html(text, path)
    else:
        header, body, lines = _split_header(text, path)
    _check_lang(header, lines, path)
    title = normalise(header.get("title", ""))
    paragraphs: list[str] = []
    skipped: list[str] = []
    preamble: list[str] = []
    credits: list[Credit] = []
    for para in _blocks(body):
        para = hygiene.clean(para) or para
        trailing = hygiene.TRAILING_CREDIT.search(para)
        if trailing and para[: trailing.start()].endswith((".", '"')):
            credits.append(Credit(trailing.group("names"), "wire credit", para))
            para = para[: trailing.start()]
        credit = hygiene.credit_of(para)
        if credit:
            credits.append(Credit(credit[1], credit[0], para))
            skipped.append(para)
        elif hygiene.kind_of(para) or (title and para.rstrip(".") == title.rstrip(".")):
            skipped.append(para)
        elif (
            not re.search(r"[.!?\"']$", para)
            and not _cut_story(para)
            and not (paragraphs and _is_clause(para))
        ):
            skipped.append(para)  # a headline, caption or menu, not a sentence
            if not paragraphs:
                preamble.append(para)
        else:
            paragraphs.append(para if re.search(r"[.!?\"']$", para) else para + ".")
    dateline, lead, credit = find_dateline(paragraphs, preamble)
    if credit:
        credits.insert(0, credit)
    if lead is not None:
        paragraphs[0] = lead
        paragraphs = [p for p in paragraphs if p.strip(" .")]
    if not paragraphs:
        raise BriefingError(
            f"{path}: found no story text in the article (only a header, headlines or "
            "captions); save the story's sentences below the header"
        )
    _check_english(paragraphs, path)
    if dateline:
        header = {**header, "dateline": dateline.place}
    sentences = _sentences(paragraphs)
    return Article(
        path,
        header,
        tuple(paragraphs),
        tuple(skipped),
        sentences,
        dateline,
        tuple(credits),
        tuple(preamble),
        lines,
    )


def _blocks(body: str) -> list[str]:
    """The paragraphs of the body: blank-line blocks, or lines (hard wraps joined)."""
    if re.search(r"\n\s*\n", body):
        blocks = []
        for block in re.split(r"\n\s*\n", body):
            first, _, rest = block.strip().partition("\n")
            if (
                rest
                and len(first.split()) <= 8
                and not re.search(r"[.!?:;,\"')\]]$", first)
                and not _continues(first, rest.strip())
            ):
                blocks += [first, rest]  # a byline or dateline line over the lead
            else:
                blocks.append(block)
    else:
        blocks = []
        for line in body.splitlines():
            line = line.strip()
            if blocks and blocks[-1] and line and _continues(blocks[-1], line):
                blocks[-1] += " " + line
            else:
                blocks.append(line)
    return [p for p in (normalise(" ".join(b.split())).lstrip(".,; ") for b in blocks) if p]


_OPEN_END = re.compile(
    r"(?:[,;(-]|\b(?:of|the|a|an|and|or|but|to|in|on|at|by|for|with|from|that|as|who|which|"
    r"where|when|said|says|told|than|its|their|his|her))$"
)


def _continues(previous: str, line: str) -> bool:
    """Whether a line goes on with the previous one (a hard-wrapped paragraph)."""
    if re.search(r"[.!?:\"')\]]$", previous):
        return False
    return line[:1].islower() or line[:1].isdigit() or bool(_OPEN_END.search(previous))


def _cut_story(para: str) -> bool:
    """A paragraph of several sentences that stops without a full stop: story text whose
    saved copy was cut off (a headline, caption or menu is never that long)."""
    return len(para.split()) > 40 and len(re.findall(r"[.!?][\"')]?\s+[\"(]?[A-Z]", para)) >= 2


def _is_clause(para: str) -> bool:
    """A line without a full stop that still reads as a sentence ("Zanna spoke with the
    BBC"): a verb with a subject, and not a headline in title case."""
    words = para.split()
    if len(words) < 3 or sum(w[:1].isupper() for w in words) > len(words) / 2:
        return False
    doc = nlp.parse(para)
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc) and any(
        t.dep_ in ("nsubj", "nsubjpass") for t in doc
    )


def _split_header(text: str, path: str) -> tuple[dict[str, str], str, dict[str, int]]:
    """Header fields (ended by --- or a blank line), the body, and each field's line."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped == "---" and (header or number == 0):
            return header, "\n".join(lines[number + 1 :]), numbers
        match = re.fullmatch(r"([A-Za-z_]+):\s*(.*)", stripped)
        key = match.group(1).lower() if match else ""
        if match and key in HEADER_KEYS:
            header[key] = match.group(2).strip()
            numbers[key] = number + 1
            continue
        if header and match and any(x.strip() == "---" for x in lines[number + 1 : number + 12]):
            where = Diagnostic(path, number + 1, 1, "", "header")
            raise BriefingError(
                f"{where}unknown field {match.group(1)!r}; the header takes "
                f"{', '.join(HEADER_KEYS)}: rename the line, or remove it"
            )
        if header:  # a header without ---: it ends at the first line that is not a field
            return header, "\n".join(lines[number:]), numbers
        break
    return {}, text, {}


def _check_lang(header: dict[str, str], lines: dict[str, int], path: str) -> None:
    lang = header.get("lang", "en").strip().lower()
    if lang and re.split(r"[-_]", lang)[0] not in ("en", "eng", "english"):
        where = Diagnostic(path, lines.get("lang", 1), 7, "", "lang")
        raise BriefingError(
            f"{where}{lang!r}: briefing extract reads English articles only; "
            "extract from an English version or translation of the article"
        )


def _check_english(paragraphs: list[str], path: str) -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", " ".join(paragraphs).lower())
    if len(words) < _ENGLISH_MIN_WORDS:
        return
    share = sum(1 for w in words if w in STOP_WORDS) / len(words)
    if share < _ENGLISH_SHARE:
        raise BriefingError(
            f"{path}: the article does not read as English ({share:.0%} of its words are "
            "common English words, against about 40% in English prose); briefing extract "
            "reads English articles only: extract from an English version or translation"
        )


def _from_html(text: str, path: str) -> tuple[dict[str, str], str]:
    import trafilatura  # imported here: only HTML pages need it

    found = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    doc = found.as_dict() if hasattr(found, "as_dict") else found
    if not doc or not doc.get("text"):
        raise BriefingError(
            f"{path}: found no article text in the HTML page; save the article's page "
            "itself, or its text as .txt"
        )
    header = {
        "title": doc.get("title") or "",
        "url": doc.get("url") or "",
        "published": doc.get("date") or "",
        "outlet": doc.get("sitename") or doc.get("hostname") or "",
        "lang": doc.get("language") or "",
    }
    return {k: str(v) for k, v in header.items() if v}, doc["text"]


def _sentences(paragraphs: list[str]) -> tuple[Sentence, ...]:
    """spaCy's sentences, kept whole inside a quotation."""
    sentences: list[Sentence] = []
    for number, doc in enumerate(nlp.pipeline().pipe(paragraphs)):
        start = None
        for sent in doc.sents:
            start = sent.start if start is None else start
            span = doc[start : sent.end]
            if span.text.count('"') % 2 and sent.end < len(doc):
                continue  # inside a quotation: the quote goes on
            if span.text.endswith(":") and start == 0 and sent.end < len(doc):
                continue  # "SANDERS:" opens the line it labels
            text = span.text.strip()
            if text:
                sentences.append(Sentence(text, number, len(sentences), span))
            start = None
    return tuple(sentences)


def split_quote(quote: str) -> list[str]:
    """The sentences of a quotation, without the closing full stop of the last one."""
    parts = [s.text.strip() for s in nlp.parse(quote).sents if s.text.strip()]
    return [p[:-1] if p.endswith(".") else p for p in parts] or [quote]
