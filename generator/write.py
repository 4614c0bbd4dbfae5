"""Stage 5, write: the one writer of briefs/ (MkDocs' docs_dir).

Writes only files whose bytes changed, removes files no record produces any more, and
never touches anything outside the target folder. Never renders. Files may come as a
stream, so no caller needs to hold every generated file at once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError

KEEP = {".gitkeep"}


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


Files = Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]


#: What a previous write_tree left: name -> (sha256 of the bytes, size, mtime in ns).
Manifest = dict[str, tuple[bytes, int, int]]


def write_tree(files: Files, target: Path, manifest: Manifest | None = None) -> WriteResult:
    """Make target hold exactly files (plus .gitkeep), touching only what differs.

    files is a mapping or an iterable of (name, content): each file is written as it comes
    and only its name is kept, for the removal of files no longer produced. A name given
    twice is a bug of the caller (two pages for one path), reported, not silently merged.

    With a manifest (of the previous run, updated in place), a file whose size and mtime
    are those written then, and whose new bytes hash the same, is not read to compare.
    """
    known = dict(manifest) if manifest is not None else None
    if manifest is not None:
        manifest.clear()
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    names: set[str] = set()
    inside: set[str] = set()  # folders (names' parents) found to resolve inside target
    written: list[str] = []
    unchanged = 0
    for name, content in files.items() if isinstance(files, Mapping) else files:
        if name in names:
            raise BriefingError(f"two generated files share the path {name!r}")
        names.add(name)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = target / name
        # The folder must resolve inside target; a symlink as the file itself is replaced.
        folder = name.rpartition("/")[0]
        if folder not in inside:
            if ".." in Path(name).parts or not path.parent.resolve().is_relative_to(root):
                raise BriefingError(f"refusing to write {name!r} outside {target}")
            if path.parent.is_dir():  # checked again once made, below
                inside.add(folder)
        elif ".." in name.split("/"):
            raise BriefingError(f"refusing to write {name!r} outside {target}")
        try:
            status = path.lstat()
        except (FileNotFoundError, NotADirectoryError):
            status = None
        hashed = hashlib.sha256(data).digest() if known is not None else b""
        if status is not None and stat.S_ISLNK(status.st_mode):
            path.unlink()
        elif status is not None and status.st_size == len(data):  # else it differs
            before = known.get(name) if known is not None else None
            same = before == (hashed, status.st_size, status.st_mtime_ns)
            try:
                if same or path.read_bytes() == data:
                    unchanged += 1
                    if manifest is not None:
                        manifest[name] = (hashed, status.st_size, status.st_mtime_ns)
                    continue
            except IsADirectoryError:
                pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(name)
        if manifest is not None:
            after = path.stat()
            manifest[name] = (hashed, after.st_size, after.st_mtime_ns)
    removed: list[str] = []
    # Deepest first, so a folder emptied of stale files is removed too; symlinks, to
    # folders as well, are files here: removed, never followed.
    for folder, subfolders, entries in os.walk(target, topdown=False):
        here = Path(folder)
        prefix = here.relative_to(target).as_posix() + "/" if here != target else ""
        for entry in [*entries, *(d for d in subfolders if (here / d).is_symlink())]:
            relative = prefix + entry
            if relative not in names and entry not in KEEP:
                (here / entry).unlink()
                removed.append(relative)
        if here != target and not any(here.iterdir()):
            here.rmdir()
    return WriteResult(tuple(sorted(written)), unchanged, tuple(sorted(removed)))
