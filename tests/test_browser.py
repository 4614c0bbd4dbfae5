"""In a real browser: the built site, served on localhost, read in headless Chromium.

A reader searches for a name, opens the brief and reads the bottom line; pages load with
no script errors and nothing is fetched from another host. Screenshots for humans are
saved in test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
BOTTOM_LINE = "agreed at least in principle to coordinate"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def site_url(built_site, serve_dir) -> str:
    return serve_dir(built_site)


class Reader:
    """One browser tab, recording what a page did that a reader would not want."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Third-party requests are recorded above and then refused, so the test neither
        # leaks to nor waits on the network.
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())

    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, url

    def search(self, words: str):
        """Type into Material's search box like a reader; return when results show."""
        self.page.click(".md-search__input")
        self.page.keyboard.type(words)
        self.page.wait_for_selector(".md-search-result__item")

    def result_for(self, event_id: str):
        """The search result that links to a brief (first one: the page, not a section)."""
        selector = f'.md-search-result__item a.md-search-result__link[href*="/events/{event_id}/"]'
        return self.page.locator(selector).first

    def other_hosts(self) -> list[str]:
        return sorted({url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"})


@pytest.fixture
def reader(chromium) -> Iterator[Reader]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Reader(context.new_page())
    finally:
        context.close()


def test_search_for_a_name_and_read_the_brief(reader, site_url):
    reader.open(site_url)

    reader.search("Naryshkin")
    hit = reader.result_for(SEED)
    hit.wait_for()
    hit.click()

    reader.page.wait_for_url(re.compile(rf"/events/{SEED}/"))
    assert BOTTOM_LINE in reader.page.locator("#bottom-line-up-front + p").inner_text()
    assert reader.errors == []
    assert reader.other_hosts() == []


@pytest.mark.parametrize("words", ["Daesh", "TASS"])
def test_search_finds_the_seed_brief(reader, site_url, words):
    reader.open(site_url)
    reader.search(words)
    hit = reader.result_for(SEED)
    hit.wait_for()
    assert hit.is_visible()


@pytest.mark.parametrize("path", ["", f"events/{SEED}/"], ids=["home", "seed-brief"])
def test_page_loads_cleanly_from_localhost_only(reader, site_url, path):
    # Material's search worker starts once the page's scripts have run; the index itself
    # waits until the reader turns to the search box (material_search.py).
    with reader.page.expect_response(re.compile(r"/assets/javascripts/workers/search\.")):
        reader.open(site_url + path)
    reader.page.wait_for_load_state("networkidle")
    assert not [url for url in reader.requests if url.endswith("/search/search_index.json")]
    with reader.page.expect_response(re.compile(r"/search/search_index\.json$")) as index:
        reader.page.click(".md-search__input")
    assert index.value.ok
    assert reader.page.locator("article h1").count() == 1
    assert reader.errors == []
    assert reader.other_hosts() == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", f"events/{SEED}/"], ids=["home", "seed-brief"])
def test_screenshots_for_humans(chromium, site_url, path, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        reader = Reader(page)  # records requests; refuses those to other hosts
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok
        # Every picture loaded (the map and timeline, the locator map and the network).
        widths = page.evaluate(
            "[...document.querySelectorAll('article img')].map(i => [i.src, i.naturalWidth])"
        )
        assert len(widths) >= 2 and all(width > 0 for _, width in widths), widths
        assert reader.other_hosts() == []
        name = "home" if not path else "seed-brief"
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        # At phone width the page must not scroll sideways.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        context.close()


# ---- hostile records -------------------------------------------------------------------


def _payload(where: str) -> str:
    """Markup that would set window.__pwned (and fetch /x) if it ever ran."""
    return (
        f"<img src=x onerror=\"window.__pwned='{where}'\"><script>window.__pwned='{where}'</script>"
    )


def _yaml_single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site(new_project, serve_dir) -> str:
    """The seed record with script in its title, summary, bottom line and a quote."""
    project = new_project()
    record = project / "seeds" / "events" / "2018" / f"{SEED}.yaml"
    text = record.read_text(encoding="utf-8")
    title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
    quote = "all other terrorist groups"
    for old, new in [
        (f"title: {title}\n", f"title: {_yaml_single(_payload('title') + ' ' + title)}\n"),
        ("summary: >-\n  ", f"summary: >-\n  {_payload('summary')} "),
        ("  bluf: >-\n    ", f"  bluf: >-\n    {_payload('bluf')} "),
        (f"quote: {quote}\n", f"quote: {_yaml_single('</cite>' + _payload('quote') + quote)}\n"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    record.write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return serve_dir(project / "site")


def test_hostile_record_is_shown_as_text_and_runs_nothing(reader, hostile_site):
    dialogs: list[str] = []
    reader.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    reader.open(hostile_site + f"events/{SEED}/")
    heading = reader.page.locator("article h1").inner_text()
    reader.search("Islamabad")
    reader.result_for(SEED).wait_for()

    assert heading.startswith(_payload("title"))
    assert reader.page.title().startswith(_payload("title"))
    assert (
        reader.page.locator("article script, article img[onerror], .md-search-result img").count()
        == 0
    )
    assert reader.page.evaluate("window.__pwned") is None
    assert [url for url in reader.requests if url.endswith("/x")] == []  # no injected <img>
    assert dialogs == []
    assert reader.errors == []
