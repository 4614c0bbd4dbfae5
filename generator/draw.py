"""Drawing: chart data in, SVG bytes out, with matplotlib (imported lazily); the networks
are written directly by arcs.py.

Output is deterministic: fixed ids (svg.hashsalt), no date in the metadata, text kept as
text in one fixed font family, every loop over sorted data. Record text (actor names)
reaches the SVG only through matplotlib, which XML-escapes it. Never reads records.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from generator import geo

if TYPE_CHECKING:
    from matplotlib.axes import Axes
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
LAND = "#e6e6e6"
BORDER = "#ffffff"
SEA = "#f4f7fb"
MARKER = "#d55e00"  # Okabe-Ito vermillion: stands out on the blues of the map
#: Okabe-Ito colours: told apart with the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
#: Outline of the countries involved in events held elsewhere (actors', claims' countries).
INVOLVED = "#3d5a73"

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


#: Light to dark: shades stay ordered in grey when printed in black and white.
SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08519c", "#08306b")
THIN = 1.2  # points: the least distance between two points of a country outline


@contextmanager
def _figure(width: float, height: float) -> Iterator[Figure]:
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


def _svg(fig: Figure, title: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    return buffer.getvalue()


# ---- timeline --------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    counts: tuple[int, ...]  # one per month


#: The timeline: 5 inches wide, its text at text_size(TIMELINE_WIDTH).
TIMELINE_WIDTH = 360.0


def timeline(months: Sequence[str], series: Sequence[Series], title: str) -> bytes:
    """Stacked monthly bars; months are 'YYYY-MM' keys, consecutive, oldest first. The key
    sits under the chart, so the bars take the whole width."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    n = len(months)
    size = text_size(TIMELINE_WIDTH)
    wide = max((text_width(s.label, size) for s in series), default=0.0)
    columns = 2 if 2 * (wide + 3.2 * size) <= TIMELINE_WIDTH - 16 else 1
    rows = math.ceil(len(series) / columns)
    # Points from the top: the bars, the month labels, then the key.
    plot, axis, key_row = 140.0, 2.6 * size, 1.45 * size
    height = 10 + plot + axis + rows * key_row + 8
    left = 3.4 * size  # the counts and the vertical label
    with _figure(TIMELINE_WIDTH / 72, height / 72) as fig:
        ax = fig.add_axes(
            (
                left / TIMELINE_WIDTH,
                (height - 10 - plot) / height,
                (TIMELINE_WIDTH - left - 8) / TIMELINE_WIDTH,
                plot / height,
            )
        )
        base = [0] * n
        for s in series:
            verts: list[tuple[float, float]] = []
            codes: list[int] = []
            for i, count in enumerate(s.counts):
                if count:
                    x0, x1, y0, y1 = i + 0.1, i + 0.9, base[i], base[i] + count
                    verts += [(x0, y0), (x0, y1), (x1, y1), (x1, y0), (x0, y0)]
                    codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
                    base[i] += count
            if verts:  # one path per series keeps the file small for long timelines
                # A white edge parts the stacked types, whatever their colours.
                patch = PathPatch(
                    Path(verts, codes), facecolor=s.colour, edgecolor="#ffffff", lw=0.6
                )
                patch.set_label(s.label)
                ax.add_patch(patch)
        top = max(base, default=0) or 1
        ax.set_xlim(0, n)
        ax.set_ylim(0, top * 1.08)
        ax.yaxis.get_major_locator().set_params(integer=True, nbins=4)
        ticks = _month_ticks(months)
        ax.set_xticks([i + 0.5 for i, _ in ticks], [label for _, label in ticks])
        ax.tick_params(labelsize=size)
        ax.set_ylabel("Events per month", fontsize=size)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.legend(
            loc="upper left",
            bbox_to_anchor=(left / TIMELINE_WIDTH, (rows * key_row + 8) / height),
            bbox_transform=fig.transFigure,
            ncols=columns,
            frameon=False,
            fontsize=size,
            borderaxespad=0,
            borderpad=0,
            handlelength=1.2,
            columnspacing=1.2,
        )
        return _svg(fig, title)


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


