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

#: The value of a key the location must not have (no coordinates for a place the
#: packaged gazetteer does not know).
ABSENT = "(absent)"


class Containing:
    """Equal to any text that contains `part` (a note's telling words)."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.part in other

    def __repr__(self) -> str:
        return f"Containing({self.part!r})"


@pytest.fixture
def project(extract_project: Path) -> Path:
    return extract_project


def extract(root: Path, body: str) -> run.Draft:
    path = root / "article.txt"
    path.write_text(f"outlet: Reuters\npublished: 2023-05-02\n---\n{body}\n", encoding="utf-8")
    return run.extract(path, Settings(root=root))


def location(root: Path, body: str) -> dict[str, Any]:
    return score.plain(extract(root, body).data)["location"]


def place(case: str, body: str, name: str, country: str | None = None, **more: Any) -> Any:
    """One row of the table: the article, then the location's fields it must have."""
    expected = {"name": name, "country": country, **more}
    return pytest.param(body, {k: v for k, v in expected.items() if v is not None}, id=case)


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


PLACES = [
    # ---- the site the lead names, its precision, coordinates only from the gazetteer ----
    place(
        "a_province_alone_is_placed_at_admin_precision_without_coordinates",
        "Four children were killed when a mortar round hit a house in Paktia province on "
        "Sunday, Afghan police said.",
        "Paktia", "AF", precision="admin", lat=ABSENT, lon=ABSENT,
    ),
    place(
        "the_lead_place_of_the_event_wins_over_the_dateline",
        "KABUL (Reuters) - Gunmen killed three guards at a checkpoint in Nangarhar province "
        "on Monday, officials said.",
        "Nangarhar", "AF",
    ),
    place(
        "without_a_place_in_the_lead_the_dateline_places_a_statement",
        "ISLAMABAD (Reuters) - The foreign ministry on Tuesday rejected a report about talks "
        "with the militants as baseless. The spokeswoman said no such talks took place. She "
        "said the report was an attempt to mislead. The ministry urged restraint.",
        "Islamabad", "PK", precision="city", lat=pytest.approx(33.72, abs=0.1),
    ),
    place(
        "the_seat_of_a_speaker_is_not_the_site_of_the_event",
        "The governor's office in Van province said four soldiers were killed when a bomb "
        "exploded as their vehicle was passing through the Gercus district on Thursday.",
        "Gercus", "TR",
    ),
    place(  # not in the gazetteer: no coordinates borrowed from Mogadishu
        "a_reference_point_is_not_the_site",
        "Militants attacked the Qardho Wells military camp 40 kilometers southwest of "
        "Mogadishu on Monday, a military officer said.",
        "Qardho Wells", "SO", lat=ABSENT,
    ),
    place(
        "an_unknown_village_keeps_its_name_and_the_country_the_text_gives",
        "Border guards exchanged fire near the Tajik village of Varzobak on the border "
        "between Tajikistan's Sughd province and Kyrgyzstan's Batken region on Monday, the "
        "Kyrgyz border service said. Kyrgyz officials said Kyrgyz troops held their posts.",
        "Varzobak", "TJ", precision="near", lat=ABSENT,
        note=Containing("not in the packaged gazetteer"),
    ),
    place(
        "a_region_written_in_english_is_known",
        "Russia said it downed six drones overnight over annexed Crimea, the defence ministry "
        "said on Thursday.",
        "Crimea", "UA", precision="admin",
    ),
    place(
        "a_country_the_lead_names_as_the_site_wins_over_the_dateline_city",
        "BAMAKO, Mali (AP) - Gunmen ambushed an army convoy in central Mali on Tuesday, "
        "killing four soldiers, the army said. The convoy was escorting fuel trucks.",
        "Mali", "ML", precision="country",
    ),
    place(
        "the_dateline_places_a_statement_made_in_its_country",
        "BAMAKO, Mali (AP) - The government of Mali said on Tuesday that talks with the "
        "rebels would resume next week.",
        "Bamako", "ML", precision="city",
    ),
    place(
        "a_name_the_recogniser_takes_for_a_people_still_names_an_area",
        "A car bomb killed five people in Paghman area outside Kabul city on Tuesday, an "
        "official said.",
        "Paghman", "AF",
    ),
    # ---- datelines after a teaser or caption, and their other forms ----
    place(
        "a_dateline_after_a_teaser_places_a_statement",
        "Read the latest world news on our site every day.\n\nWASHINGTON (Reuters) - The "
        "ministry on Tuesday rejected a report about secret talks as baseless. The "
        "spokeswoman said no such talks took place.",
        "Washington",
    ),
    place(
        "a_dateline_glued_to_its_story_by_a_hyphen_places_a_statement",
        "OSLO-The ministry on Tuesday rejected a report about secret talks as baseless. "
        "The spokeswoman said no such talks took place.",
        "Oslo",
    ),
    place(
        "a_dateline_with_its_agency_between_slashes_places_a_statement",
        "STOCKHOLM, May 2. /NTB/. The ministry rejected a report about secret talks as "
        "baseless. The spokeswoman said no such talks took place.",
        "Stockholm",
    ),
    place(
        "a_caption_before_a_later_dateline_names_no_site",
        "Soldiers stand at a border post in the village of Zarobi on May 3, 2019.\n\n"
        "PESHAWAR: The army said it killed four militants in an exchange of fire on Tuesday "
        "in the Bara district. The militants had attacked a checkpoint, the army said.",
        "Bara", "PK",
    ),
    place(
        "a_district_of_the_lead_province_named_later_is_more_specific",
        "A bomb killed five people at a wedding in Kunar province on Friday, officials said. "
        "The Taliban denied any role. The governor condemned the attack. Hospitals received "
        "the wounded. Officials said the attack took place in the Dangam district of Kunar "
        "province.",
        "Dangam", "AF",
    ),
    place(
        "a_town_the_lead_names_for_officials_beats_a_country_named_more",
        "US officials denied police reports that two Americans were among five people killed "
        "in a bombing in the country's southwest. According to officials in the city of "
        "Quetta, a car bomb hit a US consulate vehicle. The United States said no Americans "
        "died. US diplomats were safe, the US embassy said.",
        "Quetta", "PK",
    ),
    # hyphenated names stay whole and a sea is no foreign province
    place(
        "a_hyphenated_capital_stays_whole",
        "A bomb killed six people in the provincial capital of Pul-e-Khumri on Monday, "
        "Afghan police said.",
        "Pul-e-Khumri", "AF",
    ),
    place(
        "a_hyphenated_village_stays_whole_and_a_sea_is_no_foreign_province",
        "SANAA (Reuters) - An air strike killed nine people in the village of al-Jarrah, "
        "near the Red Sea port city of Al-Mokha, on Monday, residents said.",
        "al-Jarrah", "YE",
    ),
    # ---- where a meeting or a statement took place ----
    place(  # violence: the meeting it prompted is elsewhere
        "violence_not_the_meeting_it_prompted",
        "Warplanes struck rebel targets in northern Norway after a bomb killed four "
        "soldiers on Sunday. The prime minister summoned an emergency security meeting in "
        "Oslo, the agency said.",
        "Norway", "NO",
    ),
    place(  # a statement: where it was made, not the town it is about
        "a_statement_where_it_was_made_not_the_town_it_is_about",
        "Spokesman Lars Berg on Friday avoided commenting on a threat to withdraw from "
        'the battlefield in the town of Velmora. "I cannot comment on it," Berg told '
        "reporters at a press briefing in Stockholm.",
        "Stockholm", "SE",
    ),
    place(  # a statement with a dateline: filed where it was made
        "a_statement_with_a_dateline_filed_where_it_was_made",
        "OSLO: Norway has disputed a research report that its air campaign had hurt "
        "civilians in the town of Kiruna. The report was published in London.",
        "Oslo", "NO",
    ),
    place(  # a statement by a seat of government
        "a_statement_by_a_seat_of_government",
        "The White House barred cameras from a media briefing on Thursday. Its "
        "spokeswoman said the president was pleased with a bill passed in Indiana.",
        "Washington", "US",
    ),
    # ---- a capital by its country and the place of who was hit ----
    place(
        "a_capital_by_its_country",
        "A suicide bomber killed six people in the Afghan capital on Monday, police said.",
        "Kabul", "AF",
    ),
    place(
        "the_place_of_who_was_hit",
        "A drone strike killed a senior militant leader in Syria's Idlib province, "
        "officials said on Tuesday.",
        "Idlib", "SY",
    ),
    place(
        "the_office_a_victim_was_killed_in_is_the_site_not_a_seat",
        "KABUL, March 9 (Reuters) - A suicide bomber killed the governor of Balkh province "
        "in his office in Mazar-i-Sharif on Thursday morning, police said.",
        "Mazar-i-Sharif", "AF",
    ),
    # ---- a bracketed dateline, glued names, a district of no named country ----
    place(
        "a_bracketed_dateline_and_a_glued_name",
        "Oslo [Norway], March 7 (ANI): A blast killed five people in the Dasht-e-Kavir "
        "area of the city on Tuesday, local media reported.",
        "Dasht-e-Kavir", "NO",
    ),
    place(
        "a_valley_of_no_named_country",
        "The rebels have denied a report that their fighters killed 20 villagers in the "
        "Panjshir valley last month.",
        "Panjshir", "AF",
    ),
    place(
        "a_district_of_no_named_country",
        "Security forces killed five militants in a raid on a hideout in Kulgam district "
        "on Tuesday, police said.",
        "Kulgam", "IN",
    ),
    # ---- the country of an attack named through its target ----
    place(  # the dateline is where the council sat; the attack's country is the site
        "an_attack_on_peacekeepers_in_a_country",
        "NEW YORK (Reuters) - The Security Council on Tuesday condemned the attack on "
        "peacekeepers in Mali that killed four soldiers.",
        "Mali", "ML",
    ),
    place(
        "rockets_fired_at_a_base_in_a_country",
        "OSLO (AP) - Norway's defence ministry said Tuesday that militants fired rockets "
        "at a Norwegian military base in northern Sweden, killing two soldiers.",
        "Sweden", "SE",
    ),
    place(  # a transcript's speaker label is no dateline
        "a_transcript_label_is_no_dateline",
        "QUESTION: Do you have any comment on the strike?\n\nMR BERG: We have seen the "
        "reports from Norway. I have nothing to add.",
        "Norway", "NO",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), PLACES)
def test_the_location_of_the_event(project, body, expected):
    where = location(project, body)
    assert {key: where.get(key, ABSENT) for key in expected} == expected
