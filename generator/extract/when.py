"""Extraction of dates: explicit dates and expressions relative to the publication date
("on Tuesday last", "on Thursday", "yesterday", "last week"), each with how it was resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from generator.dates import MONTHS, PartialDate

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "|".join(MONTHS[1:]) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
EXPRESSION = re.compile(
    rf"(?P<explicit>(?:on )?(?:the (?:night|morning|evening) of )?(?:(?P<d1>\d{{1,2}}) "
    rf"(?P<m1>{_MONTH})\.?|(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,? (?P<y>(?:19|20)\d\d))?)"
    rf"|(?P<iso>\b(?:19|20)\d\d-\d\d-\d\d\b)"
    rf"|(?P<weekday>(?:(?:on|late|early) )?(?P<last1>last )?(?P<wd>{_WEEKDAY})(?P<last2> last)?"
    rf"{_DAYPART})"
    rf"|(?P<rel>(?:the )?day before yesterday|yesterday|today|last night|this morning|tonight"
    rf"|earlier (?:this|in the) week|this week|last week|last month|earlier this month"
    rf"|(?P<n>\d+|two|three|four|five|six) days ago)",
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Resolved:
    """A date expression, the date it stands for and how that was worked out."""

    text: str
    date: PartialDate | None
    how: str
    stated: bool  # an explicit date rather than one relative to the publication date


def find(text: str) -> list[re.Match[str]]:
    return [m for m in EXPRESSION.finditer(text) if m.group().strip()]


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
    rel = match.group("rel").lower()
    offsets = {"yesterday": 1, "the day before yesterday": 2, "day before yesterday": 2}
    offsets |= {"today": 0, "this morning": 0, "tonight": 0, "last night": 1}
    if match.group("n"):
        n = match.group("n")
        offsets[rel] = int(n) if n.isdigit() else _SMALL[n]
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
