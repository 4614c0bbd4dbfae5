"""A failed or killed `briefing build` leaves the previous site byte-identical.

Failures are injected with a MkDocs hook in a copy of the project: one that raises after
every page was written, and one that blocks on a FIFO so the test can kill the build
process at a known point (after the new site was written, before the swap).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build_env

pytestmark = pytest.mark.e2e  # every test builds the site

HOOK = """
import os

def on_post_build(config, **kwargs):
    if os.environ.get("BRIEFING_TEST_FAIL"):
        raise RuntimeError("injected failure after writing the site")
    ready = os.environ.get("BRIEFING_TEST_READY")
    if ready:
        with open(ready, "w") as fifo:      # blocks until the test listens
            fifo.write("ready\\n")
        with open(os.environ["BRIEFING_TEST_BLOCK"]) as fifo:  # never opened: wait forever
            fifo.read()
"""


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _briefing(project: Path, env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import main; main()", "build"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def hooked(new_project: Callable[[], Path]) -> Path:
    project = new_project()
    (project / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - hooks.py\n", encoding="utf-8")
    first = _briefing(project, build_env())
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    return project


def test_exception_during_build_keeps_previous_site(hooked: Path) -> None:
    before = _tree(hooked / "site")
    env = {**build_env(), "BRIEFING_TEST_FAIL": "1"}
    (hooked / "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml").write_text(
        (hooked / "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Intelligence chiefs", "title: Changed intelligence chiefs", 1),
        encoding="utf-8",
    )
    process = _briefing(hooked, env)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "the previous one is unchanged: RuntimeError: injected failure" in err
    assert "Traceback" not in err
    assert _tree(hooked / "site") == before
    assert not list(hooked.glob(".site.*")), "the staging folder was not removed"


def test_killed_build_keeps_previous_site_and_next_build_recovers(hooked: Path) -> None:
    before = _tree(hooked / "site")
    ready, block = hooked / "ready.fifo", hooked / "block.fifo"
    os.mkfifo(ready)
    os.mkfifo(block)
    env = {**build_env(), "BRIEFING_TEST_READY": str(ready), "BRIEFING_TEST_BLOCK": str(block)}
    process = _briefing(hooked, env, start_new_session=True)
    try:
        with open(ready, encoding="utf-8") as fifo:  # returns once the hook has written
            assert fifo.readline() == "ready\n"
        staged = list(hooked.glob(".site.new-*"))
        assert len(staged) == 1 and (staged[0] / "index.html").is_file()
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _tree(hooked / "site") == before

    again = _briefing(hooked, build_env())
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert _tree(hooked / "site") == before  # same inputs, same bytes
    assert not list(hooked.glob(".site.*")), "leftovers of the killed build remain"
