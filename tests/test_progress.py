"""Progress of long work: on a terminal, `briefing validate` and `briefing build` show one
line that says what they are doing and how far they are (records validated, briefs
rendered, pages written, search indexing) and erase it when done; through a pipe, or in
CI, they print only their results. The core reports to a callback and never prints; the
MkDocs plugin alone logs stages that took long, once each.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, build_env, copy_project

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

from generator import progress
from generator.archive import VALIDATING, load_archive
from generator.config import Settings

BRIEFING = str(Path(sys.executable).with_name("briefing"))


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in build_env().items() if k != "CI"}  # CI's own runs set CI
    return {**env, **extra}


def in_terminal(args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    """What a command writes to a terminal (a pseudo-terminal: stdout and stderr)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], timeout)
            assert ready, f"no output for {timeout} s: {b''.join(chunks)[-2000:]!r}"
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the command has ended and closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
        process.wait(timeout=timeout)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode()


def through_pipe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def test_validation_reports_how_far_it_is() -> None:
    heard: list[tuple[str, int, int]] = []
    archive = load_archive(Settings(root=PROJECT), progress=lambda *step: heard.append(step))
    count = len(archive.records)
    assert heard[0] == (VALIDATING, 0, count) and heard[-1] == (VALIDATING, count, count)
    assert {what for what, _, _ in heard} == {VALIDATING}
    done = [d for _, d, _ in heard]
    assert done == sorted(done)


def test_milestones_tell_each_stage_that_took_long_once() -> None:
    said: list[str] = []
    report = progress.Milestones(said.append, after=0.0)
    for step in (("validating records", 0, 3), ("validating records", 3, 3)):
        report(*step)
    report("indexing 3 briefs with Pagefind", 0, 0)
    report.finish()
    report.finish()  # nothing more to tell
    assert said[0].startswith("validating records: 3 in ")
    assert said[1].startswith("indexing 3 briefs with Pagefind: ") and " in " not in said[1]
    assert all(line.endswith(" s") for line in said)
    slow_only: list[str] = []
    report = progress.Milestones(slow_only.append, after=3600.0)
    report("validating records", 3, 3)
    report.finish()
    assert slow_only == []


@pytest.mark.e2e
def test_validate_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    command = [BRIEFING, "validate", "--project", str(project)]
    shown = in_terminal(command, _environment())
    assert "\rbriefing: validating records 6/6" in shown
    # Erased before the result: the line is blanked, then the result is written.
    assert shown.endswith("\r\x1b[K6 records valid.\r\n"), repr(shown[-200:])

    piped = through_pipe(command, _environment())
    assert piped.stderr == "6 records valid.\n"
    in_ci = in_terminal(command, _environment(CI="true"))
    assert in_ci == "6 records valid.\r\n"


@pytest.mark.e2e
def test_build_shows_its_stages_on_a_terminal_only(tmp_path: Path) -> None:
    project = synth.write_archive(tmp_path / "archive", 8, search="pagefind")
    briefs = len(load_archive(Settings(root=project)).published)
    built = f"Built {briefs} briefs into {project / 'site'}."
    command = [BRIEFING, "build", "--project", str(project)]
    shown = in_terminal(command, _environment())
    stages = [
        "\rbriefing: validating records 8/8",
        "\rbriefing: rendering briefs ",
        "\rbriefing: writing pages ",
        "\rbriefing: indexing ",
    ]
    positions = [shown.find(stage) for stage in stages]
    assert -1 not in positions, (positions, shown[-3000:])
    assert positions == sorted(positions)
    assert shown.endswith(f"\r\x1b[K{built}\r\n"), repr(shown[-300:])

    piped = through_pipe(command, _environment())
    assert piped.stderr == f"{built}\n"
    in_ci = in_terminal(command, _environment(CI="1"))
    assert in_ci == f"{built}\r\n"
