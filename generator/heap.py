"""Stage 6, site: when the garbage collector runs during builds and previews (large
archives hold millions of objects). Knows nothing of MkDocs or the records; never prints.
"""

from __future__ import annotations

import atexit
import functools
import gc


@functools.cache  # once per process
def no_collection_at_exit() -> None:
    """When the process ends, freeze the heap before CPython's last collections, which
    walked every object of a 10,000-event build for 8 s after it was done, to free memory
    the system takes back anyway. atexit handlers and finalizers of objects that are not
    in cycles still run; a build writes its files with `with` blocks, closed by then."""
    atexit.register(gc.freeze)


def freeze_survivors() -> None:
    """After a preview's first build: collect its garbage, then leave what survived (the
    records, the caches read into memory) out of every later collection.

    Without this, the collector's full passes walk those millions of objects again and
    again, seconds each in a rebuild of a large archive. Frozen objects are still freed
    when nothing refers to them; only a cycle among them that later becomes garbage would
    stay: at most what the first build left alive, once, never more with each rebuild.
    Collected first, so MkDocs' first build (returned by now) leaves none of its own.
    """
    gc.collect()
    gc.freeze()
