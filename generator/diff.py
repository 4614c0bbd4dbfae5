"""`briefing diff`: what a change does to the records, as Markdown for a review comment.

Reads records at two git revisions (read-only `git ls-tree` / `git cat-file`), compares
them by id and summarises additions, removals, retractions and per-record field changes.
A pull request may carry hostile text into the comment, so the comparison keeps record
text apart from the summary's own words (`Text`), and only the Markdown output decides how
it is shown: each piece in a code span it cannot leave, where GitHub neither mentions,
links, formats nor turns shortcodes into emoji. The output is bounded in lines and
characters (a GitHub comment holds at most 65,536), and no file over the loader's size
limit is read.
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
from generator.errors import BriefingError, Diagnostic
from generator.load import MAX_BYTES, load_bytes
from generator.model import Event
from generator.vocab import Status

EVENTS = "seeds/events"
#: The comment stops at whichever comes first; the rest is counted, not shown.
MAX_LINES = 1_000
MAX_CHARS = 60_000
#: One piece of record text in the comment, in characters.
MAX_TEXT = 200


class Text(str):
    """Record text (titles, ids, names, paths, messages quoting a record): data, never
    Markdown."""


#: A line of the summary: its own words (str) and record text (Text), in order.
Line = tuple[str, ...]


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


def _statement_key(event: Event, claim_index: int, index: int) -> Text:
    st = event.claims[claim_index].statements[index]
    who = (
        event.actors[st.attributed_to].name if st.attributed_to in event.actors else "unattributed"
    )
    return Text(f"{who} via {', '.join(st.reported_by)}")


def _value(value: object) -> Text:
    return Text(getattr(value, "value", value))


def changes(old: Event, new: Event) -> list[Line]:
    lines: list[Line] = []
    for name in ("title", "date", "status", "event_type", "sub_event_type", "fatalities"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            lines.append((f"{name}: ", _value(a), " → ", _value(b)))
    old_claims = {c.id: c for c in old.claims}
    new_claims = {c.id: c for c in new.claims}
    added = sorted(set(new_claims) - set(old_claims))
    removed = sorted(set(old_claims) - set(new_claims))
    if added:
        lines.append(("claims added: ", Text(", ".join(added))))
    if removed:
        lines.append(("claims removed: ", Text(", ".join(removed))))
    for cid in sorted(set(old_claims) & set(new_claims)):
        a, b = old_claims[cid], new_claims[cid]
        if a.credibility != b.credibility:
            lines.append(
                (
                    "claim ",
                    Text(cid),
                    ": credibility ",
                    _value(a.credibility),
                    " → ",
                    _value(b.credibility),
                )
            )
        old_st = {
            _statement_key(old, old.claims.index(a), i): s for i, s in enumerate(a.statements)
        }
        new_st = {
            _statement_key(new, new.claims.index(b), i): s for i, s in enumerate(b.statements)
        }
        for key in sorted(set(old_st) & set(new_st)):
            if old_st[key].stance != new_st[key].stance:
                lines.append(
                    (
                        "claim ",
                        Text(cid),
                        ", ",
                        key,
                        ": stance ",
                        _value(old_st[key].stance),
                        " → ",
                        _value(new_st[key].stance),
                    )
                )
        if set(old_st) != set(new_st):
            lines.append(("claim ", Text(cid), f": statements {len(old_st)} → {len(new_st)}"))
    old_j = {(j.id or j.text): j for j in (old.assessment.judgments if old.assessment else [])}
    new_j = {(j.id or j.text): j for j in (new.assessment.judgments if new.assessment else [])}
    for key in sorted(set(old_j) | set(new_j)):
        a, b = old_j.get(key), new_j.get(key)
        if a is None:
            lines.append(("judgment added: ", Text(key)))
        elif b is None:
            lines.append(("judgment removed: ", Text(key)))
        elif a != b:
            line: Line = ("judgment ", Text(key), " changed")
            for i, f in enumerate(
                f for f in ("likelihood", "confidence") if getattr(a, f) != getattr(b, f)
            ):
                line += ("; " if i else ": ", f"{f} ", _value(getattr(a, f)), " → ")
                line += (_value(getattr(b, f)),)
            lines.append(line)
    other = [
        name
        for name in (
            "summary",
            "location",
            "actors",
            "sources",
            "tags",
            "related",
            "actions",
            "date_note",
        )
        if getattr(old, name) != getattr(new, name)
    ]
    if other:
        lines.append((f"also changed: {', '.join(other)}",))
    return lines


_SPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


def _visible(char: str) -> str:
    """Control and format characters (bidirectional overrides, zero-width, tag
    characters) shown as escapes, so the text reads as what it holds."""
    if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"}:
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def code(text: str) -> str:
    """Text as one inline code span nothing inside can end: a fence longer than any run
    of backticks in it, padded with a space each side when the text starts or ends with a
    backtick (CommonMark removes one of each); whitespace folds to single spaces so it
    stays on its line."""
    text = _SPACE.sub(" ", text).strip()
    text = "".join(map(_visible, text))
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + "…"
    if not text:
        return "(empty)"
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown(line: Line) -> str:
    return "".join(code(part) if isinstance(part, Text) else part for part in line)


def _bounded(lines: list[str], base: str, head: str) -> list[str]:
    """At most MAX_LINES lines and MAX_CHARS characters, cut between lines (a code span
    never spans two), the rest counted in a closing note."""
    kept: list[str] = []
    size = 0
    for number, line in enumerate(lines):
        size += len(line) + 1
        if number >= MAX_LINES or size > MAX_CHARS:
            rest = len(lines) - number
            command = code(f"briefing diff {base} {head}".strip())
            return [
                *kept,
                "",
                f"*{rest} more lines not shown: run {command} for the whole summary.*",
            ]
        kept.append(line)
    return kept


def summarise(root: Path, base: str, head: str | None) -> str:
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
    out = [markdown(("## Record changes: ", Text(base), " → ", Text(head_name))), ""]
    counts = (
        f"{len(added)} added, {len(removed)} removed, {len(retracted)} retracted, "
        f"{len(changed)} changed"
    )
    out += [f"**{counts}**", ""]

    def item(e: Event) -> Line:
        when = (" (", Text(e.date.iso), ", ", _value(e.status), ")")
        return ("- ", Text(e.id), " ", Text(e.title), *when)

    for title, ids, source in (
        ("Added", added, new),
        ("Removed", removed, old),
        ("Retracted", retracted, new),
    ):
        if ids:
            out += [f"### {title}", "", *(markdown(item(source[i])) for i in ids), ""]
    if changed:
        out += ["### Changed", ""]
        for event_id, lines in changed.items():
            out += [markdown(("#### ", Text(event_id))), ""]
            out += [*(markdown(("- ", *line)) for line in lines), ""]
    if after.invalid:
        out += [
            "### Invalid records",
            "",
            *(markdown(("- ", Text(p), ": ", Text(m))) for p, m in sorted(after.invalid.items())),
            "",
        ]
    if not (added or removed or changed or after.invalid):
        out += ["No record changes.", ""]
    return "\n".join(_bounded(out, base, head or ""))