def _month_ticks(months: Sequence[str]) -> list[tuple[int, str]]:
    """A few readable ticks: at most four months for a short span, Januaries (every k-th,
    at most seven) for a long one."""
    if not any(m.endswith("-01") for m in months) or len(months) <= 12:
        step = max(1, math.ceil(len(months) / 4))
        return [(i, _month_label(m)) for i, m in enumerate(months)][::step]
    years = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01")]
    if years[0][0] > max(12, len(months) / 7):  # else no label for the first year; room
        years.insert(0, (0, _month_label(months[0])))
    step = max(1, math.ceil(len(years) / 7))
    return years[::step]


def _month_label(key: str) -> str:
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{names[int(key[5:7]) - 1]} {key[:4]}"


# ---- maps ------------------------------------------------------------------------------


def _land(
    ax: Axes,
    window: tuple[float, float, float, float],
    scale: float,
    size: tuple[float, float],
    colours: dict[str, str],
    only: set[str] | None = None,
) -> None:
    """Countries inside window (Equal Earth units), one compound path per colour.

    The axes (size, in points) take points of the figure as coordinates (scale points per
    unit), rounded to 0.1 pt, so matplotlib writes short numbers; outlines are thinned to
    the detail a reader can see and folded onto a margin around the window, so a world
    map is about 100 KB instead of 270 KB and a locator map a few KB.
    """
    from matplotlib.patches import PathPatch

    merged: dict[str, set[str]] = {}
    for code in geo.projected():  # sorted by code
        if only is None or code in only:
            merged.setdefault(colours.get(code, LAND), set()).add(code)
    for colour in sorted(merged):
        path = _outlines(window, scale, size, merged[colour])
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=colour, edgecolor=BORDER, lw=0.4))
    ax.set_xlim(0, size[0])
    ax.set_ylim(0, size[1])


def _outlines(
    window: tuple[float, float, float, float],
    scale: float,
    size: tuple[float, float],
    codes: set[str],
) -> Any:
    """One compound matplotlib Path of these countries' outlines, or None (see _land)."""
    from matplotlib.path import Path

    x0, y0 = window[0], window[1]
    verts: list[tuple[float, float]] = []
    kinds: list[int] = []
    for code, rings in geo.projected().items():  # sorted by code
        if code not in codes:
            continue
        largest = max(rings, key=len)
        for ring in rings:
            points = [((x - x0) * scale, (y - y0) * scale) for x, y in ring]
            points = _thin(_fold(points, size))
            if len(points) >= 3 or (ring is largest and points):
                verts += points
                kinds += [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    return Path(verts, kinds) if verts else None


def _fold(
    points: list[tuple[float, float]], size: tuple[float, float], margin: float = 12.0
) -> list[tuple[float, float]]:
    """Move points outside the window onto a margin around it, dropping the points in
    between along the same side: what is inside the window looks the same, since the
    outlines' segments are shorter than the margin at these scales."""
    low_x, low_y, high_x, high_y = -margin, -margin, size[0] + margin, size[1] + margin
    folded: list[tuple[float, float]] = []
    for x, y in points:
        point = (min(max(x, low_x), high_x), min(max(y, low_y), high_y))
        if len(folded) >= 2 and _same_side(
            folded[-2], folded[-1], point, low_x, low_y, high_x, high_y
        ):
            folded[-1] = point
        else:
            folded.append(point)
    return folded


def _same_side(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], *edges: float
) -> bool:
    low_x, low_y, high_x, high_y = edges
    return any(a[0] == b[0] == c[0] == e for e in (low_x, high_x)) or any(
        a[1] == b[1] == c[1] == e for e in (low_y, high_y)
    )


def _thin(points: list[tuple[float, float]], step: float = THIN) -> list[tuple[float, float]]:
    """Round to 0.1 pt and drop points closer than step to the last one kept."""
    kept = [(round(points[0][0], 1), round(points[0][1], 1))]
    for x, y in points[1:]:
        x, y = round(x, 1), round(y, 1)
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((x, y))
    return kept


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        return f"{self.low}" if self.high == self.low else f"{self.low}–{self.high}"


