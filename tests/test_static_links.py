"""Static files of briefs/ reach the site as hard links, never at the cost of either copy.

A link shares its bytes with briefs/, so these check the two ways that could go wrong: a
later write to briefs/ changing the published file, and a build writing into a file the
site already holds (which may be linked elsewhere).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_env

from generator import static_links

RECORD = "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml"


def _briefing(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )


def _static_files(briefs: Path) -> list[Path]:
    return [p for p in briefs.rglob("*") if p.is_file() and p.suffix not in {".md", ""}]


@pytest.mark.e2e
def test_the_site_links_the_static_files_of_briefs(built_project: Path) -> None:
    briefs, site_dir = built_project / "briefs", built_project / "site"
    statics = _static_files(briefs)
    assert any(p.suffix == ".yaml" for p in statics) and any(p.suffix == ".svg" for p in statics)
    for source in statics:
        published = site_dir / source.relative_to(briefs)
        assert published.read_bytes() == source.read_bytes()
        assert os.path.samefile(source, published), f"{published} is a copy"


@pytest.mark.e2e
def test_regenerated_briefs_leave_the_published_site_alone(
    new_project: Callable[[], Path],
) -> None:
    project = new_project()
    assert _briefing(project, "build").returncode == 0
    copies = sorted((project / "briefs" / "records").rglob("*.yaml"))
    published = {
        p: (project / "site" / p.relative_to(project / "briefs")).read_bytes() for p in copies
    }
    record = project / RECORD
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "title: Intelligence chiefs", "title: Renamed intelligence chiefs", 1
        ),
        encoding="utf-8",
    )
    rendered = _briefing(project, "render")
    assert rendered.returncode == 0, rendered.stderr
    changed = [p for p in copies if p.read_bytes() != published[p]]
    assert len(changed) == 1 and b"Renamed intelligence chiefs" in changed[0].read_bytes()
    for copy, before in published.items():
        assert (project / "site" / copy.relative_to(project / "briefs")).read_bytes() == before

    assert _briefing(project, "build").returncode == 0
    now = project / "site" / changed[0].relative_to(project / "briefs")
    assert b"Renamed intelligence chiefs" in now.read_bytes()


def _linked(tmp_path: Path) -> tuple[static_links.Linked, Path, Path]:
    docs, out = tmp_path / "docs", tmp_path / "out"
    (docs / "records").mkdir(parents=True)
    source = docs / "records" / "a.yaml"
    source.write_bytes(b"new bytes\n")
    file = static_links.Linked("records/a.yaml", str(docs), str(out), use_directory_urls=True)
    return file, source, out / "records" / "a.yaml"


def test_a_file_in_the_way_is_replaced_not_written_into(tmp_path: Path) -> None:
    file, source, target = _linked(tmp_path)
    elsewhere = tmp_path / "previous-site-file"
    elsewhere.write_bytes(b"old bytes\n")
    target.parent.mkdir(parents=True)
    os.link(elsewhere, target)  # what a preview's earlier build left: linked to old bytes
    file.copy_file()
    assert os.path.samefile(source, target)
    assert elsewhere.read_bytes() == b"old bytes\n"
    file.copy_file()  # already linked: nothing to do
    assert os.path.samefile(source, target)


def test_without_links_the_file_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(static_links.os, "link", refuse)
    file, source, target = _linked(tmp_path)
    file.copy_file()
    assert target.read_bytes() == b"new bytes\n"
    assert not os.path.samefile(source, target)


def test_a_file_given_content_by_a_plugin_is_written_as_such(tmp_path: Path) -> None:
    file, source, target = _linked(tmp_path)
    file.content_bytes = b"from a plugin\n"
    file.copy_file()
    assert target.read_bytes() == b"from a plugin\n"
    assert source.read_bytes() == b"new bytes\n"
