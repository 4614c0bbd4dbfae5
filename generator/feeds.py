"""Feeds: Atom 1.0 and JSON Feed 1.1 of the published briefs, for the whole archive and for
each country and tag. Pure functions of the archive returning text: no I/O, no clock.

Record text is data, never markup: Atom titles and summaries are type="text" (ElementTree
escapes them), JSON Feed items carry content_text only, never content_html.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from generator import indexes
from generator.archive import Archive, Record
from generator.cache import Cache, digest
from generator.config import Settings
from generator.dates import PartialDate

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
#: Entries per feed: the most recently updated briefs. The whole archive is in data/.
LIMIT = 100
#: Namespace of the entry ids (urn:uuid, version 5): fixed, so an id depends only on the
#: record id, which is permanent; titles, dates and the site's address may change.
ID_NAMESPACE = uuid.UUID("6f0b7a52-3c1e-5c8e-9d0a-6b1f4e2a9c37")
#: Categories (tags) per entry, at most; a tag feed names its own tag first. A record's
#: every tag in each of its tag feeds would grow with the square of its tags (issue 14).
CATEGORIES = 10
#: A feed without entries (an empty archive) is dated by the epoch, never by the clock.
EPOCH = date(1970, 1, 1)
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
# Characters XML 1.0 cannot carry at all; validation refuses them, this is a last guard.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedLink:
    """One feed file as a page advertises it: <link rel="alternate"> and a visible link."""

    path: str  # relative to docs_dir, e.g. feeds/countries/pk.xml
    media_type: str
    title: str


@dataclass(frozen=True)
class Feed:
    """The published briefs of one page of the site (home, a country or a tag)."""

    key: str  # "archive", "countries/pk", "tags/<tag>"
    title: str
    subtitle: str
    page: str  # the page's Markdown path, e.g. countries/pk.md
    records: tuple[Record, ...]

    @property
    def atom_path(self) -> str:
        return "feeds/atom.xml" if self.key == "archive" else f"feeds/{self.key}.xml"

    @property
    def json_path(self) -> str:
        return "feeds/feed.json" if self.key == "archive" else f"feeds/{self.key}.json"

    def links(self) -> tuple[FeedLink, FeedLink]:
        return (
            FeedLink(self.atom_path, ATOM_TYPE, f"{self.title} (Atom)"),
            FeedLink(self.json_path, JSON_TYPE, f"{self.title} (JSON Feed)"),
        )


def feed_path(kind: str, key: str, fmt: str) -> str:
    """Where the feed of a group page lives: feed_path("countries", "PK", "atom")."""
    suffix = "xml" if fmt == "atom" else "json"
    return f"feeds/{kind}/{key.lower()}.{suffix}"


def entry_id(event_id: str) -> str:
    """The permanent id of a brief's entry in every feed: it depends on the record id only."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'event:{event_id}')}"


def updated(record: Record) -> date:
    """The entry's last change: the record's `updated`, else `created`, else the event date."""
    event = record.event
    return _day(event.updated or event.created or event.date)


def published(record: Record) -> date:
    """First publication: `created`, else the event date; never after `updated`."""
    event = record.event
    return min(_day(event.created or event.date), updated(record))


def newest_first(records: tuple[Record, ...] | list[Record]) -> tuple[Record, ...]:
    """Most recently updated first; ties keep the archive's order (event date, newest first)."""
    return tuple(sorted(records, key=updated, reverse=True))  # sorted() is stable


def feeds(archive: Archive, settings: Settings) -> list[Feed]:
    """The archive's feed and one per country and tag page, as the index pages group them;
    made once per archive and settings (the pages' links and the feed files both ask)."""
    made = archive.__dict__.get("_feeds")
    if made is None or made[0] != settings:
        made = archive.__dict__["_feeds"] = (settings, _feeds(archive, settings))
    return made[1]


def _feeds(archive: Archive, settings: Settings) -> list[Feed]:
    index = indexes.build(archive)
    name = settings.site_name
    everything = newest_first(archive.published)
    # A group's records in the archive's order, sorted by their place in that of the whole
    # archive: the same order as newest_first(records), without a key call per record.
    place = {id(record): at for at, record in enumerate(everything)}

    def newest(records: list[Record]) -> tuple[Record, ...]:
        return tuple(sorted(records, key=lambda record: place[id(record)]))

    found = [
        Feed(
            "archive",
            name,
            f"Published briefs of {name}, most recently updated first.",
            "index.md",
            everything,
        )
    ]
    for code, records in index.countries.items():
        country = indexes.country_name(code)
        found.append(
            Feed(
                f"countries/{code.lower()}",
                f"{name}: {country}",
                f"Published briefs about {country}, most recently updated first.",
                f"countries/{code.lower()}.md",
                newest(records),
            )
        )
    for tag, records in index.tags.items():
        found.append(
            Feed(
                f"tags/{tag}",
                f"{name}: tag {tag}",
                f"Published briefs tagged {tag}, most recently updated first.",
                f"tags/{tag}.md",
                newest(records),
            )
        )
    return found


