"""Stage 6, site: with pages.py, the only modules that import MkDocs.

The `briefing` plugin regenerates briefs/ on every build (so plain `mkdocs build` and
`mkdocs serve` work) and watches seeds/ and templates/. build_site() builds atomically
into a temporary folder and swaps it in only after a successful --strict build.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import dataclasses
import functools
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import cache, material_search, ownership, preview, progress
from generator import pages as page_work
from generator import search as pagefind
from generator.archive import Archive, Record, load_archive
from generator.cache import Cache
from generator.config import About, Settings
from generator.errors import BriefingError, ValidationFailed
from generator.escape import attr
from generator.feeds import FeedLink, page_feeds
from generator.pipeline import CSS, NAV, SHIM, generate
from generator.progress import Report, quiet

log = logging.getLogger("mkdocs.plugins.briefing")


#: Extensions that would let record text include files or raw HTML blocks.
UNSAFE_EXTENSIONS = {"md_in_html", "pymdownx.snippets", "markdown.extensions.md_in_html"}


def _extension_names(extensions: list[Any]) -> list[str]:
    return [e if isinstance(e, str) else type(e).__module__ for e in extensions]


#: A reader's way to write: a web address or a mail address.
_ADDRESS = re.compile(r"https?://[^\s<>\"]+|mailto:[^\s<>\"@]+@[^\s<>\"@]+")


class _Address(base.BaseConfigOption[str]):
    """An http(s) or mailto: address, as written (the About page links to it)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _ADDRESS.fullmatch(value):
            raise ValidationError(
                f"expected an http(s) or mailto: address, such as "
                f"https://example.org/contact or mailto:desk@example.org; found {value!r}"
            )
        return value


class AboutConfig(base.Config):
    """The About page: who publishes, how to reach them, how corrections are made."""

    publisher = c.Optional(c.Type(str))
    contact = c.Optional(_Address())
    corrections = c.Optional(c.Type(str))


class BriefingConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Search backend: the theme's own (small archives, works from file://), Pagefind
    #: (large archives), or auto: Pagefind once Material's index would pass
    #: search_auto_limit bytes (estimated from the records before the build).
    search = c.Choice(pagefind.BACKENDS, default="auto")
    search_auto_limit = c.Type(int, default=pagefind.AUTO_LIMIT)
    #: Reuse validated records and rendered briefs between builds (see cache.py).
    cache = c.Type(bool, default=True)
    #: Processes converting and rendering pages in `build`: 0 uses every core once the
    #: site has enough pages to gain from it; 1 leaves the work to MkDocs' own loop.
    jobs = c.Type(int, default=0)
    #: Publish records/<id>.yaml with the analysts' YAML comments (off: comments dropped).
    record_comments = c.Type(bool, default=False)
    #: Publisher, contact and corrections policy, shown on the About page.
    about = c.SubConfig(AboutConfig)


def settings_for(config: MkDocsConfig) -> Settings:
    root = Path(config.config_file_path).parent
    return Settings(
        root=root,
        repo_url=config.repo_url or None,
        edit_uri=config.edit_uri or "edit/main/",
        site_name=config.site_name,
        site_url=config.site_url or None,
        use_directory_urls=config.use_directory_urls,
        about=_about(config),
    )


def _about(config: MkDocsConfig) -> About:
    """The briefing plugin's about options (validated by MkDocs), as settings."""
    plugin = config.plugins.get("briefing")
    if not isinstance(plugin, BriefingPlugin):
        return About()
    about = plugin.config.about
    return About(about.publisher, about.contact, about.corrections)


