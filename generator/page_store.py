"""Stage 6, site: where the page work of a build is kept for the next ones (pickled
conversions, rendered HTML, their log messages), and how a kept conversion is put back
into its page. No rendering or conversion here; never prints (stored logs are replayed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents


class Store:
    """Files named by their key: pickled conversions and rendered HTML. Entries not used
    by a build are removed when it ends, so the store holds one site's pages."""

    def __init__(self, folder: Path, *, temporary: bool = False) -> None:
        self.folder = folder
        self.temporary = temporary
        self.used: set[str] = set()

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def read(self, key: str, suffix: str) -> bytes | None:
        try:
            data = self.path(key, suffix).read_bytes()
        except OSError:
            return None
        self.used.add(f"{key}{suffix}")
        return data

    def has(self, key: str, suffix: str) -> bool:
        return self.path(key, suffix).is_file()

    def write(self, key: str, suffix: str, data: bytes) -> None:
        """Atomic, so a killed build never leaves half an entry; failures only cost time."""
        path = self.path(key, suffix)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        self.used.add(f"{key}{suffix}")

    def close(self, *, prune: bool = True) -> None:
        """Remove a temporary store; prune a kept one (not after a failed build)."""
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        if not prune:
            return
        with contextlib.suppress(OSError):
            for shard in self.folder.iterdir():
                for entry in shard.iterdir():
                    if entry.name not in self.used:
                        entry.unlink()


class Nowhere(Store):
    """No store: a build that keeps nothing (no cache) and forks no workers."""

    def __init__(self) -> None:
        super().__init__(Path(os.devnull), temporary=False)

    def read(self, key: str, suffix: str) -> bytes | None:
        return None

    def has(self, key: str, suffix: str) -> bool:
        return False

    def write(self, key: str, suffix: str, data: bytes) -> None:
        pass

    def close(self, *, prune: bool = True) -> None:
        pass


def replay(records: list[tuple[str, int, str]]) -> None:
    """Log again, in this process, what a page logged when it was converted or rendered."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


#: The content of a page whose conversion waits in the store until its HTML is rendered:
#: MkDocs' loop would otherwise hold every page's Markdown, HTML and table of contents at
#: once (1.4 GB at 10,000 events). Never written into a page: a page rendered by MkDocs
#: gets its conversion back first (pages.Pages.unlazy).
LAZY = "<!-- briefing: content in the page store -->"


def set_aside(page: Page) -> None:
    """Drop what the page's stored conversion holds (restore puts it back)."""
    page.content, page.markdown, page.toc = LAZY, None, TableOfContents([])


def aside(page: Page) -> bool:
    return page.content is LAZY


def pickled(page: Page, records: list[tuple[str, int, str]]) -> bytes:
    """A converted page as the store keeps it, with what its conversion logged."""
    links = page.links_to_anchors
    value = {
        "content": page.content,
        "toc": page.toc,
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": None if links is None else {f.src_uri: v for f, v in links.items()},
        "logs": records,
    }
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def restore(page: Page, data: bytes, files: dict[str, File], *, logs: bool = True) -> bool:
    """Put a stored conversion back into page; False when it cannot be used (convert).
    logs=False when its messages were logged already (content fetched again)."""
    try:
        value = pickle.loads(data)
    except Exception:  # an unreadable entry: convert again
        return False
    links = value["links"]
    if links is not None:
        found: dict[File, dict[str, str]] = {}
        for src_uri, anchors in links.items():
            target = files.get(src_uri)
            if target is None:
                return False
            found[target] = anchors
        links = found
    page.content = value["content"]
    page.toc = value["toc"]
    page._title_from_render = value["title"]
    page.present_anchor_ids = value["anchors"]
    if links is not None:
        page.links_to_anchors = links
    if logs:
        replay(value["logs"])
    return True
