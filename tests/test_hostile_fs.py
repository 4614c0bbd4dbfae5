"""Hostile file system (issue 14, items 2 and 11): the generator deletes only what it
wrote, reads no file larger than its limit, and never writes through a symbolic link.

Output folders (briefs/, the site, --site-dir, render --out) that are links, the project
or a folder holding it, or that hold files the generator did not make, are refused with
one line naming the folder and the fix, before anything is touched: every case keeps a
sentinel file and compares whole trees, links unfollowed, before and after.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import build_env, copy_project

from generator import reading
from generator.archive import load_archive
from generator.cache import Cache
from generator.cli import main
from generator.config import Settings
from generator.errors import BriefingError, ValidationFailed
from generator.ownership import MARKER
from generator.reading import MAX_BYTES
from generator.write import write_tree

SEED_ID = "2018-07-10-islamabad-intel-chiefs-meeting"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project (as a clone is) beside a sentinel file in its parent; cwd is its root."""
    root = copy_project(tmp_path / "archive")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "notes.txt").write_text("an analyst's notes\n", encoding="utf-8")
    (tmp_path / "sentinel.txt").write_text("outside the project\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, str | bytes]:
    """Every entry below folder, links not followed: a file's bytes, a link's target."""
    entries: dict[str, str | bytes] = {}
    for here, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(here) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[key] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                entries[key] = "dir"
            else:
                entries[key] = path.read_bytes()
    return entries


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *extra],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---- item 2: output folders -------------------------------------------------------------


def test_briefs_linked_to_the_project_is_refused_by_build_and_mkdocs(project: Path) -> None:
    shutil.rmtree(project / "briefs")
    (project / "briefs").symlink_to(".", target_is_directory=True)  # as if committed
    before = snapshot(project.parent)
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: briefs: 'briefs' is a symbolic link;")
    assert "Remove it: briefs/ is generated" in result.stderr
    assert snapshot(project.parent) == before
    plain = mkdocs_build(project)
    assert plain.returncode != 0
    assert "briefing: briefs: 'briefs' is a symbolic link;" in plain.stderr
    assert snapshot(project.parent) == before  # .git, seeds/, mkdocs.yml: all there


def test_briefs_holding_files_the_generator_did_not_make_is_refused(project: Path) -> None:
    (project / "briefs" / "draft-by-hand.md").write_text("# mine\n", encoding="utf-8")
    before = snapshot(project.parent)
    result = run("render")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: briefs: 'briefs' holds files the generator did not make ('draft-by-hand.md'); "
        f"it replaces only a folder it made (one with {MARKER}) or an empty one. "
        "Remove it: briefs/ is generated, and a missing or empty folder will do.\n"
    )
    assert snapshot(project.parent) == before


def test_site_linked_to_another_folder_is_refused(project: Path) -> None:
    other = project.parent / "other"
    other.mkdir()
    (other / "keep.txt").write_text("someone else's folder\n", encoding="utf-8")
    (project / "site").symlink_to("../other", target_is_directory=True)
    before = snapshot(project.parent)
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: site: 'site' is a symbolic link; the generator writes only into a real "
        "folder it made, never through a link. Remove it, or build elsewhere with "
        "--site-dir.\n"
    )
    assert snapshot(project.parent) == before
    plain = mkdocs_build(project)
    assert plain.returncode != 0
    assert "briefing: site_dir: 'site' is a symbolic link;" in plain.stderr
    assert snapshot(project.parent) == before


@pytest.mark.parametrize(
    ("site_dir", "why"),
    [(".", "'.' is the project folder"), ("..", "'..' holds the project")],
    ids=["project", "ancestor"],
)
def test_a_site_dir_that_is_or_holds_the_project_is_refused(
    project: Path, site_dir: str, why: str
) -> None:
    before = snapshot(project.parent)
    result = run("build", "--site-dir", site_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: --site-dir: {why}; the generator would replace it with its output. "
        "Choose a new or empty folder.\n"
    )
    assert snapshot(project.parent) == before


def test_render_out_a_folder_with_unrelated_files_is_refused(project: Path) -> None:
    out = project.parent / "documents"
    out.mkdir()
    (out / "report.odt").write_bytes(b"unrelated")
    before = snapshot(project.parent)
    result = run("render", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: --out: '{out.as_posix()}' holds files the generator did not make ('report.odt'); "
    )
    assert result.stderr.endswith("Choose a new or empty folder.\n")
    assert snapshot(project.parent) == before


def test_render_out_a_symlink_is_refused(project: Path) -> None:
    real = project.parent / "real"
    real.mkdir()
    (real / "keep.txt").write_text("kept\n", encoding="utf-8")
    (project.parent / "link").symlink_to(real, target_is_directory=True)
    before = snapshot(project.parent)
    result = run("render", "--out", "../link")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --out: '../link' is a symbolic link;")
    assert snapshot(project.parent) == before


@pytest.mark.parametrize("inside", ["seeds/briefs", "templates", ".git/briefs"])
def test_render_out_inside_the_inputs_is_refused(project: Path, inside: str) -> None:
    before = snapshot(project.parent)
    result = run("render", "--out", inside)
    assert result.exit_code == 1
    assert "which no build output may replace" in result.stderr
    assert snapshot(project.parent) == before


