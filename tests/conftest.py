"""Shared fixtures: a real site built from a copy of the example archive, a headless
Chromium, and a throwaway HTTP server for a folder.

Builds run in tmp folders, never in the project: tests must not touch briefs/ or site/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: 2018-07-10 00:00 UTC: every build in the tests is dated by this, so trees compare.
SOURCE_DATE_EPOCH = "1531180800"


def build_env() -> dict[str, str]:
    """Environment of a reproducible, quiet build subprocess."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}


def copy_project(dest: Path) -> Path:
    """A fresh briefing project: the real mkdocs.yml, seeds/ and templates/, empty briefs/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(PROJECT / "seeds", dest / "seeds")
    shutil.copytree(PROJECT / "templates", dest / "templates")
    (dest / "briefs").mkdir()
    (dest / "briefs" / ".gitkeep").touch()
    return dest


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Plain `mkdocs build --strict` in a project, as a user or CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="session", autouse=True)
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The caches of every build in the tests (one folder per project), never ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def extract_project(tmp_path: Path) -> Path:
    """A project with the real mkdocs.yml and outlet registry and no records: where
    `briefing extract` runs on the articles the extract tests write."""
    root = tmp_path / "archive"
    (root / "seeds" / "events").mkdir(parents=True)
    shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(PROJECT / "seeds" / "outlets.yaml", root / "seeds" / "outlets.yaml")
    return root


@pytest.fixture(scope="session")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """Factory: each call returns a new copy of the project in its own tmp folder."""
    return lambda: copy_project(tmp_path_factory.mktemp("project") / "archive")


@pytest.fixture(scope="session")
def site_build(new_project: Callable[[], Path]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One real `mkdocs build --strict` of a copy of the project, shared by the session."""
    project = new_project()
    return project, mkdocs_build(project)


@pytest.fixture(scope="session")
def built_project(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The copied project after a successful build (site/ inside)."""
    project, result = site_build
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The folder of the site built from the example archive. Read it, never change it."""
    return built_project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Factory: serve a folder on 127.0.0.1 (a free port) until the session ends.

    Returns the base URL, ending in "/".
    """
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        host, port = server.server_address[:2]
        return f"http://{host}:{port}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _unavailable(reason: str) -> None:
    """Missing browser: an error in CI (the check must run there), a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, headless, with no background traffic."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing; install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed; pip install -e '.[test]'")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
