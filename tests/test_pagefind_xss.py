"""Record text reaches the Pagefind search page as text (issue 14, item 1).

A synthetic archive built with `search: pagefind` gets a few records whose actor names,
titles, places, summaries and outlet carry markup: an <img onerror>, a <script>, an
<svg onload>, attribute breakouts, `</template>`, `javascript:` and entities such as
`&lt;script&gt;` that must stay literal. Headless Chromium opens the search page with
several queries (the payload records, everything, nothing), opens every filter group and
checks that nothing ran (no dialog, no window flag set by a payload), that no injected
element is in the page, that the actor filter's labels, the result titles and excerpts
show the text as typed, and that ticking a payload name still narrows the results.
Pagefind's index itself is read back: it must hold each name as the markup of its text.
The same corpus built with Material's search gets one round of the same checks.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import PROJECT, mkdocs_build

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

pytestmark = [pytest.mark.e2e]

TIMEOUT_MS = 30_000
#: The payloads set window.__xss (or open a dialog) if they ever run.
ACTORS = [
    "Sergei <img src=x onerror=alert(document.domain)>Naryshkin",
    "Hostile <img src=x onerror=window.__xss=1>Flag",
    "Svg <svg onload=window.__xss=2>Loader",
    '"><script>window.__xss=3</script> Breakout',
    "Quote ' onmouseover='window.__xss=4' Actor",
    "Closing </template><img src=x onerror=window.__xss=5> Actor",
    "Entity &lt;script&gt;window.__xss=6&lt;/script&gt; Actor",
    "Link javascript:window.__xss=7 Actor",
]
TITLE = "Hostile talks <img src=x onerror=window.__xss=8> about &lt;b&gt; in Kabul"
PLACE = "Kabul <svg onload=window.__xss=9>"
OUTLET = "Outlet <img src=x onerror=window.__xss=10> Times"
SUMMARY = (
    "SYNTHETIC. Naryshkin met <img src=x onerror=window.__xss=11> delegates and "
    "<script>window.__xss=12</script> said &lt;script&gt; javascript:alert(1) plainly."
)
#: The search is settled: the summary line counts results and none is still loading.
SETTLED = """() => {
    const message = document.querySelector('.pagefind-ui__message');
    return /^([0-9]+ results? for|No results for) /.test(message ? message.textContent : '')
        && !document.querySelector('.pagefind-ui__loading');
}"""
#: Elements or attributes that only injected markup would put into the page.
INJECTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll(
            'img[src=x], svg[onload], script:not([src]):not([type]), template'))
        if (el.closest('#briefing-search, .md-search, article')
                || (el.getAttribute('src') || '') === 'x')
            found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('*'))
        for (const a of el.attributes)
            if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
    for (const script of document.querySelectorAll('script'))
        if (script.textContent.includes('__xss')) found.push('script ' + script.textContent);
    return found;
}"""


def _hostile_archive(dest: Path, search: str) -> Path:
    """A small synthetic project plus three records (and one outlet) carrying payloads."""
    project = synth.write_archive(dest, 6, search=search)
    registry = project / "seeds" / "outlets.yaml"
    outlets = synth.outlets()
    outlets["outlet_00"]["name"] = OUTLET
    registry.write_text(synth.to_yaml(outlets), encoding="utf-8")
    for n in range(3):
        event_id, fields = synth.record(100 + n)
        fields["status"] = "published"
        fields.pop("related", None)
        fields.pop("retraction", None)
        fields["title"] = f"{TITLE} ({n})"
        fields["summary"] = SUMMARY
        fields["location"]["name"] = PLACE  # type: ignore[index]
        for source in fields["sources"].values():  # type: ignore[union-attr]
            source["outlet"] = "outlet_00"
        actors = fields["actors"]
        assert isinstance(actors, dict)
        for i, name in enumerate(ACTORS[n::3]):
            actors[f"hostile_{i}"] = {"name": name, "kind": "person", "role": "mentioned"}
        folder = project / "seeds" / "events" / event_id[:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{event_id}.yaml").write_text(synth.to_yaml(fields), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _hostile_archive(tmp_path_factory.mktemp("pagefind-xss") / "archive", "pagefind")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _hostile_archive(tmp_path_factory.mktemp("material-xss") / "archive", "material")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


class Tab:
    """A Chromium tab that counts dialogs and script errors and reaches only our host."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def assert_nothing_ran(self) -> None:
        # Hovering every element would fire onmouseover handlers if any were injected.
        self.page.evaluate(
            "() => { for (const el of document.querySelectorAll('*'))"
            " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); }"
        )
        assert self.dialogs == []
        assert self.page.evaluate("() => window.__xss") is None
        assert self.page.evaluate(INJECTED) == []
        assert self.errors == []


@pytest.fixture()
def tab(chromium: Any) -> Iterator[Tab]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Tab(context.new_page())
    finally:
        context.close()


def _message(page: Any) -> str:
    return str(page.locator(".pagefind-ui__message").text_content())


def _actor_labels(page: Any) -> list[str]:
    """The labels of the actor filter, the group opened first (it starts closed)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pagefind-ui__filter-name')]"
        ".some(name => name.textContent === 'Actor')"
    )
    page.evaluate(
        "() => document.querySelectorAll('details.pagefind-ui__filter-block')"
        ".forEach(block => { block.open = true; })"
    )
    group = page.locator("details.pagefind-ui__filter-block", has_text="Actor").first
    return [str(t) for t in group.locator(".pagefind-ui__filter-label").all_text_contents()]