def test_a_site_dir_holding_briefs_is_refused(project: Path) -> None:
    out = project.parent / "out"
    assert run("render", "--out", str(out)).exit_code == 0
    before = snapshot(project.parent)
    result = run("build", "--site-dir", str(out))
    assert result.exit_code == 1
    assert "holds Markdown briefs made by the generator, not a site." in result.stderr
    assert snapshot(project.parent) == before


def test_the_generators_own_output_is_replaced_and_stale_files_removed(project: Path) -> None:
    """An empty folder is taken; once it carries the marker, a later run replaces what the
    generator wrote there (a brief of a deleted record goes) and keeps .gitkeep."""
    out = project.parent / "out"
    out.mkdir()
    (out / ".gitkeep").touch()
    seed = project / "seeds" / "events" / "2018" / f"{SEED_ID}.yaml"
    copy = seed.with_name("2018-07-11-islamabad-copy.yaml")
    copy.write_text(
        seed.read_text(encoding="utf-8").replace(SEED_ID, copy.stem, 1), encoding="utf-8"
    )
    first = run("render", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert (out / MARKER).read_text(encoding="utf-8").startswith("briefing-output: briefs\n")
    assert (out / "events" / f"{copy.stem}.md").is_file()
    copy.unlink()
    again = run("render", "--out", str(out))
    assert again.exit_code == 0, again.output
    assert not (out / "events" / f"{copy.stem}.md").exists()
    assert (out / "events" / f"{SEED_ID}.md").is_file()
    assert (out / ".gitkeep").exists() and (out / MARKER).exists()


@pytest.mark.e2e
def test_a_built_site_is_rebuilt_in_place(project: Path) -> None:
    first = run("build")
    assert first.exit_code == 0, first.output
    assert (
        (project / "site" / MARKER)
        .read_text(encoding="utf-8")
        .startswith("briefing-output: site\n")
    )
    again = run("build")
    assert again.exit_code == 0, again.output
    assert (project / "notes.txt").exists() and (project.parent / "sentinel.txt").exists()


def test_the_writer_itself_never_writes_through_a_linked_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("kept\n", encoding="utf-8")
    (tmp_path / "briefs").symlink_to(real, target_is_directory=True)
    with pytest.raises(BriefingError, match="symbolic link"):
        write_tree({"index.md": "# Home\n"}, tmp_path / "briefs")
    assert sorted(p.name for p in real.iterdir()) == ["keep.txt"]


# ---- item 11: a record's size is checked before it is read ------------------------------

BIG = "seeds/events/2018/2018-07-11-kabul-sparse.yaml"


def test_an_oversized_record_is_refused_by_its_size_without_being_read(project: Path) -> None:
    """A sparse file made in an instant: before the fix, each reading (the cache's digest,
    then the loader) took the whole 256 MB into memory before checking the size."""
    subprocess.run(["truncate", "-s", "256M", BIG], check=True)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{BIG}:1:1: file is 268,435,456 bytes; records are limited to {MAX_BYTES:,} bytes: "
        "split the event or shorten notes\n"
    )
    settings = Settings(root=project)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationFailed) as failed:
            load_archive(settings, cache=Cache(project))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.path for d in failed.value.diagnostics] == [BIG]
    assert peak < 64 * 2**20, f"{peak:,} bytes allocated"


def test_a_record_growing_past_the_limit_while_read_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / BIG
    path.write_bytes(b"# " + b"x" * (MAX_BYTES + 100) + b"\n")
    real_fstat = os.fstat

    def small_when_opened(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[6] = 10  # st_size: the file was small when its size was taken
        return os.stat_result(status)

    monkeypatch.setattr(reading.os, "fstat", small_when_opened)
    raw, problems = reading.read_bytes(path, BIG)
    assert raw is None
    assert [str(p) for p in problems] == [
        f"{BIG}:1:1: file grew while it was read; records are limited to {MAX_BYTES:,} "
        "bytes: split the event or shorten notes"
    ]


# ---- item 11: `briefing new` never writes through a symbolic link -----------------------

NEW = ("new", "--title", "Talks on border security", "--date", "2024-05-02")
NEW_ID = "2024-05-02-kabul-talks-border-security"


def test_new_refuses_a_symlinked_year_folder(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (project / "seeds" / "events" / "2024").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(project.parent)
    result = run(*NEW, "--place", "Kabul", "--country", "AF")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: seeds/events/2024 is a symbolic link; files are created only in real "
        "folders: replace the link with a folder\n"
    )
    assert snapshot(project.parent) == before
    assert list(elsewhere.iterdir()) == []


def test_new_refuses_a_dangling_symlink_at_its_file(project: Path) -> None:
    year = project / "seeds" / "events" / "2024"
    year.mkdir()
    (year / f"{NEW_ID}.yaml").symlink_to(project.parent / "planted.yaml")
    before = snapshot(project.parent)
    result = run(*NEW, "--place", "Kabul", "--country", "AF")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: seeds/events/2024/{NEW_ID}.yaml is a symbolic link; a new file is never "
        "written through one: remove the link\n"
    )
    assert snapshot(project.parent) == before
    assert not (project.parent / "planted.yaml").exists()


def test_new_still_creates_a_missing_year_folder(project: Path) -> None:
    result = run(*NEW, "--place", "Kabul", "--country", "AF")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"seeds/events/2024/{NEW_ID}.yaml\n"
    assert (project / "seeds" / "events" / "2024" / f"{NEW_ID}.yaml").is_file()
