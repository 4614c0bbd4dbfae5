"""The benchmark script as the manual (docs/pages/benchmarks.md) runs it, on a tiny archive:
it must run to the end and print every figure in its table. Figures are printed, never
checked against times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, build_env

sys.path.insert(0, str(PROJECT / "benchmarks"))
import run

pytestmark = pytest.mark.e2e  # builds whole archives with MkDocs

#: Rows a generation-only size has figures for.
_GENERATION = {
    "validation, cold (records/s)",
    "validation from the cache",
    "`briefing validate`, s (median of three, range)",
    "rendering records -> Markdown, cold / from the cache",
}


def test_the_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "run.py"), "--events", "30",
         "--generation-only", "40", "--workdir", str(tmp_path / "work"),
         "--json", str(figures)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "work" / "archive-30" / "SYNTHETIC.txt").is_file()
    results = json.loads(figures.read_text(encoding="utf-8"))
    assert set(results) == {"30", "40"}
    table = done.stdout[done.stdout.index("| figure | 30 events | 40 events |") :].splitlines()
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table[2:] if line}
    assert set(rows) == {label for label, _ in run.ROWS}
    for label, line in rows.items():
        full, generation_only = line.strip("| ").split(" | ")[1:]
        assert full != "–", label
        assert (generation_only == "–") == (label not in _GENERATION), label
    full = results["30"]
    assert len(full["serve_rebuilds_s"]) == 3 and len(full["plain_serve_rebuilds_s"]) == 3
    assert "site" in full and "site" not in results["40"]
    # Each figure beside plain MkDocs+Material's from the same run, with their ratio.
    cold = rows["cold build: `briefing build` / plain `mkdocs build` (ratio)"]
    ratio = full["build_s"] / full["plain_build_s"]
    assert f"{full['build_s']} s / {full['plain_build_s']} s ({ratio:.2f}x)" in cold
    assert full["search"] == "material"  # 30 synthetic briefs: Material's index < 1 MB
    assert 0 < full["search_material_kb"] < 1000 and full["plain_search_kb"] > 0


def test_the_plain_configuration_is_the_project_without_the_plugin(tmp_path: Path) -> None:
    """Plain MkDocs+Material: the same mkdocs.yml, theme search kept, the briefing plugin
    and all its options gone, the navigation the plugin would set."""
    from generator.pipeline import NAV

    project = tmp_path / "project"
    (project / "briefs").mkdir(parents=True)
    original = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(original, encoding="utf-8")
    text = run.plain_config(project).read_text(encoding="utf-8")
    assert "  - briefing" in original and "  - briefing" not in text
    assert "  - search\n" in text and "  - offline:\n" in text
    assert "markdown_extensions:" in text and "about:" not in text
    for title, path in NAV:
        assert f'  - "{title}": {path}\n' in text
