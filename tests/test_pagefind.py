"""Pagefind, the search backend for large archives: a synthetic archive built with
`search: pagefind`, its index and facets in the HTML, and a reader in headless Chromium who
searches, narrows the results to one country and gets only briefs about that country.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, mkdocs_build

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

pytestmark = [pytest.mark.e2e]

EVENTS = 40
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = synth.write_archive(tmp_path_factory.mktemp("pagefind") / "archive", EVENTS)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _countries_of_records() -> dict[str, set[str]]:
    """Brief id -> the country names its facets carry."""
    from generator.indexes import country_name

    found: dict[str, set[str]] = {}
    for i in range(EVENTS):
        event_id, fields = synth.record(i)
        if fields["status"] not in ("published", "retracted"):
            continue
        codes = {fields["location"]["country"]}  # type: ignore[index]
        codes |= {a["country"] for a in fields["actors"].values() if a.get("country")}  # type: ignore[attr-defined]
        for claim in fields["claims"]:  # type: ignore[attr-defined]
            codes |= set(claim["places"])
        found[event_id] = {country_name(c) for c in codes}
    return found


def test_briefs_carry_facets_and_the_index_is_built(pagefind_site: Path) -> None:
    assert (pagefind_site / "pagefind" / "pagefind-ui.js").is_file()
    assert (pagefind_site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()  # theme search off
    event_id = next(iter(_countries_of_records()))
    page = (pagefind_site / "events" / event_id / "index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    for facet in ("country", "type", "year", "actor"):
        assert f'data-pagefind-filter="{facet}[data-value]"' in page
    # Only briefs are indexed: index pages have no body marker.
    home = (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home
    search = (pagefind_site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="../pagefind/pagefind-ui.js"' in search
    assert 'id="briefing-search"' in search
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(_countries_of_records())


def _indexed(site: Path) -> dict[str, dict[str, object]]:
    """What Pagefind stored of each page, by address (its fragments: gzip, a signature,
    then JSON)."""
    import gzip

    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data[len(b"pagefind_dcd") :])
        pages[page["url"]] = page
    return pages


def test_pagefind_indexes_what_readers_search_not_the_page(pagefind_site: Path) -> None:
    """Each brief gives Pagefind a lean body: title, bottom line, summary, judgments,
    claims, quotes, actors, places and outlets; not the page's tables of codes, grades,
    sources and navigation, which were most of what it read."""
    from generator.archive import load_archive
    from generator.config import Settings
    from generator.search import lean_texts

    project = pagefind_site.parent
    archive = load_archive(Settings(root=project))
    outlets = {key: outlet.name for key, outlet in archive.outlets.items()}
    indexed = _indexed(pagefind_site)
    assert len(indexed) == len(archive.published)
    for record in archive.published:
        event = record.event
        page = indexed[f"/events/{event.id}/"]
        content = str(page["content"])
        assert page["meta"]["title"] == event.title  # type: ignore[index]
        assert set(page["filters"]) == {"country", "type", "year", "actor"}  # type: ignore[arg-type]
        for text in lean_texts(record, outlets):
            assert " ".join(text.split()) in content, (event.id, text)
        assert event.summary.split(".")[0] in content
        # Not indexed: the page's other text (sourcing notes, source titles, headings).
        if event.assessment is not None and event.assessment.sourcing:
            assert event.assessment.sourcing[:40] not in content
        for source in event.sources.values():
            if source.title:
                assert source.title not in content
        assert "Key judgments" not in content and "Coding details" not in content
        html_text = (pagefind_site / "events" / event.id / "index.html").read_text("utf-8")
        article = html_text[html_text.index("<article") : html_text.index("</article>")]
        assert len(content) < len(article) / 5


def test_pagefind_turns_the_theme_search_off(tmp_path: Path) -> None:
    """search: pagefind with the theme's search plugin still listed: Pagefind searches,
    and Material's plugin is off (no index of its own, no search box in the header)."""
    project = synth.write_archive(tmp_path / "archive", 3)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert "md-search" not in (site / "index.html").read_text(encoding="utf-8")


def test_pagefind_is_a_package_binary() -> None:
    from generator.search import executable

    binary = executable()
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "pagefind" in out.stdout.lower()


@pytest.mark.browser
def test_search_with_a_country_filter(pagefind_site: Path, serve_dir, chromium) -> None:
    countries = _countries_of_records()
    # A country that some briefs involve and others do not.
    counts: dict[str, int] = {}
    for names in countries.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    country = max((n for n, c in counts.items() if c < len(countries)), key=counts.__getitem__)
    expected = {event_id for event_id, names in countries.items() if country in names}

    base = serve_dir(pagefind_site)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        page.goto(f"{base}search/?q=synthetic", wait_until="load")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_selector(".pagefind-ui__filter-panel")
        # The country facet opens by itself (openFilters): wait for its value, tick it.
        # (Clicking group summaries raced with the UI opening them, closing the group.)
        label = page.locator(".pagefind-ui__filter-label", has_text=re.compile(f"^{country}"))
        label.first.wait_for(state="visible")
        label.first.click()
        # The summary line counts the filtered results: wait for it, then show them all.
        page.wait_for_function(
            "text => (document.querySelector('.pagefind-ui__message') || {}).textContent"
            " ?.startsWith(text)",
            arg=f"{len(expected)} result",
        )
        more = page.locator(".pagefind-ui__button", has_text="Load more")
        while more.count():
            shown = page.locator(".pagefind-ui__result-link").count()
            more.first.click()
            page.wait_for_function(
                "n => document.querySelectorAll('.pagefind-ui__result-link').length > n",
                arg=shown,
            )
        page.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result-link').length === n",
            arg=len(expected),
        )
        links = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    finally:
        context.close()
    found = {re.search(r"events/([^/]+)/", href).group(1) for href in links}  # type: ignore[union-attr]
    assert found == expected
    assert not errors


def test_the_actor_facet_offers_the_actors_of_the_most_briefs(monkeypatch) -> None:
    from collections import Counter

    from generator import search
    from generator.archive import load_archive
    from generator.config import Settings

    published = load_archive(Settings(root=PROJECT)).published
    counts = Counter(n for r in published for n in {a.name for a in r.event.actors.values()})
    monkeypatch.setattr(search, "ACTOR_FACET_SIZE", 3)
    offered = search.facet_actors(published)
    assert len(offered) == 3
    assert min(counts[n] for n in offered) >= max(counts[n] for n in counts if n not in offered)
    for record in published:
        actors = search.facets(record, offered)["actor"]
        assert set(actors) == {a.name for a in record.event.actors.values()} & offered


def test_a_build_holds_each_brief_s_search_data_not_its_record() -> None:
    """A build makes every brief's Pagefind data at once and lets the records go (they
    were 440 MB of a 10,000-event build); a preview makes the same data when asked."""
    import gc

    from generator import search
    from generator.archive import Record, load_archive
    from generator.config import Settings

    archive = load_archive(Settings(root=PROJECT))
    eager = search.PageData(archive, eager=True)
    lazy = search.PageData(archive, eager=False)
    paths = [f"events/{r.event.id}.md" for r in archive.published]
    assert list(eager) == list(lazy) == paths
    assert {p: eager[p] for p in eager} == {p: lazy[p] for p in lazy}
    seen, todo, records = set(), [eager], 0
    while todo:  # everything the eager data refers to
        item = todo.pop()
        if id(item) in seen or isinstance(item, type):
            continue
        seen.add(id(item))
        records += isinstance(item, Record)
        todo += gc.get_referents(item)
    assert records == 0
