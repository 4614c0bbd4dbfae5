"""`briefing extract`, reading the article: header, dateline, credits, what is not story
text, sentences, and the one-line refusal of what is not an English article.

Every article here is fiction written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import BriefingError
from generator.extract.article import parse_article, read_article, split_quote

STORY = (
    "Gunmen killed four guards at a depot in the town of Velmora on Monday, "
    "the district police chief said. The attackers fled on foot, he added."
)


def texts(article) -> list[str]:
    return [s.text for s in article.sentences]


# ---- header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2018-09-02 (from the URL)", "2018-09-02(from the URL)", "2018-09-02T10:30:00Z"]
)
def test_a_published_value_followed_by_a_note_keeps_its_date(value):
    article = parse_article(f"outlet: Vey Post\npublished: {value}\n---\n{STORY}")
    assert article.published is not None and article.published.iso == "2018-09-02"


def test_a_published_value_that_is_no_date_is_a_located_error_with_the_fix():
    article = parse_article(f"outlet: Vey Post\npublished: last Tuesday\n---\n{STORY}", "a.txt")
    with pytest.raises(BriefingError) as caught:
        _ = article.published
    message = str(caught.value)
    assert message.startswith("a.txt:2:12: published: ")
    assert "YYYY-MM-DD" in message and "\n" not in message


def test_a_header_without_dashes_ends_at_the_blank_line():
    article = parse_article(f"outlet: Vey Post\ntitle: Guards killed\n\n{STORY}")
    assert article.header["outlet"] == "Vey Post" and article.title == "Guards killed"
    assert texts(article)[0].startswith("Gunmen killed four guards")
    assert not any("outlet" in t for t in texts(article))


def test_an_unknown_header_field_is_reported_where_it_is():
    with pytest.raises(BriefingError) as caught:
        parse_article(f"outlet: Vey Post\nsource: Vey Post\n---\n{STORY}", "a.txt")
    assert str(caught.value).startswith("a.txt:2:1: header: unknown field 'source'")


# ---- dateline and credits -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "place", "date", "credit"),
    [
        ("VELMORA (Reuters) - ", "VELMORA", None, "Reuters"),
        ("KASTEL, Aug 3 (AFP) - ", "KASTEL", "Aug 3", "AFP"),
        ("KASTEL, Norland, Sept. 28 (UPI) - ", "KASTEL, Norland", "Sept. 28", "UPI"),
        ("VELMORA: ", "VELMORA", None, None),
        ("VELMORA Nov 2 ", "VELMORA", "Nov 2", None),
    ],
)
def test_datelines_give_place_date_and_credit_and_leave_the_lead(lead, place, date, credit):
    article = parse_article(f"outlet: Vey Post\n---\n{lead}{STORY}")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.date) == (place, date)
    assert [c.names for c in article.credits] == ([credit] if credit else [])
    assert texts(article)[0].startswith("Gunmen killed")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Source: Ostmark Daily", "Ostmark Daily"),
        ("Some information for this story was provided by AP and Reuters.", "AP and Reuters"),
        ("(With inputs from PTI)", "PTI"),
        ("This article was originally published by the Velmora Ledger.", "the Velmora Ledger"),
        (">> Reuters", "Reuters"),
    ],
)
def test_credit_lines_are_sources_not_story(line, names):
    article = parse_article(f"outlet: Vey Post\n---\n{STORY}\n\n{line}")
    assert [c.names for c in article.credits] == [names]
    assert all(line.strip("()>.") not in t for t in texts(article))


def test_a_wire_credit_closing_a_paragraph_is_taken_off_it():
    article = parse_article(f"outlet: Vey Post\n---\n{STORY} (NAN)")
    assert [c.names for c in article.credits] == ["NAN"]
    assert not any("NAN" in t for t in texts(article))


# ---- what is not story text -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "FILE PHOTO: Soldiers patrol a street in Velmora.",
        "Photo: Guards stand at the depot gate in Velmora on Monday.",
        "Writing by Ana Kovel; editing by Tom Brest.",
        "Reporting by Ana Kovel in Velmora; additional reporting by Tom Brest.",
        "Copyright 2021 Vey Post. All rights reserved.",
        "© 2021 Vey Post. This material may not be published or redistributed.",
        "Recommended: Ten things to know about Velmora.",
        "Read next: Velmora's mayor says now is the time for talks.",
        "Take a look: Senior rebel leader says fighters want peace.",
        "\u2022 Guards killed in Velmora, police official says",
        "\u2022 U.N. says guards were killed in Velmora",
    ],
)
def test_captions_credits_and_copyright_are_not_story(line):
    article = parse_article(f"outlet: Vey Post\n---\n{line}\n\n{STORY}\n\n{line}")
    assert texts(article) == [
        "Gunmen killed four guards at a depot in the town of Velmora on Monday, the district "
        "police chief said.",
        "The attackers fled on foot, he added.",
    ]


def test_a_staff_credit_closing_a_paragraph_is_taken_off_it():
    article = parse_article(
        f"outlet: Vey Post\n---\n{STORY} (Reporting by Ana Kovel in Velmora Writing by by "
        "Tom Brest; Editing by Lea Sand)"
    )
    assert texts(article)[-1] == "The attackers fled on foot, he added."


def test_a_one_paragraph_story_cut_off_mid_sentence_is_story_text():
    cut = (
        f"{STORY} Residents said the depot had been empty for a week and that the guards "
        "had asked for help twice. The governor promised an inquiry into the attack and "
        'called the killings "a cowardly'
    )
    article = parse_article(f"outlet: Vey Post\ntitle: Four guards killed\n---\n{cut}")
    assert texts(article)[0].startswith("Gunmen killed four guards")
    assert len(texts(article)) >= 4


def test_a_short_line_without_a_full_stop_is_still_a_headline():
    article = parse_article(f"outlet: Vey Post\n---\nFour guards killed in Velmora\n\n{STORY}")
    assert "Four guards killed in Velmora" in article.skipped
    assert texts(article)[0].startswith("Gunmen killed")


def test_a_byline_on_the_dateline_line_is_not_story_text():
    article = parse_article(f"outlet: Vey Post\n---\nBy Ana Kovel VELMORA (Reuters) - {STORY}")
    assert article.dateline is not None and article.dateline.place == "VELMORA"
    assert [c.names for c in article.credits] == ["Reuters"]
    assert texts(article)[0].startswith("Gunmen killed")


def test_desk_codes_are_removed_from_story_text():
    article = parse_article("outlet: Vey Post\n---\nThe governor (R/R04/P2) said four died.")
    assert texts(article) == ["The governor said four died."]


def test_initials_do_not_split_a_sentence():
    article = parse_article(
        "outlet: Vey Post\n---\nCol. A.K. Dervan of the Norland army said on Monday that "
        "the border was calm. Gen. B. T. Osk agreed."
    )
    assert texts(article) == [
        "Col. A.K. Dervan of the Norland army said on Monday that the border was calm.",
        "Gen. B. T. Osk agreed.",
    ]


def test_initials_do_not_split_a_quotation():
    assert split_quote("Col. A.K. Dervan will hold. We will not leave.") == [
        "Col. A.K. Dervan will hold",
        "We will not leave",
    ]


def test_hard_wrapped_lines_are_joined_into_their_sentences():
    article = parse_article(
        "outlet: Vey Post\n---\nVELMORA Nov 2 Gunmen killed four guards\n"
        "at a depot on Monday, police said.\nThe attackers fled, a witness\n"
        "told the Vey Post.\n(Writing by Ana Kovel)"
    )
    assert texts(article) == [
        "Gunmen killed four guards at a depot on Monday, police said.",
        "The attackers fled, a witness told the Vey Post.",
    ]


def test_the_extractors_markers_are_never_taken_from_an_article():
    article = parse_article("outlet: Vey Post\n---\nThe ⟦A:army⟧ said four died.")
    assert "⟦" not in texts(article)[0] and "⟧" not in texts(article)[0]


# ---- what is not an article -----------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    """The one-line message after the file's path."""
    with pytest.raises(BriefingError) as caught:
        read_article(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path.as_posix() + ":")
    return message.removeprefix(path.as_posix())


