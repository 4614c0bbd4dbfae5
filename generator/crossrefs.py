"""Links between briefs: where a related item points, and which briefs refer to a brief.

A related item links to a brief when it names the record's id, or when its address is
the address of a report that one brief here cites (the report the brief was made from).
Only published records take part (see public.py): an unpublished record is never a
target, never a referrer, and its sources never match, so nothing of it shows.

Pure functions of the archive; never render or write. Linear in the related items and
sources of the published records.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from generator.archive import Archive, Record
from generator.model import Related


def normal_url(url: str) -> str:
    """An address as compared here: scheme and host in lower case without "www.", no
    fragment, no trailing slash; http and https alike (sites move between them)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    scheme = parts.scheme.lower()
    scheme = "https" if scheme == "http" else scheme
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


@dataclass(frozen=True)
class Link:
    """A related item of a brief, with the published brief it points to (if any)."""

    item: Related
    record: Record | None


@dataclass(frozen=True)
class CrossRefs:
    """The links of every published brief, computed once per archive."""

    links: dict[str, tuple[Link, ...]]  # record id -> its related items, resolved
    referred_by: dict[str, tuple[Record, ...]]  # record id -> briefs that refer to it

    def related(self, record: Record) -> tuple[Link, ...]:
        return self.links.get(record.event.id, ())

    def referrers(self, record: Record) -> tuple[Record, ...]:
        """Briefs that refer to this one and that its own Related list does not name."""
        named = {link.record.event.id for link in self.related(record) if link.record}
        return tuple(
            r for r in self.referred_by.get(record.event.id, ()) if r.event.id not in named
        )


def build(archive: Archive) -> CrossRefs:
    published = archive.published
    by_id = {r.event.id: r for r in published}
    cited: dict[str, list[Record]] = {}
    for record in published:
        urls = {normal_url(s.url) for s in record.event.sources.values() if s.url}
        for url in sorted(urls):
            cited.setdefault(url, []).append(record)
    links: dict[str, tuple[Link, ...]] = {}
    referred: dict[str, dict[str, Record]] = {}
    for record in published:
        resolved = []
        for item in record.event.related:
            if item.id is not None and by_id.get(item.id) in (None, record):
                continue  # unpublished (public.py drops it) or the record itself
            target = _target(item, record, by_id, cited)
            resolved.append(Link(item, target))
            if target is not None:
                referred.setdefault(target.event.id, {})[record.event.id] = record
        links[record.event.id] = tuple(resolved)
    referred_by = {
        key: tuple(sorted(found.values(), key=lambda r: (r.event.date.iso, r.event.id)))
        for key, found in referred.items()
    }
    return CrossRefs(links, referred_by)


def _target(
    item: Related, record: Record, by_id: dict[str, Record], cited: dict[str, list[Record]]
) -> Record | None:
    """The published brief a related item points to; None when none or several fit."""
    if item.id is not None:
        return by_id[item.id]
    if item.url is None:
        return None
    found = [r for r in cited.get(normal_url(item.url), []) if r is not record]
    if len(found) > 1 and item.date is not None:  # several briefs cite it: the one dated so
        found = [r for r in found if r.event.date.iso == item.date.iso]
    return found[0] if len(found) == 1 else None
