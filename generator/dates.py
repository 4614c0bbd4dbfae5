"""Partial dates of schema 1: "YYYY", "YYYY-MM" or "YYYY-MM-DD", optionally ending in "~".

The precision of a date follows from its length; "~" marks it as approximate. Parsing is
explicit: YAML never turns these into date objects (see load.py).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?$"
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(~?)")  # ASCII digits only
MONTHS = [calendar.month_name[m] for m in range(13)]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, possibly approximate."""

    year: int
    month: int = 0
    day: int = 0
    approximate: bool = False

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE_RE.fullmatch(text.strip())
        if not match:
            raise ValueError(
                f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD (optionally ending in ~ "
                f"for approximate), found {text!r}"
            )
        year, month, day = (int(g) if g else 0 for g in match.groups()[:3])
        if year == 0:  # datetime.date and the calendar start at year 1
            raise ValueError(f"year 0000 does not exist in {text!r}: use 0001 or later")
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist in {text!r}: use 01 to 12")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"{text!r} is not a real date: {MONTHS[month]} {year} has {last} days"
                )
        return cls(year, month, day, bool(match.group(4)))

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The value as written in records, e.g. ``2018-07~``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

    @property
    def month_key(self) -> str:
        """``YYYY-MM`` for grouping, or ``YYYY`` when the month is unknown."""
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def human(self) -> str:
        """``10 July 2018``, ``July 2018``, ``2018``; ``about`` when approximate."""
        if self.day:
            text = f"{self.day} {MONTHS[self.month]} {self.year}"
        elif self.month:
            text = f"{MONTHS[self.month]} {self.year}"
        else:
            text = str(self.year)
        return f"about {text}" if self.approximate else text

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            if isinstance(value, PartialDate):
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                found = {list: "a list", dict: "a mapping", bool: "true or false"}
                raise PydanticCustomError(
                    "partial_date",
                    'expected a date written as text like "2018-07-10"; found {found}',
                    {"found": found.get(type(value), repr(value))},
                )
            try:
                return (_parse if cls is PartialDate else cls.parse)(value)
            except ValueError as exc:
                raise PydanticCustomError("partial_date", str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": DATE_PATTERN,
            "examples": ["2018-07-10", "2018-07", "2018", "2018-07-13~"],
        }


#: Records repeat dates, and a PartialDate is immutable: validation shares the parsed ones.
_parse = lru_cache(maxsize=4096)(PartialDate.parse)
