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
         "--generation-only", "40", "--no-plain", "--workdir", str(tmp_path / "work"),
         "--json", str(figures)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "work" / "archive-30" / "SYNTHETIC.txt").is_file()
    results = json.loads(figures.read_text(encoding="utf-8"))
    assert set(results) == {"30", "40"}
    table = done.stdout[done.stdout.index("| figure | 30 events | 40 events |") :].splitlines()
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table[2:] if line}
    plain = "plain `mkdocs build` of the same briefs/ (CPU), peak"  # skipped: --no-plain
    assert set(rows) == {label for label, _ in run.ROWS} - {plain}
    for label, line in rows.items():
        full, generation_only = line.strip("| ").split(" | ")[1:]
        assert full != "–", label
        assert (generation_only == "–") == (label not in _GENERATION), label
    assert len(results["30"]["serve_rebuilds_s"]) == 3
    assert "site" in results["30"] and "site" not in results["40"]