def bins(largest: int) -> list[Bin]:
    """Up to five classes of counts with round bounds (1, 2, 5, 10, 20, ...), spaced
    evenly on a log scale up to the largest count, so one busy country does not wash out
    the rest and the top class always holds the largest."""
    series = sorted(m * 10**e for e in range(9) for m in (1, 2, 5))
    lows = [v for v in series if v <= max(largest, 1)]
    if len(lows) > len(SHADES):
        last = len(lows) - 1
        lows = [lows[round(i * last / (len(SHADES) - 1))] for i in range(len(SHADES))]
    highs = [low - 1 for low in lows[1:]] + [max(largest, 1)]
    return [
        Bin(low, high, SHADES[i]) for i, (low, high) in enumerate(zip(lows, highs, strict=True))
    ]


def _colour(count: int, classes: Sequence[Bin]) -> str:
    for c in classes:
        if c.low <= count <= c.high:
            return c.colour
    return classes[-1].colour


WORLD = (-2.72, -1.0, 2.72, 1.33)  # Equal Earth units; south to about 56° S, no Antarctica
#: The world map: 6 inches wide, its key at text_size(MAP_WIDTH).
MAP_WIDTH = 432.0
#: Dots for one event, a few (2-9) and many (10 or more) at a place, in points.
DOT_SIZES = (8.0, 10.5, 13.0)


