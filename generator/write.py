"""Stage 5, write: the one writer of briefs/ (MkDocs' docs_dir).

Writes only files whose bytes changed, removes files no record produces any more, and
never touches anything outside the target folder. Never renders. Files may come as a
stream, so no caller needs to hold every generated file at once.
"""

from __future__ import annotations

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


def write_tree(files: Files, target: Path) -> WriteResult:
    """Make target hold exactly files (plus .gitkeep), touching only what differs.

    files is a mapping or an iterable of (name, content): each file is written as it comes
    and only its name is kept, for the removal of files no longer produced. A name given
    twice is a bug of the caller (two pages for one path), reported, not silently merged.
    """
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
        if status is not None and stat.S_ISLNK(status.st_mode):
            path.unlink()
        elif status is not None and status.st_size == len(data):  # else it differs
            try:
                if path.read_bytes() == data:
                    unchanged += 1
                    continue
            except IsADirectoryError:
                pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(name)
    removed: list[str] = []
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
            continue
        if relative not in names and path.name not in KEEP:
            path.unlink()
            removed.append(relative)
    return WriteResult(tuple(sorted(written)), unchanged, tuple(sorted(removed)))