def default_source_date_epoch(root: Path) -> None:
    """Reproducible output: when unset, date the build by the last commit, not the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        stamp = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


#: Archives validated by `briefing build` just before it builds, by project root: the
#: plugin takes its project's instead of validating the same records a second time.
_VALIDATED: dict[Path, Archive] = {}


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Thin adapter: MkDocs hooks calling the generator's core."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.edit_urls: dict[str, str | None] = {}
        #: Pagefind: the record of each brief page and the actors the facet offers; a
        #: page's filter values are worked out when it is built (a preview builds few).
        self.briefs: dict[str, Record] = {}
        self.facet_actors: frozenset[str] = frozenset()
        self.outlet_names: dict[str, str] = {}
        self.served = False  # a live preview has started: its rebuilds pause the collector
        self.paused = False
        self.command = "build"
        self.indexed = False
        self.feed_links: dict[str, tuple[FeedLink, ...]] = {}
        self.dirty = False
        self.pages: page_work.Pages | None = None
        self.nav: Any = None
        #: Why the preview's last build failed; its pages show this until a build succeeds.
        self.failure: preview.Failure | None = None
        #: The search backend of the last build and why (`briefing build` prints it).
        self.choice: pagefind.Choice | None = None
        #: Where the build's stages are told: `briefing build` passes its terminal line;
        #: otherwise (mkdocs build, serve) stages that took long are logged when done.
        self.progress: Report | None = None
        self.report: Report = quiet
        self.page_count = self.pages_written = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        if self.served:
            self._pause_collector()
        self.failure = None
        self._start_reporting()
        settings = self.settings = self.settings_of(config)
        default_source_date_epoch(settings.root)
        refused = sorted(set(_extension_names(config.markdown_extensions)) & UNSAFE_EXTENSIONS)
        if refused:
            raise PluginError(
                f"briefing: remove {', '.join(refused)} from markdown_extensions: they give record "
                "text powers (raw HTML blocks, file inclusion) that the escaping cannot take away"
            )
        if Path(config.docs_dir).resolve() != settings.briefs_dir.resolve():
            raise PluginError("briefing: docs_dir must be 'briefs' (the generated briefs)")
        try:
            # MkDocs empties site_dir next: only a folder the generator made, never a link.
            # Both checked before either is touched (generate() checks briefs/ again).
            site_dir = Path(config.site_dir)
            ownership.claim(settings.briefs_dir, ownership.BRIEFS, settings.root, "briefs")
            ownership.claim(site_dir, ownership.SITE, settings.root, "site_dir")
            ownership.mark(site_dir, ownership.SITE)
            validated = _VALIDATED.pop(settings.root.resolve(), None)
            cache_ = Cache(settings.root) if self.config.cache else None
            if settings.search == "auto":  # chosen by the records: read them first
                validated = validated or load_archive(settings, cache=cache_, progress=self.report)
            settings = dataclasses.replace(settings, search=self._choose(config, validated))
            self.settings = settings
            _theme_search(config, settings.search, self.config.search)
            generated = generate(settings, cache_, validated, self.report)
        except ValidationFailed as failed:
            if self.command == "serve":
                return self._failed(config, failed)
            lines = "\n".join(str(d) for d in failed.diagnostics)
            raise PluginError(f"briefing: {failed}:\n{lines}") from None
        except BriefingError as error:
            if self.command == "serve":
                return self._failed(config, error)
            raise PluginError(f"briefing: {error}") from None
        self.edit_urls = {
            f"events/{r.event.id}.md": settings.edit_url(r.path)
            for r in generated.archive.published
        }
        self.feed_links = page_feeds(generated.archive, settings)
        self.briefs = {}
        if settings.search == "pagefind":
            self.facet_actors = pagefind.facet_actors(generated.archive.published)
            self.briefs = {f"events/{r.event.id}.md": r for r in generated.archive.published}
            self.outlet_names = {k: o.name for k, o in generated.archive.outlets.items()}
        if config.nav is None:
            config.nav = [{title: path} for title, path in NAV]
            if settings.search == "pagefind":
                config.nav.append({"Search": "search.md"})
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        self.report("listing the files of briefs/", 0, 0)  # MkDocs' next step
        return config

    def _start_reporting(self) -> None:
        if isinstance(self.report, progress.Milestones):
            self.report.finish()
        if self.progress is not None:
            self.report = self.progress
        else:
            self.report = progress.Milestones(lambda text: log.info("briefing: %s", text))

    def _stop_reporting(self) -> None:
        if isinstance(self.report, progress.Milestones):
            self.report.finish()

    def settings_of(self, config: MkDocsConfig) -> Settings:
        """The project's settings, search as configured (auto not yet resolved)."""
        return dataclasses.replace(
            settings_for(config),
            search=self.config.search,
            record_comments=self.config.record_comments,
        )

    def _choose(self, config: MkDocsConfig, archive: Archive | None) -> str:
        """The search backend of this build, logged with its reason. A preview keeps the
        one it started with: its kind of rebuild was chosen for it (see serve)."""
        if self.command == "serve" and self.choice is not None:
            return self.choice.backend
        records = archive.published if archive is not None else ()
        limit = self.config.search_auto_limit
        choice = pagefind.choose(self.config.search, records, limit, offline=_offline(config))
        if self.config.search == "auto":
            log.info("briefing: search: %s (%s)", choice.backend, choice.reason)
        self.choice = choice
        return choice.backend

    def _failed(self, config: MkDocsConfig, error: BriefingError) -> MkDocsConfig:
        """A preview whose records do not build: the build goes on without pages (the
        server shows the errors instead, see _serving_failures), so MkDocs neither stops
        the preview nor leaves it waiting for a build that succeeds."""
        self.failure = preview.Failure.of(error)
        log.error(
            "briefing: %s\nThe preview's pages show this until it is fixed.", self.failure.text()
        )
        self.edit_urls, self.feed_links, self.briefs = {}, {}, {}
        config.nav = []
        return config

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Material's search: briefs rank first, listing pages stay out of its index."""
        if self._material_search() and "search" not in page.meta:
            found = material_search.page_meta(page.file.src_uri)
            if found is not None:
                page.meta["search"] = found
        return markdown

    def _material_search(self) -> bool:
        return self.settings is not None and self.settings.search == "material"

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        # Generated pages are never edited by hand: the edit button opens the record.
        page.edit_url = self.edit_urls.get(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.pages_written += 1
        if self.pages_written % 50 == 0 or self.pages_written == self.page_count:
            self.report("writing pages", self.pages_written, self.page_count)
        output = self._feed_links(self._search_markup(output, page), page)
        # The theme's search index is fetched when the reader searches, not with the page.
        return material_search.on_demand(output) if self._material_search() else output

    def _feed_links(self, output: str, page: Page) -> str:
        """Announce the page's feeds in its head (home: the archive; country and tag pages)."""
        links = self.feed_links.get(page.file.src_uri)
        if not links or "</head>" not in output:
            return output
        tags = "".join(
            f'<link rel="alternate" type="{attr(f.media_type)}" title="{attr(f.title)}" '
            f'href="{attr(get_relative_url(f.path, page.url))}">'
            for f in links
        )
        # The first </head> ends the head: record text in the title is escaped before it.
        return output.replace("</head>", f"{tags}</head>", 1)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Material's offline plugin loads its file:// worker shim from a CDN: use our copy,
        # so an offline site makes no request to another host either.
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [
            SHIM if "iframe-worker" in str(url) else url for url in polyfills
        ]

    def _search_markup(self, output: str, page: Page) -> str:
        """Pagefind: facets on briefs; the search box on the search page."""
        if self.settings is None or self.settings.search != "pagefind":
            return output
        record = self.briefs.get(page.file.src_uri)
        if record is not None:
            values = pagefind.facets(record, self.facet_actors)
            date = record.event.date.first_day().isoformat()
            body = pagefind.lean_body(record, self.outlet_names)
            return pagefind.annotate(output, values, date, body)
        if page.file.src_uri == "search.md":
            folder = f"{pagefind.OUTPUT}/pagefind-ui"
            head = pagefind.ui_head(get_relative_url(f"{folder}.css", page.url))
            body = pagefind.ui_body(
                get_relative_url(f"{folder}.js", page.url),
                get_relative_url(pagefind.SCRIPT, page.url),
            )
            output = output.replace("</head>", f"{head}</head>", 1)
            return output.replace("</body>", f"{body}</body>", 1)
        return output

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Static files of briefs/ go into the site as hard links instead of copies."""
        if self.settings is None:
            return files
        if self.failure is not None:
            return Files([])
        docs = config.docs_dir
        return Files([_Linked.of(f) if _Linked.suits(f, docs) else f for f in files])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of mkdocs serve.
        self.command = command
        self.dirty = dirty
        _no_collection_at_exit()
        if command == "serve":
            cache.keep_in_memory()

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Convert pages on every core (and reuse conversions) before MkDocs' loop."""
        self.pages = None
        self.page_count, self.pages_written = len(files.documentation_pages()), 0
        if self.settings is None or self.failure is not None:
            return nav
        unknown = page_work.unknown_plugins(config)
        if unknown:
            log.info(
                "briefing: MkDocs converts and renders the pages on one core, with no page "
                "cache, because of plugins not known to keep no state between pages: %s",
                ", ".join(unknown),
            )
            return nav
        count = len(files.documentation_pages())
        workers = self.config.jobs or page_work.jobs()
        if not self.config.jobs and count < page_work.THRESHOLD:
            workers = 1
        folder = cache.folder_for(self.settings.root) if self.config.cache else None
        if folder is not None:
            store = page_work.Store(folder / "pages")
        elif workers < 2:  # nothing to keep: MkDocs' loop converts each page as it comes
            store = page_work.Nowhere()
        else:
            store = page_work.Store(
                Path(tempfile.mkdtemp(prefix="briefing-pages-")), temporary=True
            )
        serve = self.command == "serve"
        self.pages = page_work.Pages(config, files, store, workers, serve=serve, dirty=self.dirty)
        self.pages.edit_urls = self.edit_urls
        self.nav = nav
        self.report("converting pages", 0, count)
        self.pages.convert_all(nav)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.pages is not None:
            self.report("rendering pages", 0, self.page_count)
            self.pages.render_all(env, self.nav, files)
        return env

    def on_build_error(self, *, error: Exception) -> None:
        if self.command == "serve" and self.failure is None:
            self.failure = preview.Failure.of(error)
        self.report = quiet  # no milestone of a build that failed
        self._resume_collector()
        self.nav = None
        if self.pages is not None:
            self.pages.close(prune=False)
            self.pages = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._resume_collector()
        self.nav = None  # a build's pages and navigation are garbage once it is done
        if self.pages is not None:
            self.pages.close()
            self.pages = None
        if self.failure is None and self.settings is not None:
            try:
                self._index(config)
            finally:
                self._stop_reporting()

    def _index(self, config: MkDocsConfig) -> None:
        """Pagefind's index of the finished site."""
        if self.settings is None or self.settings.search != "pagefind":
            return
        if self.command == "serve" and self.indexed:
            return  # a live preview indexes once: a full index takes long on big archives
        self.indexed = True
        stage = f"indexing {len(self.briefs):,} briefs with Pagefind"
        self.report(stage, 0, 0)
        try:
            pagefind.build_index(Path(config.site_dir), lambda: self.report(stage, 0, 0))
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None

    def _pause_collector(self) -> None:
        """A preview's rebuild: collect the previous build's garbage in one pass, then let
        the collector rest until this build is done (see _freeze_survivors). Left running,
        it made half a dozen full passes per rebuild of a large archive."""
        if not self.paused:
            gc.collect()
            gc.disable()
            self.paused = True

    def _resume_collector(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.settings is not None:
            _freeze_survivors()
            self.served = True
            # briefs/ is this plugin's output: MkDocs polls every file it watches, and in a
            # large archive polling briefs/ (tens of thousands of files) took longer than a
            # rebuild. Its sources are watched instead; a rebuild's own writes trigger none.
            with contextlib.suppress(KeyError):
                server.unwatch(config.docs_dir)
            server.watch(str(self.settings.seeds_dir))
            if self.settings.templates_dir.is_dir():
                server.watch(str(self.settings.templates_dir))
            server.builder = self._reporting(_between_polls(server, server.builder))
            _serving_failures(server, self)
        return server

    def _reporting(self, build: Any) -> Any:
        """The preview's builder: a failed rebuild leaves its errors to the pages (MkDocs
        let every page request wait for a build that succeeds, the error in the terminal)."""

        def builder(*args: Any, **kwargs: Any) -> Any:
            self.failure = None  # a broken mkdocs.yml fails before on_config
            try:
                return build(*args, **kwargs)
            except Exception as error:
                if self.failure is None:
                    self.failure = preview.Failure.of(error)
                if not isinstance(error, (Abort, PluginError)):
                    log.exception("briefing: the preview's rebuild failed")
                log.error("briefing: the preview's pages show the errors until they are fixed")
                return None

        return builder


def _offline(config: MkDocsConfig) -> bool:
    """Material's offline plugin is on: the site is for file://."""
    return any(
        type(p).__name__ == "OfflinePlugin" and p.config.get("enabled", True)
        for p in config.plugins.values()
    )


def _theme_search(config: MkDocsConfig, backend: str, setting: str) -> None:
    """Pagefind replaces the theme's search: Material's search plugin, when mkdocs.yml
    lists it (the default mkdocs.yml does), is turned off for this build; its header box
    and index go with it. A search plugin that cannot be turned off is refused."""
    listed = [p for name, p in config.plugins.items() if name.split("/")[-1] == "search"]
    if backend == "pagefind":
        for plugin in listed:
            if "enabled" not in plugin.config:
                raise PluginError(
                    "briefing: search is pagefind, so remove the theme's 'search' plugin "
                    "from plugins in mkdocs.yml (or set the briefing plugin's search: material)"
                )
            plugin.config["enabled"] = False
    elif setting == "auto" and not listed:
        log.warning(
            "briefing: search: material, but mkdocs.yml lists no 'search' plugin, so the site "
            "has no search: add '- search' to plugins (or set the briefing plugin's search: "
            "material to go without)"
        )


@functools.cache  # once per process
def _no_collection_at_exit() -> None:
    """When the process ends, freeze the heap before CPython's last collections, which
    walked every object of a 10,000-event build for 8 s after it was done, to free memory
    the system takes back anyway. atexit handlers and finalizers of objects that are not
    in cycles still run; a build writes its files with `with` blocks, closed by then."""
    atexit.register(gc.freeze)


def _freeze_survivors() -> None:
    """After a preview's first build: collect its garbage, then leave what survived (the
    records, the caches read into memory) out of every later collection.

    Without this, the collector's full passes walk those millions of objects again and
    again, seconds each in a rebuild of a large archive. Frozen objects are still freed
    when nothing refers to them; only a cycle among them that later becomes garbage would
    stay: at most what the first build left alive, once, never more with each rebuild.
    Collected first, so MkDocs' first build (returned by now) leaves none of its own.
    """
    gc.collect()
    gc.freeze()


def _serving_failures(server: Any, plugin: BriefingPlugin) -> None:
    """While the last build failed, every page the preview serves is the error page, with
    MkDocs' reload script: it turns back into the site once a rebuild succeeds. Other
    files (styles, pictures) are served as MkDocs serves them."""
    serve = server._serve_request

    def serve_request(environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/livereload/") or not preview.is_page(path):
            return serve(environ, start_response)
        with server._epoch_cond:  # as MkDocs does: first wait for a rebuild under way
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch = server._visible_epoch
            failure = plugin.failure
        if failure is None:
            return serve(environ, start_response)
        content = server._inject_js_into_html(preview.page(failure), epoch)
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(content))),
        ]
        start_response("503 Service Unavailable", headers)
        return [content]

    server._serve_request = serve_request


