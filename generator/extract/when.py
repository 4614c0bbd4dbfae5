"""Extraction of dates: explicit dates and expressions relative to the publication date
("on Tuesday last", "on Thursday", "yesterday", "last week", "a day earlier"), each with how
it was resolved; and the event's date among them (the date of what happened, not of what
was said about it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from generator.dates import MONTHS, PartialDate
from generator.errors import BriefingError
from generator.extract.dateline import dateline_end, story_opening

if TYPE_CHECKING:
    from spacy.tokens import Span

    from generator.extract.article import Article

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "|".join(MONTHS[1:]) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
EXPRESSION = re.compile(
    rf"(?P<explicit>(?:on )?(?:the (?:night|morning|evening) of )?(?:(?<![\d,.])(?P<d1>\d{{1,2}}) "
    rf"(?P<m1>{_MONTH})\.?|(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]\d))"
    rf"(?:,? (?P<y>(?:19|20)\d\d))?)"
    rf"|(?P<iso>\b(?:19|20)\d\d-\d\d-\d\d\b)"
    rf"|(?P<weekday>(?:(?:on|late|early) )?(?P<last1>last )?(?P<wd>{_WEEKDAY})(?P<last2> last)?"
    rf"{_DAYPART})"
    rf"|(?P<rel>(?:the )?day before yesterday|yesterday(?: (?:morning|afternoon|evening))?"
    rf"|today|last (?:night|evening)|this morning|tonight"
    rf"|earlier (?:this|in the) week|this week|last week|last month|earlier this month"
    rf"|(?P<n>\d+|two|three|four|five|six) days ago)"
    rf"|(?P<shift>(?:a|one|two|three) days? (?:earlier|before|later)|the (?:previous|next) day"
    rf"|the day (?:before|after))",
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Resolved:
    """A date expression, the date it stands for and how that was worked out."""

    text: str
    date: PartialDate | None
    how: str
    stated: bool  # an explicit date rather than one relative to the publication date


# Words that open a relative expression, written with a capital at a sentence's start
# ("Yesterday, gunmen ..."; "Last week, soldiers ...").
_OPENERS = re.compile(
    r"^(?:Yesterday|Today|Tonight|Last|Earlier|This|The day|Two|Three|Four|Five|Six|A day|"
    r"One day)\b"
)


def find(text: str) -> list[re.Match[str]]:
    text = fix_weekdays(text)
    if _OPENERS.match(text):
        text = text[:1].lower() + text[1:]
    return [m for m in EXPRESSION.finditer(text) if m.group().strip()]


def fix_weekdays(text: str) -> str:
    """Weekday names with one letter wrong, missing, doubled or swapped ("Wedensday")
    spelled right; the text keeps its length where the spelling keeps it."""

    def repl(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in WEEKDAYS:
            return word
        near = [d for d in WEEKDAYS if _one_edit(word.lower(), d)]
        return near[0].capitalize() if len(near) == 1 else word

    return re.sub(r"\b[A-Z][a-z]{4,9}day\b", repl, text)


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance at most one."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) <= 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _day(d: date, approximate: bool = False) -> PartialDate:
    return PartialDate(d.year, d.month, d.day, approximate)


def resolve(match: re.Match[str], published: PartialDate | None) -> Resolved:
    text = match.group().strip()
    pub = published.first_day() if published and published.day else None
    when = f"the publication date {published.iso}" if published else "no publication date"
    if match.group("explicit"):
        month_name = (match.group("m1") or match.group("m2"))[:3].lower()
        month = next(i for i, m in enumerate(MONTHS) if m[:3].lower() == month_name)
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y")) if match.group("y") else None
        if year is None and published:
            year = published.year
            if published.month and month > published.month:
                year -= 1  # "December 30" in a January article: last year
        if year is None:
            return Resolved(text, None, f'"{text}" gives no year and there is {when}', True)
        try:
            return Resolved(text, _day(date(year, month, day)), f'stated as "{text}"', True)
        except ValueError:
            return Resolved(text, None, f'"{text}" is not a real date', True)
    if match.group("iso"):
        return Resolved(text, PartialDate.parse(match.group("iso")), f'stated as "{text}"', True)
    if pub is None:
        fallback = PartialDate(published.year, published.month, 0, True) if published else None
        return Resolved(
            text,
            fallback,
            f'"{text}" relative to {when}, which has no day; pass --published YYYY-MM-DD',
            False,
        )
    if match.group("weekday"):
        target = WEEKDAYS.index(match.group("wd").lower())
        back = (pub.weekday() - target) % 7
        strictly_before = bool(match.group("last1") or match.group("last2"))
        if strictly_before and back == 0:
            back = 7
        day = pub - timedelta(days=back)
        rule = "the last one before" if strictly_before else "the last one on or before"
        return Resolved(
            text,
            _day(day),
            f'"{text}": {rule} {when} ({pub:%A}), i.e. {day:%A} {day.day} {day:%B %Y}',
            False,
        )
    if match.group("shift"):
        return Resolved(text, None, f'"{text}": relative to another date of the sentence', False)
    rel = match.group("rel").lower()
    offsets = {"yesterday": 1, "the day before yesterday": 2, "day before yesterday": 2}
    offsets |= {"today": 0, "this morning": 0, "tonight": 0, "last night": 1}
    offsets |= {"last evening": 1, "yesterday morning": 1, "yesterday afternoon": 1}
    offsets |= {"yesterday evening": 1}
    if match.group("n"):
        n = match.group("n")
        offsets[rel] = int(n) if n.isdigit() else _SMALL[n.lower()]
    if rel in offsets:
        day = pub - timedelta(days=offsets[rel])
        return Resolved(text, _day(day), f'"{text}" relative to {when}: {day:%A %-d %B %Y}', False)
    monday = pub - timedelta(days=pub.weekday())
    if rel == "last week":
        first, last = monday - timedelta(days=7), monday - timedelta(days=1)
    elif rel in ("this week", "earlier this week", "earlier in the week"):
        first, last = monday, pub
    elif rel == "last month":
        prior = pub.replace(day=1) - timedelta(days=1)
        return Resolved(
            text, PartialDate(prior.year, prior.month), f'"{text}" before {when}', False
        )
    else:  # earlier this month
        return Resolved(text, PartialDate(pub.year, pub.month), f'"{text}" in {when}', False)
    middle = first + (last - first) / 2
    return Resolved(
        text,
        _day(middle, approximate=True),
        f'"{text}" relative to {when}: between {first:%-d %B} and {last:%-d %B %Y}; '
        "the middle day is given as approximate",
        False,
    )


# ---- the event's date -----------------------------------------------------------------

# Verbs whose date is when something was said, not when the event happened ("the army
# said on Tuesday that ... on Monday").
SAYING = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "deny", "reject", "confirm",
     "term", "dismiss", "accuse", "allege", "condemn", "comment", "quote", "cite", "describe",
     "insist", "warn", "note", "write", "refute", "contradict", "call", "blame", "brief"}
)  # fmt: skip
LEAD_SENTENCES = 4
# The sentences that date a statement or a meeting; later dates are of its background
# ("Last week, soldiers were involved in a face-off" under a denial of today).
STATEMENT_LEAD = 2


@dataclass(frozen=True)
class Candidate:
    """A date the text gives, where, and whether it dates a statement."""

    resolved: Resolved
    sentence: str
    index: int
    saying: bool


def reference_date(article: Article, published: PartialDate | None) -> PartialDate | None:
    """The date relative expressions count from: the dateline's ("KABUL, Aug 3"), else the
    publication date."""
    dateline = article.dateline
    if dateline is None or not dateline.date or published is None:
        return published
    found = find(dateline.date)
    if not found:
        return published
    resolved = resolve(found[0], published)
    if resolved.date and resolved.date.day:
        return resolved.date
    return published


def candidates(article: Article, published: PartialDate | None) -> list[Candidate]:
    """Every date of the story, in reading order, resolved against the reference date."""
    reference = reference_date(article, published)
    found: list[Candidate] = []
    start = story_opening(article.sentences, article.dateline)
    for sentence in article.sentences[start:]:
        opening = dateline_end(sentence.text) if sentence.index == start else 0
        matches = [(m, resolve(m, reference)) for m in find(sentence.text[opening:])]
        anchor = next((r.date for m, r in matches if r.date and not m.group("shift")), None)
        for match, resolved in matches:
            if match.group("shift"):
                resolved = _shifted(match, anchor)
            if resolved.date is not None:
                saying = (
                    _of_saying(sentence.span, match, opening)
                    if sentence.span is not None
                    else False
                )
                found.append(Candidate(resolved, sentence.text, sentence.index, saying))
    return found


def _shifted(match: re.Match[str], anchor: PartialDate | None) -> Resolved:
    text = match.group().strip()
    if anchor is None or not anchor.day:
        return Resolved(text, None, f'"{text}" with no other date in its sentence', False)
    words = text.lower().split()
    count = {"a": 1, "one": 1, "two": 2, "three": 3}.get(words[0], 1)
    later = any(w in ("later", "next", "after") for w in words)
    day = anchor.first_day() + timedelta(days=count if later else -count)
    return Resolved(text, _day(day), f'"{text}" from {anchor.iso} in the same sentence', False)


def _of_saying(span: Span, match: re.Match[str], offset: int = 0) -> bool:
    """Whether the date belongs to a verb of saying ("said on Tuesday")."""
    start = span.start_char + offset + match.start()
    words = span.doc.char_span(start, start + len(match.group()), alignment_mode="expand")
    if words is None or not len(words):
        return False
    token = words.root
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token.lemma_.lower() in SAYING


def event_date(
    article: Article, published: PartialDate | None, violent: bool
) -> tuple[PartialDate, str, str]:
    """The event's date, its basis and a note saying how it was found.

    The first date of the lead; for violence, the first that is not the date of a statement
    ("killed on Friday", not "denied on Tuesday"); an explicit date within a week of it is
    preferred. Without a date in the story: a date line of the page, else the publication
    date marked approximate.
    """
    found = candidates(article, published)
    reference = reference_date(article, published)
    recent = [c for c in found if not _history(c, reference)]
    if not violent:  # a statement or a meeting: the day its lead gives, not the background's
        start = story_opening(article.sentences, article.dateline)
        recent = [c for c in recent if c.index < start + STATEMENT_LEAD]
    pool = [c for c in recent if not c.saying] if violent else recent
    pool = pool or recent
    if not pool:
        return _undated(article, published, reference, found)
    first = pool[0]
    stated = next(
        (c for c in pool if c.resolved.stated and c.index < max(LEAD_SENTENCES, first.index + 1)),
        None,
    )
    chosen = first
    if stated and stated is not first and first.resolved.date and stated.resolved.date:
        gap = abs((stated.resolved.date.first_day() - first.resolved.date.first_day()).days)
        chosen = stated if gap <= 7 else first
    date = chosen.resolved.date
    assert date is not None
    others = [
        f"{c.resolved.text!r} ({c.resolved.date.iso})"
        for c in found
        if c is not chosen and c.resolved.date and c.resolved.date != date
    ]
    note = f'{chosen.resolved.how}, in: "{chosen.sentence}"'
    if violent and chosen.saying is False and any(c.saying for c in found):
        note += " The dates of statements are not the event's."
    if others:
        note += f" Other dates in the text: {', '.join(dict.fromkeys(others[:4]))}."
    return date, "stated" if chosen.resolved.stated else "derived", note


# A stated date this long before the report is history ("the agreement dated December 22,
# 1994", "in May 2011"), not the day of the event it reports.
HISTORY_DAYS = 366


def _history(candidate: Candidate, reference: PartialDate | None) -> bool:
    day = candidate.resolved.date
    if not candidate.resolved.stated or day is None or reference is None:
        return False
    if not reference.day or not day.day:
        return day.year < reference.year - 1
    return (reference.first_day() - day.first_day()).days > HISTORY_DAYS


def _undated(
    article: Article,
    published: PartialDate | None,
    reference: PartialDate | None = None,
    history: list[Candidate] | tuple[Candidate, ...] = (),
) -> tuple[PartialDate, str, str]:
    """No date of the event in the story: the dateline's date ("ASHGABAT, October 2"), a
    date line of the page, else the day of publication: a report that dates nothing is of
    that day's news; the basis says it is an estimate."""
    older = [f"{c.resolved.text!r} ({c.resolved.date.iso})" for c in history if c.resolved.date]
    tail = f" Older dates in the text: {', '.join(dict.fromkeys(older[:4]))}." if older else ""
    dateline = article.dateline
    stated = find(dateline.date) if dateline is not None and dateline.date else []
    if dateline is not None and stated and reference and reference.day:
        return reference, "stated", f'The dateline\'s date: "{dateline.text}".{tail}'
    for line in article.skipped:
        match = EXPRESSION.fullmatch(line.strip(" .,"))
        if match and match.group("explicit") and match.group("y"):
            resolved = resolve(match, published)
            if resolved.date is not None:
                return resolved.date, "stated", f'The date line of the page: "{line}".'
    if published and published.day:
        return (
            published,
            "estimated",
            "No date in the text: the day of publication (a report that dates nothing is of "
            f"that day's news); check it.{tail}",
        )
    if published:
        return published, "estimated", f"No date in the text: the publication date.{tail}"
    raise BriefingError(
        f"{article.path}: no date in the article and no publication date: pass "
        "--published YYYY-MM-DD"
    )
