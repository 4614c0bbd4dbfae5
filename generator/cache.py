"""Reuse between runs: validated records, rendered briefs and pictures, keyed by their inputs.

Entries are pickles, which run code when read, so they never live where a pull request
can put files: they live in this user's cache folder ($BRIEFING_CACHE_DIR, else
$XDG_CACHE_HOME/briefing, else ~/.cache/briefing), in a folder per project named by the
sha256 of its absolute path, then in a folder named after a fingerprint of the
generator's own code and library versions, so an upgrade never reuses an old entry. A
cache folder that is a symlink, is not this user's or that others may write is not used.
Keys hash the inputs (record bytes, outlets, templates, settings). A missing, refused,
stale or unreadable cache only makes a run slower. Never prints.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.config import PACKAGE_DIR
from generator.errors import Diagnostic

#: The environment variable naming the folder of every project's caches.
ENV = "BRIEFING_CACHE_DIR"
#: Where caches lived inside a project before: never read, and an error when committed.
OLD_FOLDER = ".cache"
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


def user_folder() -> Path:
    """Where this user's caches of every project live (none of them is read from a project)."""
    chosen = os.environ.get(ENV)
    if chosen:
        return Path(os.path.abspath(os.path.expanduser(chosen)))
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # the XDG rule
    return base / "briefing"


def project_folder(root: Path) -> Path:
    """The folder of one project's caches: named by the sha256 of its absolute path."""
    return user_folder() / hashlib.sha256(os.fsencode(root.resolve())).hexdigest()


def folder_for(root: Path) -> Path | None:
    """This version's cache folder of a project, made (mode 0700) if missing; None when it,
    the project's folder or the user's cache folder may hold what another user put there
    (a symlink, another owner, writable by group or others): then nothing is cached."""
    folders = (user_folder(), project_folder(root), project_folder(root) / fingerprint())
    for folder in folders:
        if not _private(folder):
            return None
    return folders[-1]


def _private(folder: Path) -> bool:
    """Whether folder is, or now is after making it, a folder only this user can write."""
    with contextlib.suppress(FileNotFoundError):
        return _owned(os.lstat(folder))
    try:
        _make(folder)
        return _owned(os.lstat(folder))
    except OSError:
        return False


def _owned(status: os.stat_result) -> bool:
    return (
        stat.S_ISDIR(status.st_mode)  # lstat: a symlink is not a folder
        and status.st_uid == os.geteuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _make(folder: Path) -> None:
    """Make a folder and its missing parents, each readable by this user alone."""
    if not folder.parent.exists():
        _make(folder.parent)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)


def committed(root: Path) -> list[Diagnostic]:
    """An error at the first file of a .cache/ folder the project's repository tracks (or,
    outside a repository, that holds a file under .cache/briefing/): a pull request can
    commit one, and older versions of the generator ran the code such a cache can hold."""
    if not os.path.lexists(root / OLD_FOLDER):
        return []  # the usual case, without running git
    tracked = _tracked(root)
    if tracked is None:  # no repository (or no git): any file of an old cache is reported
        first = _first_file(root / OLD_FOLDER / "briefing")
        if first is None:
            return []
        shown = first.relative_to(root).as_posix()
        found = "a cache folder is in the project"
        fix = f"delete it: rm -r {OLD_FOLDER}/briefing"
    elif tracked:
        shown = tracked[0]
        found = "a cache folder is committed (a pull request could put code in it)"
        fix = f"remove it from the repository: git rm -r --cached {OLD_FOLDER}"
    else:
        return []
    message = f"{found}: {fix}; the cache lives in {user_folder()}"
    return [Diagnostic(shown, 1, 1, message, OLD_FOLDER)]


def _tracked(root: Path) -> list[str] | None:
    """The files under .cache/ that git tracks, in git's order; None outside a repository."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", OLD_FOLDER],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    return [os.fsdecode(name) for name in listed.stdout.split(b"\0") if name]


def _first_file(folder: Path) -> Path | None:
    """The first file (or symlink) at or below folder in sorted order, links not followed."""
    if os.path.islink(folder) or os.path.isfile(folder):
        return folder
    for base, folders, names in os.walk(folder):
        folders.sort()
        entries = sorted(names + [f for f in folders if os.path.islink(os.path.join(base, f))])
        if entries:
            return Path(base) / entries[0]
    return None


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

    def __init__(self, folder: Path | None, *, prune: bool = True) -> None:
        self.folder = folder  # None: nothing is read or written
        self.prune = prune
        self._shards: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        self._used: set[str] = set()

    def _shard(self, key: str) -> dict[str, Any]:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            found = _read_shard(self.folder / f"{name}.pickle") if self.folder else {}
            shard = self._shards[name] = found
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
        if self.folder is None:
            return
        names = set(self._dirty)
        if self.prune:
            for name, shard in self._shards.items():
                stale = [k for k in shard if k not in self._used]
                for key in stale:
                    del shard[key]
                if stale:
                    names.add(name)
        try:
            _make(self.folder)
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
        base = folder_for(root)  # None: refused, so every store is empty and never saved
        self.root = base.parent if base else None
        self.records = Store(base / "records" if base else None)
        self.briefs = Store(base / "briefs" if base else None)
        self.pictures = Store(base / "pictures" if base else None)
        self.exports = Store(base / "exports" if base else None)
        self.listings = Store(base / "listings" if base else None)
        self._manifest = base / "written.pickle" if base else None

    def save(self) -> None:
        self.records.save()
        self.briefs.save()
        self.pictures.save()
        self.exports.save()
        self.listings.save()
        self._remove_other_versions()

    def manifest(self) -> dict[str, Any]:
        """What the last run wrote to briefs/ (see write.write_tree); empty if unknown."""
        if self._manifest is None:
            return {}
        with contextlib.suppress(Exception):  # missing, unreadable or foreign: start afresh
            loaded = pickle.loads(self._manifest.read_bytes())
            if isinstance(loaded, dict):
                return loaded
        return {}

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        if self._manifest is None:
            return
        with contextlib.suppress(OSError):
            _make(self._manifest.parent)
            fd, tmp = tempfile.mkstemp(prefix=".written.", dir=self._manifest.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self._manifest)

    def _remove_other_versions(self) -> None:
        if self.root is None:
            return
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