def _between_polls(server: Any, build: Any) -> Any:
    """The preview's builder, run while its file watcher waits.

    MkDocs' watcher polls: every half second it lists and stats every watched file (a tenth
    of a second for 10,000 records), and during a rebuild those polls took a quarter of the
    time from the build. Each polling emitter does its work under its own lock: holding
    them, the build runs alone, and the first poll after it reports what was saved
    meanwhile. Emitters of another kind (no such lock) are left as they are.
    """

    def builder(*args: Any, **kwargs: Any) -> Any:
        emitters = getattr(server.observer, "emitters", ())
        locks = [e._lock for e in list(emitters) if isinstance(getattr(e, "_lock", None), _LOCK)]
        with contextlib.ExitStack() as held:
            for lock in locks:
                held.enter_context(lock)
            return build(*args, **kwargs)

    return builder


_LOCK = type(threading.Lock())


class _Linked(File):
    """A static file of briefs/ (record copies, charts, feeds) that the site gets as a hard
    link to the generated file: at 10,000 events MkDocs copied 18,900 such files per build
    (3 to 13 s, by the state of the disk cache); linking them took under 1 s.

    Safe because the writer replaces a changed file with a new one (write.py: os.replace),
    so a link in a published site keeps the bytes it was built with; and this never
    writes into an existing file: what is in the way is unlinked first. Falls back to
    MkDocs' copy where links cannot be made (another file system, no link support).
    """

    @staticmethod
    def suits(file: File, docs_dir: str) -> bool:
        """A real file of briefs/ (the writer's folder) that MkDocs would copy."""
        return (
            file.src_dir == docs_dir
            and file.generated_by is None
            and not file.is_documentation_page()
        )

    @classmethod
    def of(cls, file: File) -> _Linked:
        """The same file, state included (a new File costs 15 us: 0.3 s of each rebuild
        of a preview with 18,900 static files)."""
        linked = object.__new__(cls)
        linked.__dict__.update(file.__dict__)
        return linked

    def copy_file(self, dirty: bool = False) -> None:
        source, target = self.abs_src_path, self.abs_dest_path
        if source is None:  # a plugin gave it content after on_files
            super().copy_file(dirty)
            return
        try:
            if os.path.samefile(source, target):
                return  # already this file (a preview's rebuild)
        except OSError:
            pass
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:
            super().copy_file(dirty)