def test_an_empty_article_is_refused_with_the_fix(tmp_path):
    assert "empty" in refusal(write(tmp_path, b"  \n\n"))


def test_a_header_without_story_is_refused_with_the_fix(tmp_path):
    assert "save the story's sentences below the header" in refusal(
        write(tmp_path, b"outlet: Vey Post\n---\n\n")
    )


def test_binary_data_is_refused(tmp_path):
    assert "binary" in refusal(write(tmp_path, bytes(range(256)) * 8))


def test_a_pdf_is_named_as_one(tmp_path):
    assert "PDF" in refusal(write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))


def test_a_five_megabyte_file_is_refused_before_it_is_read(tmp_path):
    path = write(tmp_path, (STORY + "\n\n").encode() * (5_000_000 // len(STORY)))
    assert "over the 2,000,000-byte limit" in refusal(path)


def test_a_french_article_is_refused(tmp_path):
    french = (
        "Des hommes armés ont tué quatre gardes dans un dépôt de la ville de Velmora lundi, "
        "a déclaré le chef de la police du district. Les assaillants ont pris la fuite à "
        "pied, a-t-il ajouté, selon un communiqué publié par les autorités locales mardi."
    )
    message = refusal(write(tmp_path, f"outlet: Vey Post\n---\n{french}".encode()))
    assert "English" in message


def test_a_header_naming_another_language_is_refused_where_it_says_so(tmp_path):
    path = write(tmp_path, f"outlet: Vey Post\nlang: fr\n---\n{STORY}".encode())
    assert refusal(path) == (
        ":2:7: lang: 'fr': briefing extract reads English articles only; "
        "extract from an English version or translation of the article"
    )


# ---- through the command ---------------------------------------------------------------

FRENCH = (
    "Des hommes armés ont tué quatre gardes dans un dépôt de la ville de Velmora lundi, a "
    "déclaré le chef de la police du district. Les assaillants ont pris la fuite à pied, "
    "a-t-il ajouté, selon un communiqué publié par les autorités locales mardi."
)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "the file is empty"),
        (bytes(range(256)) * 8, "binary data, not a text article"),
        (f"outlet: Vey Post\n---\n{FRENCH}".encode(), "does not read as English"),
        ((STORY + "\n\n").encode() * (5_000_000 // len(STORY)), "over the 2,000,000-byte"),
        (b"outlet: Vey Post\nsource: Vey Post\n---\n" + STORY.encode(), "unknown field"),
    ],
)
def test_the_command_refuses_what_is_no_article_in_one_line(tmp_path, monkeypatch, data, fragment):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, data)
    result = CliRunner().invoke(
        main, ["extract", str(path), "--published", "2023-05-02"], catch_exceptions=False
    )
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path.as_posix()}")
    assert fragment in lines[0] and result.stdout == ""


def test_captions_and_credits_are_neither_summary_nor_claims(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(
        tmp_path,
        (
            b"outlet: Vey Post\n---\nFILE PHOTO: Soldiers patrol a street in Velmora.\n\n"
            b"Gunmen killed four guards at a depot in the town of Velmora in Norway on Monday, "
            b"the district police chief said.\n\nWriting by Ana Kovel; editing by Tom Brest.\n\n"
            b"Copyright 2021 Vey Post. All rights reserved.\n"
        ),
    )
    result = CliRunner().invoke(
        main, ["extract", str(path), "--published", "2023-05-02"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    summary = next(line for line in result.stdout.splitlines() if line.startswith("summary:"))
    assert "Gunmen killed four guards" in summary
    for words in ("FILE PHOTO", "Writing by", "Copyright", "All rights reserved"):
        assert words not in result.stdout
