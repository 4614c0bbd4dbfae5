"""`search: auto`, the default: Material's search while its index stays small (it works from
file://), Pagefind once Material's index would pass about 1 MB, chosen from the records
before anything is built, and said by the build. With the project's own mkdocs.yml (which
lists the theme's search plugin), a large archive ships Pagefind's index, not Material's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, build_env, mkdocs_build

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

from generator import search
from generator.archive import load_archive
from generator.config import Settings


def _with_limit(project: Path, limit: int) -> None:
    """The project's mkdocs.yml (auto, theme search listed) with a lower auto limit."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - search\n" in text and "      search:" not in text
    config.write_text(synth.briefing_option(text, f"search_auto_limit: {limit}"), "utf-8")


def test_auto_is_the_default_and_its_limit_is_1_mb() -> None:
    from generator.site_config import BriefingConfig

    options = dict(BriefingConfig._schema)
    assert options["search"].default == "auto"
    assert options["search_auto_limit"].default == search.AUTO_LIMIT == 1_000_000
    project = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - search\n" in project and "      search:" not in project


def test_auto_chooses_by_the_estimated_size_of_materials_index() -> None:
    published = load_archive(Settings(root=PROJECT)).published
    estimate = search.material_index_bytes(published)
    assert 0 < estimate < search.AUTO_LIMIT
    small = search.choose("auto", published)
    assert small.backend == "material"
    assert small.reason.startswith("Material's index would be about ")
    assert f"for {len(published)} briefs; at most 1 MB" in small.reason
    large = search.choose("auto", published, limit=estimate - 1)
    assert large.backend == "pagefind"
    assert f"for {len(published)} briefs; over " in large.reason
    # An offline site is read from file://, where only Material's search works.
    offline = search.choose("auto", published, limit=estimate - 1, offline=True)
    assert offline.backend == "material" and "read from file://" in offline.reason
    # A setting other than auto is kept, whatever the size.
    assert search.choose("material", published, limit=1).backend == "material"
    assert search.choose("pagefind", published).backend == "pagefind"
    assert search.choose("auto", ()).backend == "material"


def test_the_estimate_of_a_large_archive_is_sampled_and_extrapolated() -> None:
    published = load_archive(Settings(root=PROJECT)).published
    # 2,400 records, each record 400 times in a row: an even sample meets each equally.
    many = tuple(record for record in published for _ in range(400))
    assert search.material_index_bytes(many) == pytest.approx(
        400 * search.material_index_bytes(published), rel=0.05
    )


def test_a_preview_of_a_large_archive_uses_dirty_builds(tmp_path: Path) -> None:
    """`briefing serve` chooses before MkDocs starts (its kind of rebuild depends on it),
    from records it then hands to the first build."""
    from mkdocs.config import load_config

    from generator import handover, site_serve

    project = synth.write_archive(tmp_path / "archive", 6, search="auto")
    default = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for limit, expected in ((search.AUTO_LIMIT, False), (1000, True)):
        (project / "mkdocs.yml").write_text(default, encoding="utf-8")
        _with_limit(project, limit)
        config = load_config(config_file=str(project / "mkdocs.yml"))
        plugin = config.plugins["briefing"]
        assert site_serve.serves_pagefind(config, plugin) is expected
        handed = handover._VALIDATED.pop(project.resolve())
        assert len(handed.records) == 6


@pytest.mark.e2e
def test_a_large_archive_with_the_default_configuration_ships_no_material_index(
    tmp_path: Path,
) -> None:
    project = synth.write_archive(tmp_path / "archive", 8, search="auto")
    _with_limit(project, 50_000)  # 8 synthetic briefs: Material's index about 150 KB
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = [ln for ln in result.stderr.splitlines() if "briefing: search:" in ln]
    assert line.endswith("; over 50 KB)"), line
    assert "briefing: search: pagefind (Material's index would be about " in line
    site = project / "site"
    assert not (site / "search" / "search_index.json").exists()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "md-search" not in home  # the theme's search box is off with its plugin
    assert (site / "search" / "index.html").is_file()  # Pagefind's search page instead

    # `briefing build` says the same.
    built = subprocess.run(
        [str(Path(sys.executable).with_name("briefing")), "build", "--project", str(project)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert f"Search: pagefind ({line.split('(', 1)[1]}." in built.stderr.splitlines()


@pytest.mark.e2e
def test_a_small_archive_keeps_materials_search_and_the_estimate_is_close(
    tmp_path: Path,
) -> None:
    project = synth.write_archive(tmp_path / "archive", 8, search="auto")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "briefing: search: material (Material's index would be about " in result.stderr
    index = project / "site" / "search" / "search_index.json"
    assert not (project / "site" / "pagefind").exists()
    published = load_archive(Settings(root=project)).published
    estimate = search.material_index_bytes(published)
    assert estimate == pytest.approx(index.stat().st_size, rel=0.3)