def hand_over(root: Path, archive: Archive) -> None:
    """Records validated a moment ago, for the next build of this project to take (and
    release as soon as it has rendered them: keep no other reference)."""
    _VALIDATED[root.resolve()] = archive


def build_site(
    root: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    offline: bool = False,
    progress: Report | None = None,
) -> pagefind.Choice | None:
    """Build into a temporary folder beside site_dir; swap it in only on success.

    offline: turn on Material's offline plugin (listed in mkdocs.yml, off by default) for
    a site read from file://, with pages at events/<id>.html instead of events/<id>/.
    Returns the search backend that `search: auto` chose and why (None: not auto).
    progress hears each stage (validation, briefs, pages, search) as it goes.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    ownership.claim(site_dir, ownership.SITE, root, "site")  # before anything is touched
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    ownership.mark(staging, ownership.SITE)  # MkDocs keeps hidden files when it cleans
    # MkDocs logs the reasons of a failed build (plugin errors, strict-mode warnings) and
    # raises only "Aborted ..."; keep the reasons so the caller can show them.
    reasons = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(reasons)
    try:
        config = load_config(
            config_file=str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict
        )
        if offline:
            _enable_offline(config)
        config.plugins.on_startup(command="build", dirty=False)
        plugin = config.plugins.get("briefing")
        if isinstance(plugin, BriefingPlugin):
            plugin.progress = progress
        try:
            build(config)
        finally:
            _VALIDATED.pop(root.resolve(), None)
            config.plugins.on_shutdown()
    except (Abort, PluginError, BriefingError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        details = "".join(f"\n{m}" for m in reasons.messages if m != str(error))
        raise BriefingError(
            f"the site was not built, the previous one is unchanged: {error}{details}"
        ) from None
    except Exception as error:  # a crash in a theme, hook or plugin: still keep the old site
        shutil.rmtree(staging, ignore_errors=True)
        raise BriefingError(
            f"the site was not built, the previous one is unchanged: "
            f"{type(error).__name__}: {error}"
        ) from error
    except BaseException:  # interrupted: clean up and stop
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(reasons)
    _swap(staging, site_dir)
    if isinstance(plugin, BriefingPlugin) and plugin.config.search == "auto":
        return plugin.choice
    return None


def _enable_offline(config: MkDocsConfig) -> None:
    found = [p for p in config.plugins.values() if type(p).__name__ == "OfflinePlugin"]
    if not found:
        raise BriefingError(
            "--offline needs Material's offline plugin in mkdocs.yml; add to plugins:\n"
            "  - offline:\n      enabled: !ENV [BRIEFING_OFFLINE, false]"
        )
    for plugin in found:
        plugin.config["enabled"] = True


class _Collect(logging.Handler):
    """Keeps the text of MkDocs' warnings and errors during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _swap(staging: Path, site_dir: Path) -> None:
    """Put staging in site_dir's place; with renameat2 the exchange is one atomic step."""
    if site_dir.exists() and _exchange(staging, site_dir):
        _discard(staging)  # staging now holds the previous site
        return
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old is not None:
        _discard(old)


