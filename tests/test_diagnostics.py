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


def test_symlinked_record_is_reported_not_followed(tmp_path: Path) -> None:
    shutil.copytree(CASES_DIR / "valid", tmp_path, dirs_exist_ok=True)
    (tmp_path / "expected.txt").unlink()
    real = tmp_path / "elsewhere.yaml"
    real.write_text("schema: 1\n", encoding="utf-8")
    (tmp_path / "seeds" / "events" / "2018" / "2018-07-11-link.yaml").symlink_to(real)
    assert diagnostics_of(tmp_path) == [
        "seeds/events/2018/2018-07-11-link.yaml:1:1: symbolic links are not read: "
        "replace the link with the file itself"
    ]


def test_symlinked_outlet_registry_is_reported(tmp_path: Path) -> None:
    shutil.copytree(CASES_DIR / "valid", tmp_path, dirs_exist_ok=True)
    outlets = tmp_path / "seeds" / "outlets.yaml"
    real = tmp_path / "outlets-real.yaml"
    outlets.rename(real)
    outlets.symlink_to(real)
    found = diagnostics_of(tmp_path)
    assert found[0] == (
        "seeds/outlets.yaml:1:1: symbolic links are not read: replace the link with the file itself"
    )


def test_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    """Problems from several cases, combined in one project, are all reported at once."""
    shutil.copytree(CASES_DIR / "valid", tmp_path, dirs_exist_ok=True)
    events = tmp_path / "seeds" / "events"
    expected: list[str] = []
    for name in ("date-impossible-day", "empty-file", "unknown-outlet"):
        src = CASES_DIR / name / "seeds" / "events" / "2018" / f"{ID}.yaml"
        target = events / "2018" / f"{ID}-{name}.yaml"
        shutil.copyfile(src, target)
    found = diagnostics_of(tmp_path)
    assert found == sorted(found)
    joined = "\n".join(found)
    for name in ("date-impossible-day", "empty-file", "unknown-outlet"):
        assert f"{ID}-{name}.yaml:" in joined
    del expected


def test_only_limits_reported_files() -> None:
    folder = CASES_DIR / "duplicate-id-two-files"
    copy = folder / "seeds" / "events" / "2018" / f"{ID}-copy.yaml"
    with pytest.raises(ValidationFailed) as raised:
        load_archive(Settings(root=folder), only=[copy])
    assert {d.path for d in raised.value.diagnostics} == {
        f"seeds/events/2018/{ID}-copy.yaml"
    }
    valid = CASES_DIR / "valid"
    archive = load_archive(Settings(root=valid), only=[valid / "seeds"])
    assert [r.event.id for r in archive.records] == [ID]
