"""Drawing: the maps, the world map of events by country and the small locator maps of
the briefs (chart data in, SVG bytes out, with matplotlib imported lazily). Every loop
over sorted data. Never reads records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import geo
from generator.draw import figure, svg, text_size

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LAND = "#e6e6e6"
BORDER = "#ffffff"
SEA = "#f4f7fb"
MARKER = "#d55e00"  # Okabe-Ito vermillion: stands out on the blues of the map
#: Outline of the countries involved in events held elsewhere (actors', claims' countries).
INVOLVED = "#3d5a73"

#: Light to dark: shades stay ordered in grey when printed in black and white.
SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08519c", "#08306b")
THIN = 1.2  # points: the least distance between two points of a country outline


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
    with figure(width / 72, height / 72) as fig:
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
        return svg(fig, title)


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
        with figure(self.WIDTH / 72, self.HEIGHT / 72) as fig:
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
            text = svg(fig, title).decode("utf-8")

        def to_svg(xy: tuple[float, float]) -> tuple[float, float]:
            x, y = _to_window(xy, window, scale)
            return x, self.HEIGHT - y

        return text, to_svg


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
