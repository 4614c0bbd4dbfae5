"""Output folders: the generator replaces the contents of a folder only if it made it.

briefs/, the site and `render --out` are written only when the folder is missing, empty
(a .gitkeep aside) or carries MARKER, the file the generator puts in every output folder
it makes; never when the folder is a symbolic link, the project or a folder holding it,
or inside the project's inputs. Checked before anything is written. Never deletes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import BriefingError, display_path

#: In every output folder the generator makes; hidden, so neither MkDocs nor git sees it.
MARKER = ".briefing-output"
BRIEFS = "briefs"
SITE = "site"
_WHAT = {BRIEFS: "Markdown briefs", SITE: "a site"}
#: Kept by an output folder the generator has not made yet (git keeps empty folders so).
_EMPTY = {".gitkeep"}
#: Project folders that no output may replace or enter: the inputs, and git's own.
_INPUTS = ("seeds", "templates", ".git")

#: How to get out of a refusal, by the name under which the folder was given.
_FIXES = {
    "briefs": "Remove it: briefs/ is generated, and a missing or empty folder will do.",
    "site": "Remove it, or build elsewhere with --site-dir.",
    "--site-dir": "Choose a new or empty folder.",
    "--out": "Choose a new or empty folder.",
    "site_dir": "Set site_dir in mkdocs.yml (or -d) to a new or empty folder.",
}


def marker_text(kind: str) -> str:
    """MARKER's content: its first line says which kind of output the folder holds."""
    return (
        f"briefing-output: {kind}\n"
        "# This folder is made by the briefing generator, which replaces everything in it\n"
        "# on each build. Do not keep other files here: they would be deleted.\n"
    )


def claim(folder: Path, kind: str, project: Path, label: str) -> None:
    """Raise a BriefingError, naming folder as label and the fix, unless the generator
    may replace folder's contents with output of kind (BRIEFS or SITE). Writes nothing."""
    shown = display_path(folder, project)
    fix = _FIXES.get(label, "Choose a new or empty folder.")

    def refused(why: str) -> BriefingError:
        return BriefingError(f"{label}: '{shown}' {why}. {fix}")

    try:
        status: os.stat_result | None = os.lstat(folder)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise refused(f"cannot be read ({error.strerror or error})") from None
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise refused(
            "is a symbolic link; the generator writes only into a real folder it made, "
            "never through a link"
        )
    where, root = folder.resolve(), project.resolve()
    if root.is_relative_to(where):
        held = "is the project folder" if where == root else "holds the project"
        raise refused(f"{held}; the generator would replace it with its output")
    guarded = [*_INPUTS, *((BRIEFS,) if kind == SITE else ())]
    for name in guarded:  # by name: a linked input is refused where it is read
        if where.is_relative_to(root / name):
            raise refused(f"is in the project's {name}/, which no build output may replace")
    if status is None:
        return
    if not stat.S_ISDIR(status.st_mode):
        raise refused("is a file, not a folder")
    try:
        entries = sorted(set(os.listdir(folder)) - _EMPTY)
    except OSError as error:
        raise refused(f"cannot be read ({error.strerror or error})") from None
    if not entries:
        return
    made = _made_as(folder / MARKER) if MARKER in entries else None
    if made is None:
        shown_entries = ", ".join(repr(e) for e in entries[:3])
        more = f" and {len(entries) - 3} more" if len(entries) > 3 else ""
        raise refused(
            f"holds files the generator did not make ({shown_entries}{more}); it replaces "
            f"only a folder it made (one with {MARKER}) or an empty one"
        )
    if made != kind:
        raise refused(f"holds {_WHAT.get(made, made)} made by the generator, not {_WHAT[kind]}")


def mark(folder: Path, kind: str) -> None:
    """Make folder (claimed a moment ago) and put MARKER in it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MARKER
    if path.is_symlink():
        path.unlink()
    data = marker_text(kind).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.write_bytes(data)


def _made_as(path: Path) -> str | None:
    """The kind a marker names, or None unless it is a regular file in MARKER's format."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with path.open("rb") as handle:
            first = handle.readline(200)
    except OSError:
        return None
    prefix = b"briefing-output: "
    if not first.startswith(prefix) or not first.endswith(b"\n"):
        return None
    kind = first[len(prefix) : -1].decode("ascii", "replace")
    return kind if kind in _WHAT else None
