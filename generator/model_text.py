"""Stage 2, model: the checks of record text, one field at a time: no control characters,
no bidirectional overrides or noncharacters, and in names and titles no character a
reader cannot see. Raises pydantic's errors with the fix; never looks across fields.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic_core import PydanticCustomError

# Bidirectional overrides and isolates can make text read differently from what it says.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

# Noncharacters are not for interchange, and YAML readers (the theme's front matter) refuse
# U+FFFE and U+FFFF: U+FDD0-U+FDEF and the last two code points of every plane.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_SUSPECT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_NONCHARACTERS}]")


def _code(char: str) -> str:
    """A character as a reader can look it up: 'U+200B ZERO WIDTH SPACE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def _check_text(value: str, *, single_line: bool) -> str:
    # Every _SUSPECT character is unprintable (Cc, Cf or Cn): the C check spares the regex.
    printable = value.isprintable() or value.replace("\n", "").replace("\t", "").isprintable()
    suspect = None if printable else _SUSPECT.search(value)
    for char in suspect.group() if suspect else "":
        if char in _BIDI:
            raise PydanticCustomError(
                "text",
                "contains the invisible bidirectional control {code}, which can make text "
                "read differently from what it says; delete it",
                {"code": _code(char)},
            )
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            raise PydanticCustomError(
                "text",
                "contains the control character {code}; delete it",
                {"code": _code(char)},
            )
        if unicodedata.category(char) == "Cn":
            raise PydanticCustomError(
                "text",
                "contains the noncharacter {code}, which is not meant for text; delete it",
                {"code": _code(char)},
            )
    if single_line and "\n" in value.strip():
        raise PydanticCustomError(
            "text", "must be a single line; join the lines or use a folded scalar (>-)"
        )
    if single_line and (not printable or _VARIATION.search(value)):
        _check_visible(value)
    return value.strip()


# Names, titles and labels identify: each of their characters must show. Format characters
# (Cf: zero-width spaces, bidirectional marks, tag characters), private-use (Co) and
# unassigned (Cn) code points and line or paragraph separators (Zl, Zp) are refused there.
# Prose (Text) keeps directional marks and soft hyphens, which mixed-script text needs.
_INVISIBLE = {"Cf", "Co", "Cn", "Zl", "Zp"}
# Zero-width (non-)joiners spell words of joining scripts (Persian, Indic) and emoji
# sequences: kept between two characters of such a word, never beside Latin or a space.
_JOINERS = "\u200c\u200d"
# A variation selector picks the glyph of the character before it; a run of them shows
# nothing and can smuggle data.
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _in_word(value: str, index: int) -> bool:
    if index == 0 or index == len(value) - 1:
        return False
    return all(
        not (c.isascii() or c.isspace() or unicodedata.name(c, "").startswith("LATIN "))
        for c in (value[index - 1], value[index + 1])
    )


def _check_visible(value: str) -> None:
    value = value.strip()
    for index, char in enumerate(value):
        if _VARIATION.match(char) and (index == 0 or _VARIATION.match(value[index - 1])):
            raise PydanticCustomError(
                "text",
                "contains the variation selector {code} (character {position}) with no "
                "character before it to vary, which can carry hidden text; delete it",
                {"code": _code(char), "position": index + 1},
            )
        if char.isprintable() or unicodedata.category(char) not in _INVISIBLE:
            continue
        if char in _JOINERS and _in_word(value, index):
            continue
        fix = "delete it"
        if char in _JOINERS:
            fix += " (a joiner is kept only inside a word of a non-Latin script or an emoji)"
        what = {
            "Co": "private-use character",
            "Cn": f"code point unassigned in Unicode {unicodedata.unidata_version}",
            "Zl": "line separator",
            "Zp": "paragraph separator",
        }.get(unicodedata.category(char), "invisible character")
        raise PydanticCustomError(
            "text",
            "contains the {what} {code} (character {position}), which a reader cannot see: "
            "names and titles must show every character they hold; {fix}",
            {"what": what, "code": _code(char), "position": index + 1, "fix": fix},
        )


def text(value: str) -> str:
    """Prose: checked, then stripped."""
    return _check_text(value, single_line=False)


def line(value: str) -> str:
    """A name, title or label: one line, every character visible; stripped."""
    return _check_text(value, single_line=True)
