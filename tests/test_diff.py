"""`briefing diff` summarises record changes between git revisions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diff import MAX_TEXT, summarise
from generator.errors import BriefingError

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def test_no_changes(repo: Path) -> None:
    text = summarise(repo, "HEAD", None)
    assert "**0 added, 0 removed, 0 retracted, 0 changed**" in text
    assert "No record changes." in text


def test_stance_status_claims_and_removal(repo: Path) -> None:
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8")
    text = text.replace("stance: no_knowledge", "stance: denies").replace(
        "status: published", "status: retracted"
    )
    text = text.replace("  - id: unprecedented\n", "  - id: unprecedented_claim\n")
    text = text.replace("      likelihood: almost_certain", "      likelihood: likely")
    seed.write_text(text, encoding="utf-8")
    (repo / "seeds/events/2017/2017-12-23-moscow-kabulov-is-fighters-estimate.yaml").unlink()
    _git(repo, "commit", "-qam", "change")
    summary = summarise(repo, "HEAD~1", "HEAD")
    assert "**0 added, 1 removed, 1 retracted, 1 changed**" in summary
    assert "- status: `published` → `retracted`" in summary
    assert "`Mohammad Faisal via apnlive, ians`: stance `no_knowledge` → `denies`" in summary
    assert "claims added: `unprecedented_claim`" in summary
    assert "claims removed: `unprecedented`\n" in summary
    assert "judgment `met` changed: likelihood `almost_certain` → `likely`" in summary
    assert "### Removed\n\n- `2017-12-23-moscow-kabulov-is-fighters-estimate`" in summary


def test_hostile_title_is_escaped(repo: Path) -> None:
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8").replace(
        "title: Intelligence chiefs", "title: <img src=x onerror=alert(1)> Intelligence chiefs", 1
    )
    seed.write_text(text, encoding="utf-8")
    summary = summarise(repo, "HEAD", None)
    assert "`<img src=x onerror=alert(1)> Intelligence chiefs" in summary


def test_unknown_revision_is_a_user_error(repo: Path) -> None:
    with pytest.raises(BriefingError, match="no-such-rev"):
        summarise(repo, "no-such-rev", None)


@pytest.mark.parametrize("revision", ["nonexistent", "--output=x", "HEAD:seeds"])
def test_unknown_revision_says_why_and_what_to_do(repo: Path, revision: str) -> None:
    result = CliRunner().invoke(main, ["diff", "--project", str(repo), "--", revision])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: no commit or branch {revision!r} in {repo}: check the name with git log or "
        "git branch"
    )


def test_outside_a_repository_says_so(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    result = CliRunner(env=env).invoke(main, ["diff", "HEAD", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {tmp_path} is not in a git repository: briefing diff compares git revisions; "
        "run it in a clone of the archive"
    )


def _edit(repo: Path, *pairs: tuple[str, str]) -> None:
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    seed.write_text(text, encoding="utf-8")


def test_terminal_output_is_plain_text(repo: Path) -> None:
    _edit(repo, ("  - id: meeting_held\n", "  - id: meeting_held\n    credibility: 2\n"))
    _edit(repo, ("    places: [PK]\n    credibility: 1\n", "    places: [PK]\n"))
    result = CliRunner().invoke(main, ["diff", "HEAD", "--format", "text", "--project", str(repo)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Record changes: HEAD → working tree",
        "",
        "0 added, 0 removed, 0 retracted, 1 changed",
    ]
    assert "- claim meeting_held: credibility 1 → 2" in lines
    assert not [line for line in lines if "`" in line or "&#" in line or line.startswith("#")]
    markdown = CliRunner().invoke(main, ["diff", "HEAD", "--project", str(repo)]).output
    assert "- claim `meeting_held`: credibility `1` → `2`" in markdown.splitlines()


def test_every_changed_field_shows_old_and_new(repo: Path) -> None:
    _edit(
        repo,
        ("  name: Islamabad\n", "  name: Rawalpindi\n"),
        ("  lat: 33.6844\n", "  lat: 33.6\n"),
        (
            "    rel: context\n",
            "    rel: context\n    id: 2017-12-23-moscow-kabulov-is-fighters-estimate\n",
        ),
        (
            "    places: [PK]\n    credibility: 1\n",
            "    places: [PK, AF]\n    credibility: 1\n",
        ),
    )
    _edit(repo, ("position: Director\n", "position: Chief\n"))
    summary = summarise(repo, "HEAD", None).splitlines()
    assert "also changed" not in "\n".join(summary)
    assert "- location.name: `Islamabad` → `Rawalpindi`" in summary
    assert "- location.lat: `33.6844` → `33.6`" in summary
    assert "- actors.`ru_naryshkin`.position: `Director` → `Chief`" in summary
    assert "- related[1].id: (none) → `2017-12-23-moscow-kabulov-is-fighters-estimate`" in summary
    assert "- claim `meeting_held`: places `PK` → `PK, AF`" in summary
    plain = summarise(repo, "HEAD", None, "text").splitlines()
    assert "- location.name: Islamabad → Rawalpindi" in plain
    assert "- actors.ru_naryshkin.position: Director → Chief" in plain


def test_added_and_removed_entries_are_named(repo: Path) -> None:
    _edit(repo, ("  ru_naryshkin:\n", "  ru_naryshkin_2:\n"))
    text = (repo / SEED).read_text(encoding="utf-8").replace("ru_naryshkin]", "ru_naryshkin_2]")
    text = text.replace("ru_naryshkin,", "ru_naryshkin_2,").replace(
        "attributed_to: ru_naryshkin\n", "attributed_to: ru_naryshkin_2\n"
    )
    (repo / SEED).write_text(text, encoding="utf-8")
    summary = summarise(repo, "HEAD", None).splitlines()
    assert "- actors.`ru_naryshkin`: removed" in summary
    assert "- actors.`ru_naryshkin_2`: added" in summary


def test_changed_values_are_bounded(repo: Path) -> None:
    _edit(repo, ("summary: >-\n", "summary: >-\n  " + "word " * 400 + "\n"))
    for fmt in ("markdown", "text"):
        [line] = [
            line
            for line in summarise(repo, "HEAD", None, fmt).splitlines()
            if line.startswith("- summary: ")
        ]
        assert len(line) < 2 * MAX_TEXT + 40
        assert line.count("…") == 2  # the old and the new value, each cut
