"""Reuse between runs: validated records, rendered briefs and pictures, keyed by their inputs.

Entries live in .cache/briefing/ of the project (git-ignored), in a folder named after a
fingerprint of the generator's own code and library versions, so an upgrade never reuses
an old entry. Keys hash the inputs (record bytes, outlets, templates, settings). A
missing, stale or unreadable cache only makes a run slower. Never prints.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.config import PACKAGE_DIR

FOLDER = Path(".cache") / "briefing"
_LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "jinja2", "markupsafe", "pycountry")


@cache
def fingerprint() -> str:
    """Hash of the generator's code and packaged templates, and of the libraries it uses."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".j2") and path.is_file():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()[:20]


def digest(*parts: bytes | str) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode("utf-8") if isinstance(part, str) else part)
        found.update(b"\x00")
    return found.hexdigest()


class Store:
    """A persistent key -> value map in 256 pickle shards, so a change rewrites one shard.

    Entries not used since the store was opened are dropped when it is saved: the cache
    holds what the last full run needed, and does not grow with every edit.
    """

    def __init__(self, folder: Path, *, prune: bool = True) -> None:
        self.folder = folder
        self.prune = prune
        self._shards: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        self._used: set[str] = set()

    def _shard(self, key: str) -> dict[str, Any]:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            shard = self._shards[name] = _read_shard(self.folder / f"{name}.pickle")
        return shard

    def get(self, key: str) -> Any | None:
        value = self._shard(key).get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self._shard(key)[key] = value
        self._used.add(key)
        self._dirty.add(key[:2])

    def save(self) -> None:
        """Write the shards that changed (atomically, each on its own); ignore failures."""
        names = set(self._dirty)
        if self.prune:
            for name, shard in self._shards.items():
                stale = [k for k in shard if k not in self._used]
                for key in stale:
                    del shard[key]
                if stale:
                    names.add(name)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name in sorted(names):
                data = pickle.dumps(self._shards[name], protocol=pickle.HIGHEST_PROTOCOL)
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, self.folder / f"{name}.pickle")
                _remember(self.folder / f"{name}.pickle", self._shards[name])
        except OSError:
            return
        self._dirty.clear()


#: Shards already read by this process, with the file's stat: kept only while a live
#: preview rebuilds (keep_in_memory), since a one-off build needs the memory for MkDocs.
_READ: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def keep_in_memory(keep: bool = True) -> None:
    """Keep what the caches read in memory, for processes that rebuild (mkdocs serve)."""
    global _KEEP
    _KEEP = keep
    if not keep:
        _READ.clear()


_KEEP = False


def keeping() -> bool:
    """Whether this process rebuilds and keeps what it read (see keep_in_memory)."""
    return _KEEP


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _read_shard(path: Path) -> dict[str, Any]:
    """A shard from disk, or from memory while the file is the one read before."""
    signature = _signature(path)
    if signature is None:
        return {}
    known = _READ.get(path)
    if known is not None and known[0] == signature:
        return known[1]
    shard: dict[str, Any] = {}
    with contextlib.suppress(Exception):  # unreadable or foreign: start afresh
        loaded = pickle.loads(path.read_bytes())
        if isinstance(loaded, dict):
            shard = loaded
    if _KEEP:
        _READ[path] = (signature, shard)
    return shard


def _remember(path: Path, shard: dict[str, Any]) -> None:
    signature = _signature(path)
    if signature is not None and _KEEP:
        _READ[path] = (signature, shard)


class Cache:
    """The caches of one project: validated records, rendered briefs and listings, drawn
    pictures and each record's share of the data exports."""

    def __init__(self, root: Path) -> None:
        self.root = root / FOLDER
        base = self.root / fingerprint()
        self.records = Store(base / "records")
        self.briefs = Store(base / "briefs")
        self.pictures = Store(base / "pictures")
        self.exports = Store(base / "exports")
        self.listings = Store(base / "listings")
        self._manifest = base / "written.pickle"

    def save(self) -> None:
        self.records.save()
        self.briefs.save()
        self.pictures.save()
        self.exports.save()
        self.listings.save()
        self._remove_other_versions()

    def manifest(self) -> dict[str, Any]:
        """What the last run wrote to briefs/ (see write.write_tree); empty if unknown."""
        with contextlib.suppress(Exception):  # missing, unreadable or foreign: start afresh
            loaded = pickle.loads(self._manifest.read_bytes())
            if isinstance(loaded, dict):
                return loaded
        return {}

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self._manifest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".written.", dir=self._manifest.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self._manifest)

    def _remove_other_versions(self) -> None:
        with contextlib.suppress(OSError):
            for folder in self.root.iterdir():
                if folder.is_dir() and folder.name != fingerprint():
                    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that all stay alive.

    With thousands of records in memory each young-generation collection scans them all;
    loading makes no reference cycles worth collecting early.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
