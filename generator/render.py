"""Stage 4, render: records in, the Markdown pages of docs_dir out, each page reused from
the cache while what it is made of is unchanged. No I/O beyond reading templates and
assets; no clock; iteration is sorted, so the same archive gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from markupsafe import Markup

from generator import (
    charts,
    crossrefs,
    export,
    feeds,
    indexes,
    paging,
    public,
    search,
    vocab,
)
from generator.archive import Archive, Record
from generator.cache import Cache, digest
from generator.config import PACKAGE_DIR, Settings
from generator.errors import ValidationFailed
from generator.render_pool import render_many
from generator.template_deps import is_local, templates_digest
from generator.templating import environment, template_problem

ASSETS = PACKAGE_DIR / "assets"
LISTING = "listing.md.j2"
#: What a listing's or actor's page may not read to be reused: a brief's key names the
#: outlets it cites, a group's key does not.
GROUP_WIDE = frozenset({"archive", "index", "outlets"})


def brief_path(event_id: str) -> str:
    return f"events/{event_id}.md"


class Renderer:
    """Renders the pages of one archive; each method returns Markdown text."""

    def __init__(self, archive: Archive, settings: Settings, cache: Cache | None = None) -> None:
        self.archive = archive
        self.settings = settings
        self.env = environment(settings)
        self.index = indexes.build(archive)
        self.crossrefs = crossrefs.build(archive)
        # A record's row is the same in every listing at the same depth: render it once.
        self._rows: dict[tuple[str, str], Markup] = {}
        self.env.globals["row"] = self._row
        self._outlet_reprs = {key: repr(o) for key, o in archive.outlets.items()}
        # A brief is reused while its inputs are unchanged; a template that reads the whole
        # archive (archive, index) makes every brief depend on every record: no reuse.
        self.cache = cache if cache is not None and is_local(self.env) else None
        self._templates = templates_digest(self.env) if self.cache is not None else ""
        self.group_cache = cache  # listings and actors (see _reused)
        self._group_templates: dict[str, str] = {}
        #: Path -> the cache key a page was made from, for the writer (write.Made).
        self.made_from: dict[str, str] = {}

    def _render(self, template: str, base: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(
                base=base,
                archive=self.archive,
                outlets=self.archive.outlets,
                index=self.index,
                brief=lambda event_id: f"{base}{brief_path(event_id)}",
                **context,
            )
        except jinja2.TemplateError as error:
            # Templates are user input (project templates/ override ours): a located
            # diagnostic, not a traceback.
            raise ValidationFailed([template_problem(error, template, self.settings)]) from None

    def _row(self, record: Record, brief: Callable[[str], str]) -> Markup:
        """The brief_row macro of _macros.md.j2 for one record, remembered per link depth."""
        key = (record.event.id, brief(""))
        row = self._rows.get(key)
        if row is None:
            macros = self.env.get_template("_macros.md.j2").module
            row = self._rows[key] = macros.brief_row(record, brief)  # type: ignore[attr-defined]
        return row

    def _related(self, record: Record) -> dict[str, Record]:
        by_id = self.archive.by_id
        return {  # only published records have a brief to link to
            r.id: by_id[r.id]
            for r in record.event.related
            if r.id in by_id and by_id[r.id].event.published
        }

    def _brief_key(self, record: Record) -> str:
        """What the cache knows the brief by: everything it is made of ("" without cache)."""
        if self.cache is None or not record.digest:
            return ""
        related = self._related(record)
        cited = {source.outlet for source in record.event.sources.values()}
        # The briefs its related items point to and those that refer to it, as shown.
        shown = [_about(link.record) for link in self.crossrefs.related(record)]
        shown += ["referred by"] + [_about(r) for r in self.crossrefs.referrers(record)]
        return digest(
            self._templates,
            record.digest,
            record.path,
            repr(self.settings.edit_url(record.path)),
            repr(sorted((k, r.event.title) for k, r in related.items())),
            repr([(k, self._outlet_reprs.get(k)) for k in sorted(cited)]),
            repr(shown),
        )

    def _render_brief(self, record: Record) -> str:
        return self._render(
            "brief.md.j2",
            "../",
            record=record,
            event=public.public_event(self.archive, record),  # nothing of an unpublished one
            related_records=self._related(record),
            related_links=self.crossrefs.related(record),
            referred_by=self.crossrefs.referrers(record),
            edit_url=self.settings.edit_url(record.path),
        )

    def _briefs(self) -> Iterator[tuple[str, str]]:
        """Every brief, in order; those the cache lacks rendered on every core when many."""
        records = self.archive.published
        keys = [self._brief_key(r) for r in records]
        cached: list[str | None] = []
        for key in keys:
            found = self.cache.briefs.get(key) if key and self.cache is not None else None
            cached.append(found if isinstance(found, str) else None)
        missing = [i for i, text in enumerate(cached) if text is None]
        rendered = render_many(lambda i: self._render_brief(records[i]), missing)
        for i, record in enumerate(records):
            text = cached[i]
            if text is None:
                text = next(rendered)
                if keys[i] and self.cache is not None:
                    self.cache.briefs.put(keys[i], text)
            path = brief_path(record.event.id)
            if keys[i]:
                self.made_from[path] = keys[i]
            yield path, text

    def pages(self) -> dict[str, str]:
        """Every generated file of docs_dir, keyed by its path relative to docs_dir."""
        return dict(sorted(self.files()))

    def files(self) -> Iterator[tuple[str, str]]:
        """The same, one (path, text) at a time, so a writer need not hold them all."""
        idx = self.index
        yield from self._briefs()
        yield "index.md", self._render("home.md.j2", "", records=self.archive.published)
        groups: list[tuple[str, str, dict[str, Any], Callable[[str], str]]] = [
            ("months", "By month", idx.months, _month_title),
            ("countries", "By country", idx.countries, indexes.country_name),
            ("types", "By event type", idx.types, lambda t: vocab.EventType(t).label),
            ("tags", "By tag", idx.tags, lambda t: t),
        ]
        for folder, title, groups_map, name in groups:
            yield (
                f"{folder}/index.md",
                self._render(
                    "group_index.md.j2",
                    "../",
                    title=title,
                    folder=folder,
                    groups=groups_map,
                    sections=_by_year(groups_map) if folder == "months" else [(None, groups_map)],
                    name=name,
                ),
            )
            for key, records in groups_map.items():
                yield from self._listing(folder, key, name(key), title, records).items()
        yield "actors/index.md", self._render("actors_index.md.j2", "../", actors=idx.actors)
        for slug, entry in idx.actors.items():
            # Page by page, as listings: an edit redoes the page that shows the record.
            about = repr((slug, entry.name, sorted(entry.aliases), sorted(entry.countries)))
            for page in paging.paginate("actors", entry.slug, entry.appearances):
                yield from self._reused(
                    "actor.md.j2",
                    about + _place(page),
                    [(r, f"{key}:{actor.role.value}") for r, key, actor in page.items],
                    lambda entry=entry, page=page: {  # type: ignore[misc]
                        page.path: self._render(
                            "actor.md.j2",
                            page.base,
                            title=_numbered(entry.name, page),
                            entry=entry,
                            appearances=page.items,
                            page=page,
                        )
                    },
                ).items()
        yield "sources.md", self._render("sources.md.j2", "", cited=idx.outlets)
        for key, records in idx.outlets.items():
            outlet = self.archive.outlets[key]
            yield from self._listing("outlets", key, outlet.name, "Sources", records).items()
        yield "methodology.md", self._render("methodology.md.j2", "")
        yield "about.md", self._render("about.md.j2", "", about=self.settings.about)
        if self.settings.search == "pagefind":
            yield (
                "search.md",
                self._render("search.md.j2", "", actor_facet_size=search.ACTOR_FACET_SIZE),
            )
            yield search.SCRIPT, (ASSETS / "search.js").read_text(encoding="utf-8")
        yield (
            "data.md",
            self._render(
                "data.md.j2",
                "",
                event_columns=export.EVENT_COLUMNS,
                claim_columns=export.CLAIM_COLUMNS,
                geojson_properties=export.GEOJSON_PROPERTIES,
                feed_limit=feeds.LIMIT,
            ),
        )
        yield "assets/briefing.css", (ASSETS / "briefing.css").read_text(encoding="utf-8")
        yield "assets/iframe-worker.js", (ASSETS / "iframe-worker.js").read_text(encoding="utf-8")

    def _listing(
        self, folder: str, key: str, name: str, parent: str, records: list[Record]
    ) -> dict[str, str]:
        """The pages of one listing (a month, country, type, tag or outlet). A page is
        reused while its own records, its place in the listing and the listing's size and
        months are unchanged: an edit redoes the page that shows the record."""
        index = "../sources.md" if folder == "outlets" else "index.md"
        months = charts.timeline(records)  # what a page may show of the whole listing
        about = repr((folder, key, name, parent, self.settings.search, len(records), months))
        pages: dict[str, str] = {}
        for page in paging.paginate(folder, key.lower(), records, index=index):
            pages |= self._reused(
                LISTING,
                about + _place(page),
                [(r, "") for r in page.items],
                lambda page=page: {  # type: ignore[misc]
                    page.path: self._render(
                        LISTING,
                        page.base,
                        title=_numbered(name, page),
                        kind=folder,
                        key=key,
                        records=page.items,
                        months=months,
                        total=len(records),
                        page=page,
                        parent=parent,
                    )
                },
            )
        return pages

    def _reused(
        self,
        template: str,
        about: str,
        records: list[tuple[Record, str]],
        make: Callable[[], dict[str, str]],
    ) -> dict[str, str]:
        """The pages of a group (a listing, an actor), made by make() or taken from the
        cache while the template, about and the group's records (their bytes, in order,
        each with a note) are unchanged."""
        if template not in self._group_templates:
            local = self.group_cache is not None and is_local(self.env, template, GROUP_WIDE)
            self._group_templates[template] = templates_digest(self.env, template) if local else ""
        templates = self._group_templates[template]
        key = ""
        if templates and self.group_cache is not None and all(r.digest for r, _ in records):
            group = "\n".join([f"{r.path}\0{r.digest}\0{n}" for r, n in records])
            key = digest(templates, about, group)
            found = self.group_cache.listings.get(key)
            if isinstance(found, dict):
                self.made_from.update(dict.fromkeys(found, key))
                return found
        pages = make()
        if key and self.group_cache is not None:
            self.group_cache.listings.put(key, pages)
            self.made_from.update(dict.fromkeys(pages, key))
        return pages


def _about(record: Record | None) -> str:
    """What a brief shows of another brief it links to."""
    return "" if record is None else repr((record.event.id, record.event.title, record.event.date))


def _by_year(months: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Month keys (newest first) grouped under their year, so the index stays short."""
    years: dict[str, dict[str, Any]] = {}
    for key, records in months.items():
        years.setdefault(key[:4], {})[key] = records
    return list(years.items())


def _place(page: paging.Page) -> str:
    """Where a page sits in its listing: part of what a reused page is known by."""
    return repr((page.path, page.base, page.up, page.number, page.count, page.links))


def _numbered(title: str, page: paging.Page) -> str:
    return title if page.number == 1 else f"{title}, page {page.number}"


def _month_title(key: str) -> str:
    from generator.dates import PartialDate

    return PartialDate.parse(key).human()


def render_pages(
    archive: Archive, settings: Settings, cache: Cache | None = None
) -> dict[str, str]:
    return Renderer(archive, settings, cache).pages()
