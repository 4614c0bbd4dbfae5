"""Golden tests of the load -> model -> checks stages: project folders in, exact diagnostics out.

Each folder under tests/cases/diagnostics/ is a tiny project (mkdocs.yml, seeds/outlets.yaml,
seeds/events/YYYY/*.yaml) whose expected.txt lists every diagnostic, one per line, in the
order ValidationFailed sorts them. The `valid` case has an empty expected.txt.

Run with UPDATE_GOLDEN=1 to rewrite expected.txt from the actual output; review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.config import Settings
from generator.errors import ValidationFailed

CASES_DIR = Path(__file__).parent / "cases" / "diagnostics"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ID = "2018-07-10-islamabad-intel-chiefs-meeting"


def diagnostics_of(root: Path) -> list[str]:
    """Every diagnostic for the project at root, as printed; empty when it validates."""
    try:
        load_archive(Settings(root=root))
    except ValidationFailed as failed:
        return [str(d) for d in failed.diagnostics]
    return []


def test_there_are_enough_cases() -> None:
    assert "valid" in CASES
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_diagnostics(name: str) -> None:
    folder = CASES_DIR / name
    actual = diagnostics_of(folder)
    expected_file = folder / "expected.txt"
    if UPDATE:
        expected_file.write_text("".join(f"{line}\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected
    # Every case but `valid` holds one mistake, which must be reported.
    assert bool(actual) is (name != "valid")


def test_every_diagnostic_is_located_and_relative() -> None:
    for name in CASES:
        for line in (CASES_DIR / name / "expected.txt").read_text(encoding="utf-8").splitlines():
            path, row, col, _ = line.split(":", 3)
            assert path.startswith("seeds/"), line
            assert int(row) >= 1 and int(col) >= 1, line


def test_no_pydantic_jargon_in_messages() -> None:
    for name in CASES:
        text = (CASES_DIR / name / "expected.txt").read_text(encoding="utf-8")
        for jargon in ("Input should", "input_value", "pydantic", "Value error", "type=", "[key]"):
            assert jargon not in text, (name, jargon)


SYMLINK_MESSAGE = "symbolic links are not read: replace the link with the file itself"


def _project_with_link(tmp_path: Path, link: str) -> tuple[Path, Path]:
    """A copy of the valid case in tmp_path/project, plus a symbolic link at `link`
    (relative to the project) pointing at a valid record or folder outside the project."""
    root = tmp_path / "project"
    shutil.copytree(CASES_DIR / "valid", root)
    (root / "expected.txt").unlink()
    record = root / "seeds" / "events" / "2018" / f"{ID}.yaml"
    outside = tmp_path / "outside"
    outside.mkdir()
    if link == "seeds/outlets.yaml":
        target = outside / "outlets.yaml"
        (root / link).rename(target)
    elif link.endswith(".yaml"):  # a record that would be valid if it were read
        target = outside / "2018-07-11-islamabad-link.yaml"
        text = record.read_text(encoding="utf-8").replace(ID, "2018-07-11-islamabad-link")
        target.write_text(text, encoding="utf-8")
    else:  # a folder of records
        target = outside / "2019"
        target.mkdir()
    (root / link).symlink_to(target)
    return root, root / link


LINKS = [
    "seeds/events/2018/2018-07-11-islamabad-link.yaml",
    "seeds/events/2019",
    "seeds/outlets.yaml",
]


@pytest.mark.parametrize("link", LINKS)
def test_symlinks_are_reported_not_followed(tmp_path: Path, link: str) -> None:
    root, _ = _project_with_link(tmp_path, link)
    with pytest.raises(ValidationFailed) as raised:
        load_archive(Settings(root=root))
    [only] = raised.value.diagnostics
    assert (only.line, only.col, only.message) == (1, 1, SYMLINK_MESSAGE)


@pytest.mark.parametrize("link", LINKS)
def test_symlink_diagnostic_names_the_link(tmp_path: Path, link: str) -> None:
    root, _ = _project_with_link(tmp_path, link)
    assert diagnostics_of(root) == [f"{link}:1:1: {SYMLINK_MESSAGE}"]


def test_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    """Each file's problems are still reported when other files have problems too."""
    shutil.copytree(CASES_DIR / "valid", tmp_path, dirs_exist_ok=True)
    folder = "seeds/events/2018"
    wanted: set[str] = set()
    for name in ("date-impossible-day", "empty-file", "not-utf8", "unknown-outlet"):
        shutil.copyfile(
            CASES_DIR / name / folder / f"{ID}.yaml", tmp_path / folder / f"{name}.yaml"
        )
        expected = (CASES_DIR / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        wanted |= {
            line.replace(f"{folder}/{ID}.yaml:", f"{folder}/{name}.yaml:") for line in expected
        }
    found = diagnostics_of(tmp_path)
    assert wanted <= set(found)
    # The copies that parse also keep the original id, which the checks report too.
    assert {line for line in found if line not in wanted} == {
        f"{folder}/unknown-outlet.yaml:2:5: id: duplicate id '{ID}': also used by "
        f"{folder}/{ID}.yaml; ids must be unique",
        f"{folder}/unknown-outlet.yaml:2:5: id: id '{ID}' does not match the file name "
        f"'unknown-outlet.yaml': rename the file to {ID}.yaml (ids are permanent URLs, so "
        "prefer renaming the file)",
    }


def test_only_limits_reported_files() -> None:
    folder = CASES_DIR / "duplicate-id-two-files"
    copy = folder / "seeds" / "events" / "2018" / f"{ID}-copy.yaml"
    with pytest.raises(ValidationFailed) as raised:
        load_archive(Settings(root=folder), only=[copy])
    assert {d.path for d in raised.value.diagnostics} == {f"seeds/events/2018/{ID}-copy.yaml"}
    valid = CASES_DIR / "valid"
    archive = load_archive(Settings(root=valid), only=[valid / "seeds"])
    assert [r.event.id for r in archive.records] == [ID]
