"""The fast checks of single fields refuse exactly the characters their rules name."""

from __future__ import annotations

import sys
import unicodedata

from generator.dates import PartialDate
from generator.model import Event
from generator.model_fields import _URL_REFUSED
from generator.model_text import _SUSPECT

CODE_POINTS = [chr(c) for c in range(sys.maxunicode + 1)]


def test_text_with_only_printable_characters_holds_no_suspect_one() -> None:
    # _check_text skips its search when the text is printable (once tabs and line breaks
    # are taken out): that is only right if no character it searches for is printable.
    printable = [f"U+{ord(c):04X}" for c in CODE_POINTS if _SUSPECT.match(c) and c.isprintable()]
    assert printable == []
    assert not _SUSPECT.match("\n") and not _SUSPECT.match("\t")


def test_urls_refuse_spaces_control_characters_quotes_and_brackets() -> None:
    def refused(c: str) -> bool:
        return c.isspace() or unicodedata.category(c) == "Cc" or c in "<>\"'`\\"

    differ = [f"U+{ord(c):04X}" for c in CODE_POINTS if refused(c) != bool(_URL_REFUSED.match(c))]
    assert differ == []


def test_dates_parsed_once_are_shared_and_still_checked() -> None:
    fields = {"schema": 1, "id": "2018-07-10-a", "status": "draft", "title": "t"}
    fields |= {"summary": "s", "location": {"name": "n", "country": "PK", "precision": "city"}}
    fields |= {"event_type": "battles", "sub_event_type": "armed_clash"}
    first = Event.model_validate({**fields, "date": "2018-07-10"})
    second = Event.model_validate({**fields, "date": "2018-07-10"})
    assert first.date == PartialDate(2018, 7, 10)
    assert second.date is first.date
