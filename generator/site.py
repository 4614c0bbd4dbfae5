"""Stage 6, site: the `briefing` MkDocs plugin, a thin adapter of hooks calling the core.

It regenerates briefs/ on every build (so plain `mkdocs build` and `mkdocs serve` work) and
watches seeds/ and templates/. Only the site stage imports MkDocs: the site*.py modules,
static_links.py, and pages.py with its helpers (page_*.py, chrome.py, convert.py). The
atomic build is site_build.py, the live preview site_serve.py. Never prints.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import cache, handover, heap, material_search, ownership, preview, progress
from generator import pages as page_work
from generator import search as pagefind
from generator.archive import Archive, load_archive
from generator.cache import Cache
from generator.config import Settings
from generator.errors import BriefingError, ValidationFailed
from generator.escape import attr
from generator.feeds import FeedLink, page_feeds
from generator.page_store import Nowhere, Store
from generator.pipeline import CSS, NAV, SHIM, generate
from generator.progress import Report, quiet
from generator.serving import between_polls, serving_failures
from generator.site_config import (
    UNSAFE_EXTENSIONS,
    BriefingConfig,
    default_source_date_epoch,
    extension_names,
    offline,
    settings_for,
    theme_search,
)
from generator.static_links import Linked

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Thin adapter: MkDocs hooks calling the generator's core."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.edit_urls: dict[str, str | None] = {}
        #: Pagefind's data of each brief page: facets, date, lean body (search.PageData).
        self.briefs: Mapping[str, pagefind.Annotation] = {}
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
        refused = sorted(set(extension_names(config.markdown_extensions)) & UNSAFE_EXTENSIONS)
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
            validated = handover.take(settings.root)
            cache_ = Cache(settings.root) if self.config.cache else None
            if settings.search == "auto":  # chosen by the records: read them first
                validated = validated or load_archive(settings, cache=cache_, progress=self.report)
            settings = dataclasses.replace(settings, search=self._choose(config, validated))
            self.settings = settings
            theme_search(config, settings.search, self.config.search)
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
            self.briefs = pagefind.PageData(generated.archive, eager=self.command != "serve")
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
        choice = pagefind.choose(self.config.search, records, limit, offline=offline(config))
        if self.config.search == "auto":
            log.info("briefing: search: %s (%s)", choice.backend, choice.reason)
        self.choice = choice
        return choice.backend

    def _failed(self, config: MkDocsConfig, error: BriefingError) -> MkDocsConfig:
        """A preview whose records do not build: the build goes on without pages (the
        server shows the errors instead, see serving.py), so MkDocs neither stops
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
        found = self.briefs.get(page.file.src_uri)
        if found is not None:
            return pagefind.annotate(output, *found)
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
        return Files([Linked.of(f) if Linked.suits(f, docs) else f for f in files])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of mkdocs serve.
        self.command = command
        self.dirty = dirty
        heap.no_collection_at_exit()
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
            store = Store(folder / "pages")
        elif workers < 2:  # nothing to keep: MkDocs' loop converts each page as it comes
            store = Nowhere()
        else:
            store = Store(Path(tempfile.mkdtemp(prefix="briefing-pages-")), temporary=True)
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
        the collector rest until this build is done (see heap.freeze_survivors). Left running,
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
            heap.freeze_survivors()
            self.served = True
            # briefs/ is this plugin's output: MkDocs polls every file it watches, and in a
            # large archive polling briefs/ (tens of thousands of files) took longer than a
            # rebuild. Its sources are watched instead; a rebuild's own writes trigger none.
            with contextlib.suppress(KeyError):
                server.unwatch(config.docs_dir)
            server.watch(str(self.settings.seeds_dir))
            if self.settings.templates_dir.is_dir():
                server.watch(str(self.settings.templates_dir))
            server.builder = self._reporting(between_polls(server, server.builder))
            serving_failures(server, lambda: self.failure)
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
