"""Stage 4, render: many briefs rendered on every core (forked workers), or here when
they are few or forking is unsafe; in order either way. Knows nothing of templates or
records: it is given a function of an index.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator

from generator.errors import Diagnostic, ValidationFailed

#: Below this many briefs to render, forking workers costs more than it saves.
POOL_THRESHOLD = 200
_RENDER: list[Callable[[int], str]] = []  # what forked workers render with


def render_many(render: Callable[[int], str], indexes: list[int]) -> Iterator[str]:
    """render(i) for each of indexes, in order: on every core when there are many and
    forking is safe (no other thread), else here."""
    cores = min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else 1
    if len(indexes) < POOL_THRESHOLD or cores < 2 or threading.active_count() > 1:
        return (render(i) for i in indexes)
    return _forked(render, indexes, cores)


def _forked(render: Callable[[int], str], indexes: list[int], cores: int) -> Iterator[str]:
    _RENDER[:] = [render]
    try:
        context = multiprocessing.get_context("fork")
        chunk = max(8, len(indexes) // (cores * 16))
        with context.Pool(cores) as pool:
            for done in pool.imap(_render_at, indexes, chunksize=chunk):
                if isinstance(done, list):  # a template's problem, found in a worker
                    raise ValidationFailed(done)
                yield done
    finally:
        _RENDER.clear()


def _render_at(index: int) -> str | list[Diagnostic]:
    try:
        return _RENDER[0](index)
    except ValidationFailed as failed:
        return failed.diagnostics
