"""Country shapes for the maps, projected with the Equal Earth projection.

The shapes are the Natural Earth 1:110m outlines shipped inside the countryinfo package:
nothing is fetched at build or view time. Pure functions; never draw or write.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache

Ring = list[tuple[float, float]]

#: Antarctica carries no events and would take a fifth of the map's height.
_LEFT_OUT = {"AQ"}

# Equal Earth (Šavrič, Patterson and Jenny 2018): an equal-area projection, so shaded
# areas compare honestly, with straight parallels for a readable world map.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth x, y (unitless; the world spans about ±2.71 by ±1.32)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


@cache
def shapes() -> dict[str, tuple[Ring, ...]]:
    """ISO 3166-1 alpha-2 code -> outer rings in lon/lat, sorted by code.

    Holes are dropped: at this scale they are lakes and enclaves a reader cannot see.
    """
    from countryinfo import CountryInfo

    found: dict[str, tuple[Ring, ...]] = {}
    codes = {
        (info.get("ISO") or {}).get("alpha2")
        for info in CountryInfo.all().values()
        if info.get("geoJSON")
    }
    for code in sorted(c for c in codes if c and c not in _LEFT_OUT):
        rings = tuple(_outer_rings(CountryInfo(code).geo_json()))
        if rings:
            found[code] = rings
    return found


def _outer_rings(geojson: dict) -> Iterator[Ring]:
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", ())
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        for polygon in polygons:
            if polygon and len(polygon[0]) >= 3:
                yield [(float(lon), float(lat)) for lon, lat, *_ in polygon[0]]


@cache
def projected() -> dict[str, tuple[Ring, ...]]:
    """shapes() in Equal Earth coordinates."""
    return {
        code: tuple([project(lon, lat) for lon, lat in ring] for ring in rings)
        for code, rings in shapes().items()
    }


def bounds(rings: tuple[Ring, ...]) -> tuple[float, float, float, float]:
    """xmin, ymin, xmax, ymax of some rings."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)
