"""Pictures, offline reading and print in the built site of the example archive: where a
reader finds each picture, its alt text and the table beside it; the offline variant read
from file:// with search; a brief printed on A4 in headless Chromium.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_env, mkdocs_build

pytestmark = pytest.mark.e2e

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
BRIEFING = [sys.executable, "-c", "from generator.cli import main; main()"]
IMG = re.compile(r"<img\b([^>]*)>")
ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def images(markup: str) -> list[tuple[str, str]]:
    """(alt, src) of every picture in the page content."""
    start = markup.index('<article class="md-content__inner')
    content = markup[start : markup.index("</article>", start)]
    found = []
    for attributes in IMG.findall(content):  # in either order: converters differ
        values = dict(ATTRIBUTE.findall(attributes))
        found.append((html.unescape(values.get("alt", "")), values.get("src", "")))
    return found


def resolve(site: Path, path: str, src: str) -> Path:
    return (site / path / src).resolve()


@pytest.mark.parametrize(
    ("path", "pictures"),
    [
        ("", ["img/map.svg", "img/timeline.svg"]),
        (f"events/{SEED}/", ["img/places/pk-33.5n-73.0e.svg", f"img/events/{SEED}-actors.svg"]),
        ("countries/pk/", ["img/countries/pk-timeline.svg"]),
        ("actors/", ["img/actors.svg", "img/network-key.svg"]),
    ],
    ids=["home", "brief", "country", "actors"],
)
def test_pictures_are_where_a_reader_looks_with_alt_text(built_site, path, pictures):
    found = images(page(built_site, path))
    for wanted in pictures:
        match = [(alt, src) for alt, src in found if src.endswith(wanted)]
        assert match, f"{path}: {wanted} not in {found}"
        alt, src = match[0]
        assert len(alt) > 15, alt
        target = resolve(built_site, path, src)
        assert target.is_file() and target.is_relative_to(built_site.resolve())
        assert target.read_bytes().startswith(b"<?xml")


def test_each_picture_has_its_numbers_beside_it(built_site):
    home = page(built_site, "")
    assert 'id="events-by-country"' in home and 'id="events-by-month"' in home
    assert ">July 2018</td>" in home.replace("<td>July 2018</td>", ">July 2018</td>")
    assert 'href="countries/af/"' in home
    brief = page(built_site, f"events/{SEED}/")
    assert 'id="links-between-actors"' in brief
    assert "<td>Sergei Naryshkin</td>\n<td>member of</td>" in brief
    assert "Locator map: Islamabad, Pakistan" in html.unescape(brief)
    country = page(built_site, "countries/pk/")
    assert 'id="events-by-month"' in country
    actors = page(built_site, "actors/")
    assert 'id="actors-in-the-same-events"' in actors


def test_every_picture_of_the_site_is_used_and_small(built_site):
    pictures = {p for p in (built_site / "img").rglob("*.svg")}
    used: set[Path] = set()
    for html_file in built_site.rglob("*.html"):
        folder = html_file.parent
        for attributes in IMG.findall(html_file.read_text(encoding="utf-8")):
            src = dict(ATTRIBUTE.findall(attributes)).get("src", "")
            if "img/" in src:
                used.add((folder / src).resolve())
    assert {p.resolve() for p in pictures} == used
    assert max(p.stat().st_size for p in pictures) < 150_000


def test_the_search_index_holds_no_svg(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<svg" not in index and "<path" not in index


# ---- offline: file://, search included ----------------------------------------------------


@pytest.fixture(scope="module")
def offline_site(new_project) -> Path:
    project = new_project()
    result = subprocess.run(
        [*BRIEFING, "build", "--offline", "--project", str(project)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_offline_site_has_html_pages_and_an_inline_search_index(offline_site):
    assert (offline_site / "events" / f"{SEED}.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file()
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert f'href="events/{SEED}.html"' in home
    assert '<script src="assets/iframe-worker.js"></script>' in home
    for html_file in offline_site.rglob("*.html"):
        assert "unpkg.com" not in html_file.read_text(encoding="utf-8"), html_file


def test_the_normal_build_keeps_directory_urls(built_site):
    assert (built_site / "events" / SEED / "index.html").is_file()
    assert "iframe-worker" not in page(built_site, "")


def test_plain_mkdocs_builds_offline_with_the_environment_variable(new_project):
    project = new_project()
    env = {**build_env(), "BRIEFING_OFFLINE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "events" / f"{SEED}.html").is_file()


def test_offline_needs_the_plugin_in_mkdocs_yml(new_project):
    project = new_project()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"  - offline:\n.*\n", "", text), encoding="utf-8")
    result = subprocess.run(
        [*BRIEFING, "build", "--offline", "--project", str(project)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "offline plugin" in result.stderr and "BRIEFING_OFFLINE" in result.stderr
    assert mkdocs_build(project).returncode == 0  # without --offline it still builds


@pytest.mark.browser
def test_offline_site_is_read_and_searched_from_file_urls(chromium, offline_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page_ = context.new_page()
        requests: list[str] = []
        page_.on("request", lambda request: requests.append(request.url))
        page_.route(re.compile(r"^https?://"), lambda route: route.abort())
        page_.goto((offline_site / "index.html").as_uri(), wait_until="load")
        loaded = page_.evaluate("[...document.images].map(i => i.naturalWidth)")
        assert loaded and all(width > 0 for width in loaded)
        page_.click(".md-search__input")
        page_.keyboard.type("Naryshkin")
        hit = page_.locator(f'.md-search-result__item a[href*="events/{SEED}.html"]').first
        hit.wait_for(timeout=15_000)
        hit.click()
        page_.wait_for_url(re.compile(rf"events/{SEED}\.html"))
        assert page_.locator("article h1").count() == 1
        assert [url for url in requests if not url.startswith("file://")] == []
    finally:
        context.close()


# ---- print ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_brief_prints_on_a4_without_navigation(chromium, built_site, serve_dir):
    url = serve_dir(built_site) + f"events/{SEED}/"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load")
        tab.emulate_media(media="print")
        hidden = tab.evaluate(
            """['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search',
                '.md-footer', '.md-content__button']
               .map(s => [...document.querySelectorAll(s)])
               .flat().map(e => getComputedStyle(e).display)"""
        )
        assert hidden and set(hidden) == {"none"}
        after = tab.evaluate(
            """(() => { const a = document.querySelector('article a[href^="http"]');
                 return [a.href, getComputedStyle(a, '::after').content]; })()"""
        )
        assert after[0] in after[1]  # the address is written out after the link
        badges = tab.evaluate(
            """[...document.querySelectorAll('.badge')].map(b => {
                 const s = getComputedStyle(b);
                 return [s.color, s.backgroundColor, s.borderTopStyle]; })"""
        )
        assert badges
        assert {c for c, _, _ in badges} == {"rgb(0, 0, 0)"}  # black text
        assert {bg for _, bg, _ in badges} <= {"rgba(0, 0, 0, 0)"}  # no fill to lose
        assert {"solid", "dashed", "dotted"} & {s for _, _, s in badges}
        pdf = tab.pdf(format="A4", print_background=False)
        assert pdf.startswith(b"%PDF")
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
        assert boxes and all(
            abs(float(w) - 595.9) < 2 and abs(float(h) - 842.9) < 2 for w, h in boxes
        )
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "seed-brief-a4.pdf").write_bytes(pdf)
    finally:
        context.close()


def test_briefing_build_offline_is_documented():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "briefing build --offline" in readme and "BRIEFING_OFFLINE" in readme
    assert os.path.exists(Path(__file__).resolve().parents[1] / "generator/assets/iframe-worker.js")
