"""Benchmark the briefing generator on SYNTHETIC archives and print the figures as a table.

    .venv/bin/python benchmarks/run.py                      # 1,000 and 10,000 events
    .venv/bin/python benchmarks/run.py --events 1000 --generation-only 50000

For each size, with the project's own mkdocs.yml (search: auto): validation and rendering
(cold, then from the cache), a cold `briefing build`, a second one after one record
changed, a `briefing serve` rebuild after an edit, peak memory, site size, HTML per brief
and the theme's share of it, and the bytes of a reader's first search (headless Chromium
when available). Beside each, in the same run, plain MkDocs+Material on the same Markdown:
`mkdocs build` of the same briefs/ with the same theme, navigation and the theme's search
(the plugin off), `mkdocs build --dirty` after the same change, a `mkdocs serve --dirty`
rebuild after an edit, and the search index Material's readers download; the table gives
each ratio. Archives are written below --workdir (default: a folder in the system's temp
dir), never into seeds/. Figures print as they come; the machine is printed first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def measure(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command in a fresh wrapper process: wall and CPU seconds, peak RSS in MB."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "_measure", *command]
    done = subprocess.run(wrapper, cwd=cwd, env=ENV, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def _measure(command: list[str]) -> int:
    start = time.perf_counter()
    done = subprocess.run(command, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-3000:] + done.stderr[-3000:])
        return done.returncode
    figures = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }
    extra = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if extra:
        figures.update(json.loads(extra[-1]))
    print(json.dumps(figures))
    return 0


def _stages(root: str, cached: str) -> int:
    """Validation and rendering timed inside one process (with or without the cache)."""
    from generator.archive import load_archive
    from generator.cache import Cache
    from generator.config import Settings
    from generator.render import Renderer

    settings = Settings(root=Path(root), search="pagefind")
    cache = Cache(settings.root) if cached == "cached" else None
    start = time.perf_counter()
    archive = load_archive(settings, cache=cache)
    validated = time.perf_counter()
    renderer = Renderer(archive, settings, cache)
    pages = renderer.pages()
    rendered = time.perf_counter()
    if cache is not None:
        cache.save()
    print(
        json.dumps(
            {
                "validate": validated - start,
                "render": rendered - validated,
                "records": len(archive.records),
                "pages": len(pages),
            }
        )
    )
    return 0


#: The briefing plugin's entry in mkdocs.yml with its options (indented deeper).
_PLUGIN = re.compile(r"(?m)^  - briefing:?\n(?:(?:      .*)?\n)*")


def plain_config(project: Path) -> Path:
    """mkdocs.yml without the briefing plugin (the theme's search plugin kept: plain
    MkDocs+Material as a site has it), with the navigation the plugin would set."""
    from generator.pipeline import CSS, NAV

    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text, removed = _PLUGIN.subn("", text)
    assert removed == 1, "mkdocs.yml lists the briefing plugin once"
    pages = [*NAV, *([("Search", "search.md")] if (project / "briefs/search.md").exists() else [])]
    nav = "".join(f'  - "{title}": {path}\n' for title, path in pages)
    text += f"\nnav:\n{nav}\nextra_css:\n  - {CSS}\n"
    path = project / "mkdocs-plain.yml"
    path.write_text(text, encoding="utf-8")
    return path


def material_index_kb(site: Path) -> float | None:
    """What Material's search downloads before its first result: its whole index."""
    index = site / "search" / "search_index.json"
    return index.stat().st_size / 1000 if index.is_file() else None


