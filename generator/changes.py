"""What changed between two versions of one record, as lines for `briefing diff`.

Pure comparison (no git, no output format): every changed field gives its old and new
value, nested fields as dotted paths (`location.name`, `actors.ru_svr.position`,
`related[1].note`). Record text stays apart from the summary's own words (`Text`), so
that only the renderer in diff.py decides how it is shown.
"""

from __future__ import annotations

from typing import Any

from generator.model import Event

#: Text to show as absent (a field left out, or null).
NONE = "(none)"


class Text(str):
    """Record text (titles, ids, keys, values, messages quoting a record): data, never
    Markdown."""


#: A line of the summary: its own words (str) and record text (Text), in order.
Line = tuple[str, ...]
#: A field's place below a record, claim or statement: field names (own words), keys
#: (record text, Text) and list indexes.
Path = tuple[str | int, ...]


def _path(path: Path) -> Line:
    """`actors.` `ru_svr` `.position`: field names as own words, keys as record text."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif isinstance(part, Text):
            out += ["." if out else "", part]
        else:
            out.append(f".{part}" if out else part)
    return tuple(piece for piece in out if piece)


def _shown(value: Any) -> str:
    """A scalar or a list of scalars as one piece of record text, or NONE."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return Text("true" if value else "false")
    if isinstance(value, list):
        return Text(", ".join(map(str, value))) if value else NONE
    return Text(value)


def _scalars(value: Any) -> bool:
    return not isinstance(value, dict | list) or all(
        not isinstance(item, dict | list) for item in value
    )


def field_changes(old: Any, new: Any, path: Path = ()) -> list[Line]:
    """`path: old → new` for each changed value below two dumped models (or parts of them);
    a mapping entry or list item that is only on one side is `added` or `removed`."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[Line] = []
        keyed = bool(path) and path[-1] in _KEYED
        for key in [*old, *(k for k in new if k not in old)]:
            part = Text(key) if keyed else key
            if key not in new:
                lines.append((*_path((*path, part)), ": removed"))
            elif key not in old:
                lines.append((*_path((*path, part)), ": added"))
            else:
                lines += field_changes(old[key], new[key], (*path, part))
        return lines
    if isinstance(old, list) and isinstance(new, list) and not (_scalars(old) and _scalars(new)):
        lines = []
        for index in range(max(len(old), len(new))):
            if index >= len(new):
                lines.append((*_path((*path, index)), ": removed"))
            elif index >= len(old):
                lines.append((*_path((*path, index)), ": added"))
            else:
                lines += field_changes(old[index], new[index], (*path, index))
        return lines
    if isinstance(old, dict) or isinstance(new, dict):  # a whole part added or removed
        return [(*_path(path), ": added" if old is None else ": removed")]
    return [(*_path(path), ": ", _shown(old), " → ", _shown(new))]


#: Mappings whose keys are the record's own names (actor and source keys).
_KEYED = {"actors", "sources"}


def _dump(model: Any, *exclude: str) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude=set(exclude))


def _statement_key(event: Event, claim_index: int, index: int) -> Text:
    st = event.claims[claim_index].statements[index]
    who = (
        event.actors[st.attributed_to].name if st.attributed_to in event.actors else "unattributed"
    )
    return Text(f"{who} via {', '.join(st.reported_by)}")


def _claim_changes(old: Event, new: Event) -> list[Line]:
    lines: list[Line] = []
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
        for change in field_changes(_dump(a, "id", "statements"), _dump(b, "id", "statements")):
            lines.append(("claim ", Text(cid), ": ", *_spaced(change)))
        old_st = {
            _statement_key(old, old.claims.index(a), i): s for i, s in enumerate(a.statements)
        }
        new_st = {
            _statement_key(new, new.claims.index(b), i): s for i, s in enumerate(b.statements)
        }
        for key in sorted(set(old_st) & set(new_st)):
            for change in field_changes(_dump(old_st[key]), _dump(new_st[key])):
                lines.append(("claim ", Text(cid), ", ", key, ": ", *_spaced(change)))
        if set(old_st) != set(new_st):
            lines.append(("claim ", Text(cid), f": statements {len(old_st)} → {len(new_st)}"))
    return lines


def _spaced(change: Line) -> Line:
    """`credibility: 1 → 2` as `credibility 1 → 2`, to follow `claim x: ` or `judgment x`."""
    for index, piece in enumerate(change):
        if type(piece) is str and piece == ": ":  # own words, not a value that reads ': '
            return (*change[:index], " ", *change[index + 1 :])
    return change


def _judgment_changes(old: Event, new: Event) -> list[Line]:
    lines: list[Line] = []
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
            for i, change in enumerate(field_changes(_dump(a, "id"), _dump(b, "id"))):
                line += ("; " if i else ": ", *_spaced(change))
            lines.append(line)
    return lines


def changes(old: Event, new: Event) -> list[Line]:
    """One line per change from old to new: fields in the record's order, then claims
    (by id, statements by speaker and outlets) and judgments (by id or text)."""
    lines = field_changes(_record_fields(old), _record_fields(new))
    return lines + _claim_changes(old, new) + _judgment_changes(old, new)


def _record_fields(event: Event) -> dict[str, Any]:
    data = _dump(event, "claims", "assessment")
    if event.assessment is not None:
        data["assessment"] = _dump(event.assessment, "judgments")
    else:
        data["assessment"] = None
    return data
