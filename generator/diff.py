"""`briefing diff`: what a change does to the records, as Markdown for a review comment
or as plain text for a terminal.

Reads records at two git revisions (read-only `git ls-tree` / `git cat-file`), compares
them by id and summarises additions, removals, retractions and per-record field changes
(changes.py). A pull request may carry hostile text into the comment, so the comparison
keeps record text apart from the summary's own words (`Text`), and only the output decides
how it is shown: in Markdown each piece in a code span it cannot leave, where GitHub
neither mentions, links, formats nor turns shortcodes into emoji; in plain text as it is,
with control characters (terminal escapes among them) written as escapes. The output is
bounded in lines and characters (a GitHub comment holds at most 65,536), and no file over
the loader's size limit is read.
"""

from __future__ import annotations

import re
import stat
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.archive import parse_event
from generator.changes import Line, Text, changes
from generator.errors import BriefingError, Diagnostic
from generator.load import load_bytes
from generator.model import Event
from generator.reading import MAX_BYTES
from generator.vocab import Status

EVENTS = "seeds/events"
#: The comment stops at whichever comes first; the rest is counted, not shown.
MAX_LINES = 1_000
MAX_CHARS = 60_000
#: One piece of record text in the comment, in characters.
MAX_TEXT = 200


@dataclass(frozen=True)
class Snapshot:
    events: dict[str, Event]
    invalid: dict[str, str]  # path -> first problem


def _git(root: Path, *args: str) -> bytes:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=True, timeout=60
        ).stdout
    except FileNotFoundError:
        raise BriefingError("git is not installed: install git to compare revisions") from None
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.decode(errors="replace").strip() or f"exit code {exc.returncode}"
        raise BriefingError(f"git {' '.join(args)} failed: {reason}") from None


def _check_revision(root: Path, revision: str) -> None:
    """A readable error unless revision names a commit of the repository at root (git's
    own `rev-parse --quiet` says nothing about why)."""
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except BriefingError:
        raise BriefingError(
            f"{root} is not in a git repository: briefing diff compares git revisions; "
            "run it in a clone of the archive"
        ) from None
    try:
        if revision.startswith("-"):  # an option to git, never a revision
            raise BriefingError(revision)
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except BriefingError:
        raise BriefingError(
            f"no commit or branch {revision!r} in {root}: check the name with git log or git branch"
        ) from None


def _too_large(path: str, size: int) -> str:
    return str(
        Diagnostic(
            path,
            1,
            1,
            f"file is {size:,} bytes; records are limited to {MAX_BYTES:,} bytes: "
            "split the event or shorten notes",
        )
    )


_SYMLINK = "symbolic links are not read: replace the link with the file itself"


def _tree_files(root: Path, revision: str) -> Iterable[tuple[str, bytes | str]]:
    """(path, bytes or the problem) of each record file at a revision; a blob's size is
    read from git's object header (`ls-tree -l`) before the blob itself."""
    _check_revision(root, revision)
    listing = _git(root, "ls-tree", "-r", "-l", "-z", revision, "--", EVENTS)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")
        mode, kind, oid, size = meta.split()
        name = raw_name.decode("utf-8", errors="replace")
        if kind != b"blob" or not name.endswith(".yaml"):
            continue
        if mode == b"120000":
            yield name, str(Diagnostic(name, 1, 1, _SYMLINK))
        elif int(size) > MAX_BYTES:
            yield name, _too_large(name, int(size))
        else:
            yield name, _git(root, "cat-file", "blob", oid.decode())


def _working_files(root: Path) -> Iterable[tuple[str, bytes | str]]:
    for path in sorted((root / EVENTS).rglob("*.yaml")):
        name = path.relative_to(root).as_posix()
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            yield name, str(Diagnostic(name, 1, 1, _SYMLINK))
        elif not stat.S_ISREG(info.st_mode):
            continue
        elif info.st_size > MAX_BYTES:  # before reading it
            yield name, _too_large(name, info.st_size)
        else:
            yield name, path.read_bytes()


def snapshot(root: Path, revision: str | None) -> Snapshot:
    """Records at a git revision, or in the working tree when revision is None."""
    events: dict[str, Event] = {}
    invalid: dict[str, str] = {}
    files = _working_files(root) if revision is None else _tree_files(root, revision)
    for path, raw in files:
        if isinstance(raw, str):
            invalid[path] = raw
            continue
        doc, problems = load_bytes(raw, root / path, path)
        event = None
        if doc is not None and isinstance(doc.data, dict):
            event, problems = parse_event(doc)
        if event is None:
            invalid[path] = str(problems[0]) if problems else "not a record"
        else:
            events[event.id] = event
    return Snapshot(events, invalid)


def _value(value: object) -> Text:
    return Text(getattr(value, "value", value))


_SPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


def _visible(char: str) -> str:
    """Control and format characters (bidirectional overrides, zero-width, tag
    characters) shown as escapes, so the text reads as what it holds."""
    if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"}:
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def _clean(text: str) -> str:
    """Whitespace folded to single spaces (one line), control and format characters as
    escapes, at most MAX_TEXT characters."""
    text = "".join(map(_visible, _SPACE.sub(" ", text).strip()))
    return text[:MAX_TEXT] + "…" if len(text) > MAX_TEXT else text


def code(text: str) -> str:
    """Text as one inline code span nothing inside can end: a fence longer than any run
    of backticks in it, padded with a space each side when the text starts or ends with a
    backtick (CommonMark removes one of each); whitespace folds to single spaces so it
    stays on its line."""
    text = _clean(text)
    if not text:
        return "(empty)"
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plain(text: str) -> str:
    """Text as a terminal shows it: as written, on one line, escapes for control
    characters (so no terminal escape sequence runs), bounded like a code span."""
    return _clean(text) or "(empty)"


def markdown(line: Line) -> str:
    return "".join(code(part) if isinstance(part, Text) else part for part in line)


def text_line(line: Line) -> str:
    return "".join(plain(part) if isinstance(part, Text) else part for part in line)


#: A block of the summary: its kind (how each format marks it) and its line.
Block = tuple[str, Line]
_MARKDOWN = {"title": "## {}", "counts": "**{}**", "section": "### {}", "record": "#### {}"}
_PLAIN = {"title": "{}", "counts": "{}", "section": "{}:", "record": "{}"}


def _render(blocks: list[Block], fmt: str) -> list[str]:
    marks, show = (_MARKDOWN, markdown) if fmt == "markdown" else (_PLAIN, text_line)
    out: list[str] = []
    for kind, line in blocks:
        shown = show(line)
        out.append("- " + shown if kind == "item" else marks.get(kind, "{}").format(shown))
    return out


def _bounded(lines: list[str], base: str, head: str, fmt: str) -> list[str]:
    """At most MAX_LINES lines and MAX_CHARS characters, cut between lines (a code span
    never spans two), the rest counted in a closing note."""
    kept: list[str] = []
    size = 0
    for number, line in enumerate(lines):
        size += len(line) + 1
        if number >= MAX_LINES or size > MAX_CHARS:
            rest = len(lines) - number
            command = Text(f"briefing diff {base} {head}".strip())
            note: Line = (
                f"{rest} more line{'s' if rest != 1 else ''} not shown: run ",
                command,
                " for the whole summary.",
            )
            shown = markdown(note) if fmt == "markdown" else text_line(note)
            return [*kept, "", f"*{shown}*" if fmt == "markdown" else shown]
        kept.append(line)
    return kept


def summarise(root: Path, base: str, head: str | None, fmt: str = "markdown") -> str:
    """The summary of the record changes from base to head (None: the working tree), in
    fmt: "markdown" (for a review comment) or "text" (for a terminal)."""
    before, after = snapshot(root, base), snapshot(root, head)
    old, new = before.events, after.events
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    retracted = sorted(
        i
        for i in set(old) & set(new)
        if new[i].status is Status.RETRACTED and old[i].status is not Status.RETRACTED
    )
    changed = {i: changes(old[i], new[i]) for i in sorted(set(old) & set(new)) if old[i] != new[i]}
    head_name = head or "working tree"
    blank: Block = ("", ())
    out: list[Block] = [("title", ("Record changes: ", Text(base), " → ", Text(head_name)))]
    counts = (
        f"{len(added)} added, {len(removed)} removed, {len(retracted)} retracted, "
        f"{len(changed)} changed"
    )
    out += [blank, ("counts", (counts,)), blank]

    def item(e: Event) -> Block:
        when = (" (", Text(e.date.iso), ", ", _value(e.status), ")")
        return ("item", (Text(e.id), " ", Text(e.title), *when))

    for title, ids, source in (
        ("Added", added, new),
        ("Removed", removed, old),
        ("Retracted", retracted, new),
    ):
        if ids:
            out += [("section", (title,)), blank, *(item(source[i]) for i in ids), blank]
    if changed:
        out += [("section", ("Changed",)), blank]
        for event_id, lines in changed.items():
            out += [("record", (Text(event_id),)), blank]
            out += [*(("item", line) for line in lines), blank]
    if after.invalid:
        out += [("section", ("Invalid records",)), blank]
        out += [("item", (Text(p), ": ", Text(m))) for p, m in sorted(after.invalid.items())]
        out.append(blank)
    if not (added or removed or changed or after.invalid):
        out += [("", ("No record changes.",)), blank]
    return "\n".join(_bounded(_render(out, fmt), base, head or "", fmt))