def world_map(
    places: dict[str, int],
    involved: Sequence[str],
    points: Sequence[tuple[float, float, int]],
    title: str,
) -> bytes:
    """Countries where events were held shaded by their number; countries involved only
    through actors or claims outlined; points (lon, lat, events there) as dots."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, PathPatch

    classes = bins(max(places.values(), default=1))
    colours = {code: _colour(n, classes) for code, n in places.items() if n > 0}
    width = MAP_WIDTH
    size = text_size(width)
    scale = width / (WORLD[2] - WORLD[0])
    map_height = round((WORLD[3] - WORLD[1]) * scale)
    row = 1.7 * size
    key_height = 3 * row + 6  # the key's title, its classes, then outlines and dots
    height = map_height + key_height
    with _figure(width / 72, height / 72) as fig:
        ax = fig.add_axes((0, key_height / height, 1, map_height / height))
        _land(ax, WORLD, scale, (width, map_height), colours)
        outlined = set(involved) - set(colours)
        if outlined:
            path = _outlines(WORLD, scale, (width, map_height), outlined)
            if path is not None:
                ax.add_patch(PathPatch(path, facecolor="none", edgecolor=INVOLVED, lw=1.0))
        if points:
            xy = [_to_window(geo.project(lon, lat), WORLD, scale) for lon, lat, _ in points]
            # Three sizes (one, a few, many events), each one marker defined once in the
            # file and placed by <use>: about 80 bytes a dot.
            for dot, wanted in zip(DOT_SIZES, (range(1, 2), range(2, 10), None), strict=True):
                at = [p for p, (_, _, n) in zip(xy, points, strict=True) if _within(n, wanted)]
                if at:
                    ax.plot(
                        [x for x, _ in at],
                        [y for _, y in at],
                        ls="",
                        marker="o",
                        ms=dot,
                        color=MARKER,
                        mec="white",
                        mew=1.2,
                        zorder=2,
                    )
        ax.set_axis_off()
        common = {"frameon": False, "fontsize": size, "borderaxespad": 0, "handlelength": 1.4}
        shades = [Patch(facecolor=c.colour, label=c.label) for c in classes]
        fig.legend(
            handles=shades,
            title="Events held in the country",
            title_fontsize=size,
            loc="upper center",
            bbox_to_anchor=(0.5, (key_height - 2) / height),
            ncols=len(shades),
            columnspacing=1.0,
            **common,
        )
        others: list[Any] = []
        if outlined:
            others.append(
                Patch(
                    facecolor=LAND, edgecolor=INVOLVED, lw=1.0, label="Actors' or claims' country"
                )
            )
        if points:
            others.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="o",
                    ms=DOT_SIZES[0],
                    color=MARKER,
                    mec="white",
                    label="Event location",
                )
            )
        if others:
            fig.legend(
                handles=others,
                loc="lower center",
                bbox_to_anchor=(0.5, 4 / height),
                ncols=len(others),
                columnspacing=1.2,
                **common,
            )
        return _svg(fig, title)


def _to_window(
    xy: tuple[float, float], window: tuple[float, float, float, float], scale: float
) -> tuple[float, float]:
    return round((xy[0] - window[0]) * scale, 1), round((xy[1] - window[1]) * scale, 1)


def _within(n: int, wanted: range | None) -> bool:
    return n >= 10 if wanted is None else n in wanted


class Locators:
    """Small locator maps: the event's country and its neighbours, with a marker.

    The map of a country is drawn once per build with matplotlib, its marker at the
    centre; each place then only moves the marker (the x and y of one element of the SVG),
    so a brief costs microseconds instead of a matplotlib figure.
    """

    _GID = "event-marker"
    WIDTH, HEIGHT = 216.0, 162.0  # points: 3 by 2.25 inches

    def __init__(self) -> None:
        self._bases: dict[tuple[str, bool, bool], tuple[str, Any]] = {}

    def svg(self, country: str, point: tuple[float, float] | None, title: str) -> bytes:
        """The map of country with a marker at point (lon, lat); title names the country."""
        if point is None:
            return self._base(country, title, wide=False, marker=False)[0].encode("utf-8")
        xy = geo.project(*point)
        text, to_svg = self._base(country, title, wide=False, marker=True)
        x, y = to_svg(xy)
        if not (0 <= x <= self.WIDTH and 0 <= y <= self.HEIGHT):  # e.g. an overseas territory
            text, to_svg = self._base(country, title, wide=True, marker=True)
            x, y = to_svg(xy)
        text, found = re.subn(
            rf'(<g id="{self._GID}">.*?<use [^>]*?)x="[^"]*" y="[^"]*"',
            rf'\g<1>x="{x:.1f}" y="{y:.1f}"',
            text,
            count=1,
            flags=re.S,
        )
        if found != 1:
            raise RuntimeError("the locator base map has no marker")
        return text.encode("utf-8")

    def _base(self, country: str, title: str, *, wide: bool, marker: bool) -> tuple[str, Any]:
        key = (country, wide, marker)
        if key not in self._bases:
            self._bases[key] = self._draw(country, title, wide=wide, marker=marker)
        return self._bases[key]

    def _draw(self, country: str, title: str, *, wide: bool, marker: bool) -> tuple[str, Any]:
        shapes = geo.projected()
        rings = shapes.get(country)
        # A window around the country's largest part (mainland Russia, not Chukotka beyond
        # the antimeridian), at least about 25 degrees across; the world for what the
        # 1:110m map does not show (small islands, Kosovo) or lies far from the mainland.
        x0, y0, x1, y1 = geo.bounds((max(rings, key=len),)) if rings and not wide else WORLD
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        half_w = max((x1 - x0) * 0.75, (y1 - y0) * 1.0 * self.WIDTH / self.HEIGHT, 0.25)
        half_h = half_w * self.HEIGHT / self.WIDTH
        window = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
        scale = self.WIDTH / (2 * half_w)
        nearby = {c for c, r in shapes.items() if _overlaps(geo.bounds(r), window)}
        with _figure(self.WIDTH / 72, self.HEIGHT / 72) as fig:
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_facecolor(SEA)
            _land(ax, window, scale, (self.WIDTH, self.HEIGHT), {country: SHADES[1]}, nearby)
            if marker:  # at the centre; svg() moves it to each place
                ax.plot(
                    [self.WIDTH / 2],
                    [self.HEIGHT / 2],
                    ls="",
                    marker="o",
                    ms=7,
                    color=MARKER,
                    mec="white",
                    mew=1.2,
                    gid=self._GID,
                    zorder=2,
                )
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
            text = _svg(fig, title).decode("utf-8")

        def to_svg(xy: tuple[float, float]) -> tuple[float, float]:
            x, y = _to_window(xy, window, scale)
            return x, self.HEIGHT - y

        return text, to_svg


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
