"""`briefing extract`: golden articles in, draft records out, scored per kind of item.

The seed article is scored against the reviewed reference record; the fictional articles
in tests/cases/extract/ against their expected.yaml. Each draft must validate.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.archive import load_outlets
from generator.cli import main
from generator.config import Settings
from generator.extract import run, score
from generator.load import read_file
from generator.model import Event

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "extract"
SEED = ROOT / "seeds" / "articles" / "2018-07-apnlive-spy-chiefs-islamabad.txt"
REFERENCE = ROOT / "seeds" / "events" / "2018" / "2018-07-10-islamabad-intel-chiefs-meeting.yaml"
FIXTURES = sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").exists())


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the archive's outlets plus the fixtures' fictional ones, no records."""
    root = tmp_path / "archive"
    (root / "seeds" / "events").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    registry = (ROOT / "seeds" / "outlets.yaml").read_text(encoding="utf-8")
    extra = (CASES / "outlets.yaml").read_text(encoding="utf-8")
    (root / "seeds" / "outlets.yaml").write_text(registry + "\n" + extra, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def reference_gold() -> dict[str, Any]:
    doc, problems = read_file(REFERENCE, REFERENCE.name)
    assert doc is not None, problems
    return score.gold_from_record(Event.model_validate(doc.data), "apnlive")


def report(result: score.Score) -> str:
    lines = [f"{'kind':<11} precision recall  found/expected"]
    for kind, t in result.tallies.items():
        p = "-" if t.precision is None else f"{t.precision:.2f}"
        r = "-" if t.recall is None else f"{t.recall:.2f}"
        lines.append(f"{kind:<11} {p:<9} {r:<7} {t.tp}/{t.tp + t.fn}")
    return "\n".join(lines + result.misses)


def extract_scored(article: Path, root: Path, gold: dict[str, Any], published: str | None = None):
    settings = Settings(root=root)
    draft = run.extract(article, settings, published)
    outlets, _ = load_outlets(settings)
    return draft, score.score(score.plain(draft.data), gold, outlets)


# ---- the seed article against the reference record ----------------------------------


@pytest.mark.parametrize("published", ["2018-07-12", "2018-07-13"])
def test_seed_article_recovers_the_reference_record(project, published):
    draft, result = extract_scored(SEED, project, reference_gold(), published)
    table = report(result)  # shown on failure; the figures are benchmarks/extract_quality.py's
    for kind in ("actors", "sources", "quotes", "figures", "stances", "countries", "date",
                 "location", "event_type", "fatalities"):  # fmt: skip
        assert result.tallies[kind].recall == 1.0, table
        assert result.tallies[kind].precision == 1.0, table
    assert draft.data["date"].value == "2018-07-10"
    assert draft.event_id.startswith("2018-07-10-islamabad-")


def test_seed_reference_expectations_are_what_the_article_carries():
    gold = reference_gold()
    assert gold["sources"] == ["apn_live", "dawn", "press_tv", "tass", "the_nation"]
    assert len(gold["actors"]) == 11
    assert {q["text"] for q in gold["quotes"]} >= {"all other terrorist groups"}
    assert {(f["value"], f["unit"]) for f in gold["figures"]} == {
        (10000, "fighters"),
        (9, "provinces"),
    }
    stances = {(s["speaker"], s["outlet"], s["stance"]) for s in gold["stances"]}
    assert ("pk_mofa_faisal", "apn_live", "no_knowledge") in stances
    assert ("pk_officials", "dawn", "confirms") in stances
    assert not any(s[1] in ("times_of_islamabad", "abns", "ians") for s in stances)


def test_seed_without_a_publication_day_keeps_the_month_and_says_why(project):
    draft = run.extract(SEED, Settings(root=project))
    assert draft.data["date"].value == "2018-07~"
    assert "pass --published" in draft.data["date_note"]


def test_seed_draft_chains_who_said_it_which_outlet_and_via_the_article(project):
    draft = run.extract(SEED, Settings(root=project), "2018-07-12")
    claims = score.plain(draft.data)["claims"]
    figure = next(c for c in claims if c.get("figures"))
    (statement,) = figure["statements"]
    assert statement["attributed_to"] == "svr"
    assert statement["reported_by"] == ["press_tv"] and statement["via"] == ["apn_live"]
    assert [(f["value"], f["qualifier"], f["unit"]) for f in figure["figures"]] == [
        (10000, "about", "fighters"),
        (9, "exactly", "provinces"),
    ]
    iran = next(c for c in claims if c["text"].startswith("Iranian side"))
    assert iran["statements"][0]["relayed_by"] == "sources_nation"
    actors = score.plain(draft.data)["actors"]
    assert actors["naryshkin"]["position"] == "Director"
    assert actors["naryshkin"]["member_of"] == "svr"
    assert (
        "Daesh"
        in actors[next(k for k, a in actors.items() if a["name"] == "Islamic State")]["aliases"]
    )


# ---- fictional golden articles ----------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_fictional_article(project, name):
    gold = yaml.safe_load((CASES / name / "expected.yaml").read_text(encoding="utf-8"))
    article = next((CASES / name).glob("article.*"))
    _draft, result = extract_scored(article, project, gold)
    table = report(result)  # shown on failure only
    for kind, tally in result.tallies.items():
        if tally.tp + tally.fn:
            assert tally.recall is not None and tally.recall >= 0.75, f"{kind}\n{table}"
        if tally.tp + tally.fp:
            assert tally.precision is not None and tally.precision >= 0.75, f"{kind}\n{table}"
    for kind in ("date", "location", "event_type"):
        assert result.tallies[kind].recall == 1.0, table


# ---- the command ----------------------------------------------------------------------


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["extract", *args], catch_exceptions=False)


