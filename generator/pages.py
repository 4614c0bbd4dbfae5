"""Stage 6, site: MkDocs' page work on every core, reused between builds (kept by
page_store.py under page_keys.py's keys). Never prints; never runs a plugin's page events
outside MkDocs' order except for plugins known to keep no per-page state.

MkDocs converts and renders pages one after another: at 10,000 events that is most of
a build. The plugin hands both steps to this module:

- convert (after on_nav): forked workers read every page, run the plugins' on_pre_page
  and on_page_markdown, convert the Markdown as Page.render does (comrak for the subset
  of Markdown the templates write, Python-Markdown for anything else: convert.py), and
  store the result (HTML, table of contents, anchors, the log messages) under a key of
  the Markdown and of everything conversion depends on. In MkDocs' own loop each page's
  render() takes the stored result when the key matches, and converts when not.
- render (on_env): forked workers render each page's theme template with the context
  MkDocs would give it (pages off the navigation from their kind's skeleton: chrome.py),
  and store the HTML under a key of the converted page and of the site around it
  (navigation, configuration, theme files, versions). MkDocs' loop then renders a
  template that returns the stored HTML; on_post_page and the writing stay MkDocs' own.

MkDocs' loop still runs every plugin event on every page, in order, in the main process:
workers only compute what a pure step would, and their side effects are thrown away. Only
with plugins known to keep no per-page state. A live preview forks for its first build
only: once its server runs there are threads, and forking is unsafe then; its rebuilds
are dirty builds of the changed pages, which take what the store has and leave the rest.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from generator.cache import fingerprint
from generator.chrome import Chrome
from generator.convert import Converter, unsupported
from generator.page_keys import (
    config_key,
    digest,
    files_key,
    nav_key,
    reads_build_date,
    theme_key,
    versions,
)
from generator.page_store import Store, aside, pickled, replay, restore, set_aside
from generator.subset import Unsupported

log = logging.getLogger("mkdocs.plugins.briefing")

#: Plugins whose page events are pure enough to run again in a worker.
KNOWN_PLUGINS = {"briefing", "search", "offline", "material/search", "material/offline"}
#: Page events through which a plugin can read a page's content after its conversion.
CONTENT_EVENTS = ("on_page_content", "on_page_context", "on_post_page")
#: Below this many pages, forking costs more than it saves.
THRESHOLD = 400
TEMPLATE = "briefing-prerendered.html"


def unknown_plugins(config: MkDocsConfig) -> list[str]:
    """Plugins (hooks included) whose per-page events are not known to be harmless to run
    twice: with any of them, MkDocs does the page work alone."""
    return [name for name in config.plugins if name.split(" #")[0] not in KNOWN_PLUGINS]


def content_readers(config: MkDocsConfig) -> list[str]:
    """Enabled plugins, other than this one, with an event that can read page.content
    after the conversion (the theme's search, when it is on)."""
    return [
        name
        for name, plugin in config.plugins.items()
        if name.split(" #")[0] != "briefing"
        and plugin.config.get("enabled", True) is not False
        and any(hasattr(plugin, event) for event in CONTENT_EVENTS)
    ]


def jobs() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(cores, 8))


class _Capture(logging.Handler):
    """A worker's log records, to be logged again by the main process with the page."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


# ---- the state workers inherit -------------------------------------------------------

_STATE: dict[str, Any] = {}


def _forks(count: int, workers: int) -> bool:
    """Whether _fork_map runs work ahead of MkDocs' loop (never with threads running)."""
    return count > 0 and workers >= 2 and threading.active_count() == 1


