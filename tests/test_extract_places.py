"""`briefing extract`, where the event happened: the most specific site the lead names,
else the dateline, never a country when the text names a place; provinces and districts
known; coordinates only for a place the gazetteer knows.

The articles are fiction written for these tests; the places are real (records need real
ISO codes, and the gazetteer real names), the events are invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.config import Settings
from generator.extract import places, run, score


@pytest.fixture
def project(extract_project: Path) -> Path:
    return extract_project


def extract(root: Path, body: str) -> run.Draft:
    path = root / "article.txt"
    path.write_text(f"outlet: Reuters\npublished: 2023-05-02\n---\n{body}\n", encoding="utf-8")
    return run.extract(path, Settings(root=root))


def location(root: Path, body: str) -> dict[str, Any]:
    return score.plain(extract(root, body).data)["location"]


def test_a_district_named_in_the_lead_wins_over_the_country_named_most(project):
    draft = extract(
        project,
        "A US drone strike killed nine people in the Achin district of eastern Afghanistan's "
        "Nangarhar province on Monday, Afghan officials said. The United States said its "
        "forces had struck militants. US officials in Washington said the US would look "
        "into the reports. A US military spokesman said the United States regretted any loss.",
    )
    where = score.plain(draft.data)["location"]
    assert (where["name"], where["country"], where["admin1"]) == ("Achin", "AF", "Nangarhar")
    assert where["precision"] == "city" and where["geonames"]  # the district's seat
    assert "achin" in draft.event_id and "united" not in draft.event_id


def test_a_province_alone_is_placed_at_admin_precision_without_coordinates(project):
    where = location(
        project,
        "Four children were killed when a mortar round hit a house in Paktia province on "
        "Sunday, Afghan police said.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Paktia", "AF", "admin")
    assert "lat" not in where and "lon" not in where


def test_the_lead_place_of_the_event_wins_over_the_dateline(project):
    where = location(
        project,
        "KABUL (Reuters) - Gunmen killed three guards at a checkpoint in Nangarhar province "
        "on Monday, officials said.",
    )
    assert (where["name"], where["country"]) == ("Nangarhar", "AF")


def test_without_a_place_in_the_lead_the_dateline_places_a_statement(project):
    where = location(
        project,
        "ISLAMABAD (Reuters) - The foreign ministry on Tuesday rejected a report about talks "
        "with the militants as baseless. The spokeswoman said no such talks took place. She "
        "said the report was an attempt to mislead. The ministry urged restraint.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Islamabad", "PK", "city")
    assert where["lat"] == pytest.approx(33.72, abs=0.1)


def test_the_seat_of_a_speaker_is_not_the_site_of_the_event(project):
    where = location(
        project,
        "The governor's office in Van province said four soldiers were killed when a bomb "
        "exploded as their vehicle was passing through the Gercus district on Thursday.",
    )
    assert (where["name"], where["country"]) == ("Gercus", "TR")


def test_a_reference_point_is_not_the_site(project):
    where = location(
        project,
        "Militants attacked the Qardho Wells military camp 40 kilometers southwest of "
        "Mogadishu on Monday, a military officer said.",
    )
    assert (where["name"], where["country"]) == ("Qardho Wells", "SO")
    assert "lat" not in where  # not in the gazetteer: no coordinates borrowed from Mogadishu


def test_an_unknown_village_keeps_its_name_and_the_country_the_text_gives(project):
    where = location(
        project,
        "Border guards exchanged fire near the Tajik village of Varzobak on the border "
        "between Tajikistan's Sughd province and Kyrgyzstan's Batken region on Monday, the "
        "Kyrgyz border service said. Kyrgyz officials said Kyrgyz troops held their posts.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Varzobak", "TJ", "near")
    assert "lat" not in where and "not in the packaged gazetteer" in where["note"]


def test_a_region_written_in_english_is_known(project):
    where = location(
        project,
        "Russia said it downed six drones overnight over annexed Crimea, the defence ministry "
        "said on Thursday.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Crimea", "UA", "admin")


@pytest.mark.parametrize(
    ("name", "countries", "code"),
    [
        ("Nangarhar", (), "AF-NAN"),
        ("Paktia", ("AF",), "AF-PIA"),  # ISO: Paktiyā
        ("Omran", ("YE",), "YE-AM"),  # ISO: ‘Amrān
        ("Batken", (), "KG-B"),
        ("Paktika", ("AF",), "AF-PKA"),
    ],
)
def test_provinces_are_known_in_their_usual_english_spelling(name, countries, code):
    found = places.find_subdivision(name, countries)
    assert found is not None and found.code == code


def test_towns_are_known_by_their_other_names_within_a_country():
    achin = places.find_city("Achin", ["AF"])
    assert achin is not None and achin.country == "AF"
    assert places.find_city("Islamabad").country == "PK"  # its own name before others'


def test_a_country_the_lead_names_as_the_site_wins_over_the_dateline_city(project):
    where = location(
        project,
        "BAMAKO, Mali (AP) - Gunmen ambushed an army convoy in central Mali on Tuesday, "
        "killing four soldiers, the army said. The convoy was escorting fuel trucks.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Mali", "ML", "country")


def test_the_dateline_places_a_statement_made_in_its_country(project):
    where = location(
        project,
        "BAMAKO, Mali (AP) - The government of Mali said on Tuesday that talks with the "
        "rebels would resume next week.",
    )
    assert (where["name"], where["country"], where["precision"]) == ("Bamako", "ML", "city")


def test_a_name_the_recogniser_takes_for_a_people_still_names_an_area(project):
    where = location(
        project,
        "A car bomb killed five people in Paghman area outside Kabul city on Tuesday, an "
        "official said.",
    )
    assert (where["name"], where["country"]) == ("Paghman", "AF")


# ---- datelines after a teaser or caption, and their other forms ------------------------


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Read the latest world news on our site every day.\n\nWASHINGTON (Reuters) - The "
            "ministry on Tuesday rejected a report about secret talks as baseless. The "
            "spokeswoman said no such talks took place.",
            "Washington",
        ),
        (
            "OSLO-The ministry on Tuesday rejected a report about secret talks as baseless. "
            "The spokeswoman said no such talks took place.",
            "Oslo",
        ),
        (
            "STOCKHOLM, May 2. /NTB/. The ministry rejected a report about secret talks as "
            "baseless. The spokeswoman said no such talks took place.",
            "Stockholm",
        ),
    ],
)
def test_datelines_in_their_other_forms_place_a_statement(project, body, name):
    assert location(project, body)["name"] == name


def test_a_dateline_after_a_photo_caption_is_where_the_story_starts():
    from generator.extract.article import parse_article

    article = parse_article(
        "outlet: Vey Post\n---\nSoldiers stand near a truck in Velmora on March 3, 2019. "
        "Officials met for talks in Oslo on the day.\n\nOSLO: Gunmen killed four guards "
        "at a depot on Monday, police said.\n"
    )
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.paragraph) == ("OSLO", 1)
    assert [c.names for c in article.credits] == []


def test_a_caption_before_a_later_dateline_names_no_site(project):
    where = location(
        project,
        "Soldiers stand at a border post in the village of Zarobi on May 3, 2019.\n\n"
        "PESHAWAR: The army said it killed four militants in an exchange of fire on Tuesday "
        "in the Bara district. The militants had attacked a checkpoint, the army said.",
    )
    assert (where["name"], where["country"]) == ("Bara", "PK")


def test_a_district_of_the_lead_province_named_later_is_more_specific(project):
    where = location(
        project,
        "A bomb killed five people at a wedding in Kunar province on Friday, officials said. "
        "The Taliban denied any role. The governor condemned the attack. Hospitals received "
        "the wounded. Officials said the attack took place in the Dangam district of Kunar "
        "province.",
    )
    assert (where["name"], where["country"]) == ("Dangam", "AF")


def test_a_town_the_lead_names_for_officials_beats_a_country_named_more(project):
    where = location(
        project,
        "US officials denied police reports that two Americans were among five people killed "
        "in a bombing in the country's southwest. According to officials in the city of "
        "Quetta, a car bomb hit a US consulate vehicle. The United States said no Americans "
        "died. US diplomats were safe, the US embassy said.",
    )
    assert (where["name"], where["country"]) == ("Quetta", "PK")


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (
            "A bomb killed six people in the provincial capital of Pul-e-Khumri on Monday, "
            "Afghan police said.",
            "Pul-e-Khumri",
            "AF",
        ),
        (
            "SANAA (Reuters) - An air strike killed nine people in the village of al-Jarrah, "
            "near the Red Sea port city of Al-Mokha, on Monday, residents said.",
            "al-Jarrah",
            "YE",
        ),
    ],
)
def test_hyphenated_names_stay_whole_and_a_sea_is_no_foreign_province(project, body, name, code):
    where = location(project, body)
    assert (where["name"], where["country"]) == (name, code)


# ---- where a meeting or a statement took place ----------------------------------------


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (  # violence: the meeting it prompted is elsewhere
            "Warplanes struck rebel targets in northern Norway after a bomb killed four "
            "soldiers on Sunday. The prime minister summoned an emergency security meeting in "
            "Oslo, the agency said.",
            "Norway",
            "NO",
        ),
        (  # a statement: where it was made, not the town it is about
            "Spokesman Lars Berg on Friday avoided commenting on a threat to withdraw from "
            'the battlefield in the town of Velmora. "I cannot comment on it," Berg told '
            "reporters at a press briefing in Stockholm.",
            "Stockholm",
            "SE",
        ),
        (  # a statement with a dateline: filed where it was made
            "OSLO: Norway has disputed a research report that its air campaign had hurt "
            "civilians in the town of Kiruna. The report was published in London.",
            "Oslo",
            "NO",
        ),
        (  # a statement by a seat of government
            "The White House barred cameras from a media briefing on Thursday. Its "
            "spokeswoman said the president was pleased with a bill passed in Indiana.",
            "Washington",
            "US",
        ),
    ],
)
def test_a_meeting_or_statement_is_placed_where_it_was_held(project, body, name, code):
    where = location(project, body)
    assert (where["name"], where["country"]) == (name, code)


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (
            "A suicide bomber killed six people in the Afghan capital on Monday, police said.",
            "Kabul",
            "AF",
        ),
        (
            "A drone strike killed a senior militant leader in Syria's Idlib province, "
            "officials said on Tuesday.",
            "Idlib",
            "SY",
        ),
    ],
)
def test_a_capital_by_its_country_and_the_place_of_who_was_hit(project, body, name, code):
    where = location(project, body)
    assert (where["name"], where["country"]) == (name, code)


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (
            "Oslo [Norway], March 7 (ANI): A blast killed five people in the Dasht-e-Kavir "
            "area of the city on Tuesday, local media reported.",
            "Dasht-e-Kavir",
            "NO",
        ),
        (
            "The rebels have denied a report that their fighters killed 20 villagers in the "
            "Panjshir valley last month.",
            "Panjshir",
            "AF",
        ),
        (
            "Security forces killed five militants in a raid on a hideout in Kulgam district "
            "on Tuesday, police said.",
            "Kulgam",
            "IN",
        ),
    ],
)
def test_a_bracketed_dateline_glued_names_and_a_district_of_no_named_country(
    project, body, name, code
):
    where = location(project, body)
    assert (where["name"], where["country"]) == (name, code)


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (  # the dateline is where the council sat; the attack's country is the site
            "NEW YORK (Reuters) - The Security Council on Tuesday condemned the attack on "
            "peacekeepers in Mali that killed four soldiers.",
            "Mali",
            "ML",
        ),
        (
            "OSLO (AP) - Norway's defence ministry said Tuesday that militants fired rockets "
            "at a Norwegian military base in northern Sweden, killing two soldiers.",
            "Sweden",
            "SE",
        ),
        (  # a transcript's speaker label is no dateline
            "QUESTION: Do you have any comment on the strike?\n\nMR BERG: We have seen the "
            "reports from Norway. I have nothing to add.",
            "Norway",
            "NO",
        ),
    ],
)
def test_the_country_of_an_attack_named_through_its_target(project, body, name, code):
    where = location(project, body)
    assert (where["name"], where["country"]) == (name, code)


def test_the_office_a_victim_was_killed_in_is_the_site_not_a_seat(project):
    where = location(
        project,
        "KABUL, March 9 (Reuters) - A suicide bomber killed the governor of Balkh province "
        "in his office in Mazar-i-Sharif on Thursday morning, police said.",
    )
    assert (where["name"], where["country"]) == ("Mazar-i-Sharif", "AF")
