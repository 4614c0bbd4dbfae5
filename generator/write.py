"""Stage 5, write: the one writer of briefs/ (MkDocs' docs_dir).

Writes only files whose bytes changed, removes files no record produces any more, and
never touches anything outside the target folder. Never renders. Files may come as a
stream, so no caller needs to hold every generated file at once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError

KEEP = {".gitkeep"}


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Made:
    """A file's content with a key of everything it is made from: the same key, the same
    bytes. content may be a function, called only when the file must be written."""

    key: str
    content: str | bytes | Callable[[], str | bytes]

    def data(self) -> str | bytes:
        return self.content() if callable(self.content) else self.content


Content = str | bytes | Made
Files = Mapping[str, Content] | Iterable[tuple[str, Content]]


#: What a previous write_tree left: name -> (sha256 of the bytes, size, mtime in ns, the
#: key it was made from or "").
Manifest = dict[str, tuple[bytes, int, int, str]]


def write_tree(files: Files, target: Path, manifest: Manifest | None = None) -> WriteResult:
    """Make target hold exactly files (plus .gitkeep), touching only what differs.

    files is a mapping or an iterable of (name, content): each file is written as it comes
    and only its name is kept, for the removal of files no longer produced. A name given
    twice is a bug of the caller (two pages for one path), reported, not silently merged.

    With a manifest (of the previous run, updated in place), a file whose size and mtime
    are those written then, and whose new bytes hash the same, is not read to compare; a
    file given as Made with the key it was written from then is not even made.
    """
    known = dict(manifest) if manifest is not None else None
    if manifest is not None:
        manifest.clear()
    if target.is_symlink():  # callers check more first (ownership.claim); this, always
        raise BriefingError(f"refusing to write through the symbolic link {target}")
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    base = str(target)  # paths as strings: pathlib's objects cost more than the calls
    names: set[str] = set()
    inside: set[str] = set()  # folders (names' parents) found to resolve inside target
    written: list[str] = []
    unchanged = 0
    for name, content in files.items() if isinstance(files, Mapping) else files:
        if name in names:
            raise BriefingError(f"two generated files share the path {name!r}")
        names.add(name)
        path = os.path.join(base, name)
        parent = os.path.dirname(path)
        # The folder must resolve inside target; a symlink as the file itself is replaced.
        folder = name.rpartition("/")[0]
        if folder not in inside:
            if ".." in Path(name).parts or not Path(parent).resolve().is_relative_to(root):
                raise BriefingError(f"refusing to write {name!r} outside {target}")
            if os.path.isdir(parent):  # checked again once made, below
                inside.add(folder)
        elif ".." in name.split("/"):
            raise BriefingError(f"refusing to write {name!r} outside {target}")
        try:
            status = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            status = None
        before = known.get(name) if known is not None else None
        key = ""
        if isinstance(content, Made):
            key = content.key
            if (
                key
                and before is not None
                and before[3:] == (key,)
                and status is not None
                and stat.S_ISREG(status.st_mode)
                and before[1:3] == (status.st_size, status.st_mtime_ns)
            ):
                unchanged += 1
                if manifest is not None:
                    manifest[name] = before
                continue
            content = content.data()
        data = content.encode("utf-8") if isinstance(content, str) else content
        hashed = hashlib.sha256(data).digest() if known is not None else b""
        if status is not None and stat.S_ISLNK(status.st_mode):
            os.unlink(path)
        elif status is not None and status.st_size == len(data):  # else it differs
            same = before is not None and before[:3] == (hashed, status.st_size, status.st_mtime_ns)
            try:
                if same or _read(path) == data:
                    unchanged += 1
                    if manifest is not None:
                        manifest[name] = (hashed, status.st_size, status.st_mtime_ns, key)
                    continue
            except IsADirectoryError:
                pass
        os.makedirs(parent, exist_ok=True)
        tmp = os.path.join(parent, f".{os.path.basename(path)}.tmp")
        with open(tmp, "wb") as out:
            out.write(data)
        os.replace(tmp, path)  # a new file, never written in place: the site links it
        written.append(name)
        if manifest is not None:
            after = os.stat(path)
            manifest[name] = (hashed, after.st_size, after.st_mtime_ns, key)
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


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()
