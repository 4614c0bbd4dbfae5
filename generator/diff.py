"""`briefing diff`: what a change does to the records, as Markdown for a review comment.

Reads records at two git revisions (read-only `git ls-tree` / `git show`), compares them by
id and summarises additions, removals, retractions and per-record field changes. Record
text is escaped: a pull request may carry hostile content into the comment.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.archive import parse_event
from generator.errors import BriefingError
from generator.escape import md
from generator.load import load_text
from generator.model import Event
from generator.vocab import Status

EVENTS = "seeds/events"


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
        raise BriefingError("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise BriefingError(
            f"git {' '.join(args)}: {exc.stderr.decode(errors='replace').strip()}"
        ) from None


def snapshot(root: Path, revision: str | None) -> Snapshot:
    """Records at a git revision, or in the working tree when revision is None."""
    events: dict[str, Event] = {}
    invalid: dict[str, str] = {}
    if revision is None:
        files = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / EVENTS).rglob("*.yaml"))
            if p.is_file()
        }
    else:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        names = _git(root, "ls-tree", "-r", "--name-only", revision, "--", EVENTS).decode()
        files = {
            n: _git(root, "show", f"{revision}:{n}")
            for n in names.splitlines()
            if n.endswith(".yaml")
        }
    for path, raw in files.items():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            invalid[path] = "not UTF-8"
            continue
        doc, problems = load_text(text, path)
        event = None
        if doc is not None and isinstance(doc.data, dict):
            event, problems = parse_event(doc)
        if event is None:
            invalid[path] = str(problems[0]) if problems else "not a record"
        else:
            events[event.id] = event
    return Snapshot(events, invalid)


def _statement_key(event: Event, claim_index: int, index: int) -> str:
    st = event.claims[claim_index].statements[index]
    who = (
        event.actors[st.attributed_to].name if st.attributed_to in event.actors else "unattributed"
    )
    return f"{who} via {', '.join(st.reported_by)}"


def changes(old: Event, new: Event) -> list[str]:
    lines: list[str] = []
    for name in ("title", "date", "status", "event_type", "sub_event_type", "fatalities"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            lines.append(f"{name}: {md(a)} → {md(b)}")
    old_claims = {c.id: c for c in old.claims}
    new_claims = {c.id: c for c in new.claims}
    added = sorted(set(new_claims) - set(old_claims))
    removed = sorted(set(old_claims) - set(new_claims))
    if added:
        lines.append(f"claims added: {md(', '.join(added))}")
    if removed:
        lines.append(f"claims removed: {md(', '.join(removed))}")
    for cid in sorted(set(old_claims) & set(new_claims)):
        a, b = old_claims[cid], new_claims[cid]
        if a.credibility != b.credibility:
            lines.append(f"claim {md(cid)}: credibility {a.credibility} → {b.credibility}")
        old_st = {
            _statement_key(old, old.claims.index(a), i): s for i, s in enumerate(a.statements)
        }
        new_st = {
            _statement_key(new, new.claims.index(b), i): s for i, s in enumerate(b.statements)
        }
        for key in sorted(set(old_st) & set(new_st)):
            if old_st[key].stance != new_st[key].stance:
                lines.append(
                    f"claim {md(cid)}, {md(key)}: stance {old_st[key].stance.value} → "
                    f"{new_st[key].stance.value}"
                )
        if set(old_st) != set(new_st):
            lines.append(f"claim {md(cid)}: statements {len(old_st)} → {len(new_st)}")
    old_j = {(j.id or j.text): j for j in (old.assessment.judgments if old.assessment else [])}
    new_j = {(j.id or j.text): j for j in (new.assessment.judgments if new.assessment else [])}
    for key in sorted(set(old_j) | set(new_j)):
        a, b = old_j.get(key), new_j.get(key)
        if a is None:
            lines.append(f"judgment added: {md(key)}")
        elif b is None:
            lines.append(f"judgment removed: {md(key)}")
        elif a != b:
            what = [
                f"{f} {getattr(a, f).value} → {getattr(b, f).value}"
                for f in ("likelihood", "confidence")
                if getattr(a, f) != getattr(b, f)
            ]
            lines.append(f"judgment {md(key)} changed" + (f": {'; '.join(what)}" if what else ""))
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
        lines.append(f"also changed: {', '.join(other)}")
    return lines


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
    out = [f"## Record changes: `{base}` → `{head_name}`", ""]
    counts = (
        f"{len(added)} added, {len(removed)} removed, {len(retracted)} retracted, "
        f"{len(changed)} changed"
    )
    out += [f"**{counts}**", ""]

    def item(e: Event) -> str:
        return f"- `{e.id}` {md(e.title)} ({e.date.iso}, {e.status.value})"

    for title, ids, source in (
        ("Added", added, new),
        ("Removed", removed, old),
        ("Retracted", retracted, new),
    ):
        if ids:
            out += [f"### {title}", "", *(item(source[i]) for i in ids), ""]
    if changed:
        out += ["### Changed", ""]
        for event_id, lines in changed.items():
            out += [f"#### `{event_id}`", "", *(f"- {line}" for line in lines), ""]
    if after.invalid:
        out += [
            "### Invalid records",
            "",
            *(f"- {md(p)}: {md(m)}" for p, m in sorted(after.invalid.items())),
            "",
        ]
    if not (added or removed or changed or after.invalid):
        out += ["No record changes.", ""]
    return "\n".join(out)
