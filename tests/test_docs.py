"""The README and the manual: the README stays a first page a newcomer reads in two
minutes, with the commands CI runs; the manual (docs/) builds with --strict, so its links
and anchors hold, and its schema reference is the model's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from html import unescape
from pathlib import Path
from typing import Any

import yaml
from conftest import PROJECT, build_env

from generator.schema import json_schema

README = PROJECT / "README.md"
MANUAL = PROJECT / "docs"


def build_manual(docs: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(docs / "mkdocs.yml"),
         "-d", str(site)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def nav_pages(nav: list[Any]) -> list[str]:
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


# ---- the README ----------------------------------------------------------------------


def test_the_readme_fits_on_a_screen_or_two() -> None:
    assert len(README.read_bytes()) < 8 * 1024


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    commands = re.findall(r"^python3\.11 -m venv .*$", README.read_text(encoding="utf-8"), re.M)
    assert len(commands) == 2  # build the site, run the suite
    assert commands[1].replace("python3.11", '"$PY"', 1) in (PROJECT / ".ci" / "run").read_text(
        encoding="utf-8"
    )


def test_the_fast_test_command_names_registered_markers() -> None:
    (expression,) = re.findall(r'python -m pytest -m "([^"]+)"', README.read_text("utf-8"))
    names = set(re.findall(r"\w+", expression)) - {"and", "or", "not"}
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    registered = {m.split(":")[0] for m in pyproject["tool"]["pytest"]["ini_options"]["markers"]}
    assert names == {"browser", "e2e"} and names <= registered


def test_what_the_readme_links_to_exists() -> None:
    targets = re.findall(r"\]\(([^)#:]+)\)", README.read_text(encoding="utf-8"))
    assert "docs/images/brief.png" in targets
    assert [t for t in targets if not (PROJECT / t).is_file()] == []
    assert (PROJECT / "docs/images/brief.png").stat().st_size < 150 * 1024


def test_no_test_writes_past_pytests_capture() -> None:
    """Figures belong to benchmarks/: a test that prints into the progress dots hides them."""
    bypass = re.compile(r"(capsys|capfd)\.disabled\(|sys\.__stdout__|sys\.__stderr__")
    here = Path(__file__).resolve()
    loud = [p.name for p in (PROJECT / "tests").rglob("*.py") if p != here and bypass.search(
        p.read_text(encoding="utf-8"))]  # fmt: skip
    assert loud == []


# ---- the manual ----------------------------------------------------------------------


def test_every_page_of_the_manual_is_in_its_navigation_and_exists() -> None:
    config = yaml.safe_load((MANUAL / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = MANUAL / config["docs_dir"]
    listed = nav_pages(config["nav"])
    assert [page for page in listed if not (pages / page).is_file()] == []
    assert sorted(listed) == sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*.md"))


def test_the_manual_builds_strictly_with_the_models_schema(tmp_path: Path) -> None:
    done = build_manual(MANUAL, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = unescape((tmp_path / "site" / "schema" / "index.html").read_text(encoding="utf-8"))
    assert "<!-- schema-reference -->" not in page  # the marker was replaced
    event, outlets = json_schema("event"), json_schema("outlets")
    for node in [event, *event["$defs"].values(), *outlets["$defs"].values()]:
        for field, spec in node.get("properties", {}).items():
            assert f"<code>{field}</code>" in page, field
            assert " ".join(spec.get("description", "").split()) in page, field
        for value in node.get("enum", []):
            assert f"<code>{value}</code>" in page, value
    assert (tmp_path / "site" / "images" / "brief.png").is_file()


def test_a_broken_link_in_the_manual_fails_its_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(MANUAL, docs, ignore=shutil.ignore_patterns("site"))
    page = docs / "pages" / "templates.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](nowhere.md)\n", "utf-8")
    done = build_manual(docs, tmp_path / "site")
    assert done.returncode != 0
    assert "nowhere.md" in done.stderr
