"""The validated archive: every record and the outlet registry, loaded and checked together.

Runs load -> model -> checks over a whole project and either returns an Archive or raises
ValidationFailed with every diagnostic of every file. Never prints.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from generator import cache as cache_module
from generator import checks
from generator.cache import Cache, digest, no_gc
from generator.config import Settings
from generator.errors import Diagnostic, ValidationFailed, display_path
from generator.explain import explain
from generator.load import Document, load_bytes, read_file
from generator.model import Event, Outlet, Registry
from generator.progress import Report, quiet
from generator.reading import MAX_BYTES, read_bytes, read_limited
from generator.record import Record

#: What load_archive tells its progress report.
VALIDATING = "validating records"


@dataclass(frozen=True)
class Archive:
    """All valid records, newest first, and the outlets they cite."""

    records: tuple[Record, ...]
    outlets: dict[str, Outlet]

    @cached_property
    def published(self) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.event.published)

    @cached_property
    def by_id(self) -> dict[str, Record]:
        return {r.event.id: r for r in self.records}


def event_files(settings: Settings) -> list[Path]:
    """Every file below seeds/events/, sorted; non-YAML files are reported by checks."""
    if not settings.events_dir.is_dir():
        return []
    found: list[Path] = []
    # os.walk knows files from folders without a stat each; symlinks are listed, never
    # followed (a symlinked folder is reported as a misplaced file, as any symlink).
    for folder, folders, names in os.walk(settings.events_dir):
        base = Path(folder)
        found += [base / name for name in names]
        found += [base / name for name in folders if os.path.islink(os.path.join(folder, name))]
    return sorted(found)


def _shown_event_files(settings: Settings) -> list[tuple[Path, str]]:
    """event_files() with each one's display_path, joined to the folder's (pathlib's
    relative_to costs more than parsing a small record)."""
    files = event_files(settings)
    folder = str(settings.events_dir)
    shown = display_path(settings.events_dir, settings.root)
    return [(path, shown + str(path)[len(folder) :].replace(os.sep, "/")) for path in files]


def parse_event(doc: Document) -> tuple[Event | None, list[Diagnostic]]:
    try:
        return Event.model_validate(doc.data), []
    except ValidationError as error:
        return None, explain(error, doc, Event)


def load_outlets(settings: Settings) -> tuple[dict[str, Outlet], list[Diagnostic]]:
    shown = display_path(settings.outlets_path, settings.root)
    if not settings.outlets_path.exists():
        return {}, [
            Diagnostic(
                shown,
                1,
                1,
                "the outlet registry is missing: create "
                "seeds/outlets.yaml with one entry per publisher",
            )
        ]
    doc, problems = read_file(settings.outlets_path, shown)
    if doc is None:
        return {}, problems
    wrapped = Document(
        doc.path,
        {"outlets": doc.data},
        {("outlets", *k): v for k, v in doc.values.items()},
        {("outlets", *k): v for k, v in doc.keys.items()},
    )
    try:
        return Registry.model_validate(wrapped.data).outlets, []
    except ValidationError as error:
        found = explain(error, wrapped, Registry)
        return {}, [
            Diagnostic(d.path, d.line, d.col, d.message, d.field.removeprefix("outlets."))
            for d in found
        ]


def load_event(path: Path, shown: str) -> tuple[Event | None, list[Diagnostic], str]:
    """One record file -> its event or its diagnostics (positions are read only on error),
    and the digest of the bytes that were parsed ("" when the file could not be read)."""
    raw, problems = read_bytes(path, shown)
    if raw is None:
        return None, problems, ""
    doc, problems = load_bytes(raw, path, shown, positions=False)
    if doc is None:
        return None, problems, digest(raw)
    event, found = parse_event(doc)
    return event, problems + found, digest(raw)


#: A file's event, its load diagnostics, its checks' diagnostics and its digest.
Loaded = tuple[Event | None, list[Diagnostic], list[Diagnostic], str]


def _load_chunk(
    files: list[tuple[Path, str]], outlets: dict[str, Outlet], settings: Settings, light: bool
) -> list[Loaded]:
    """Load files and check each event on its own (checks.check_record), where it was parsed."""
    done: list[Loaded] = []
    with no_gc():
        for path, shown in files:
            event, found, key = load_event(path, shown)
            checked: list[Diagnostic] = []
            if event is not None:
                record = Record(event, shown, Document(shown, None, source=path), key)
                checked = checks.check_record(record, outlets, settings)
                if light:
                    event = _outline(event)
            done.append((event, found, checked, key))
    return done


def _outline(event: Event) -> Event:
    """What the checks across records and the archive's order read of a checked event:
    a fraction of the cost of sending the whole record back from a worker."""
    return Event.model_construct(
        **_OUTLINE_DEFAULTS,
        id=event.id,
        date=event.date,
        status=event.status,
        related=event.related,
    )


#: The other fields an outline has, given outright: model_construct copies each default
#: it fills in itself (a dozen deep copies per record). Outlines are never changed.
_OUTLINE_DEFAULTS = {
    name: field.default
    for name, field in Event.model_fields.items()
    if name not in ("id", "date", "status", "related") and not field.is_required()
}


#: Below this many files to parse, a process pool costs more than it saves.
POOL_THRESHOLD = 200


def _load_many(
    files: list[tuple[Path, str]],
    outlets: dict[str, Outlet],
    settings: Settings,
    light: bool,
    done: Callable[[int], None] = lambda count: None,
) -> list[Loaded]:
    """Parse and validate files, on every core when there are many (results in order).

    This process works as well, on the last chunks, which it takes back from the pool
    until it meets the chunks a worker has started: no core idles while results come in,
    and what this process parses is never pickled. done hears how many files are loaded.
    """
    cores = min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else 1
    if len(files) < POOL_THRESHOLD or cores < 2:
        return _load_chunk(files, outlets, settings, light)  # quick: no progress to tell
    # fork is cheapest, but not safe once other threads hold locks (mkdocs serve).
    method = "fork" if threading.active_count() == 1 else "spawn"
    size = min(200, max(16, len(files) // (cores * 8)))  # small chunks even out the end
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context(method)
    loaded: dict[int, list[Loaded]] = {}
    with ProcessPoolExecutor(max_workers=cores - 1, mp_context=context) as pool:
        futures = [pool.submit(_load_chunk, chunk, outlets, settings, light) for chunk in chunks]
        for index in reversed(range(len(chunks))):
            if not futures[index].cancel():  # a worker has it, and every chunk before it
                break
            loaded[index] = _load_chunk(chunks[index], outlets, settings, light)
            finished = [i for i, f in enumerate(futures) if i in loaded or f.done()]
            done(sum(len(chunks[i]) for i in finished))
        results: list[Loaded] = []
        for index, future in enumerate(futures):
            results += loaded[index] if index in loaded else future.result()
            done(len(results) + sum(len(chunks[i]) for i in loaded if i > index))
        return results


#: While a process rebuilds (a live preview), what it found of files it read before:
#: their digests by stat, and check_record's findings by everything they depend on.
_DIGESTS: dict[Path, tuple[int, int, int, str]] = {}
_CHECKED: dict[tuple[str, str, str], list[Diagnostic]] = {}


def _digest_of(path: Path) -> str:
    """sha256 of a file's bytes ("" if unreadable or too large, so its loading reports
    it); by stat alone when read before here."""
    keeping = cache_module.keeping()
    try:
        status = path.stat()
        signature = (status.st_mtime_ns, status.st_size, status.st_ino)
        known = _DIGESTS.get(path) if keeping else None
        if known is not None and known[:3] == signature:
            return known[3]
        raw, size = read_limited(path)
    except OSError:
        return ""
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        return ""  # never cached: loading it reports its size
    key = digest(raw)
    if keeping:
        _DIGESTS[path] = (*signature, key)
    return key


def _checked(
    record: Record, outlets: dict[str, Outlet], settings: Settings, context: str
) -> list[Diagnostic]:
    """checks.check_record, remembered while this process rebuilds (context is "" else)."""
    if not context:
        return checks.check_record(record, outlets, settings)
    memo = (record.digest, record.path, context)
    found = _CHECKED.get(memo)
    if found is None:
        found = _CHECKED[memo] = checks.check_record(record, outlets, settings)
    return found


def load_archive(
    settings: Settings,
    only: list[Path] | None = None,
    cache: Cache | None = None,
    *,
    light: bool = False,
    progress: Report = quiet,
) -> Archive:
    """Load and check the whole project; raise ValidationFailed listing every problem.

    With ``only``, all files are still read (ids must be unique across the archive) but
    only diagnostics for those files are reported. With a cache, records whose bytes were
    validated before are taken from it; the rest are parsed, on several cores if many.
    ``light`` (validation alone, no cache): every rule is checked the same, but the
    archive's events keep only their id, date, status and related records.
    progress hears "validating records" with the count of records read.
    """
    if light and cache is not None:
        raise ValueError("a light archive has nothing to cache")
    outlets, problems = load_outlets(settings)
    problems.extend(cache_module.committed(settings.root))
    context = repr((sorted(outlets.items()), settings)) if cache_module.keeping() else ""
    records: list[Record] = []
    # Ids of records that exist but failed to load: their own diagnostics say why, so
    # references to them from other records are not reported as unknown ids as well.
    unloaded: set[str] = set()
    found_at: dict[str, int] = {}  # records stay in file order, cached or not
    missed: list[tuple[Path, str]] = []
    with no_gc():
        files = _shown_event_files(settings)
        progress(VALIDATING, 0, len(files))
        for count, (path, shown) in enumerate(files):
            if count % 256 == 0:
                progress(VALIDATING, count - len(missed), len(files))
            if path.suffix != ".yaml" or path.is_symlink():
                problems.append(checks.misplaced_file(path, shown))
                continue
            found_at[shown] = len(found_at)
            if cache is not None:
                key = _digest_of(path)
                event = cache.records.get(key) if key else None
                if event is not None:
                    record = Record(event, shown, Document(shown, None, source=path), key)
                    records.append(record)
                    problems.extend(_checked(record, outlets, settings, context))
                    continue
            missed.append((path, shown))
        read, total = len(files) - len(missed), len(files)
        loaded = _load_many(
            missed, outlets, settings, light, lambda done: progress(VALIDATING, read + done, total)
        )
        progress(VALIDATING, len(files), len(files))
        for (path, shown), (event, found, checked, key) in zip(missed, loaded, strict=True):
            problems.extend(found)
            problems.extend(checked)
            if event is None:
                unloaded.add(path.stem)
                continue
            records.append(Record(event, shown, Document(shown, None, source=path), key))
            if cache is not None and key and not found:
                cache.records.put(key, event)
        # Still without the collector: its first pass would walk every object just loaded.
        records.sort(key=lambda r: found_at[r.path])
        problems.extend(checks.check_across(records, unloaded=unloaded))
        if only is not None:
            wanted = {display_path(p, settings.root) for p in only}
            problems = [
                d
                for d in problems
                if d.path in wanted or any(d.path.startswith(w.rstrip("/") + "/") for w in wanted)
            ]
        if problems:
            raise ValidationFailed(problems)
        records.sort(key=lambda r: (r.event.date.first_day(), r.event.id), reverse=True)
        return Archive(tuple(records), outlets)
