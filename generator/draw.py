"""Drawing: what every matplotlib picture shares (settings, palette, text sizes for a
phone, the figure and its SVG bytes); draw_timeline.py and draw_maps.py draw the charts
and maps with it, arcs.py writes the networks directly.

Output is deterministic: fixed ids (svg.hashsalt), no date in the metadata, text kept as
text in one fixed font family. Record text reaches the SVG only through matplotlib, which
XML-escapes it. matplotlib is imported lazily. Never reads records.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RC = {
    "svg.hashsalt": "briefing",
    "svg.fonttype": "none",  # text as <text>: smaller, selectable, readable by tools
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11.5,
    "axes.edgecolor": "#666666",
    "axes.labelcolor": "#333333",
    "text.color": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "path.simplify": True,
    "path.simplify_threshold": 0.5,
}
INK = "#263238"
#: Okabe-Ito colours: told apart with the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")

#: Pictures are drawn to be read on a phone. Shown in a column of PHONE_COLUMN px (a
#: 352 px wide screen, less Material's margins), every text of a picture is at least
#: MIN_TEXT px; on narrower screens the stylesheet hides the pictures that hold text and
#: their tables remain. A picture W points wide therefore sets its text at W / 32 points
#: at least; on a desktop it is shown at its own size, text about as large as the page's.
PHONE_COLUMN = 320
MIN_TEXT = 10


def text_size(width: float) -> float:
    """The smallest font size (points, the picture's units) for a picture width wide."""
    return math.ceil(MIN_TEXT * width / PHONE_COLUMN * 2) / 2


@contextmanager
def figure(width: float, height: float) -> Iterator[Figure]:
    import matplotlib
    from matplotlib.figure import Figure

    _remember_text_sizes()
    with matplotlib.rc_context(RC):
        yield Figure(figsize=(width, height), dpi=72)


#: (text, font, math mode) -> (width, height, descent) as the SVG renderer measures it.
TEXT_SIZES: dict[tuple[str, Any, Any], tuple[float, float, float]] = {}
_TEXT_SIZES_MAX = 100_000


@cache
def _remember_text_sizes() -> None:
    """Measure each label once per process instead of once per picture.

    matplotlib lays out every text by measuring it with FreeType, and remembers the
    measure only per renderer: savefig makes a new one for each picture, so the names
    shared by many briefs were measured again each time (about a third of a brief's
    network). The SVG renderer's measure depends only on the text and its font
    properties, so remembering it across pictures leaves the bytes unchanged.
    """
    from matplotlib.backends.backend_svg import RendererSVG

    measure = RendererSVG.get_text_width_height_descent

    def remembered(self: Any, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        key = (s, prop.copy(), ismath)  # a copy: font properties are mutable
        found = TEXT_SIZES.get(key)
        if found is None:
            if len(TEXT_SIZES) >= _TEXT_SIZES_MAX:
                TEXT_SIZES.clear()
            found = TEXT_SIZES[key] = measure(self, s, prop, ismath)
        return found

    RendererSVG.get_text_width_height_descent = remembered  # type: ignore[method-assign]


def svg(fig: Figure, title: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    return buffer.getvalue()


def text_width(text: str, size: float) -> float:
    """How wide text is set in DejaVu Sans at size points (kerning aside)."""
    return sum(_advance(c) for c in text) * size


@cache
def _advance(char: str) -> float:
    """A character's advance in DejaVu Sans, in ems; an em when the font lacks it."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font, LoadFlags

    font = _font(findfont(FontProperties(family="DejaVu Sans")), FT2Font)
    if not font.get_char_index(ord(char)):
        return 1.0
    glyph = font.load_char(ord(char), flags=LoadFlags.NO_SCALE)
    return float(glyph.horiAdvance) / font.units_per_EM


@cache
def _font(path: str, kind: Any) -> Any:
    return kind(path)
