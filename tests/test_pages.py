"""Pages converted and rendered on every core, and reused between builds (generator/pages.py):
the site must be byte for byte what MkDocs' own page loop makes, and a build after an
edit must redo only the pages the edit reaches."""

from __future__ import annotations

import json
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, build_env, mkdocs_build
from test_site_e2e import assert_same_tree, tree

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

HERE = Path(__file__).resolve().parent
SEED = "seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml"


def set_plugin(project: Path, options: str) -> None:
    """Give the briefing plugin these options in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^  - briefing(:\n(      .*\n)*|\n)", "  - briefing:\n", config.read_text())
    lines = "".join(f"      {o}\n" for o in options.split(";"))
    config.write_text(text.replace("  - briefing:\n", f"  - briefing:\n{lines}", 1))


def build(project: Path, epoch: str | None = None) -> dict[str, int]:
    """Build the project in a fresh process (dated by epoch if given, as SOURCE_DATE_EPOCH);
    returns how much page work ran where."""
    driver = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_pages; "
        "test_pages._count_and_build(sys.argv[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", driver, str(HERE), str(project)],
        env={**build_env(), **({"SOURCE_DATE_EPOCH": epoch} if epoch else {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _count_and_build(project: str) -> None:
    """In the build process: count conversions in this process, pages sent to workers."""
    from mkdocs.structure.pages import Page

    from generator import pages
    from generator.site_build import build_site

    counts = {"converted_here": 0, "sent_to_convert": 0, "sent_to_render": 0, "lazy": 0}
    original_render = Page.render
    original_convert = pages.Pages.convert
    original_map = pages._fork_map
    converting = []

    def render(self: Page, config: object, files: object) -> None:
        if not converting:  # MkDocs alone (a foreign plugin): Python-Markdown
            counts["converted_here"] += 1
        original_render(self, config, files)

    def convert(self: pages.Pages, page: Page, files: object) -> None:
        counts["converted_here"] += 1  # by comrak or, outside its subset, Python-Markdown
        converting.append(page)
        try:
            original_convert(self, page, files)
        finally:
            converting.pop()

    def fork_map(work: Callable[[int], None], count: int, workers: int) -> None:
        if workers >= 2:
            kind = "sent_to_convert" if work is pages._convert_one else "sent_to_render"
            counts[kind] += count
        original_map(work, count, workers)

    original_render_all = pages.Pages.render_all

    def render_all(self: pages.Pages, *args: Any) -> None:
        # Pages whose converted content waits in the store instead of in this process
        counts["lazy"] = sum(pages.aside(f.page) for f in self.files if f.page)
        original_render_all(self, *args)

    Page.render = render  # type: ignore[method-assign]
    pages.Pages.convert = convert  # type: ignore[method-assign]
    pages.Pages.render_all = render_all  # type: ignore[method-assign]
    pages._fork_map = fork_map
    build_site(Path(project), Path(project) / "site")
    print(json.dumps(counts))


@pytest.mark.e2e
def test_workers_and_the_cache_make_the_site_mkdocs_makes(new_project):
    plain = new_project()
    set_plugin(plain, "cache: false;jobs: 1")
    alone = build(plain)
    assert alone["sent_to_convert"] == alone["sent_to_render"] == 0
    assert alone["converted_here"] > 100  # MkDocs' loop converted every page

    parallel = new_project()
    set_plugin(parallel, "jobs: 2")
    cold = build(parallel)
    assert cold == {
        "converted_here": 0,  # the workers converted every page...
        "sent_to_convert": alone["converted_here"],
        "sent_to_render": alone["converted_here"],  # ...and rendered it
        "lazy": 0,  # the theme's search reads every page's content
    }
    assert_same_tree(parallel / "site", plain / "site")

    warm = build(parallel)
    assert warm["converted_here"] == warm["sent_to_render"] == 0  # all from the cache
    assert_same_tree(parallel / "site", plain / "site")
    assert warm["lazy"] == 0


@pytest.mark.e2e
def test_pages_wait_in_the_store_when_no_plugin_reads_their_content(new_project):
    """With Pagefind (the theme's search off), the build process does not hold every
    page's Markdown and HTML: they wait in the page store until rendered, and the site is
    the one MkDocs' own loop makes."""
    plain = new_project()
    set_plugin(plain, "cache: false;jobs: 1;search: pagefind")
    alone = build(plain)
    assert alone["lazy"] == 0

    parallel = new_project()
    set_plugin(parallel, "jobs: 2;search: pagefind")
    # Pagefind's own output differs from run to run (its file names are hashes of
    # fragments it writes in parallel): the pages are compared, and the index is searched
    # in test_pagefind.py.
    want = {k: v for k, v in tree(plain / "site").items() if not k.startswith("pagefind/")}
    for run in ("cold", "warm"):
        counts = build(parallel)
        assert counts["lazy"] == alone["converted_here"], run  # every page waited
        got = {k: v for k, v in tree(parallel / "site").items() if not k.startswith("pagefind/")}
        assert sorted(got) == sorted(want)
        assert [name for name in want if got[name] != want[name]] == [], run
    for html in (parallel / "site").rglob("*.html"):
        assert pages_lazy_marker() not in html.read_text(encoding="utf-8"), html


def pages_lazy_marker() -> str:
    from generator.page_store import LAZY

    return LAZY


@pytest.mark.e2e
def test_an_edited_record_redoes_only_the_pages_it_reaches(new_project):
    project = new_project()
    set_plugin(project, "jobs: 2")
    first = build(project)
    record = project / SEED
    text = record.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    record.write_text(text.replace("\ntitle: ", "\ntitle: Edited - ", 1), encoding="utf-8")
    second = build(project)
    assert second["converted_here"] == 0
    assert 0 < second["sent_to_render"] < first["sent_to_render"] // 4

    fresh = new_project()
    (fresh / SEED).write_bytes(record.read_bytes())
    set_plugin(fresh, "cache: false;jobs: 1")
    build(fresh)
    assert_same_tree(project / "site", fresh / "site")
    assert "Edited - " in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_a_new_build_date_renders_again_only_what_prints_it(new_project):
    project = new_project()
    set_plugin(project, "jobs: 2")
    first = build(project)
    # A new commit dates the build anew: Material's pages do not show the date.
    assert build(project, epoch="1600000000")["sent_to_render"] == 0
    assert first["sent_to_render"] > 100

    # A theme override that prints it: every page is rendered again for a new date.
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}built {{ build_date_utc }}{% endblock %}',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\ntheme:\n", "\ntheme:\n  custom_dir: overrides\n", 1))
    build(project, epoch="1600000000")
    again = build(project, epoch="1700000000")
    assert again["sent_to_render"] == first["sent_to_render"]
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "built 2023-11-14" in page


