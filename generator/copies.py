"""Published copies of records (records/<id>.yaml in the site): the reviewed file with its
YAML comments removed, since comments are where analysts keep internal notes. Everything
else stays byte for byte as reviewed. Pure text in, text out; never reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

import yaml

from generator.model import Event

_BLOCK_STYLES = ("|", ">")
T = TypeVar("T")

# libyaml's scanner gives the same tokens and character indices as PyYAML's pure-Python
# one, about 15 times faster (60 ms -> 4 ms for a 700-line record); the pure one remains
# for a PyYAML built without libyaml and for a text libyaml refuses.
_FAST: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parsed(parse: Callable[[type], T]) -> T:
    """parse(loader) with libyaml's loader, or the pure one when libyaml refuses."""
    try:
        return parse(_FAST)
    except yaml.YAMLError:
        if _FAST is yaml.SafeLoader:
            raise
        return parse(yaml.SafeLoader)


def _tokens(text: str) -> list[yaml.Token]:
    return _parsed(lambda loader: list(yaml.scan(text, Loader=loader)))


def _compose(text: str) -> yaml.Node | None:
    return _parsed(lambda loader: yaml.compose(text, Loader=loader))


def _load(text: str) -> object:
    return _parsed(lambda loader: yaml.load(text, Loader=loader))  # only safe loaders


def _spans(text: str) -> list[tuple[int, int]]:
    """Character ranges that belong to YAML tokens (scalars, keys, indicators): a '#'
    inside one of them is text, not a comment. A block scalar's header line is left out,
    as a comment may follow its indicator there."""
    spans = []
    for token in _tokens(text):
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, yaml.ScalarToken) and token.style in _BLOCK_STYLES:
            header_end = text.find("\n", start)
            spans.append((start, start + 1))
            spans.append((header_end if header_end != -1 else end, end))
        elif end > start:
            spans.append((start, end))
    return spans


def without_comments(text: str) -> str:
    """The YAML document `text` without its comments: whole-line comments drop their
    line, trailing comments drop with the blanks before them."""
    spans = _spans(text)
    inside = bytearray(len(text) + 1)
    for start, end in spans:
        inside[start:end] = b"\1" * (end - start)
    out: list[str] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cut = next(
            (
                i
                for i, char in enumerate(body)
                if char == "#" and not inside[offset + i] and (i == 0 or body[i - 1] in " \t")
            ),
            None,
        )
        offset += len(line)
        if cut is None:
            out.append(line)
            continue
        kept = body[:cut].rstrip(" \t")
        if kept:
            out.append(kept + line[len(body) :])
    return "".join(out)


def without_related(text: str, hidden: Collection[str], event: Event) -> str:
    """The record `text` without the items of its `related:` list whose id is in `hidden`
    (records that are not published), the rest byte for byte. `event` is the record as
    the site shows it (public.public_event): when the list is not a plain block sequence,
    the copy is written from it instead, as YAML without comments."""
    try:
        cut = _cut_related(text, set(hidden))
        if cut is not None and _same_without(text, cut, set(hidden)):
            return cut
    except yaml.YAMLError:
        pass
    data = event.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _cut_related(text: str, hidden: set[str]) -> str | None:
    """Drop the hidden items' lines: from an item's '-' to the next item's '-' (to the
    item's last line for the last one); the whole key when no item is left. None when
    `related:` is not a block sequence of one '-' per item."""
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [(k, v) for k, v in root.value if getattr(k, "value", None) == "related"]
    if len(found) != 1 or not isinstance(found[0][1], yaml.SequenceNode):
        return None
    key, sequence = found[0]
    if sequence.flow_style:
        return None
    column, start, end = sequence.start_mark.column, sequence.start_mark.index, _end(sequence)
    dashes = [
        token.start_mark.line
        for token in _tokens(text)
        if isinstance(token, yaml.BlockEntryToken)
        and start <= token.start_mark.index < end
        and token.start_mark.column == column
    ]
    items = sequence.value
    if len(dashes) != len(items):
        return None
    last_line = _line_of(text, end - 1) + 1
    bounds = [*dashes, last_line]
    drop = [i for i, item in enumerate(items) if _item_id(item) in hidden]
    lines = text.splitlines(keepends=True)
    if len(drop) == len(items):
        gone = set(range(key.start_mark.line, last_line))
    else:
        gone = {n for i in drop for n in range(bounds[i], bounds[i + 1])}
    return "".join(line for n, line in enumerate(lines) if n not in gone)


def _end(node: yaml.Node) -> int:
    """Where the node's last token ends (a block node's own end mark lies past the comments
    and blank lines after it)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    children = node.value if isinstance(node, yaml.SequenceNode) else sum(node.value, ())
    return max((_end(child) for child in children), default=node.end_mark.index)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, max(index, 0))


def _item_id(item: yaml.Node) -> str | None:
    if isinstance(item, yaml.MappingNode):
        for k, v in item.value:
            if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode):
                return str(v.value)
    return None


def _same_without(text: str, cut: str, hidden: set[str]) -> bool:
    """Whether `cut` reads as `text` less the hidden related items, and nothing else."""
    before, after = _load(text), _load(cut)
    kept = [r for r in before["related"] if not (isinstance(r, dict) and r.get("id") in hidden)]
    if kept:
        before["related"] = kept
    else:
        del before["related"]
    return bool(before == after)