#: A previous site with more briefs than this is deleted in the background: removing
#: 40,000 files took 20 s here, and the new site is already in place.
BACKGROUND_REMOVAL = 2000


def _discard(old_site: Path) -> subprocess.Popen[bytes] | None:
    """Delete a replaced site: here when small, else by a detached process, returned (an
    interrupted or unfinished removal is taken up by the next build: _remove_leftovers)."""
    try:
        large = sum(1 for _ in os.scandir(old_site / "events")) > BACKGROUND_REMOVAL
    except OSError:
        large = False
    if large:
        with contextlib.suppress(OSError):
            return subprocess.Popen(
                [sys.executable, "-c", _REMOVE, str(old_site)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
    shutil.rmtree(old_site, ignore_errors=True)
    return None


_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _remove_leftovers(site_dir: Path) -> list[subprocess.Popen[bytes]]:
    """Staging folders of builds that were killed before they could clean up, and
    previous sites whose removal has not finished (a build right after a large one found
    its predecessor still there and spent 8 s removing it): large ones in the background,
    like any replaced site; returns the removing processes."""
    removers = []
    for pattern in (f".{site_dir.name}.new-*", f".{site_dir.name}.old-*"):
        for leftover in site_dir.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                remover = _discard(leftover)
                if remover is not None:
                    removers.append(remover)
    return removers


def _serves_pagefind(config: MkDocsConfig, plugin: BriefingPlugin) -> bool:
    """Whether a preview's builds index with Pagefind. With auto, the records decide:
    they are validated here and handed to the first build (which then makes the same
    choice); records that do not validate start a preview with Material's search."""
    setting = plugin.config.search
    if setting != "auto" or not plugin.config.enabled:
        return setting == "pagefind"
    settings = plugin.settings_of(config)
    cache_ = Cache(settings.root) if plugin.config.cache else None
    try:
        archive = load_archive(settings, cache=cache_)
    except BriefingError:
        return False
    if cache_ is not None:
        cache_.records.save()
    hand_over(settings.root, archive)
    limit = plugin.config.search_auto_limit
    choice = pagefind.choose(setting, archive.published, limit, offline=_offline(config))
    return choice.backend == "pagefind"


def serve(root: Path, dev_addr: str | None = None, open_browser: bool = False) -> None:
    """Live preview. With Pagefind, rebuilds are MkDocs' dirty builds: only pages whose
    Markdown changed are built again (the writer leaves unchanged briefs untouched)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config

    # MkDocs' own command line sets up its log output; without it a preview would never
    # say where it serves or when a rebuild is done.
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins.get("briefing")
    dirty = isinstance(plugin, BriefingPlugin) and _serves_pagefind(config, plugin)
    mkdocs_serve(
        config_file=str(root / "mkdocs.yml"),
        dev_addr=dev_addr,
        open_in_browser=open_browser,
        build_type="dirty" if dirty else None,
    )