@pytest.mark.e2e
def test_one_worker_converts_in_mkdocs_loop_and_reuses_it_next_time(new_project):
    project = new_project()
    set_plugin(project, "jobs: 1")
    first = build(project)
    assert first["converted_here"] > 100
    again = {"converted_here": 0, "sent_to_convert": 0, "sent_to_render": 0, "lazy": 0}
    assert build(project) == again


@pytest.mark.e2e
def test_a_foreign_plugin_leaves_the_work_to_mkdocs(new_project):
    project = new_project()
    set_plugin(project, "jobs: 2")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - tags\n", 1))
    counts = build(project)
    assert counts["sent_to_convert"] == counts["sent_to_render"] == 0
    assert counts["converted_here"] > 100


@pytest.mark.e2e
def test_the_build_says_which_plugin_leaves_the_work_to_mkdocs(new_project, site_build):
    project = new_project()
    (project / "hooks.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks.py\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    note = "briefing: MkDocs converts and renders the pages on one core, with no page cache"
    assert note in result.stderr
    assert "hooks.py" in result.stderr.split(note, 1)[1].splitlines()[0]
    assert note not in site_build[1].stderr  # the example project's plugins are known


# ---- the live preview -------------------------------------------------------------------


def _lines(stream: Any, into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)
    into.put("")  # the process ended


def _wait_for(lines: queue.Queue[str], text: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while True:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        if text in line:
            return
        assert line, f"serve stopped before printing {text!r}"


@pytest.mark.e2e
@pytest.mark.parametrize("search", ["material", "pagefind"])
def test_a_live_preview_rebuilds_with_the_edit(new_project, tmp_path, search):
    if search == "pagefind":
        project = synth.write_archive(tmp_path / "archive", 40)
        set_plugin(project, "search: pagefind;jobs: 2")
    else:
        project = new_project()
        set_plugin(project, "jobs: 2")
    record = sorted((project / "seeds" / "events").rglob("*.yaml"))[-1]
    event_id = record.stem
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = Path(sys.executable).with_name("briefing")
    command = [str(script), "serve", "--project", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, env=build_env(), stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, lines), daemon=True).start()
    url = f"http://127.0.0.1:{port}/events/{event_id}/"
    try:
        _wait_for(lines, "Serving on")
        before = urllib.request.urlopen(url, timeout=30).read().decode()
        assert "Edited in the preview" not in before
        edited = record.read_text(encoding="utf-8").replace(
            "\ntitle: ", "\ntitle: Edited in the preview - ", 1
        )
        # The watcher takes its first look at the files in a thread of its own, maybe after
        # "Serving on": an edit before that look goes unseen, so save again until it is seen.
        for _ in range(10):
            record.write_text(edited, encoding="utf-8")
            try:
                _wait_for(lines, "Documentation built in", seconds=30)
                break
            except queue.Empty:
                continue
        after = urllib.request.urlopen(url, timeout=30).read().decode()
        assert "Edited in the preview - " in after
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_a_preview_leaves_its_first_build_out_of_the_collector_s_passes(new_project) -> None:
    import gc

    from mkdocs.config import load_config

    from generator.site_config import settings_for

    project = new_project()
    config = load_config(config_file=str(project / "mkdocs.yml"))
    plugin = config.plugins["briefing"]
    plugin.settings = settings_for(config)
    plugin.nav = object()  # what on_nav kept for on_env
    plugin.on_post_build(config=config)
    assert plugin.nav is None  # a build's navigation is not kept past the build

    watched: list[str] = []

    class Server:
        builder = None
        observer = None

        def unwatch(self, path: str) -> None:
            pass

        def watch(self, path: str) -> None:
            watched.append(path)

        def _serve_request(self, environ: dict, start_response: object) -> list[bytes]:
            return []  # MkDocs' LiveReloadServer method that the preview wraps

    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        plugin.on_serve(Server(), config=config, builder=None)
        assert gc.get_freeze_count() > 0
        # Its rebuilds run without the collector, which is back once each is done.
        plugin.on_config(config)
        assert not gc.isenabled()
        plugin.on_post_build(config=config)
        assert gc.isenabled()
        plugin.on_config(config)
        assert not gc.isenabled()
        plugin.on_build_error(error=RuntimeError("a failed rebuild"))
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
    assert str(project / "seeds") in watched


def test_a_preview_builds_between_polls_and_sees_what_was_saved_meanwhile(
    new_project, tmp_path
) -> None:
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEventHandler

    from generator.site_config import settings_for

    project = new_project()
    config = load_config(config_file=str(project / "mkdocs.yml"))
    plugin = config.plugins["briefing"]
    plugin.settings = settings_for(config)
    held: list[bool] = []
    record = sorted((project / "seeds" / "events").rglob("*.yaml"))[0]

    def build() -> None:  # a rebuild: the watcher waits, and the record is saved meanwhile
        polling = [e for e in server.observer.emitters if hasattr(e, "_lock")]
        held.extend(e._lock.locked() for e in polling)
        record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    server = LiveReloadServer(builder=build, host="127.0.0.1", port=0, root=str(tmp_path))
    server = plugin.on_serve(server, config=config, builder=build)
    seen = threading.Event()
    handler = FileSystemEventHandler()
    handler.on_modified = lambda event: seen.set() if event.src_path == str(record) else None
    server.observer.schedule(handler, str(project / "seeds"), recursive=True)
    server.observer.start()
    try:
        import gc

        gc.unfreeze()  # on_serve froze this test process's objects
        server.builder()
        assert held and all(held)  # every polling emitter waited for the build
        assert not any(e._lock.locked() for e in server.observer.emitters if hasattr(e, "_lock"))
        assert seen.wait(timeout=30)  # the first poll after the build saw the edit
    finally:
        server.observer.stop()
        server.observer.join(timeout=30)


# ---- work done once per build ------------------------------------------------------------


def test_the_indexes_of_an_archive_are_built_once() -> None:
    from generator import indexes
    from generator.archive import load_archive
    from generator.config import Settings

    archive = load_archive(Settings(root=PROJECT))
    first = indexes.build(archive)
    assert indexes.build(archive) is first
    assert indexes.build(load_archive(Settings(root=PROJECT))) is not first
    assert first == indexes._build(archive)


@pytest.mark.e2e
def test_briefing_build_validates_the_records_once(new_project, monkeypatch) -> None:
    from click.testing import CliRunner

    from generator import archive as archive_module
    from generator import pipeline
    from generator.cli import main

    project = new_project()
    calls: list[Path] = []
    original = archive_module.load_archive

    def counting(settings: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(settings.root)
        return original(settings, *args, **kwargs)

    monkeypatch.setattr(archive_module, "load_archive", counting)
    monkeypatch.setattr(pipeline, "load_archive", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1531180800")
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert calls == [project]
    assert (project / "site" / "events").is_dir()
    from generator import handover

    assert handover._VALIDATED == {}  # handed over and released


@pytest.mark.e2e
def test_a_build_process_ends_without_collecting_its_heap(new_project) -> None:
    """CPython's last collections at exit took 8 s after a 10,000-event build: the heap
    is frozen first (checked by an exit handler that runs after the plugin's)."""
    project = new_project()
    driver = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from generator.cli import main\n"
        "main(['build', '--project', sys.argv[1]])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", driver, str(project)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file()
    assert done.stdout.strip().splitlines()[-1] == "frozen at exit: True"


def test_a_large_previous_site_is_removed_in_the_background(tmp_path, monkeypatch) -> None:
    from generator import site_build

    old = tmp_path / ".site.new-x"
    (old / "events" / "a").mkdir(parents=True)
    (old / "events" / "a" / "index.html").write_text("old")
    monkeypatch.setattr(site_build, "BACKGROUND_REMOVAL", 0)
    process = site_build._discard(old)
    assert process is not None
    assert process.wait(timeout=60) == 0
    assert not old.exists()
    small = tmp_path / ".site.new-y"
    (small / "events").mkdir(parents=True)
    monkeypatch.setattr(site_build, "BACKGROUND_REMOVAL", 5)
    assert site_build._discard(small) is None
    assert not small.exists()


def test_leftovers_of_earlier_builds_are_removed_large_ones_in_the_background(
    tmp_path, monkeypatch
) -> None:
    from generator import site_build

    large, small = tmp_path / ".site.new-large", tmp_path / ".site.old-small"
    for folder, events in ((large, 2), (small, 1)):
        for n in range(events):
            (folder / "events" / str(n)).mkdir(parents=True)
    kept = tmp_path / "site-notes"  # not a leftover: its name is not a staging name
    kept.mkdir()
    monkeypatch.setattr(site_build, "BACKGROUND_REMOVAL", 1)
    removers = site_build._remove_leftovers(tmp_path / "site")
    assert not small.exists()
    assert len(removers) == 1
    assert removers[0].wait(timeout=60) == 0
    assert not large.exists()
    assert kept.is_dir()


@pytest.mark.e2e
def test_a_warning_of_a_cached_page_still_fails_a_strict_build(new_project) -> None:
    """A page's warnings are stored with it: from the cache it fails --strict again."""
    project = new_project()
    set_plugin(project, "jobs: 1")
    build(project)
    template = project / "templates" / "home.md.j2"
    packaged = PROJECT / "generator" / "templates" / "home.md.j2"
    template.write_text(
        packaged.read_text(encoding="utf-8") + "\n[gone](nowhere.md)\n", encoding="utf-8"
    )
    for _ in range(2):  # the second time the home page comes from the cache
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=build_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode != 0
        assert "nowhere.md" in done.stderr
