"""PartialDate: "YYYY", "YYYY-MM" or "YYYY-MM-DD", optionally "~"; precision from the length."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from generator.dates import PartialDate


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2018", PartialDate(2018), "year"),
        ("2018-07", PartialDate(2018, 7), "month"),
        ("2018-07-10", PartialDate(2018, 7, 10), "day"),
        ("2018~", PartialDate(2018, approximate=True), "year"),
        ("2018-07~", PartialDate(2018, 7, approximate=True), "month"),
        ("2018-07-13~", PartialDate(2018, 7, 13, approximate=True), "day"),
        ("0001-01-01", PartialDate(1, 1, 1), "day"),
        ("9999-12-31", PartialDate(9999, 12, 31), "day"),
        (" 2018-07 ", PartialDate(2018, 7), "month"),
    ],
)
def test_parse_and_precision(text: str, expected: PartialDate, precision: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision == precision
    assert parsed.iso == text.strip()
    assert str(parsed) == text.strip()


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("2018", "2018"),
        ("2018-07", "July 2018"),
        ("2018-07-10", "10 July 2018"),
        ("2018-07-01", "1 July 2018"),
        ("2018~", "about 2018"),
        ("2018-12~", "about December 2018"),
        ("2018-07-13~", "about 13 July 2018"),
    ],
)
def test_human(text: str, human: str) -> None:
    assert PartialDate.parse(text).human() == human


@pytest.mark.parametrize(
    "text",
    [
        "18",
        "18-07-10",
        "2018-7",
        "2018-7-10",
        "2018-07-1",
        "10/07/2018",
        "2018/07/10",
        "2018-07-10T12:00",
        "2018-07-10 12:00",
        "July 2018",
        "~2018",
        "2018~~",
        "2018-",
        "",
        "２０１８",  # full-width digits are not ASCII digits
        "٢٠١٨-07",  # nor are Arabic-Indic digits
    ],
)
def test_malformed_dates_name_the_expected_format(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected a date as YYYY, YYYY-MM or YYYY-MM-DD") as e:
        PartialDate.parse(text)
    assert repr(text) in str(e.value)


@pytest.mark.parametrize("text", ["2018-00", "2018-13", "2018-13-01", "2018-99~"])
def test_months_must_exist(text: str) -> None:
    with pytest.raises(ValueError, match=r"month \d\d does not exist .*: use 01 to 12"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2018-02-30", "February 2018 has 28 days"),
        ("2018-04-31", "April 2018 has 30 days"),
        ("2018-07-32", "July 2018 has 31 days"),
        ("2018-07-00", "July 2018 has 31 days"),
        ("2019-02-29", "February 2019 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),  # divisible by 100: not a leap year
        ("2100-02-29~", "February 2100 has 28 days"),
    ],
)
def test_days_must_exist(text: str, days: str) -> None:
    with pytest.raises(ValueError, match="is not a real date") as e:
        PartialDate.parse(text)
    assert str(e.value).endswith(days)


@pytest.mark.parametrize("text", ["2020-02-29", "2000-02-29", "2024-02-29~", "1600-02-29"])
def test_leap_days(text: str) -> None:
    assert PartialDate.parse(text).day == 29


def test_year_zero_is_rejected() -> None:
    """date(0, 1, 1) does not exist; accepting it would crash sorting later."""
    with pytest.raises(ValueError, match="year 0000 does not exist"):
        PartialDate.parse("0000-01")


def test_first_day_and_month_key() -> None:
    assert PartialDate.parse("2018").first_day() == date(2018, 1, 1)
    assert PartialDate.parse("2018-07~").first_day() == date(2018, 7, 1)
    assert PartialDate.parse("2018-07-10").first_day() == date(2018, 7, 10)
    assert PartialDate.parse("2018").month_key == "2018"
    assert PartialDate.parse("2018-07-10~").month_key == "2018-07"


def test_ordering_is_chronological_within_a_precision() -> None:
    texts = ["2018-07-10", "2017", "2018-07-02", "2018-12", "2018-01"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [d.iso for d in ordered] == ["2017", "2018-01", "2018-07-02", "2018-07-10", "2018-12"]


def test_approximate_is_part_of_identity() -> None:
    assert PartialDate.parse("2018-07") != PartialDate.parse("2018-07~")
    assert PartialDate.parse("2018-07~").approximate
    assert not PartialDate.parse("2018-07").approximate


class _Dated(BaseModel):
    when: PartialDate


@pytest.mark.parametrize(
    ("value", "iso"), [("2018-07-10", "2018-07-10"), (2018, "2018"), ("2018~", "2018~")]
)
def test_pydantic_accepts_text_and_bare_years(value: object, iso: str) -> None:
    model = _Dated.model_validate({"when": value})
    assert model.when.iso == iso
    assert model.model_dump(mode="json") == {"when": iso}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([2018, 7, 10], 'expected a date written as text like "2018-07-10"; found a list'),
        ({"year": 2018}, 'expected a date written as text like "2018-07-10"; found a mapping'),
        (True, 'expected a date written as text like "2018-07-10"; found true or false'),
        (2018.5, 'expected a date written as text like "2018-07-10"; found 2018.5'),
        (20180710, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2018-02-30", "'2018-02-30' is not a real date: February 2018 has 28 days"),
    ],
)
def test_pydantic_errors_say_what_was_found(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as e:
        _Dated.model_validate({"when": value})
    [error] = e.value.errors()
    assert error["type"] == "partial_date"
    assert error["msg"].startswith(message)


def test_json_schema_documents_the_format() -> None:
    schema = _Dated.model_json_schema()["properties"]["when"]
    assert schema["type"] == "string"
    assert schema["pattern"] == r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?$"
    for example in schema["examples"]:
        PartialDate.parse(example)
