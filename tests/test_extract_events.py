"""`briefing extract`, what happened and how many died: the ACLED type from a cue the story
does not deny, plan or ask about; the dead counted on the parse, from the first sentence
that counts them.

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


def extract(root: Path, body: str) -> dict[str, Any]:
    path = root / "article.txt"
    path.write_text(f"outlet: Reuters\npublished: 2023-05-02\n---\n{body}\n", encoding="utf-8")
    return score.plain(run.extract(path, Settings(root=root)).data)


def kind(data: dict[str, Any]) -> tuple[str, str]:
    return data["event_type"], data["sub_event_type"]


@pytest.mark.parametrize(
    ("lead", "dead"),
    [
        ("Three women and six children were killed in an air strike on their home", 9),
        ("A coalition air strike killed five fighters and four civilians", 9),
        ("A border guard was killed when a roadside bomb hit his patrol", 1),
        ("One soldier has been killed by a roadside bomb", 1),
    ],
)
def test_the_dead_of_one_clause_are_added_up(project, lead, dead):
    data = extract(project, f"{lead} in the town of Velmora in Norway on Monday, police said.")
    assert data["fatalities"] == dead


def test_the_first_count_of_the_story_gives_the_toll_not_an_earlier_report(project):
    data = extract(
        project,
        "Seven soldiers were killed on Monday by a roadside bomb in the town of Velmora in "
        "Norway, the army said. Local authorities had previously said four soldiers were "
        "killed and five wounded in the explosion.",
    )
    assert data["fatalities"] == 7


def test_the_lowest_count_of_the_first_sentence_that_counts(project):
    data = extract(
        project,
        "While officially 19 people died when gunmen attacked villagers near Velmora in "
        "Norway, a senator said 135 civilians were killed.",
    )
    assert data["fatalities"] == 19


def test_a_denied_clash_without_dead_is_the_denial(project):
    data = extract(
        project,
        "The Norwegian army on Wednesday denied reports of a fresh clash with Swedish troops "
        "near the town of Velmora. The report said the troops set up tents. Last year's "
        "clashes near Velmora left soldiers on both sides injured.",
    )
    assert kind(data) == ("strategic_developments", "other")
    assert data["fatalities"] == 0


def test_a_planned_attack_is_not_the_event(project):
    data = extract(
        project,
        "Security forces said the militants were planning to attack the troops with IED-laden "
        "vehicles near the town of Velmora in Norway. Troops killed 10 militants in an exchange "
        "of fire on Thursday, the army said.",
    )
    assert kind(data) == ("battles", "armed_clash")
    assert data["fatalities"] == 10


def test_drones_shot_down_are_disrupted_weapons_use(project):
    data = extract(
        project,
        "Air defence systems downed 19 drones over the town of Velmora in Norway overnight, "
        "the defence ministry said on Thursday.",
    )
    assert kind(data) == ("strategic_developments", "disrupted_weapons_use")


def test_a_signed_declaration_is_an_agreement(project):
    data = extract(
        project,
        "The leaders of Norway and Sweden signed a joint declaration after their talks in "
        "Oslo on Wednesday.",
    )
    assert kind(data) == ("strategic_developments", "agreement")


def test_a_journalists_question_is_not_the_event(project):
    data = extract(
        project,
        "Question: Norway says it delivered airstrikes on militant positions near Velmora. "
        "Can you confirm this?\n\n"
        "Answer: Questions about the operations in Norway should go to the defence ministry. "
        "We held talks with the Swedish delegation in Oslo on Monday.",
    )
    assert kind(data) == ("strategic_developments", "other")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The Nordic energy agency said it had no information about any secret reactor in "
            "Norway. A spokeswoman said the agency was in contact with the authorities. A "
            "newspaper had reported that an air strike hit the site last month.",
            ("strategic_developments", "other"),
        ),
        (
            "The presidents of Norway and Sweden held talks in Oslo on Monday. They discussed "
            "trade and energy. The delegations met in the afternoon. Later the presidents "
            "signed the Agreement on Fisheries between the two countries.",
            ("strategic_developments", "agreement"),
        ),
        (
            "Twin bomb blasts ripped through a market in the town of Velmora in Norway on "
            "Saturday, killing 12 people, police said. The second blast, believed to be from "
            "a suicide strike, was heard for miles.",
            ("explosions_remote_violence", "suicide_bomb"),
        ),
        (
            "Ten soldiers died after the army attacked militants on farms near the town of "
            "Velmora in Norway, an officer said.",
            ("battles", "armed_clash"),
        ),
        (
            "Soldiers inspect the site of an air strike in Oslo on May 3, 2019.\n\nBERGEN: "
            "Soldiers killed four gunmen in an exchange of fire on Monday near the town of "
            "Velmora, the army said.",
            ("battles", "armed_clash"),
        ),
    ],
)
def test_what_the_story_reports_decides_the_type(project, body, expected):
    assert kind(extract(project, body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "A bomb exploded near a police truck in the town of Velmora in Norway on Tuesday, "
            "killing nine officers, police said.",
            ("explosions_remote_violence", "remote_explosive_landmine_ied"),
        ),
        (
            "The leaders of Norway and Sweden signed a water-sharing agreement in Oslo on Tuesday.",
            ("strategic_developments", "agreement"),
        ),
        (
            "Gunmen stormed a hotel in the town of Velmora in Norway on Friday night, killing "
            "at least 12 people, police said.",
            ("violence_against_civilians", "attack"),
        ),
    ],
)
def test_plain_words_for_a_bomb_a_deal_or_an_attack_are_read(project, body, expected):
    assert kind(extract(project, body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "OSLO -- State media said missiles struck near the airport of the town of Velmora "
            "in Norway early on Tuesday, killing two soldiers.",
            ("explosions_remote_violence", "shelling_artillery_missile_attack"),
        ),
        (
            "A foreign ministry spokeswoman on Thursday said Norway had no information about "
            "the reported drone strike in the town of Velmora.",
            ("strategic_developments", "other"),
        ),
    ],
)
def test_missiles_that_struck_and_a_strike_nobody_knows_of(project, body, expected):
    assert kind(extract(project, body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "A Kremlin spokesman said on Tuesday that Moscow knew nothing about the alleged "
            "drone attack on a depot in the town of Velmora.",
            ("strategic_developments", "other"),
        ),
        (
            "Norway's foreign ministry on Tuesday summoned the Swedish ambassador in Oslo to "
            "protest against what it called interference.",
            ("strategic_developments", "other"),
        ),
    ],
)
def test_knowing_nothing_of_an_attack_and_summoning_to_protest(project, body, expected):
    assert kind(extract(project, body)) == expected


def test_a_denied_detail_of_a_bombing_that_counts_dead_keeps_the_bombing(project):
    data = extract(
        project,
        "Breaking news.\n\nOfficials of Norway have denied police reports that two Norwegians "
        "were among five people killed in a suicide bombing in the town of Velmora.",
    )
    assert kind(data) == ("explosions_remote_violence", "suicide_bomb")
