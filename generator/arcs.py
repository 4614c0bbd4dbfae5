"""Drawing: the actor networks as arc diagrams, SVG written directly (no matplotlib).

One actor a row, its dot on a vertical line and its name beside it, so names never
overlap and are read at the size of the page's text; each link an arc on the other side
of the line, its relation told by colour, width and dash together. Record text (names,
the title) reaches the SVG only through _text, which escapes it. Never reads records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from generator.draw import text_size, text_width


@dataclass(frozen=True)
class Node:
    label: str
    colour: str


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    width: float
    style: str  # "-" solid, "--" dashed, ":" dotted, "-." dash-dotted
    colour: str


@dataclass(frozen=True)
class Key:
    """A legend entry: a node colour, or an edge style (width, line style, colour)."""

    label: str
    colour: str | None
    line: tuple[float, str, str] | None


#: Pictures 5 inches wide, their text at text_size(WIDTH) (see draw.text_size).
WIDTH = 360.0
SIZE = text_size(WIDTH)
LINE = round(SIZE * 1.25, 1)  # points between two lines of one name
ROW = round(SIZE * 1.8, 1)  # the least height of a row (a one-line name)
#: The line the dots sit on; arcs bulge to its left, names run to its right.
AXIS = 118.0
LABEL_X = AXIS + 10
LABEL_WIDTH = WIDTH - LABEL_X - 4
RADIUS = 4.5
#: Dash patterns in points; dotted and dash-dotted lines have round caps (dots).
DASHES = {"-": "", "--": "7 3.5", ":": "0.01 4.6", "-.": "10 4.6 0.01 4.6"}
FONT = "DejaVu Sans, Verdana, sans-serif"


def _lines(label: str) -> list[str]:
    """A name in at most two lines that fit LABEL_WIDTH, broken between words; what does
    not fit ends in an ellipsis."""
    if _fits(label):
        return [label]
    words = label.split(" ")
    first = rest = ""
    for i in range(1, len(words)):
        head = " ".join(words[:i])
        if not _fits(head):
            break
        first, rest = head, " ".join(words[i:])
    if not first:  # one long word
        return [_cut(label)]
    return [first, rest if _fits(rest) else _cut(rest)]


def _fits(text: str) -> bool:
    # 4 % to spare: browsers kern and hint a little differently from the font's advances.
    return text_width(text, SIZE) * 1.04 <= LABEL_WIDTH


def _cut(text: str) -> str:
    while len(text) > 1 and not _fits(text + "…"):
        text = text[:-1]
    return text.rstrip() + "…"


def network(nodes: Sequence[Node], edges: Sequence[Edge], title: str) -> bytes:
    """Nodes one a row (in the given order), edges as arcs between their rows.

    Written as SVG directly: dots, arcs and names need no layout engine, and every brief
    has one (matplotlib took about 20 ms each, minutes at 10,000 events). Colours and
    styles come from code.
    """
    names = [_lines(node.label) for node in nodes]
    ys: list[float] = []
    y = 8.0
    for lines in names:
        row = max(ROW, LINE * (len(lines) - 1) + ROW)
        ys.append(round(y + row / 2, 1))
        y += row
    height = round(y + 8, 1)
    out = [_head(WIDTH, height, title)]
    span = (ys[-1] - ys[0]) if len(ys) > 1 else 1.0
    for edge in edges:
        top, bottom = sorted((ys[edge.a], ys[edge.b]))
        half = (bottom - top) / 2
        # As wide as the arc is long, relative to the whole column: arcs nest, none
        # runs along the picture's edge.
        bulge = 6 + (AXIS - 14) * (bottom - top) / span
        out.append(
            f'<path d="M{AXIS:g},{top:g}A{_number(bulge)},{_number(half)} 0 0 0 '
            f'{AXIS:g},{bottom:g}" {_stroke(edge.width, edge.style, edge.colour)}/>\n'
        )
    for y_, node in zip(ys, nodes, strict=True):
        out.append(_dot(AXIS, y_, node.colour))
    out.append(f'<g font-family="{FONT}" font-size="{_number(SIZE)}" fill="#000000">\n')
    for y_, lines in zip(ys, names, strict=True):
        first = y_ - LINE * (len(lines) - 1) / 2
        for k, line in enumerate(lines):
            out.append(
                f'<text x="{LABEL_X:g}" y="{_number(first + k * LINE)}" '
                f'dominant-baseline="central">{_text(line)}</text>\n'
            )
    out.append("</g>\n</svg>\n")
    return "".join(out).encode("utf-8")


def network_key(keys: Sequence[Key], title: str) -> bytes:
    """The legend of the network pictures, drawn once and shown under each of them: the
    dots in the first column, the lines in the second."""
    dots = [k for k in keys if k.line is None]
    lines = [k for k in keys if k.line is not None]
    row = ROW
    height = round(8 + row * (1 + max(len(dots), len(lines))) + 4, 1)
    out = [_head(WIDTH, height, title)]
    out.append(f'<g font-family="{FONT}" font-size="{_number(SIZE)}" fill="#000000">\n')
    second = 120.0
    for x, heading in ((8.0, "Actors"), (second, "Links")):
        out.append(
            f'<text x="{x:g}" y="{_number(8 + row / 2)}" dominant-baseline="central" '
            f'font-weight="bold">{heading}</text>\n'
        )
    for i, key in enumerate(dots):
        y = _number(8 + row * (i + 1.5))
        out.append(f'<text x="22" y="{y}" dominant-baseline="central">{_text(key.label)}</text>\n')
    for i, key in enumerate(lines):
        y = _number(8 + row * (i + 1.5))
        out.append(
            f'<text x="{second + 44:g}" y="{y}" dominant-baseline="central">'
            f"{_text(key.label)}</text>\n"
        )
    out.append("</g>\n")
    for i, key in enumerate(dots):
        out.append(_dot(12.0, 8 + row * (i + 1.5), key.colour or "#000000"))
    for i, key in enumerate(lines):
        assert key.line is not None
        width, style, colour = key.line
        y = _number(8 + row * (i + 1.5))
        out.append(f'<path d="M{second:g},{y}H{second + 36:g}" {_stroke(width, style, colour)}/>\n')
    out.append("</svg>\n")
    return "".join(out).encode("utf-8")


def _head(width: float, height: float, title: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}pt" height="{height:g}pt" '
        f'viewBox="0 0 {width:g} {height:g}" version="1.1">\n'
        f"<title>{_text(title)}</title>\n"
        f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>\n'
    )


def _dot(x: float, y: float, colour: str) -> str:
    # A dark rim, so light colours (yellow, sky blue) show on white.
    return (
        f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{RADIUS:g}" fill="{colour}" '
        'stroke="#333333" stroke-width="0.8"/>\n'
    )


def _stroke(width: float, style: str, colour: str) -> str:
    dashes = DASHES.get(style, "")
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    cap = ' stroke-linecap="round"' if style in (":", "-.") else ""
    return f'fill="none" stroke="{colour}" stroke-width="{_number(width)}"{dash}{cap}'


#: What XML 1.0 does not allow in text, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """Record text as SVG element text: escaped, and well-formed whatever it holds."""
    return escape(_NOT_XML.sub("\ufffd", value))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