def test_the_index_holds_each_name_as_the_markup_of_its_text(pagefind_site: Path) -> None:
    """Pagefind decodes a filter value's entities itself (twice, in 1.3 to 1.5): what the
    installed version stores must be exactly the markup the UI reads as the name."""
    from generator.search import ui_markup

    stored = b"".join(
        gzip.decompress(path.read_bytes())
        for path in (pagefind_site / "pagefind" / "filter").glob("*.pf_filter")
    )
    for name in ACTORS:
        assert ui_markup(name).encode() in stored, name
        if "<" in name or "&" in name:
            assert name.encode() not in stored, name


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "results"),
    [("Naryshkin", 3), ("onerror", 4), ("plainly", 3), ("synthetic", 9), ("zzqqxxnothing", 0)],
)
def test_payloads_on_the_pagefind_search_page_stay_text(
    pagefind_site: Path,
    serve_dir: Callable[[Path], str],
    tab: Tab,
    query: str,
    results: int,
) -> None:
    page = tab.page
    page.goto(f"{serve_dir(pagefind_site)}search/?q={quote(query)}", wait_until="load")
    page.wait_for_function(SETTLED)
    expected = f"{results} result{'s' if results != 1 else ''} for" if results else "No results"
    assert _message(page).startswith(expected), _message(page)
    assert page.locator(".pagefind-ui__result").count() == min(results, 5)

    # Every filter value, the payload names included, reads as typed (empty ones too).
    labels = _actor_labels(page)
    tab.assert_nothing_ran()
    for name in ACTORS:
        assert f"{name} (1)" in labels or f"{name} (0)" in labels, (name, labels)
    titles = page.locator(".pagefind-ui__result-title").all_text_contents()
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_text_contents()
    marked = page.locator(".pagefind-ui__result-excerpt mark").all_text_contents()
    if query in ("Naryshkin", "plainly"):
        assert all(title.startswith(TITLE) for title in titles), titles
        # Pagefind's excerpt, rebuilt from the text: entities stay literal, matches marked.
        assert all(SUMMARY.split(". ", 1)[1] in excerpt for excerpt in excerpts), excerpts
        assert marked and all(query in word for word in marked), marked
    if query == "onerror":
        assert "onerror=window.__xss=8>" in marked, marked
    if not results:
        return

    # Ticking a payload name narrows the results to its one brief.
    page.locator(".pagefind-ui__filter-label", has_text="Sergei <img").click()
    page.wait_for_function(
        "() => /^1 result for /.test(document.querySelector('.pagefind-ui__message').textContent)"
    )
    page.wait_for_function(SETTLED)
    assert page.locator(".pagefind-ui__result").count() == 1
    assert page.locator(".pagefind-ui__filter-checkbox:checked").count() == 1
    assert page.locator(".pagefind-ui__result-title").text_content() == f"{TITLE} (0)"
    tab.assert_nothing_ran()


@pytest.mark.browser
def test_payloads_in_material_search_stay_text(
    material_site: Path, serve_dir: Callable[[Path], str], tab: Tab
) -> None:
    page = tab.page
    page.goto(serve_dir(material_site), wait_until="load")
    for words in ("onerror", "script", "Naryshkin"):
        page.fill(".md-search__input", "")
        page.click(".md-search__input")
        page.keyboard.type(words)
        page.wait_for_selector(".md-search-result__item")
        tab.assert_nothing_ran()
    results = " ".join(page.locator(".md-search-result__item").all_text_contents())
    assert "<img src=x onerror=window.__xss=11>" in results, results