def feed_files(archive: Archive, settings: Settings, cache: Cache | None = None) -> dict[str, str]:
    """Every feed file of docs_dir, keyed by its path relative to docs_dir; with a cache,
    a feed whose entries' records (their bytes) and settings are unchanged is reused."""
    files: dict[str, str] = {}
    site = repr((settings.site_url, settings.site_name, settings.use_directory_urls))
    for feed in feeds(archive, settings):
        entries = feed.records[:LIMIT]
        key = ""
        if cache is not None and all(r.digest for r in entries):
            about = repr((feed.key, feed.title, feed.subtitle, feed.page))
            key = digest("feed", site, about, *(f"{r.path}\0{r.digest}" for r in entries))
            found = cache.listings.get(key)
            if isinstance(found, tuple):
                files[feed.atom_path], files[feed.json_path] = found
                continue
        made = atom(feed, settings), json_feed(feed, settings)
        if key and cache is not None:
            cache.listings.put(key, made)
        files[feed.atom_path], files[feed.json_path] = made
    # Material for MkDocs fetches sitemap.xml beside the target of every <link
    # rel="alternate"> in a page (to map language versions): without one, each page view
    # logs a failed request. An empty sitemap in each feed folder answers it.
    for folder in sorted({posixpath.dirname(path) for path in files}):
        files[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
    return dict(sorted(files.items()))


def page_feeds(archive: Archive, settings: Settings) -> dict[str, tuple[FeedLink, ...]]:
    """Markdown path of a page -> the feeds it advertises in its <head>."""
    return {feed.page: feed.links() for feed in feeds(archive, settings)}


# ---- the two formats -------------------------------------------------------------------


def atom(feed: Feed, settings: Settings) -> str:
    url = _Links(settings, feed.atom_path)
    entries = feed.records[:LIMIT]
    root = ET.Element("feed", xmlns=ATOM_NS)
    _text(root, "id", _feed_id(feed, settings))
    _text(root, "title", feed.title, type="text")
    _text(root, "subtitle", feed.subtitle, type="text")
    _text(root, "updated", _stamp(max((updated(r) for r in entries), default=EPOCH)))
    ET.SubElement(root, "link", rel="self", type=ATOM_TYPE, href=url.to(feed.atom_path))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=url.page(feed.page))
    ET.SubElement(root, "link", rel="alternate", type=JSON_TYPE, href=url.to(feed.json_path))
    author = ET.SubElement(root, "author")
    _text(author, "name", settings.site_name)
    _text(root, "generator", "briefing-generator")
    for record in entries:
        event = record.event
        entry = ET.SubElement(root, "entry")
        _text(entry, "id", entry_id(event.id))
        _text(entry, "title", title(record), type="text")
        ET.SubElement(
            entry, "link", rel="alternate", type="text/html", href=url.page(_brief(event.id))
        )
        _text(entry, "published", _stamp(published(record)))
        _text(entry, "updated", _stamp(updated(record)))
        _text(entry, "summary", summary(record), type="text")
        for tag in categories(feed, record):
            ET.SubElement(entry, "category", term=tag)
    ET.indent(root, "  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def json_feed(feed: Feed, settings: Settings) -> str:
    url = _Links(settings, feed.json_path)
    items = []
    for record in feed.records[:LIMIT]:
        event = record.event
        item: dict[str, object] = {
            "id": entry_id(event.id),
            "url": url.page(_brief(event.id)),
            "title": title(record),
            "summary": summary(record),
            "content_text": summary(record),
            "date_published": _stamp(published(record)),
            "date_modified": _stamp(updated(record)),
        }
        if event.tags:
            item["tags"] = categories(feed, record)
        items.append(item)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "description": feed.subtitle,
        "home_page_url": url.page(feed.page),
        "feed_url": url.to(feed.json_path),
        "authors": [{"name": settings.site_name}],
        "items": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def categories(feed: Feed, record: Record) -> list[str]:
    """The entry's tags in this feed: the feed's own tag first, at most CATEGORIES in all
    (the brief lists every tag)."""
    tags = record.event.tags
    own = feed.key.removeprefix("tags/") if feed.key.startswith("tags/") else None
    first = [own] if own is not None and own in tags else []
    return first + [tag for tag in tags if tag != own][: CATEGORIES - len(first)]


def title(record: Record) -> str:
    """The entry title; a retracted brief says so before anything else."""
    event = record.event
    return f"[Retracted] {event.title}" if event.retracted else event.title


def summary(record: Record) -> str:
    """The bottom line (the summary when there is no assessment); retractions first."""
    event = record.event
    text = event.assessment.bluf if event.assessment else event.summary
    if event.retracted:
        reason = f"Reason: {event.retraction}" if event.retraction else "No reason was given."
        return f"Retracted. {reason}\n\nBottom line as published: {text}"
    return text


# ---- helpers ---------------------------------------------------------------------------


class _Links:
    """Absolute links under site_url when it is set, else links relative to the feed file."""

    def __init__(self, settings: Settings, feed_file: str) -> None:
        self.site_url = settings.site_url
        self.directory_urls = settings.use_directory_urls
        self.folder = posixpath.dirname(feed_file)

    def page(self, markdown_path: str) -> str:
        """The address of the page built from a Markdown file of docs_dir."""
        stem = markdown_path.removesuffix(".md")
        if not self.directory_urls:
            return self.to(f"{stem}.html")
        if stem == "index" or stem.endswith("/index"):
            return self.to(stem.removesuffix("index"))
        return self.to(f"{stem}/")

    def to(self, target: str) -> str:
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + target
        relative = posixpath.relpath(target or ".", self.folder or ".")
        if target == "" or target.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative


def _brief(event_id: str) -> str:
    return f"events/{event_id}.md"


def _feed_id(feed: Feed, settings: Settings) -> str:
    site = settings.site_url or settings.site_name
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'feed:{site}:{feed.key}')}"


def _day(value: PartialDate) -> date:
    """A partial date as the first day it can mean: 2018-07 -> 2018-07-01."""
    return value.first_day()


def _stamp(day: date) -> str:
    """RFC 3339 at midnight UTC: records know days, not times."""
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("\ufffd", text)
    return element