def site_figures(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    briefs = sorted((site / "events").glob("*/index.html"))
    sizes, chrome = [], []
    for page in briefs[:: max(1, len(briefs) // 200)]:
        text = page.read_text(encoding="utf-8")
        sizes.append(len(text.encode()))
        start = text.find("<article")
        end = text.rfind("</article>")
        chrome.append(len(text[:start].encode()) + len(text[end:].encode()))
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "files": len(files),
        "html_per_brief_kb": statistics.median(sizes) / 1000 if sizes else 0,
        "chrome_per_brief_kb": statistics.median(chrome) / 1000 if chrome else 0,
        "pagefind_mb": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        / 1e6
        if (site / "pagefind").is_dir()
        else 0,
    }


def search_bytes(site: Path, word: str) -> float | None:
    """KB a reader's first search transfers (search page excluded), in headless Chromium."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{base}search/", wait_until="networkidle")
            page.on(
                "response",
                lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None,
            )
            page.fill(".pagefind-ui__search-input", word)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes.values()) / 1000


def edit_one_brief(project: Path, mark: str = "edited") -> None:
    """An edit of plain MkDocs' input: one brief's Markdown, as briefing would change it."""
    briefs = sorted((project / "briefs" / "events").glob("*.md"))
    brief = briefs[min(len(synth.PLACES), len(briefs) - 1)]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("SYNTHETIC", f"SYNTHETIC ({mark})", 1), encoding="utf-8")


def edit_one_record(project: Path, mark: str = "edited") -> None:
    records = sorted((project / "seeds" / "events").rglob("*.yaml"))
    record = records[min(len(synth.PLACES), len(records) - 1)]  # small archives too
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("SYNTHETIC", f"SYNTHETIC ({mark})", 1), encoding="utf-8")


def serve_rebuild(
    project: Path,
    rebuilds: int = 3,
    command: list[str] | None = None,
    edit: Callable[[Path, str], None] = edit_one_record,
) -> list[float]:
    """Seconds from saving a file to the end of the rebuild in a preview server (default
    `briefing serve`, a record edited), for each of a few edits in a row (the first
    starts the watcher, see below). command gets --dev-addr."""
    import queue
    import socket
    import threading

    def wait_for(lines: queue.Queue[str], text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if text in line:
                return
            if not line:
                raise SystemExit(f"serve stopped before printing {text!r}")

    def read(stream: object, into: queue.Queue[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.put(line)
        into.put("")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = command or [str(Path(sys.executable).with_name("briefing")), "serve", "--project",
                          str(project)]  # fmt: skip
    command = [*command, "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=project, env=ENV, stderr=subprocess.PIPE, text=True)
    timer = threading.Timer(3600, process.kill)
    timer.start()
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=read, args=(process.stderr, lines), daemon=True).start()
    try:
        wait_for(lines, "Serving on", 3600)
        # The watcher's first look at the files may come after "Serving on": an edit made
        # before it goes unseen, so edit again until a rebuild starts.
        times: list[float] = []
        for attempt in range(10 + rebuilds):
            # A server may rebuild twice for one save (MkDocs' watcher can see a write as
            # two changes): let it go quiet first, so no earlier build's lines are taken
            # for this edit's (one plain rebuild was once timed from another's start).
            # Bounded: a server that never stops printing must not hang the benchmark.
            quiet_by = time.monotonic() + 30
            with contextlib.suppress(queue.Empty):
                while time.monotonic() < quiet_by and lines.get(timeout=2):
                    pass
            edit(project, f"edited in serve {attempt}")
            start = time.perf_counter()
            try:
                wait_for(lines, "Building documentation", 30)
            except queue.Empty:
                continue
            wait_for(lines, "Documentation built in", 3600)
            times.append(time.perf_counter() - start)
            if len(times) == rebuilds:
                return times
        raise SystemExit("serve did not rebuild after an edit")
    finally:
        timer.cancel()
        process.terminate()
        process.wait(timeout=60)


def bench(
    events: int, workdir: Path, *, full: bool, plain: bool, report: dict[str, object]
) -> None:
    project = synth.write_archive(workdir / f"archive-{events}", events, search="auto")
    briefing = [str(Path(sys.executable).with_name("briefing"))]
    step = [sys.executable, str(Path(__file__).resolve()), "_stages", str(project)]

    def show(name: str, value: object) -> None:
        report[name] = value
        print(f"  {name}: {value}", flush=True)

    print(f"\n## {events:,} events", flush=True)
    cold = measure([*step, "cold"], project)
    show("validate_s", round(cold["validate"], 2))
    show("records_per_s", round(cold["records"] / cold["validate"]))
    show("render_s", round(cold["render"], 2))
    show("pages", cold["pages"])
    measure([*step, "cached"], project)  # fills the cache
    warm = measure([*step, "cached"], project)
    show("validate_cached_s", round(warm["validate"], 2))
    show("render_cached_s", round(warm["render"], 2))
    # `briefing validate` as a contributor runs it (no cache): the median of three runs,
    # and the range, since a shared machine's speed varies from run to run.
    runs = sorted(measure([*briefing, "validate", "--project", str(project)], project)["wall"]
                  for _ in range(3))  # fmt: skip
    show("validate_command_s", f"{runs[1]:.1f} (range {runs[0]:.1f}-{runs[2]:.1f})")
    if not full:
        return
    from generator.cache import project_folder

    shutil.rmtree(project_folder(project), ignore_errors=True)  # a cold build
    build = measure([*briefing, "build", "--project", str(project)], project)
    show("build_s", round(build["wall"], 1))
    show("build_cpu_s", round(build["cpu"], 1))
    show("build_peak_mb", round(build["rss_mb"]))
    site = project / "site"
    show("search", "pagefind" if (site / "pagefind").is_dir() else "material")
    show("site", {k: round(v, 1) for k, v in site_figures(site).items()})
    if report["search"] == "pagefind":
        # Pagefind alone on the same site: its share of the build's time and of its peak.
        from generator.search import executable

        index = measure(
            [str(executable()), "--site", str(site), "--output-path",
             str(workdir / f"pagefind-{events}"), "--quiet", "--glob", "events/**/*.html"],
            project,
        )  # fmt: skip
        show("pagefind_alone_s", round(index["wall"], 1))
        show("pagefind_alone_peak_mb", round(index["rss_mb"]))
        shutil.rmtree(workdir / f"pagefind-{events}", ignore_errors=True)
    plain_site = workdir / f"plain-site-{events}"
    mkdocs = [sys.executable, "-m", "mkdocs"]
    if plain:  # the same briefs/, before the change below
        shutil.rmtree(plain_site, ignore_errors=True)
        config = str(plain_config(project))
        alone = measure([*mkdocs, "build", "-q", "-f", config, "-d", str(plain_site)], project)
        show("plain_build_s", round(alone["wall"], 1))
        show("plain_build_cpu_s", round(alone["cpu"], 1))
        show("plain_peak_mb", round(alone["rss_mb"]))
        show("plain_site", {k: round(v, 1) for k, v in site_figures(plain_site).items()})
        show("plain_search_kb", round(material_index_kb(plain_site) or 0))
    edit_one_record(project)
    again = measure([*briefing, "build", "--project", str(project)], project)
    show("rebuild_one_record_s", round(again["wall"], 1))
    if plain:  # plain MkDocs after the same change of briefs/: only changed pages
        dirty = [*mkdocs, "build", "-q", "--dirty", "-f", config, "-d", str(plain_site)]
        show("plain_rebuild_dirty_s", round(measure(dirty, project)["wall"], 1))
        shutil.rmtree(plain_site, ignore_errors=True)
    rebuilt = serve_rebuild(project)
    show("serve_rebuild_one_record_s", round(statistics.median(rebuilt), 1))
    show("serve_rebuilds_s", [round(t, 1) for t in rebuilt])
    if report["search"] == "pagefind":
        for kind, word in (("word", "officials"), ("name", "Volkov")):
            kb = search_bytes(site, word)
            show(f"search_{kind}_kb", round(kb) if kb is not None else "n/a (no Chromium)")
    else:  # Material's search downloads its whole index, whatever the words
        show("search_material_kb", round(material_index_kb(site) or 0))
    if plain:  # last: it edits briefs/ behind the generator's back
        command = [*mkdocs, "serve", "--dirty", "-f", str(plain_config(project))]
        rebuilt = serve_rebuild(project, command=command, edit=edit_one_brief)
        show("plain_serve_rebuild_s", round(statistics.median(rebuilt), 1))
        show("plain_serve_rebuilds_s", [round(t, 1) for t in rebuilt])


def _pair(ours: float, plain: float | None, unit: str) -> str:
    """A figure beside plain MkDocs+Material's and their ratio (ours alone without it)."""
    unit = f" {unit}" if unit else ""
    if plain is None:
        return f"{ours:,}{unit}"
    ratio = f"{ours / plain:.2f}x" if plain else "–"
    return f"{ours:,}{unit} / {plain:,}{unit} ({ratio})"


def _search(r: dict[str, Any]) -> str:
    plain = r.get("plain_search_kb")
    beside = f" / Material's index {plain:,} KB" if plain is not None else ""
    if r["search"] == "material":
        return f"Material's index {r['search_material_kb']:,} KB{beside}"
    return f"Pagefind {r['search_name_kb']} / {r['search_word_kb']} KB{beside}"


def _generation(r: dict[str, Any]) -> str:
    seconds = r["validate_s"] + r["render_s"]
    plain = r.get("plain_build_s")
    share = f"{seconds:.1f} s: {seconds / r['build_s']:.0%} of the build"
    return share + (f", {seconds / plain:.0%} of plain's" if plain else "")


#: The table's rows: a label and how to show a size's figures (a figure the size lacks,
#: not measured there, shows as "–": see table). "A / B (ratio)": briefing / plain
#: MkDocs+Material on the same Markdown, measured in the same run.
ROWS: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
    ("validation, cold (records/s)", lambda r: f"{r['validate_s']} s ({r['records_per_s']}/s)"),
    ("validation from the cache", lambda r: f"{r['validate_cached_s']} s"),
    ("`briefing validate`, s (median of three, range)", lambda r: r["validate_command_s"]),
    ("rendering records -> Markdown, cold / from the cache",
     lambda r: f"{r['render_s']} s / {r['render_cached_s']} s ({r['pages']:,} pages)"),
    ("generation (validation + rendering, cold): share of the build / of plain's",
     _generation),
    ("cold build: `briefing build` / plain `mkdocs build` (ratio)",
     lambda r: _pair(r["build_s"], r.get("plain_build_s"), "s")),
    ("CPU of the cold build / plain's",
     lambda r: _pair(r["build_cpu_s"], r.get("plain_build_cpu_s"), "s")),
    ("peak memory of the cold build / plain's",
     lambda r: _pair(r["build_peak_mb"], r.get("plain_peak_mb"), "MB")),
    ("search chosen by `search: auto`", lambda r: r["search"]),
    ("Pagefind alone on the built site, peak",
     lambda r: f"{r['pagefind_alone_s']} s, {r['pagefind_alone_peak_mb']:,} MB"
     if r["search"] == "pagefind" else "not used"),
    ("after one record changed: `briefing build` / plain `mkdocs build` (MkDocs keeps "
     "nothing: its full build)",
     lambda r: _pair(r["rebuild_one_record_s"], r.get("plain_build_s"), "s")),
    ("plain `mkdocs build --dirty` after the same change (changed pages only; its search "
     "index then lists only them)", lambda r: f"{r['plain_rebuild_dirty_s']} s"),
    ("preview rebuild after an edit: `briefing serve` / plain `mkdocs serve --dirty` "
     "(medians of three)",
     lambda r: _pair(r["serve_rebuild_one_record_s"], r.get("plain_serve_rebuild_s"), "s")),
    ("site size / plain's",
     lambda r: _pair(r["site"]["site_mb"], r.get("plain_site", {}).get("site_mb"), "MB")),
    ("files in the site / plain's",
     lambda r: _pair(r["site"]["files"], r.get("plain_site", {}).get("files"), "")),
    ("HTML per brief (median) / plain's",
     lambda r: _pair(r["site"]["html_per_brief_kb"],
                     r.get("plain_site", {}).get("html_per_brief_kb"), "KB")),
    ("the theme's chrome in it / plain's",
     lambda r: _pair(r["site"]["chrome_per_brief_kb"],
                     r.get("plain_site", {}).get("chrome_per_brief_kb"), "KB")),
    ("Pagefind index on disk",
     lambda r: f"{r['site']['pagefind_mb']} MB" if r["search"] == "pagefind" else "not used"),
    ("first search (a name / a word in every brief) / plain Material's", _search),
]  # fmt: skip


def table(results: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table, one column per archive size ("–": not measured)."""

    def cell(row: Callable[[dict[str, Any]], object], report: dict[str, Any]) -> str:
        try:
            return str(row(report))
        except KeyError:
            return "–"

    sizes = list(results)
    lines = [
        "| figure | " + " | ".join(f"{int(n):,} events" for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for label, row in ROWS:
        cells = [cell(row, results[n]) for n in sizes]
        if any(c != "–" for c in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        names = [ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = len(os.sched_getaffinity(0))
    name = names[0] if names else cpu
    return f"{name}, {cores} cores, {memory:.0f} GB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_measure":
        return _measure(argv[1:])
    if argv and argv[0] == "_stages":
        return _stages(argv[1], argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--generation-only", type=int, nargs="*", default=[])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--no-plain", action="store_true", help="skip plain `mkdocs build` (as long as the rest)"
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    print(f"# Briefing benchmarks on {machine()}", flush=True)
    print(f"load average at start: {os.getloadavg()[0]:.1f}; workdir {workdir}", flush=True)
    results: dict[str, dict[str, object]] = {}
    for events in args.events:
        results[str(events)] = {}
        bench(events, workdir, full=True, plain=not args.no_plain, report=results[str(events)])
    for events in args.generation_only:
        results[str(events)] = {}
        bench(events, workdir, full=False, plain=False, report=results[str(events)])
    print("\n" + table(results), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
