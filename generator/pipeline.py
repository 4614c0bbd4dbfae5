"""The whole generation step shared by the CLI and the MkDocs plugin:
validate the archive, render every page, write briefs/. Returns results; never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.archive import Archive, load_archive
from generator.cache import Cache
from generator.config import Settings
from generator.copies import without_comments, without_related
from generator.export import export_files
from generator.feeds import feed_files
from generator.model import Event
from generator.ownership import BRIEFS, MARKER, claim, marker_text
from generator.pictures import images
from generator.progress import Report, quiet
from generator.public import hidden_related, public_event
from generator.render import Renderer
from generator.write import Content, Made, WriteResult, write_tree

NAV = (
    ("Latest", "index.md"),
    ("By month", "months/index.md"),
    ("By country", "countries/index.md"),
    ("By actor", "actors/index.md"),
    ("By type", "types/index.md"),
    ("By tag", "tags/index.md"),
    ("Sources", "sources.md"),
    ("Methodology", "methodology.md"),
    ("Data", "data.md"),
    ("About", "about.md"),
)
CSS = "assets/briefing.css"
#: Material's WebWorker shim for sites read from file:// (see site.py), served locally.
SHIM = "assets/iframe-worker.js"


@dataclass(frozen=True)
class Generated:
    archive: Archive
    written: WriteResult


def files_for(
    archive: Archive, settings: Settings, cache: Cache | None = None
) -> Iterator[tuple[str, Content]]:
    """Everything docs_dir must hold: data exports, feeds, rendered pages, pictures and the
    records as downloads, as (path, content) one file at a time for write_tree.

    Nothing here is kept once written: memory holds the archive, the caches and one file,
    not every file at once. The marker that says the generator made the folder comes
    first, so that even a run stopped midway leaves a folder the next run may replace.
    The exports come next: making them is the largest passing need for memory (every
    record as a dictionary), best met before the caches fill up.
    """
    yield MARKER, marker_text(BRIEFS)
    yield from export_files(archive, cache).items()
    yield from feed_files(archive, settings, cache).items()
    renderer = Renderer(archive, settings, cache)
    for name, text in renderer.files():
        key = renderer.made_from.get(name)
        yield name, Made(key, text) if key else text
    yield from images(archive, cache).items()
    for record in archive.published:
        source = settings.root / record.path
        # Known by its digest: the writer need not read a record whose copy is unchanged.
        key = f"record {record.digest}" if record.digest else ""
        hidden = hidden_related(archive, record.event)
        if hidden:  # the copy shows nothing of the unpublished records it relates to
            comments = "" if settings.record_comments else " without comments"
            key = f"{key} without related {hidden!r}{comments}" if key else ""
            event = public_event(archive, record)
            reader = _copy_reader(source, settings.record_comments, hidden, event)
        elif settings.record_comments:
            reader = source.read_bytes
        else:
            key = f"{key} without comments" if key else ""
            reader = _copy_reader(source, False)
        yield f"records/{record.event.id}.yaml", Made(key, reader)


def counted(
    files: Iterator[tuple[str, Content]], briefs: int, progress: Report
) -> Iterator[tuple[str, Content]]:
    """files_for's files, told to progress as they are made: the exports and feeds, then
    the briefs (counted against the published records), then the rest."""
    stage, made = "writing data exports and feeds", 0
    progress(stage, 0, 0)
    for count, (name, content) in enumerate(files, 1):
        if name.startswith("events/") and name.endswith(".md"):
            stage, made = "rendering briefs", made + 1
            if made % 50 == 0 or made == briefs:
                progress(stage, made, briefs)
        elif made and count % 200 == 0:
            stage = "writing listings, pictures and record copies"
            progress(stage, count, 0)
        yield name, content


def _copy_reader(
    source: Path, comments: bool, hidden: tuple[str, ...] = (), event: Event | None = None
) -> Callable[[], bytes]:
    """Reads a record, drops its comments (unless kept) and its related items to the
    hidden records, when the writer needs the copy's bytes."""

    def read() -> bytes:
        text = source.read_text(encoding="utf-8")
        if hidden and event is not None:
            text = without_related(text, hidden, event)
        return (text if comments else without_comments(text)).encode("utf-8")

    return read


def generate(
    settings: Settings,
    cache: Cache | None = None,
    archive: Archive | None = None,
    progress: Report = quiet,
) -> Generated:
    """Validate (raising ValidationFailed with every problem), render, write briefs/.

    With a cache, unchanged records are not parsed again and unchanged briefs are not
    rendered again; the cache is saved after a successful run. progress hears each stage.
    """
    # Refused before anything is read or written: a linked or foreign briefs/ folder.
    claim(settings.briefs_dir, BRIEFS, settings.root, "briefs")
    if archive is None:  # else validated a moment ago by the caller (briefing build)
        archive = load_archive(settings, cache=cache, progress=progress)
    manifest = cache.manifest() if cache is not None else None
    files = counted(files_for(archive, settings, cache), len(archive.published), progress)
    written = write_tree(files, settings.briefs_dir, manifest)
    if cache is not None and manifest is not None:
        progress("saving the cache", 0, 0)
        cache.save()
        cache.save_manifest(manifest)
    return Generated(archive, written)
