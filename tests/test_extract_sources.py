"""`briefing extract`, sources and chains: datelines, wire and source credits, bylines,
agencies relaying other outlets; outlets are sources or relays, never actors. And the
command outside a project.

Every article here is fiction written for these tests (the wire agencies are real names
from the registry, the events are invented).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.config import Settings
from generator.extract import hygiene, run, score
from generator.extract.emit import Note

ROOT = Path(__file__).resolve().parents[1]
LEAD = (
    "Gunmen killed four guards at a fuel depot in the town of Velmora in Norway on Monday, "
    "the district police chief said."
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "archive"
    (root / "seeds" / "events").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(ROOT / "seeds" / "outlets.yaml", root / "seeds" / "outlets.yaml")
    monkeypatch.chdir(root)
    return root


def extract(root: Path, body: str, outlet: str = "Vey Post") -> dict[str, Any]:
    path = root / "article.txt"
    path.write_text(f"outlet: {outlet}\npublished: 2023-05-02\n---\n{body}\n", encoding="utf-8")
    return score.plain(run.extract(path, Settings(root=root)).data)


def cited(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: s for k, s in data["sources"].items() if s["role"] != "seed"}


def seed(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["sources"].values() if s["role"] == "seed")


def actor_names(data: dict[str, Any]) -> set[str]:
    return {a["name"] for a in data["actors"].values()}


def test_a_dateline_credit_is_the_source_the_article_relays(project):
    data = extract(project, f"VELMORA, May 1 (Reuters) - {LEAD}")
    assert set(cited(data)) == {"reuters"}
    assert seed(data)["derived_from"] == ["reuters"]
    assert "Reuters" not in actor_names(data)


def test_a_dateline_credit_of_the_outlet_itself_is_no_other_source(project):
    data = extract(project, f"VELMORA (Vey Post / Vey Radio - 1st May, 2023) {LEAD}")
    assert cited(data) == {}


@pytest.mark.parametrize(
    ("closing", "keys"),
    [
        ("Source: Ostmark Daily", {"ostmark_daily"}),
        ("Some information for this story was provided by AP and Reuters.", {"ap", "reuters"}),
        ("This article was first published by the Velmora Ledger.", {"velmora_ledger"}),
        ("(With inputs from PTI)", {"pti"}),
    ],
)
def test_credit_lines_become_sources_never_claims(project, closing, keys):
    data = extract(project, f"{LEAD}\n\n{closing}")
    assert set(cited(data)) == keys
    assert all(closing.strip("()") not in c["text"] for c in data["claims"])


def test_a_wire_credit_closing_the_story_is_a_new_agency_not_text(project):
    data = extract(project, f"{LEAD} (NAN)")
    assert set(cited(data)) == {"nan"}
    assert cited(data)["nan"]["note"].startswith("Cited by the article (wire credit)")
    assert not any("NAN" in c["text"] for c in data["claims"])


def test_a_byline_naming_a_registered_agency_is_its_report(project):
    data = extract(project, f"Press Trust of India Velmora\n{LEAD}")
    assert set(cited(data)) == {"pti"}


def test_an_agency_citing_another_relays_it_and_is_no_actor(project):
    data = extract(
        project,
        f"{LEAD}\n\nOstvik Agency, citing TASS, said the guards had been warned of the attack.",
    )
    assert {"ostvik_agency", "tass"} <= set(cited(data))
    assert cited(data)["ostvik_agency"]["derived_from"] == ["tass"]
    assert cited(data)["ostvik_agency"]["role"] == "secondary"
    assert "tass" not in seed(data)["derived_from"]
    assert not any("Ostvik" in name for name in actor_names(data))


@pytest.mark.parametrize("sentence", ["Officials in Pakistan said so.", "Talks with India go on."])
def test_a_country_is_no_outlet_name(project, sentence):
    # The registry holds "DNA News Agency (Pakistan)" and "India TV": neither is cited here.
    data = extract(project, f"{LEAD}\n\n{sentence}")
    assert cited(data) == {}


def test_a_registered_outlet_written_as_its_web_address_is_that_outlet(project):
    data = extract(project, f"{LEAD}\n\nA Taliban spokesman, talking to DAWN.COM, denied it.")
    assert set(cited(data)) == {"dawn"}


def test_an_agency_named_by_its_initials_is_the_registered_one(project):
    registry = project / "seeds" / "outlets.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "\nnordic_press_agency:\n  name: Nordic Press Agency\n  country: NO\n"
        "  kind: news_agency\n  ownership: state\n  reliability: C\n",
        encoding="utf-8",
    )
    data = extract(project, f"{LEAD}\n\nThe ministry said so in a statement carried by NPA.")
    assert set(cited(data)) == {"nordic_press_agency"}


def test_a_post_on_a_platform_cites_the_platform(project):
    data = extract(project, f"{LEAD}\n\nThe governor wrote on Twitter that the depot was shut.")
    assert set(cited(data)) == {"twitter"}


def test_outside_a_project_the_draft_is_printed_with_every_outlet_new(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(f"outlet: Reuters\n---\nVELMORA (Reuters) - {LEAD}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--published", "2023-05-02"])
    assert result.exit_code == 0, result.output
    assert "status: draft" in result.stdout
    assert "NEW OUTLET 'Reuters'" in result.stdout
    assert "not in a briefing project" in result.stderr
    assert list(tmp_path.iterdir()) == [article]
    written = CliRunner().invoke(main, ["extract", str(article), "--write"])
    assert written.exit_code == 2 and "no briefing project" in written.stderr


def test_no_placeholder_reaches_the_output():
    data = {"claims": [Note({"text": "The ⟦A:army⟧ said ⟦O:tass⟧ was wrong ⟦Q:0⟧."}, ["from: x"])]}
    names = {("A", "army"): "Norland Army", ("O", "tass"): "TASS"}
    out = hygiene.unmask(data, lambda kind, key: names.get((kind, key), ""))
    assert score.plain(out) == {"claims": [{"text": "The Norland Army said TASS was wrong ."}]}


def test_an_armed_network_is_no_outlet(project):
    data = extract(
        project,
        f"{LEAD}\n\nThe Haqqani Network claimed responsibility for the attack on the depot.",
    )
    assert cited(data) == {}
