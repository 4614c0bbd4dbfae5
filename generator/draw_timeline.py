"""Drawing: the timeline, stacked bars of events per month and type (chart data in, SVG
bytes out, with matplotlib imported lazily). Every loop over sorted data. Never reads
records.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.draw import figure, svg, text_size, text_width


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
    with figure(TIMELINE_WIDTH / 72, height / 72) as fig:
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
        return svg(fig, title)


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