def test_extract_prints_a_draft_that_the_loader_accepts(project):
    result = invoke(str(SEED), "--published", "2018-07-12")
    assert result.exit_code == 0, result.output
    assert "status: draft" in result.stdout
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert not (project / "seeds" / "events" / "2018").exists()  # printing writes nothing


def test_every_item_quotes_the_sentence_it_came_from(project):
    text = invoke(str(SEED), "--published", "2018-07-12").stdout
    lines = text.splitlines()
    section = None
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
        is_item = (
            section in ("actors", "sources") and re.match(r"^  [a-z][a-z0-9_]*:$", line)
        ) or (section == "claims" and line.startswith("  - id:"))
        if is_item:
            assert lines[number - 1].lstrip().startswith("#"), line
    for sentence in ("TASS news agency quoted Sergei Ivanov", "Press TV reports that Russian side"):
        assert sentence in text


def test_write_creates_the_record_validates_and_never_overwrites(project):
    result = invoke(str(CASES / "market-attack" / "article.txt"), "--write")
    assert result.exit_code == 0, result.output
    written = project / "seeds" / "events" / "2024" / "2024-03-13-korvani-gunmen-kill-least-12.yaml"
    assert result.stdout.splitlines() == [
        "seeds/events/2024/2024-03-13-korvani-gunmen-kill-least-12.yaml",
        "seeds/outlets.yaml",
    ]
    registry = (project / "seeds" / "outlets.yaml").read_text(encoding="utf-8")
    assert 'lakeside_courier:\n  name: "Lakeside Courier"' in registry
    assert "added by briefing extract" in registry and "not yet assessed" in registry
    validate = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    assert validate.exit_code == 0, validate.output
    before = written.read_bytes()
    again = invoke(str(CASES / "market-attack" / "article.txt"), "--write")
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert written.read_bytes() == before
    assert (project / "seeds" / "outlets.yaml").read_text(encoding="utf-8") == registry


def test_printing_lists_new_outlets_on_stderr(project):
    result = invoke(str(CASES / "drone-strike-denial" / "article.txt"))
    assert result.exit_code == 0, result.output
    assert "New outlets" in result.stderr and "radio_andina_sur:" in result.stderr
    assert "NEW OUTLET 'Radio Andina Sur'" in result.stdout


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fictional_draft_validates_with_its_new_outlets(project, name):
    article = next((CASES / name).glob("article.*"))
    result = invoke(str(article), "--write")
    assert result.exit_code == 0, result.output
    validate = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    assert validate.exit_code == 0, validate.output


def test_html_page_main_text_and_metadata(project):
    draft = run.extract(CASES / "bus-abduction-html" / "article.html", Settings(root=project))
    data = score.plain(draft.data)
    seed = data["sources"]["sahel_daily_star"]
    assert seed["url"] == "https://sahel-daily-star.example/2022/01/10/kaya-bus-abduction"
    assert seed["published"] == "2022-01-10"
    assert "Most read" not in draft.text and "cup final" not in draft.text


def test_unknown_town_keeps_its_name_and_asks_for_coordinates(project):
    draft = run.extract(CASES / "market-attack" / "article.txt", Settings(root=project))
    location = score.plain(draft.data)["location"]
    assert (location["name"], location["country"], location["admin1"]) == (
        "Korvani", "KE", "Marsabit",
    )  # fmt: skip
    assert "lat" not in location and "not in the packaged gazetteer" in location["note"]


def test_a_bad_published_date_is_refused(project):
    result = invoke(str(SEED), "--published", "2018-13-01")
    assert result.exit_code == 1
    assert "--published" in result.stderr