def _fork_map(work: Callable[[int], None], count: int, workers: int) -> None:
    """Run work(i) for i in range(count) in forked workers that inherit _STATE. With one
    worker nothing runs ahead: MkDocs' loop does the work and the store keeps it."""
    if not _forks(count, workers):
        return
    context = multiprocessing.get_context("fork")
    chunk = max(4, count // (workers * 16))
    with context.Pool(workers, initializer=_quiet) as pool:
        for _ in pool.imap_unordered(work, range(count), chunksize=chunk):
            pass


def _quiet() -> None:
    """Workers log nothing themselves: what a page logs travels with its result."""
    logging.getLogger().handlers = []
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = []
    mkdocs_log.propagate = False


@contextlib.contextmanager
def _captured() -> Iterator[_Capture]:
    capture = _Capture()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(capture)
    try:
        yield capture
    finally:
        mkdocs_log.removeHandler(capture)


# ---- conversion ------------------------------------------------------------------------


class Pages:
    """One build's page work: created in on_nav, used until on_post_build."""

    def __init__(
        self,
        config: MkDocsConfig,
        files: Files,
        store: Store,
        workers: int,
        *,
        serve: bool = False,
        dirty: bool = False,
    ) -> None:
        self.config = config
        self.files = files
        self.store = store
        self.workers = workers
        # What MkDocs' loop works on: drafts too in a live preview; in a dirty build only
        # pages whose source is newer than their output.
        self.inclusion = InclusionLevel.is_in_serve if serve else InclusionLevel.is_included
        self.dirty = dirty
        self.prune = not serve and not dirty
        self.versions = versions()
        self.convert_base = digest(
            fingerprint(), self.versions, config_key(config), files_key(files)
        )
        self.render_base = ""
        self.keys: dict[str, str] = {}  # src_uri -> conversion key
        self.rendered: dict[str, str] = {}  # src_uri -> render key with stored HTML
        self.edit_urls: dict[str, str | None] = {}
        self._uris: tuple[Files, dict[str, File]] | None = None
        #: Why Python-Markdown converts every page (None: generated pages go to comrak).
        self.plain_markdown = unsupported(config)
        self.converter = Converter(config) if self.plain_markdown is None else None
        #: Whether converted pages leave their content in the store until rendered (LAZY).
        self.lazy = not serve and workers >= 2 and not content_readers(config)

    def convert(self, page: Page, files: Files) -> None:
        """What Page.render does: by comrak when the page stays inside the subset of
        Markdown the templates write (convert.py), else by Python-Markdown."""
        if self.converter is not None:
            try:
                self.converter.convert(page, files)
                return
            except Unsupported:
                pass
        Page.render(page, self.config, files)

    def conversion_key(self, page: Page) -> str:
        return digest(self.convert_base, page.file.src_uri, page.markdown or "")

    def convert_all(self, nav: Navigation) -> None:
        """Convert, on every core, the pages the store has no conversion of."""
        if self.plain_markdown is not None:
            log.info(
                "briefing: Python-Markdown converts every page, because of %s (comrak is "
                "used with MkDocs' toc, tables and admonition only)",
                self.plain_markdown,
            )
        pages = []
        for file in self.files.documentation_pages(inclusion=self.inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, self.config)  # as MkDocs' loop would, for pages off the nav
            if self.dirty and not file.is_modified():
                continue
            if file.page is not None:
                pages.append(file.page)
                self._install(file.page)
        _STATE.update(pages=pages, pages_obj=self)
        try:
            _fork_map(_convert_one, len(pages), self.workers)
        finally:
            _STATE.clear()

    def _install(self, page: Page) -> None:
        """Make the page's render() take the stored conversion when its key matches."""

        def render(config: MkDocsConfig, files: Files) -> None:
            key = self.conversion_key(page)
            self.keys[page.file.src_uri] = key
            stored = self.store.read(key, ".pickle")
            if stored is None or not restore(page, stored, self._by_uri(files)):
                with _captured() as capture:  # logs as usual, and kept for the next builds
                    self.convert(page, files)
                self.store.write(key, ".pickle", pickled(page, capture.records))
                if not self.store.has(key, ".pickle"):
                    return
            if self.lazy and not page.file.inclusion.is_excluded():
                set_aside(page)

        page.render = render  # type: ignore[method-assign]

    def _by_uri(self, files: Files) -> dict[str, File]:
        """files by src_uri: Files.get_file_from_path makes a PurePath per call, which
        was 3 s of a build that restored 13,000 pages' links."""
        if self._uris is None or self._uris[0] is not files:
            self._uris = (files, {f.src_uri: f for f in files})
        return self._uris[1]

    # ---- rendering ---------------------------------------------------------------------

    def render_all(self, env: jinja2.Environment, nav: Navigation, files: Files) -> None:
        """Render, on every core, the pages the store has no HTML of; then point MkDocs'
        loop at the stored HTML."""
        theme = theme_key(self.config)
        self.render_base = digest(
            self.convert_base,
            theme,
            digest(*nav_key(nav.items)),
            get_build_datetime().isoformat() if reads_build_date(self.config, theme) else "",
        )
        doc_files = files.documentation_pages(inclusion=self.inclusion)
        pages: list[tuple[Page, str]] = []
        for file in doc_files:
            page = file.page
            if page is None or page.content is None or file.src_uri not in self.keys:
                continue
            if file.inclusion.is_excluded():  # MkDocs marks drafts after the context
                continue
            key = self.render_key(page)
            pages.append((page, key))
        missing = [(p, k) for p, k in pages if not self.store.has(k, ".html")]
        # The theme's chrome once per kind of page, in each worker (chrome.py); without
        # workers MkDocs' loop renders every page in full.
        chrome = Chrome(env, nav) if _forks(len(missing), self.workers) else None
        _STATE.update(
            pages=missing,
            env=env,
            nav=nav,
            doc_files=doc_files,
            config=self.config,
            pages_obj=self,
            chrome=chrome,
        )
        try:
            _fork_map(_render_one, len(missing), self.workers)
        finally:
            _STATE.clear()
        for page, key in pages:
            if self.store.has(key, ".html"):
                self.rendered[page.file.src_uri] = key
                page.meta = {**page.meta, "template": TEMPLATE}
            else:  # MkDocs' loop renders it: with its content
                self.unlazy(page)
        loader = jinja2.DictLoader({TEMPLATE: "{{ briefing_prerendered(page) }}"})
        env.loader = jinja2.ChoiceLoader([loader, env.loader]) if env.loader else loader
        env.globals["briefing_prerendered"] = self.prerendered

    def unlazy(self, page: Page) -> None:
        """Give a LAZY page its content back from the store."""
        if not aside(page):
            return
        stored = self.store.read(self.keys[page.file.src_uri], ".pickle")
        if stored is None or not restore(page, stored, self._by_uri(self.files), logs=False):
            raise RuntimeError(
                f"the converted page {page.file.src_uri} vanished from {self.store.folder}"
            )

    def render_key(self, page: Page) -> str:
        neighbours = [
            (p.url, p.title) if p is not None else None
            for p in (page.previous_page, page.next_page)
        ]
        parents = [a.title for a in page.ancestors]
        return digest(
            self.render_base,
            self.keys[page.file.src_uri],
            page.url,
            page.title,
            json.dumps(page.meta, sort_keys=True, default=repr),
            self.edit_urls.get(page.file.src_uri),
            neighbours,
            parents,
            page.is_homepage,
        )

    def prerendered(self, page: Page) -> str:
        key = self.rendered[page.file.src_uri]
        data = self.store.read(key, ".html")
        if data is None:
            raise RuntimeError(
                f"the rendered page {page.file.src_uri} vanished from {self.store.folder}"
            )
        logs = self.store.read(key, ".log")
        if logs:
            replay(pickle.loads(logs))
        return data.decode("utf-8", "surrogatepass")

    def close(self, *, prune: bool = True) -> None:
        """Keep what this build used; a dirty or preview build used only part of it."""
        self.store.close(prune=prune and self.prune)


def _convert_one(index: int) -> None:
    """In a worker: what MkDocs' _populate_page does up to render, then store the result."""
    page: Page = _STATE["pages"][index]
    pages: Pages = _STATE["pages_obj"]
    config, files = pages.config, pages.files
    config._current_page = page
    try:
        with _captured() as capture:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files
            )
            key = pages.conversion_key(page)
            if pages.store.has(key, ".pickle"):
                return
            pages.convert(page, files)
        pages.store.write(key, ".pickle", pickled(page, capture.records))
    except Exception:  # MkDocs' own loop converts it again and reports the error
        return
    finally:
        config._current_page = None


def _render_one(index: int) -> None:
    """In a worker: what MkDocs' _build_page does up to the template's output."""
    page, key = _STATE["pages"][index]
    pages: Pages = _STATE["pages_obj"]
    config: MkDocsConfig = _STATE["config"]
    config._current_page = page
    try:
        pages.unlazy(page)
        with _captured() as capture:
            page.active = True
            context = get_context(_STATE["nav"], _STATE["doc_files"], config, page)
            name = page.meta.get("template", "main.html")
            context = config.plugins.on_page_context(
                context, page=page, config=config, nav=_STATE["nav"]
            )
            output = _STATE["chrome"].render(page, name, context)
        if capture.records:
            pages.store.write(key, ".log", pickle.dumps(capture.records))
        pages.store.write(key, ".html", output.encode("utf-8", "surrogatepass"))
    except Exception:  # MkDocs' own loop renders it again and reports the error
        return
    finally:
        page.active = False
        config._current_page = None
