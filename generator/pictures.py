"""Extras: the picture files of docs_dir, each drawn from the arguments charts.py and
networks.py give it, or taken from the cache when those arguments are the ones it was
drawn from before.

Deterministic: the same archive gives the same bytes, cached or drawn, on any number of
cores. Never writes files (the cache is saved by the pipeline).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

from generator import arcs, draw_maps, draw_timeline, indexes
from generator.archive import Archive
from generator.cache import Cache, digest
from generator.charts import (
    MAP,
    TIMELINE,
    country_timeline,
    locator,
    locator_cell,
    map_args,
    timeline,
    timeline_args,
)
from generator.indexes import country_name
from generator.networks import (
    ACTORS,
    NETWORK_KEY,
    archive_network,
    archive_network_args,
    event_network,
    event_network_args,
    has_network,
    network_key_args,
)

#: Below this many pictures to draw, a process pool costs more than it saves.
POOL_THRESHOLD = 200


@dataclass(frozen=True)
class Picture:
    """One file to draw: a draw function and its arguments, which are all it reads.

    The same function with the same arguments draws the same bytes, so a cache entry keyed
    by them cannot be stale (the generator's code is in the cache's folder name).
    """

    draw: Callable[..., bytes]
    #: The arguments, or a function making them when that costs more than a key of `made_from`.
    args: tuple[Any, ...] | Callable[[], tuple[Any, ...]]
    #: A digest of everything the arguments are made from ("": key them by themselves).
    made_from: str = ""

    def key(self) -> str:
        name = f"{self.draw.__module__}.{self.draw.__qualname__}"
        if self.made_from:
            return digest(_matplotlib(), name, "made from", self.made_from)
        return digest(_matplotlib(), name, repr(self.arguments()))

    def arguments(self) -> tuple[Any, ...]:
        return self.args() if callable(self.args) else self.args


@cache
def _matplotlib() -> str:
    try:
        return f"matplotlib={metadata.version('matplotlib')}"
    except metadata.PackageNotFoundError:
        return "matplotlib"


def plan(archive: Archive) -> dict[str, Picture]:
    """Every picture of the site, keyed by its path in docs_dir, as what it is drawn from."""
    published = archive.published
    if not published:
        return {}
    index = indexes.build(archive)
    found: dict[str, Picture] = {}
    groups = {TIMELINE: ("Events per month", published)}
    for code, records in index.countries.items():
        groups[country_timeline(code)] = (f"Events per month: {country_name(code)}", records)
    for path, (title, records) in groups.items():
        months = timeline(records)
        if any(m.dated for m in months):  # the templates show no timeline otherwise
            found[path] = Picture(draw_timeline.timeline, timeline_args(months, title))
    found[MAP] = Picture(draw_maps.world_map, map_args(index, published))
    network = archive_network(index)
    if len(network.actors) >= 2:
        found[ACTORS] = Picture(arcs.network, archive_network_args(index, network))
        found[NETWORK_KEY] = Picture(arcs.network_key, network_key_args())
    locators = draw_maps.Locators()  # one base map per country, shared by its places
    for record in published:
        event = record.event
        path = locator(event)
        if path not in found:
            country = event.location.country
            title = f"Locator map: {country_name(country)}"
            found[path] = Picture(locators.svg, (country, locator_cell(event), title))
    for record in published:
        event = record.event
        if has_network(event):
            # A brief's network is all the record's: keyed by its bytes, its arguments are
            # made only when it is drawn.
            if record.digest:
                args = functools.partial(event_network_args, event)
                found[event_network(event)] = Picture(arcs.network, args, record.digest)
            else:
                found[event_network(event)] = Picture(arcs.network, event_network_args(event))
    return found


def images(archive: Archive, cache: Cache | None = None) -> dict[str, bytes]:
    """Every picture of the site, keyed by its path in docs_dir.

    With a cache, only pictures whose arguments changed since the last run are drawn:
    after one record changes, its own pictures and the archive-wide ones it alters.
    """
    pictures = plan(archive)
    store = cache.pictures if cache is not None else None
    keys = {path: p.key() for path, p in pictures.items()} if store is not None else {}
    found: dict[str, bytes] = {}
    missing: dict[str, Picture] = {}
    for path, picture in pictures.items():
        cached = store.get(keys[path]) if store is not None else None
        if isinstance(cached, bytes):
            found[path] = cached
        else:
            missing[path] = picture
    ready = [Picture(p.draw, p.arguments(), p.made_from) for p in missing.values()]  # picklable
    for path, data in zip(missing, drawn(ready), strict=True):
        found[path] = data
        if store is not None:
            store.put(keys[path], data)
    return {path: found[path] for path in pictures}


def drawn(pictures: list[Picture]) -> list[bytes]:
    """The bytes of pictures, in order, so they do not depend on the number of cores.

    With many to draw (a brief's network takes about 15 ms), a process pool draws those of
    plain functions while this process draws the locator maps, which share base maps.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    workers = min(cores, 8)
    pooled = [i for i, p in enumerate(pictures) if not hasattr(p.draw, "__self__")]
    if len(pooled) < POOL_THRESHOLD or workers < 2:
        return _draw_batch(pictures)
    out: list[bytes | None] = [None] * len(pictures)
    # fork is cheapest, but not safe once other threads hold locks (mkdocs serve).
    method = "fork" if threading.active_count() == 1 else "spawn"
    size = max(8, len(pooled) // (workers * 8))
    batches = [pooled[i : i + size] for i in range(0, len(pooled), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        results = pool.map(_draw_batch, [[pictures[i] for i in b] for b in batches])
        here = [i for i, p in enumerate(pictures) if hasattr(p.draw, "__self__")]
        for i, data in zip(here, _draw_batch([pictures[i] for i in here]), strict=True):
            out[i] = data
        for batch, datas in zip(batches, results, strict=True):
            for i, data in zip(batch, datas, strict=True):
                out[i] = data
    return [data for data in out if data is not None]


def _draw_batch(pictures: list[Picture]) -> list[bytes]:
    return [p.draw(*p.arguments()) for p in pictures]
