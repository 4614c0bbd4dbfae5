"""Extraction, step 1: an article file -> header fields and sentences.

Plain text with the optional seeds/articles/ header (`key: value` lines, then `---`), or an
HTML page whose main text trafilatura extracts. Never prints; raises BriefingError.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.dates import PartialDate
from generator.errors import BriefingError

MAX_BYTES = 2_000_000
HEADER_KEYS = ("outlet", "title", "url", "published", "lang", "note", "record")
_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# Lines an article page carries that are not part of the story.
_BOILERPLATE = re.compile(
    r"^(read more|also read|related|see also|watch|advertisement|share this)\b", re.I
)
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs",
    "jan", "feb", "mar", "apr", "aug", "sept", "oct", "nov", "dec", "u.s", "u.n", "inc",
    "ltd", "co", "corp", "jr", "sr", "prof", "gov", "sen", "rep", "brig", "adm", "cpl",
}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """One sentence of the story, with straight quotes, and where it stands."""

    text: str
    paragraph: int
    index: int

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

    @property
    def title(self) -> str | None:
        return self.header.get("title") or None

    @property
    def published(self) -> PartialDate | None:
        text = self.header.get("published", "")
        try:
            return PartialDate.parse(text) if text else None
        except ValueError:
            return None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def read_article(path: Path) -> Article:
    """Read an article file (plain text with header, or HTML)."""
    if not path.is_file():
        raise BriefingError(f"{path}: no such article file")
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise BriefingError(f"{path}: the article is over {MAX_BYTES:,} bytes; is it an article?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_article(text, path.as_posix())


def parse_article(text: str, path: str = "<article>") -> Article:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        header, body = _from_html(text)
    else:
        header, body = _split_header(text)
    title = normalise(header.get("title", ""))
    paragraphs: list[str] = []
    skipped: list[str] = []
    for block in re.split(r"\n\s*\n", body) if "\n\n" in body else body.splitlines():
        para = normalise(" ".join(block.split()))
        if not para:
            continue
        if _BOILERPLATE.match(para) or (title and para.rstrip(".") == title.rstrip(".")):
            skipped.append(para)
        elif not re.search(r"[.!?\"']$", para) and len(para.split()) < 25:
            skipped.append(para)  # a headline or caption, not a sentence
        else:
            paragraphs.append(para)
    if not paragraphs:
        raise BriefingError(f"{path}: found no story text in the article")
    dateline = re.match(r"^([A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]+?)?)\s*(?:\([^)]*\)\s*)?[-:]\s+",
                        paragraphs[0])  # fmt: skip
    if dateline:
        header = {**header, "dateline": dateline.group(1)}
        paragraphs[0] = paragraphs[0][dateline.end() :]
    sentences = tuple(
        Sentence(s, p, i)
        for i, (p, s) in enumerate(
            (p, s) for p, para in enumerate(paragraphs) for s in split_sentences(para)
        )
    )
    return Article(path, header, tuple(paragraphs), tuple(skipped), sentences)


def _split_header(text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines()
    header: dict[str, str] = {}
    for number, line in enumerate(lines):
        if line.strip() == "---":
            return header, "\n".join(lines[number + 1 :])
        match = re.fullmatch(r"([a-z_]+):\s*(.*)", line.strip())
        if not match or match.group(1) not in HEADER_KEYS:
            break
        header[match.group(1)] = match.group(2).strip()
    return {}, text


def _from_html(text: str) -> tuple[dict[str, str], str]:
    import trafilatura  # imported here: only HTML pages need it

    found = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    doc = found.as_dict() if hasattr(found, "as_dict") else found
    if not doc or not doc.get("text"):
        raise BriefingError("found no article text in the HTML page")
    header = {
        "title": doc.get("title") or "",
        "url": doc.get("url") or "",
        "published": doc.get("date") or "",
        "outlet": doc.get("sitename") or doc.get("hostname") or "",
    }
    return {k: str(v) for k, v in header.items() if v}, doc["text"]


_END = re.compile(r'([.!?]["\']?)\s+(?=["\']?[A-Z0-9])')


def split_sentences(paragraph: str) -> list[str]:
    """Split at sentence ends outside double quotes, keeping abbreviations together."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        before = paragraph[start : match.end(1)]
        if before.count('"') % 2:  # inside a quotation: the quote goes on
            continue
        word = re.search(r"([\w.]+)[.!?]\W*$", before)
        if word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        if word and re.fullmatch(r"[A-Z]", word.group(1)):  # an initial: "Sergei B. Ivanov"
            continue
        sentences.append(before.strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_quote(quote: str) -> list[str]:
    """The sentences of a quotation, without the closing full stop of the last one."""
    parts = [p.strip() for p in split_sentences(quote) if p.strip()]
    return [p[:-1] if p.endswith(".") else p for p in parts] or [quote]
