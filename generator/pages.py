"""MkDocs' page work on every core, and reused between builds.

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
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
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
from generator.subset import Unsupported

log = logging.getLogger("mkdocs.plugins.briefing")

#: Plugins whose page events are pure enough to run again in a worker.
KNOWN_PLUGINS = {"briefing", "search", "offline", "material/search", "material/offline"}
#: Below this many pages, forking costs more than it saves.
THRESHOLD = 400
TEMPLATE = "briefing-prerendered.html"
_VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "comrak")


def unknown_plugins(config: MkDocsConfig) -> list[str]:
    """Plugins (hooks included) whose per-page events are not known to be harmless to run
    twice: with any of them, MkDocs does the page work alone."""
    return [name for name in config.plugins if name.split(" #")[0] not in KNOWN_PLUGINS]


def jobs() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(cores, 8))


class Store:
    """Files named by their key: pickled conversions and rendered HTML. Entries not used
    by a build are removed when it ends, so the store holds one site's pages."""

    def __init__(self, folder: Path, *, temporary: bool = False) -> None:
        self.folder = folder
        self.temporary = temporary
        self.used: set[str] = set()

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def read(self, key: str, suffix: str) -> bytes | None:
        try:
            data = self.path(key, suffix).read_bytes()
        except OSError:
            return None
        self.used.add(f"{key}{suffix}")
        return data

    def has(self, key: str, suffix: str) -> bool:
        return self.path(key, suffix).is_file()

    def write(self, key: str, suffix: str, data: bytes) -> None:
        """Atomic, so a killed build never leaves half an entry; failures only cost time."""
        path = self.path(key, suffix)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        self.used.add(f"{key}{suffix}")

    def close(self, *, prune: bool = True) -> None:
        """Remove a temporary store; prune a kept one (not after a failed build)."""
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        if not prune:
            return
        with contextlib.suppress(OSError):
            for shard in self.folder.iterdir():
                for entry in shard.iterdir():
                    if entry.name not in self.used:
                        entry.unlink()


class Nowhere(Store):
    """No store: a build that keeps nothing (no cache) and forks no workers."""

    def __init__(self) -> None:
        super().__init__(Path(os.devnull), temporary=False)

    def read(self, key: str, suffix: str) -> bytes | None:
        return None

    def has(self, key: str, suffix: str) -> bool:
        return False

    def write(self, key: str, suffix: str, data: bytes) -> None:
        pass

    def close(self, *, prune: bool = True) -> None:
        pass


def _digest(*parts: object) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "replace"))
        found.update(b"\x00")
    return found.hexdigest()


def _versions() -> str:
    found = []
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{name}={metadata.version(name)}")
    return ",".join(found)


def _plain(value: Any) -> Any:
    """A JSON-able copy of a configuration value; objects by their type and fields."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Path):
        return str(value)
    fields = getattr(value, "__dict__", None)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if isinstance(fields, dict):
        return {kind: {k: _plain(v) for k, v in sorted(fields.items()) if not k.startswith("_")}}
    return kind


def _files_key(files: Files) -> str:
    """What links resolve against: every file of the site and where it goes."""
    return _digest(*(f"{f.src_uri}>{f.dest_uri}>{f.url}>{f.inclusion}" for f in files))


def _theme_key(config: MkDocsConfig) -> str:
    """The theme's files by path, size and date (a changed template renders pages anew)."""
    parts = [repr(_plain(dict(config.theme)))]
    for folder in config.theme.dirs:
        for base, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(base, name)
                with contextlib.suppress(OSError):
                    stat = os.stat(path)
                    parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest(*parts)


#: Files of a theme that can be templates, and what a template would name to print the
#: build's date: MkDocs gives every page `build_date_utc`, and `page.update_date` is it.
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2", ".txt", ".md")
_BUILD_DATE = ("build_date_utc", "update_date")


def _reads_build_date(config: MkDocsConfig, theme: str) -> bool:
    """Whether the theme's templates (overrides included) may print the build's date.

    Material's do not: then a page's HTML does not depend on the date, and a build after a
    new commit (SOURCE_DATE_EPOCH is the last commit's date) reuses every unchanged page.
    The templates MkDocs renders on their own (sitemap.xml, 404.html) make no page.
    Read once per state of the theme's files (theme: their _theme_key).
    """
    found = _DATED.get(theme)
    if found is None:
        found = _DATED[theme] = _scan_for_build_date(config)
    return found


