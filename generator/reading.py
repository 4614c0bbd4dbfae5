"""Stage 1, load: a file's bytes, within the size limit, decoded to text. Symbolic links,
unreadable, oversized, non-UTF-8, NUL-holding and empty files become located diagnostics,
never exceptions. Never parses YAML.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.errors import Diagnostic

MAX_BYTES = 1_000_000
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks libyaml counts
#: A line (as str.splitlines counts them) with something that is not a comment.
_CONTENT = re.compile("(?:^|(?<=[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))\\s*[^\\s#]", re.M)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of one file; symlinks and unreadable files become diagnostics."""
    if path.is_symlink():
        return None, [
            Diagnostic(
                shown, 1, 1, "symbolic links are not read: replace the link with the file itself"
            )
        ]
    try:
        raw, size = read_limited(path)
    except OSError as exc:
        return None, [Diagnostic(shown, 1, 1, f"cannot read the file: {exc.strerror}")]
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        return None, [too_large(shown, size if size > MAX_BYTES else None)]
    return raw, []


def read_limited(path: Path) -> tuple[bytes, int]:
    """A file's bytes and its size by stat: none when the size is over MAX_BYTES, and at
    most MAX_BYTES + 1 of them, so that a file growing meanwhile is still caught (a
    3 GB sparse record once took 47 s and 3.1 GB to be refused). Raises OSError."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return (b"" if size > MAX_BYTES else handle.read(MAX_BYTES + 1)), size


def too_large(path: str, size: int | None) -> Diagnostic:
    """size None: the file grew past the limit while it was read."""
    found = f"file is {size:,} bytes" if size is not None else "file grew while it was read"
    return Diagnostic(
        path,
        1,
        1,
        f"{found}; records are limited to {MAX_BYTES:,} bytes: split the event or shorten notes",
    )


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a file's bytes (a UTF-8 byte order mark dropped), or a diagnostic: too
    large, not UTF-8, a NUL byte, or nothing but blank lines and comments."""
    if len(raw) > MAX_BYTES:
        return None, [too_large(path, len(raw))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(raw[: exc.start].decode("utf-8"))  # columns count characters
        return None, [
            Diagnostic(
                path,
                line,
                col,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8: save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        line, col = line_col(text[: text.index("\x00")])
        return None, [Diagnostic(path, line, col, "file contains a NUL byte: it is not text")]
    if _CONTENT.search(text) is None:  # only blank lines and comments
        return None, [Diagnostic(path, 1, 1, "file is empty: write a YAML mapping of fields")]
    return text, []


def line_col(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows `before`, counted as libyaml does."""
    breaks = list(BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - start + 1
