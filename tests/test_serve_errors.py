"""`briefing serve` while a record is broken (issue 14, item 11).

The real command runs in a subprocess on a copy of the example archive; Debian's Chromium
keeps a page open on it. Broken, every page is the list of located diagnostics (those that
`briefing validate` gives), as text: a payload in a wrong value runs nothing. No request
waits for a build that cannot succeed. Fixed, the open page turns back into the site by
itself (MkDocs' reload script). The same holds when the preview starts broken.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import build_env, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

TIMEOUT_MS = 60_000
RECORD = "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml"
BRIEF = "events/2018-07-10-islamabad-intel-chiefs-meeting/"
PAYLOAD = "<img src=x onerror=window.__xss=1>"


@dataclass
class Preview:
    project: Path
    url: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> tuple[int, str]:
        """One request; a preview that made it wait would fail it by the timeout."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def _diagnostics(project: Path) -> list[str]:
    """What `briefing validate` reports for the project as it is now."""
    from generator.archive import load_archive
    from generator.config import Settings
    from generator.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as failed:
        load_archive(Settings(root=project))
    return [str(d) for d in failed.value.diagnostics]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(project: Path, cache: Path) -> Preview:
    port = _free_port()
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}", "--project", str(project)],
        env={**build_env(), "BRIEFING_CACHE_DIR": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    preview = Preview(project, f"http://127.0.0.1:{port}/", process)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"briefing serve ended ({process.returncode}):\n{process.stdout.read()}")  # type: ignore[union-attr]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return preview
        except OSError:
            time.sleep(0.1)  # polled until the deadline: the first build takes a while
    _stop(preview)
    pytest.fail("briefing serve did not listen within 120 s")


def _stop(preview: Preview) -> str:
    preview.process.terminate()
    try:
        output, _ = preview.process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        preview.process.kill()
        output, _ = preview.process.communicate()
    return output


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture()
def tab(chromium: Any) -> Iterator[tuple[Any, list[str]]]:
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        yield page, dialogs
    finally:
        context.close()


def _break(project: Path) -> None:
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    assert "\nstatus: published\n" in text
    record.write_text(text.replace("\nstatus: published\n", f"\nstatus: '{PAYLOAD}'\n"), "utf-8")


def _shows_errors(page: Any, dialogs: list[str], expected: list[str]) -> None:
    """The open page lists exactly the located diagnostics, as text, and nothing ran."""
    problems = page.locator("#briefing-preview-problems li")
    problems.first.wait_for()
    assert problems.all_text_contents() == expected
    assert all(re.match(r"^seeds/events/\S+\.yaml:\d+:\d+: ", line) for line in expected)
    assert dialogs == []
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img").count() == 0


def _shows_the_site(page: Any) -> None:
    page.locator("article h1").first.wait_for()
    assert page.locator("#briefing-preview-error").count() == 0


def test_a_broken_record_shows_its_errors_in_the_page_until_it_is_fixed(
    project: Path, tmp_path: Path, tab: tuple[Any, list[str]]
) -> None:
    page, dialogs = tab
    good = (project / RECORD).read_bytes()
    preview = _start(project, tmp_path / "cache")
    try:
        page.goto(preview.url + BRIEF)
        _shows_the_site(page)

        _break(project)
        _shows_errors(page, dialogs, _diagnostics(project))  # the open page reloaded itself
        assert PAYLOAD in page.locator("#briefing-preview-problems").text_content()
        # Every page answers at once with the errors, escaped.
        for path in ("", BRIEF, "actors/", "no-such-page/", "index.html"):
            status, body = preview.get(path)
            assert status == 503 and "<img" not in body and "&lt;img src=x" in body

        (project / RECORD).write_bytes(good)
        _shows_the_site(page)
        assert preview.get(BRIEF)[0] == 200
        assert dialogs == []
    finally:
        output = _stop(preview)
    assert "Traceback" not in output, output
    assert f"{RECORD}:" in output  # the terminal still says it too


def test_a_preview_started_on_a_broken_record_shows_its_errors(
    project: Path, tmp_path: Path, tab: tuple[Any, list[str]]
) -> None:
    page, dialogs = tab
    record = project / RECORD
    good = record.read_text(encoding="utf-8")
    record.write_text(good + f"tags: [unclosed {PAYLOAD}\n", encoding="utf-8")
    expected = _diagnostics(project)
    preview = _start(project, tmp_path / "cache")
    try:
        page.goto(preview.url)
        _shows_errors(page, dialogs, expected)
        record.write_text(good, encoding="utf-8")
        _shows_the_site(page)
        assert dialogs == []
    finally:
        output = _stop(preview)
    assert "Traceback" not in output, output
