"""The site around the briefs, measured in headless Chromium at a desktop (1366×900) and a
phone (390×844): the news comes first on the home page, pictures are readable where they
are shown, no table runs off a phone's screen on any kind of page, the site title is not
cut, search ranks briefs above listings and fetches its index only when the reader
searches, and the About page names the publisher set in mkdocs.yml.

Screenshots of every kind of page at both sizes are saved in test-artifacts/ (ignored by
git) for people to look at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PROJECT, copy_project, mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
#: Every kind of page of the site, by its address.
PAGES = {
    "home": "",
    "brief": f"events/{SEED}/",
    "months": "months/",
    "month": "months/2018-07/",
    "countries": "countries/",
    "country": "countries/pk/",
    "types": "types/",
    "type": "types/strategic_developments/",
    "tags": "tags/",
    "tag": "tags/pakistan/",
    "actors": "actors/",
    "actor": "actors/sergei-naryshkin/",
    "sources": "sources/",
    "outlet": "outlets/tass/",
    "methodology": "methodology/",
    "data": "data/",
    "about": "about/",
}
#: Pages that list briefs: Material's search leaves them out (material_search.py).
LISTINGS = ("", "months/", "countries/", "types/", "tags/", "actors/", "outlets/")


@pytest.fixture(scope="module")
def site_url(built_site, serve_dir) -> str:
    return serve_dir(built_site)


@pytest.fixture(params=SIZES)
def tab(request, chromium):
    """A tab at one of the two sizes; refuses requests to other hosts."""
    context = chromium.new_context(viewport=request.param)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        yield page
    finally:
        context.close()


def _open(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url


def _size(page) -> str:
    return "phone" if page.viewport_size["width"] < 600 else "desktop"


# ---- the home page ----------------------------------------------------------------------


def test_the_first_headline_is_on_the_first_screen(tab, site_url):
    _open(tab, site_url)
    headline = tab.locator("article h3 a").first
    box = headline.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= tab.viewport_size["height"], box
    # The headline is a brief's, and the pictures come after the news.
    assert (headline.get_attribute("href") or "").startswith("events/")
    picture = tab.locator('article img[src$="map.svg"]').bounding_box()
    assert picture is not None and picture["y"] > box["y"]


# ---- pictures ---------------------------------------------------------------------------

#: The font sizes of an <img>'s SVG text as displayed: the SVG is placed in the page at
#: the width the <img> is shown at, and each text's font size is scaled by its transform.
_TEXT_SIZES = """async (img) => {
  const shown = img.getBoundingClientRect();
  const source = await (await fetch(img.currentSrc || img.src)).text();
  const parsed = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
  const svg = document.importNode(parsed, true);
  const box = svg.viewBox.baseVal;
  svg.setAttribute("width", shown.width);
  svg.setAttribute("height", shown.width * box.height / box.width);
  const holder = document.createElement("div");
  holder.style.cssText = "position: absolute; left: 0; top: 0; visibility: hidden";
  holder.appendChild(svg);
  document.body.appendChild(holder);
  const sizes = [...svg.querySelectorAll("text")].map((text) => {
    const m = text.getScreenCTM();
    return [text.textContent, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b)];
  });
  const dots = [...svg.querySelectorAll("use")]
    .filter((use) => /fill:\\s*#d55e00/i.test(use.getAttribute("style") || ""))
    .map((use) => use.getBoundingClientRect().width);
  holder.remove();
  return {src: img.getAttribute("src"), width: shown.width, sizes, dots};
}"""


@pytest.mark.parametrize("kind", ["home", "brief", "country", "actors"])
def test_no_text_in_a_picture_is_smaller_than_10_px_as_shown(tab, site_url, kind):
    _open(tab, site_url + PAGES[kind])
    pictures = tab.locator('article img[src$=".svg"]')
    measured = []
    for i in range(pictures.count()):
        img = pictures.nth(i)
        if not img.is_visible():  # hidden on narrow screens; its table remains
            continue
        img.scroll_into_view_if_needed()
        tab.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle()
        )
        measured.append(img.evaluate(_TEXT_SIZES))
    assert measured, f"{kind}: no picture shown"
    small = [(m["src"], t, round(s, 1)) for m in measured for t, s in m["sizes"] if s < 10]
    assert small == [], small
    if kind == "home":
        dots = [d for m in measured for d in m["dots"]]
        assert dots and min(dots) >= 6, dots  # event locations are dots one can see


def test_on_a_narrower_screen_pictures_give_way_to_their_tables(chromium, site_url):
    """Below a 352 px screen the text of a picture would shrink under 10 px: the pictures
    with text are hidden, the locator map stays, and the tables beside them remain."""
    context = chromium.new_context(viewport={"width": 340, "height": 700})
    try:
        page = context.new_page()
        _open(page, site_url)
        assert not page.locator('article img[src$="map.svg"]').is_visible()
        assert not page.locator('article img[src$="timeline.svg"]').is_visible()
        assert page.locator("article table").first.is_visible()  # Events by country
        _open(page, site_url + PAGES["brief"])
        assert page.locator('article img[src*="img/places/"]').is_visible()
        assert not page.locator('article img[src*="img/events/"]').is_visible()
    finally:
        context.close()


# ---- phones: tables and the title -------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_table_runs_off_the_screen_and_the_title_is_whole(tab, site_url, kind):
    _open(tab, site_url + PAGES[kind])
    tab.wait_for_load_state("networkidle")
    width = tab.viewport_size["width"]
    # Tables a reader sees (those in closed <details> are laid out but not shown).
    tables = tab.evaluate(
        """() => [...document.querySelectorAll('article table')]
          .filter((t) => t.checkVisibility()).map((t) => {
          const box = t.getBoundingClientRect();
          return {left: box.left, right: box.right, width: box.width,
                  overflow: t.scrollWidth - t.clientWidth,
                  head: t.rows[0] ? t.rows[0].innerText.slice(0, 60) : ''};
        })"""
    )
    wide = [t for t in tables if t["width"] > 0 and (t["right"] > width or t["left"] < 0)]
    assert wide == [], wide
    if _size(tab) == "phone":
        assert [t for t in tables if t["overflow"] > 1] == []  # nothing hidden inside
    sideways = tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0
    title = tab.locator(".md-header__topic:first-child .md-ellipsis")
    fits = title.evaluate(
        "(e) => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight, e.innerText]"
    )
    assert fits[0] <= fits[1] and fits[2] <= fits[3], fits
    assert fits[4] == _site_name()
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"site-{kind}-{_size(tab)}.png"
    tab.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 5_000


def _mkdocs_yml() -> dict:
    from mkdocs.utils.yaml import yaml_load

    with (PROJECT / "mkdocs.yml").open(encoding="utf-8") as config:
        return yaml_load(config)


def _site_name() -> str:
    return _mkdocs_yml()["site_name"]


# ---- search -----------------------------------------------------------------------------


def _search(page, words: str) -> list[str]:
    """Open search as a reader does on this screen, type, return the result addresses."""
    if _size(page) == "phone":
        page.click('.md-header label[for="__search"]')
    else:
        page.click(".md-search__input")
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")
    return page.evaluate(
        "[...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)"
    )


def test_search_ranks_the_brief_first_and_fetches_the_index_when_asked(tab, site_url):
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    _open(tab, site_url + PAGES["brief"])
    tab.wait_for_load_state("networkidle")
    index = [url for url in requests if url.endswith("/search/search_index.json")]
    assert index == []  # reading a brief does not download the index

    found = _search(tab, "Naryshkin")

    assert len([url for url in requests if url.endswith("/search/search_index.json")]) == 1
    paths = [url.removeprefix(site_url).split("?")[0].split("#")[0] for url in found]
    assert paths[0] == PAGES["brief"], paths
    listed = [p for p in paths if p == "" or p.startswith(LISTINGS[1:])]
    assert listed == [], paths


def test_the_index_holds_briefs_ranked_first_and_no_listing(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc == "" or loc.startswith(LISTINGS[1:])]
    briefs = [doc for doc in index["docs"] if doc["location"].startswith("events/")]
    assert briefs and all(doc.get("boost", 1) > 1 for doc in briefs)
    assert not [doc for doc in index["docs"] if doc not in briefs and doc.get("boost", 1) > 1]


# ---- About ------------------------------------------------------------------------------


def test_the_about_page_names_the_configured_publisher(tab, site_url):
    plugins = _mkdocs_yml()["plugins"]
    about = next(p["briefing"] for p in plugins if isinstance(p, dict) and "briefing" in p)
    about = about["about"]
    _open(tab, site_url)
    link = tab.locator('.md-nav--primary a.md-nav__link[href$="about/"]')
    assert link.count() == 1  # in the navigation
    _open(tab, site_url + PAGES["about"])
    text = tab.locator("article").inner_text()
    assert " ".join(about["publisher"].split()) in text
    assert " ".join(about["corrections"].split()) in text
    assert tab.locator(f'article a[href="{about["contact"]}"]').count() == 1
    assert "How to read a brief" in text and "not yet graded" in text


def test_a_contact_that_is_no_address_is_a_configuration_error(tmp_path):
    project = copy_project(tmp_path / "archive")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("contact: mailto:") == 1
    config.write_text(re.sub(r"contact: mailto:\S+", "contact: javascript:alert(1)", text))
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Sub-option 'contact': expected an http(s) or mailto: address" in result.stderr
    assert "javascript:alert(1)" in result.stderr
