"""Long listings are split into pages whose links all lead somewhere: page 1 keeps the
listing's address, later pages live below it, and the pager links the neighbours.
"""

from __future__ import annotations

import re
import sys
from pathlib import PurePosixPath

import pytest
from conftest import PROJECT

from generator import paging
from generator.archive import load_archive
from generator.config import Settings
from generator.render import render_pages

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def test_pages_and_their_links() -> None:
    pages = paging.paginate("tags", "aid", list(range(250)), size=100)
    assert [p.path for p in pages] == ["tags/aid.md", "tags/aid/2.md", "tags/aid/3.md"]
    assert [len(p.items) for p in pages] == [100, 100, 50]
    assert [p.up for p in pages] == ["index.md", "../index.md", "../index.md"]
    assert pages[0].links == (
        ("1", None),
        ("2", "aid/2.md"),
        ("3", "aid/3.md"),
        ("Older »", "aid/2.md"),
    )
    assert pages[1].links[0] == ("« Newer", "../aid.md")
    assert pages[2].links[-1] == ("3", None)


def test_a_short_listing_is_one_page_without_pager() -> None:
    (page,) = paging.paginate("months", "2018-07", [1, 2, 3])
    assert page.path == "months/2018-07.md" and page.links == ()


def test_far_pages_are_elided() -> None:
    labels = [label for label, _ in paging.paginate("t", "x", list(range(1000)), size=10)[49].links]
    assert labels == ["« Newer", "1", "…", "48", "49", "50", "51", "52", "…", "100", "Older »"]


@pytest.fixture(scope="module")
def paged_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = synth.write_archive(tmp_path_factory.mktemp("paging") / "archive", 60)
    settings = Settings(root=project)
    original = paging.PAGE_SIZE
    paging.PAGE_SIZE = 7
    try:
        return render_pages(load_archive(settings), settings)
    finally:
        paging.PAGE_SIZE = original


def test_every_listing_page_is_short(paged_pages: dict[str, str]) -> None:
    listings = [n for n in paged_pages if n.startswith(("tags/", "countries/", "outlets/"))]
    assert any(n.endswith("/2.md") for n in listings)  # some listing needed pages
    for name in listings:
        if not name.endswith("index.md"):
            rows = [
                ln for ln in paged_pages[name].splitlines() if ln.startswith("| ") and "](" in ln
            ]
            assert len(rows) <= 7, name


def test_every_internal_link_leads_to_a_page(paged_pages: dict[str, str]) -> None:
    for name, text in paged_pages.items():
        if not name.endswith(".md"):
            continue
        for target in LINK.findall(text):
            resolved = PurePosixPath(name).parent / target
            parts: list[str] = []
            for part in resolved.parts:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            assert "/".join(parts) in paged_pages, f"{name} links to {target}"


def test_months_index_is_grouped_by_year(paged_pages: dict[str, str]) -> None:
    headings = re.findall(r"(?m)^## (\d{4})$", paged_pages["months/index.md"])
    assert headings == sorted(headings, reverse=True) and len(headings) > 3
