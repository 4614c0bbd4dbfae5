"""Published copies of records (records/<id>.yaml in the site): the reviewed file with its
YAML comments removed, since comments are where analysts keep internal notes. Everything
else stays byte for byte as reviewed. Pure text in, text out; never reads or writes files.
"""

from __future__ import annotations

import yaml

_BLOCK_STYLES = ("|", ">")


def _spans(text: str) -> list[tuple[int, int]]:
    """Character ranges that belong to YAML tokens (scalars, keys, indicators): a '#'
    inside one of them is text, not a comment. A block scalar's header line is left out,
    as a comment may follow its indicator there."""
    spans = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
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
