"""`briefing extract`, the event's date: the date of what happened, not of what was said
about it; relative expressions from the dateline's date; a page's date line; typos.

Every article here is fiction written for these tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.config import Settings
from generator.extract import run, score


@pytest.fixture
def project(extract_project: Path) -> Path:
    return extract_project


def extract(root: Path, body: str, published: str) -> dict[str, Any]:
    path = root / "article.txt"
    path.write_text(f"outlet: Reuters\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return score.plain(run.extract(path, Settings(root=root)).data)


def dated(
    case: str, body: str, published: str, date: str, basis: str | None = None, note: str = ""
) -> Any:
    """One row of the table: the article published on a day, the date (and its basis, and
    words of its note) the draft must have."""
    expected = {"date": date, "date_basis": basis} if basis else {"date": date}
    return pytest.param(body, published, expected, note, id=case)


DATES = [
    dated(
        "violence_is_dated_by_when_it_happened_not_by_the_denial",
        "The army denied on Tuesday that it had bombed a house in Norway, after a health "
        "official said nine civilians were killed. Three women and six children were killed "
        "on Friday in an air strike on their home in the town of Velmora, the official said.",
        "2023-08-08",  # a Tuesday
        "2023-08-04", "derived", note="Other dates in the text: 'on Tuesday' (2023-08-08)",
    ),
    dated(
        "a_day_earlier_counts_from_the_other_date_of_its_sentence",
        "Norway on Thursday termed allegations that its drone strike hit a refugee camp in "
        "the town of Velmora a day earlier as false.",
        "2018-01-25",  # a Thursday
        "2018-01-24",
    ),
    dated(
        "last_evening_is_the_day_before",
        "Officials said 31 people were killed in four drone attacks in the town of Velmora "
        "in Norway last evening.",
        "2017-10-17",
        "2017-10-16",
    ),
    dated(
        "a_misspelt_weekday_is_read",
        "The leaders of Norway and Sweden signed a joint agreement after their talks in "
        "Oslo on Wedensday.",
        "2018-09-19",  # a Wednesday
        "2018-09-19",
    ),
    dated(
        "relative_days_count_from_the_dateline_of_a_republished_wire",
        "OSLO, Aug 3 (Reuters) - Gunmen killed four guards at a depot in the town of Velmora "
        "on Monday, police said.",
        "2023-08-10",  # republished a week after the wire
        "2023-07-31",  # the Monday before 3 August
    ),
    dated(
        "an_explicit_date_far_from_the_lead_does_not_replace_the_lead_date",
        "The leaders of Norway and Sweden signed a joint agreement in Oslo on Wednesday. "
        "The agreement sets up a joint committee. It will meet every month. Both sides "
        "welcomed it. Talks on the agreement began in Oslo on September 18.",
        "2018-09-19",
        "2018-09-19",
    ),
    dated(
        "a_transcript_is_dated_by_its_date_line",
        "Excerpts from the briefing by the Foreign Ministry spokeswoman of Norway\n\n"
        "January 27, 2017\n\n"
        "Question: What does the ministry think of the talks in Oslo?\n\n"
        "Answer: We welcome any dialogue that leads to peace.",
        "2017-01-30",
        "2017-01-27", "stated",
    ),
    dated(
        "a_relative_day_opening_a_sentence_is_read",
        "Yesterday, gunmen killed four guards at a depot in the town of Velmora in Norway, "
        "police said.",
        "2023-05-10",
        "2023-05-09", "derived",
    ),
    dated(  # 'June 2004' is no day of June
        "a_month_and_year_is_not_a_day_of_that_month",
        "Four militants were killed in a drone strike in the town of Velmora in Norway, "
        "officials said. Drone strikes there from June 2004 to October 2014 killed hundreds.",
        "2014-11-12",
        "2014-11-12",
    ),
    dated(
        "the_dateline_dates_a_story_that_dates_nothing_else",
        "OSLO, Oct 2 (NTB) - The leaders of Norway and Sweden signed a treaty on "
        "fisheries. Their talks ended with the signing of eleven other documents.",
        "2017-10-03",
        "2017-10-02", "stated",
    ),
    dated(
        "a_date_years_before_the_report_is_history_not_the_event",
        "Norway and Sweden signed 16 documents after talks between their prime ministers. "
        "They amended the road transport agreement dated December 22, 1994.",
        "2018-09-13",
        "2018-09-13", "estimated", note="1994",
    ),
    dated(
        "a_caption_before_a_later_dateline_does_not_date_the_event",
        "Soldiers stand near a truck at a border post in Velmora on January 27, 2019.\n\n"
        "OSLO: The army said it killed four gunmen in an exchange of fire on Wednesday in "
        "the town of Velmora.",
        "2022-07-13",  # a Wednesday
        "2022-07-13",
    ),
    dated(
        "a_statement_is_dated_by_its_lead_not_by_its_background",
        "The Norwegian army has denied reports of a stand-off at the Velmora pass. A "
        "spokesman said there was no build-up of troops in the area. Patrols disengage "
        "after talks, he said. Last week, soldiers of both sides scuffled at the pass.",
        "2020-05-12",
        "2020-05-12", "estimated",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "published", "expected", "note"), DATES)
def test_the_date_of_the_event(project, body, published, expected, note):
    data = extract(project, body, published)
    assert {key: data[key] for key in expected} == expected
    assert note in data.get("date_note", "")  # "" where the row names no words of the note
