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


def in_velmora(lead: str) -> str:
    """A one-sentence story of `lead`, placed and dated."""
    return f"{lead} in the town of Velmora in Norway on Monday, police said."


def toll(case: str, body: str, dead: int) -> Any:
    return pytest.param(body, dead, id=case)


def typed(
    case: str, body: str, event_type: str, sub_event_type: str, dead: int | None = None
) -> Any:
    """One row: the story, its ACLED type and subtype, and its dead where the row counts them."""
    return pytest.param(body, (event_type, sub_event_type), dead, id=case)


TOLLS = [
    # the dead of one clause are added up
    toll("women_and_children_killed_in_an_air_strike", in_velmora(
        "Three women and six children were killed in an air strike on their home"), 9),
    toll("an_air_strike_killed_fighters_and_civilians", in_velmora(
        "A coalition air strike killed five fighters and four civilians"), 9),
    toll("a_guard_killed_when_a_bomb_hit_his_patrol", in_velmora(
        "A border guard was killed when a roadside bomb hit his patrol"), 1),
    toll("a_soldier_killed_by_a_roadside_bomb", in_velmora(
        "One soldier has been killed by a roadside bomb"), 1),
    toll(
        "the_first_count_of_the_story_gives_the_toll_not_an_earlier_report",
        "Seven soldiers were killed on Monday by a roadside bomb in the town of Velmora in "
        "Norway, the army said. Local authorities had previously said four soldiers were "
        "killed and five wounded in the explosion.",
        7,
    ),
    toll(
        "the_lowest_count_of_the_first_sentence_that_counts",
        "While officially 19 people died when gunmen attacked villagers near Velmora in "
        "Norway, a senator said 135 civilians were killed.",
        19,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "dead"), TOLLS)
def test_the_dead_of_the_event(project, body, dead):
    assert extract(project, body)["fatalities"] == dead


TYPES = [
    typed(
        "a_denied_clash_without_dead_is_the_denial",
        "The Norwegian army on Wednesday denied reports of a fresh clash with Swedish troops "
        "near the town of Velmora. The report said the troops set up tents. Last year's "
        "clashes near Velmora left soldiers on both sides injured.",
        "strategic_developments", "other", dead=0,
    ),
    typed(
        "a_planned_attack_is_not_the_event",
        "Security forces said the militants were planning to attack the troops with IED-laden "
        "vehicles near the town of Velmora in Norway. Troops killed 10 militants in an exchange "
        "of fire on Thursday, the army said.",
        "battles", "armed_clash", dead=10,
    ),
    typed(
        "drones_shot_down_are_disrupted_weapons_use",
        "Air defence systems downed 19 drones over the town of Velmora in Norway overnight, "
        "the defence ministry said on Thursday.",
        "strategic_developments", "disrupted_weapons_use",
    ),
    typed(
        "a_signed_declaration_is_an_agreement",
        "The leaders of Norway and Sweden signed a joint declaration after their talks in "
        "Oslo on Wednesday.",
        "strategic_developments", "agreement",
    ),
    typed(
        "a_journalists_question_is_not_the_event",
        "Question: Norway says it delivered airstrikes on militant positions near Velmora. "
        "Can you confirm this?\n\n"
        "Answer: Questions about the operations in Norway should go to the defence ministry. "
        "We held talks with the Swedish delegation in Oslo on Monday.",
        "strategic_developments", "other",
    ),
    # ---- what the story reports decides the type ----
    typed(
        "no_information_about_a_site_is_no_strike_on_it",
        "The Nordic energy agency said it had no information about any secret reactor in "
        "Norway. A spokeswoman said the agency was in contact with the authorities. A "
        "newspaper had reported that an air strike hit the site last month.",
        "strategic_developments", "other",
    ),
    typed(
        "a_summit_that_signs_an_agreement_is_an_agreement",
        "The presidents of Norway and Sweden held talks in Oslo on Monday. They discussed "
        "trade and energy. The delegations met in the afternoon. Later the presidents "
        "signed the Agreement on Fisheries between the two countries.",
        "strategic_developments", "agreement",
    ),
    typed(
        "a_suicide_strike_named_later_makes_a_bombing_a_suicide_bomb",
        "Twin bomb blasts ripped through a market in the town of Velmora in Norway on "
        "Saturday, killing 12 people, police said. The second blast, believed to be from "
        "a suicide strike, was heard for miles.",
        "explosions_remote_violence", "suicide_bomb",
    ),
    typed(
        "attacking_militants_is_a_clash",
        "Ten soldiers died after the army attacked militants on farms near the town of "
        "Velmora in Norway, an officer said.",
        "battles", "armed_clash",
    ),
    typed(
        "a_caption_before_a_later_dateline_gives_no_cue",
        "Soldiers inspect the site of an air strike in Oslo on May 3, 2019.\n\nBERGEN: "
        "Soldiers killed four gunmen in an exchange of fire on Monday near the town of "
        "Velmora, the army said.",
        "battles", "armed_clash",
    ),
    # ---- plain words for a bomb, a deal or an attack are read ----
    typed(
        "a_bomb_exploded",
        "A bomb exploded near a police truck in the town of Velmora in Norway on Tuesday, "
        "killing nine officers, police said.",
        "explosions_remote_violence", "remote_explosive_landmine_ied",
    ),
    typed(
        "a_water_sharing_agreement",
        "The leaders of Norway and Sweden signed a water-sharing agreement in Oslo on Tuesday.",
        "strategic_developments", "agreement",
    ),
    typed(
        "gunmen_stormed_a_hotel",
        "Gunmen stormed a hotel in the town of Velmora in Norway on Friday night, killing "
        "at least 12 people, police said.",
        "violence_against_civilians", "attack",
    ),
    # ---- missiles that struck, a strike nobody knows of, knowing nothing, protesting ----
    typed(
        "missiles_that_struck",
        "OSLO -- State media said missiles struck near the airport of the town of Velmora "
        "in Norway early on Tuesday, killing two soldiers.",
        "explosions_remote_violence", "shelling_artillery_missile_attack",
    ),
    typed(
        "a_strike_nobody_knows_of",
        "A foreign ministry spokeswoman on Thursday said Norway had no information about "
        "the reported drone strike in the town of Velmora.",
        "strategic_developments", "other",
    ),
    typed(
        "knowing_nothing_of_an_attack",
        "A Kremlin spokesman said on Tuesday that Moscow knew nothing about the alleged "
        "drone attack on a depot in the town of Velmora.",
        "strategic_developments", "other",
    ),
    typed(
        "summoning_an_ambassador_to_protest",
        "Norway's foreign ministry on Tuesday summoned the Swedish ambassador in Oslo to "
        "protest against what it called interference.",
        "strategic_developments", "other",
    ),
    typed(
        "a_denied_detail_of_a_bombing_that_counts_dead_keeps_the_bombing",
        "Breaking news.\n\nOfficials of Norway have denied police reports that two Norwegians "
        "were among five people killed in a suicide bombing in the town of Velmora.",
        "explosions_remote_violence", "suicide_bomb",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected", "dead"), TYPES)
def test_the_type_of_the_event(project, body, expected, dead):
    data = extract(project, body)
    assert kind(data) == expected
    if dead is not None:  # the rows that count the dead as well
        assert data["fatalities"] == dead