_DATED: dict[str, bool] = {}


def _scan_for_build_date(config: MkDocsConfig) -> bool:
    alone = set(config.theme.static_templates)
    for folder in config.theme.dirs:
        for base, _, names in os.walk(folder):
            for name in names:
                if Path(base, name).relative_to(folder).as_posix() in alone:
                    continue
                if name.endswith(_TEMPLATE_SUFFIXES) or "." not in name:
                    with contextlib.suppress(OSError):
                        text = Path(base, name).read_text(encoding="utf-8", errors="replace")
                        if any(word in text for word in _BUILD_DATE):
                            return True
    return False


def _nav_key(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        yield f"{type(item).__name__}:{item.title}:{getattr(item, 'url', '')}"
        children = getattr(item, "children", None)
        if children:
            yield "("
            yield from _nav_key(children)
            yield ")"


def _config_key(config: MkDocsConfig) -> str:
    plugins = {name: _plain(dict(p.config)) for name, p in config.plugins.items()}
    names = [
        *("site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name"),
        *("edit_uri", "copyright", "extra", "extra_css", "extra_javascript"),
        *("use_directory_urls", "markdown_extensions", "mdx_configs", "validation", "docs_dir"),
    ]
    chosen = {name: _plain(config.get(name)) for name in names}
    return _digest(json.dumps([chosen, plugins], sort_keys=True, default=repr))


class _Capture(logging.Handler):
    """A worker's log records, to be logged again by the main process with the page."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


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
        self.versions = _versions()
        self.convert_base = _digest(
            fingerprint(), self.versions, _config_key(config), _files_key(files)
        )
        self.render_base = ""
        self.keys: dict[str, str] = {}  # src_uri -> conversion key
        self.rendered: dict[str, str] = {}  # src_uri -> render key with stored HTML
        self.edit_urls: dict[str, str | None] = {}
        self._uris: tuple[Files, dict[str, File]] | None = None
        #: Why Python-Markdown converts every page (None: generated pages go to comrak).
        self.plain_markdown = unsupported(config)
        self.converter = Converter(config) if self.plain_markdown is None else None

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
        return _digest(self.convert_base, page.file.src_uri, page.markdown or "")

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
            if stored is not None and _restore(page, stored, self._by_uri(files)):
                return
            with _captured() as capture:  # logs as usual, and kept for the next builds
                self.convert(page, files)
            self.store.write(key, ".pickle", _conversion(page, capture.records))

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
        theme = _theme_key(self.config)
        self.render_base = _digest(
            self.convert_base,
            theme,
            _digest(*_nav_key(nav.items)),
            get_build_datetime().isoformat() if _reads_build_date(self.config, theme) else "",
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
        loader = jinja2.DictLoader({TEMPLATE: "{{ briefing_prerendered(page) }}"})
        env.loader = jinja2.ChoiceLoader([loader, env.loader]) if env.loader else loader
        env.globals["briefing_prerendered"] = self.prerendered

    def render_key(self, page: Page) -> str:
        neighbours = [
            (p.url, p.title) if p is not None else None
            for p in (page.previous_page, page.next_page)
        ]
        parents = [a.title for a in page.ancestors]
        return _digest(
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
            _replay(pickle.loads(logs))
        return data.decode("utf-8", "surrogatepass")

    def close(self, *, prune: bool = True) -> None:
        """Keep what this build used; a dirty or preview build used only part of it."""
        self.store.close(prune=prune and self.prune)


def _conversion(page: Page, records: list[tuple[str, int, str]]) -> bytes:
    links = page.links_to_anchors
    value = {
        "content": page.content,
        "toc": page.toc,
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": None if links is None else {f.src_uri: v for f, v in links.items()},
        "logs": records,
    }
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _restore(page: Page, data: bytes, files: dict[str, File]) -> bool:
    try:
        value = pickle.loads(data)
    except Exception:  # an unreadable entry: convert again
        return False
    links = value["links"]
    if links is not None:
        found: dict[File, dict[str, str]] = {}
        for src_uri, anchors in links.items():
            target = files.get(src_uri)
            if target is None:
                return False
            found[target] = anchors
        links = found
    page.content = value["content"]
    page.toc = value["toc"]
    page._title_from_render = value["title"]
    page.present_anchor_ids = value["anchors"]
    if links is not None:
        page.links_to_anchors = links
    _replay(value["logs"])
    return True


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
        pages.store.write(key, ".pickle", _conversion(page, capture.records))
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
