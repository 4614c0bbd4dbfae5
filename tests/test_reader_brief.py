"""The seed brief as a reader meets it in Chromium (issue 16), on a desktop (1366×900) and
a phone (390×844): the bottom line on the first screen, every statement with its outlets'
grades in words, no record key on screen, badges that explain themselves and lead to
Methodology, and related briefs linked both ways. Measured on the built example site;
screenshots of both widths are kept in test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.config import Settings

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SCREENS = {"desktop": (1366, 900), "phone": (390, 844)}
#: The Admiralty grade of an outlet as a reader must read it (issue 16).
GRADE_WORDS = {
    "A": "A, completely reliable",
    "B": "B, usually reliable",
    "C": "C, fairly reliable",
    "D": "D, not usually reliable",
    "E": "E, unreliable",
    "F": "not yet graded",
}
#: Labels of record internals the old brief showed (issue 16, item 4).
INTERNALS = [
    "Based on:",
    "(day precision)",
    "Derived",
    "Seed · Read",
    "copy read",
    "Record file",
    "F · ",
]


@pytest.fixture(scope="module")
def site_url(built_site, serve_dir) -> str:
    return serve_dir(built_site)


@pytest.fixture(scope="module")
def archive(built_project):
    return load_archive(Settings(root=built_project))


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def tab(request, chromium, site_url) -> Iterator:
    width, height = SCREENS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Nothing leaves localhost: other hosts are refused, not waited on.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page.screen = request.param  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def _open(page, site_url: str, event_id: str = SEED) -> None:
    response = page.goto(f"{site_url}events/{event_id}/", wait_until="load")
    assert response is not None and response.ok


def _visible_text(page) -> str:
    """What is on screen or a scroll away: closed <details> and hidden parts excluded."""
    return page.evaluate("document.body.innerText")


def test_bottom_line_is_on_the_first_screen(tab, site_url):
    _open(tab, site_url)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"reader-brief-{tab.screen}.png"))
    tab.screenshot(path=str(ARTIFACTS / f"reader-brief-{tab.screen}-full.png"), full_page=True)
    box = tab.evaluate(
        """(() => {
            const heading = document.getElementById('bottom-line-up-front');
            const text = heading.nextElementSibling;
            return {heading: heading.getBoundingClientRect().top,
                    top: text.getBoundingClientRect().top,
                    bottom: text.getBoundingClientRect().bottom,
                    height: innerHeight, scrolled: scrollY,
                    text: text.innerText};
        })()"""
    )
    assert box["scrolled"] == 0
    assert "agreed at least in principle to coordinate" in box["text"]
    # The whole bottom line is read without scrolling, not only its first line.
    assert 0 < box["heading"] < box["top"] < box["bottom"] < box["height"], box


def test_date_place_type_and_status_are_one_line_under_the_title(tab, site_url):
    _open(tab, site_url)
    meta = tab.locator("article .brief-meta")
    assert meta.inner_text() == (
        "10 July 2018 · Islamabad, Islamabad Capital Territory, Pakistan · "
        "Strategic developments: Agreement · Published"
    )
    lines = tab.evaluate(
        "(() => { const e = document.querySelector('article .brief-meta');"
        " return Math.round(e.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(e).lineHeight)); })()"
    )
    assert lines <= (1 if tab.screen == "desktop" else 3)


def test_every_statement_shows_its_outlets_grade_in_words(tab, site_url, archive):
    _open(tab, site_url)
    event = archive.by_id[SEED].event
    items = tab.evaluate(
        """[...document.querySelectorAll('article li')]
            .filter(li => li.querySelector('.badge-stance'))
            .map(li => li.innerText)"""
    )
    statements = [s for claim in event.claims for s in claim.statements]
    assert len(items) == len(statements)
    for text, statement in zip(items, statements, strict=True):
        speaker = event.actors[statement.attributed_to].name if statement.attributed_to else None
        assert text.startswith(speaker or "Unattributed"), text
        assert statement.stance.label in text
        for key in statement.reported_by + statement.via:
            outlet = archive.outlets[event.sources[key].outlet]
            assert f"{outlet.name} · {GRADE_WORDS[outlet.reliability.value]}" in text, text


def test_no_record_key_or_internal_label_is_on_screen(tab, site_url, archive):
    _open(tab, site_url)
    event = archive.by_id[SEED].event
    shown = re.sub(r"https?://\S+", "", _visible_text(tab))
    prose = "\n".join(_prose(event.model_dump(mode="json")))
    keys = {c.id for c in event.claims} | set(event.actors) | set(event.sources)
    # A key the record's own prose uses as a word (a note naming "abns") may be read there.
    keys = {k for k in keys if not re.search(rf"\b{re.escape(k)}\b", prose)}
    assert {"meeting_held", "is_strength", "ru_svr", "tass", "presstv"} <= keys
    assert [k for k in sorted(keys) if re.search(rf"\b{re.escape(k)}\b", shown)] == []
    assert [label for label in INTERNALS if label in shown] == []
    assert SEED not in shown
    # The keys are kept, folded: the coding details are closed and hold them.
    details = tab.locator("article details.coding-details")
    assert details.get_attribute("open") is None
    assert "meeting_held" in details.text_content()
    assert tab.locator("#claim-meeting_held").count() == 1


def _prose(value: object) -> Iterator[str]:
    if isinstance(value, str) and " " in value:
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item)


def test_every_badge_explains_itself_and_links_to_methodology(tab, site_url):
    _open(tab, site_url)
    badges = tab.evaluate(
        """[...document.querySelectorAll('article .badge')].map(b => ({
            text: b.innerText, title: b.title,
            href: b.closest('a') ? b.closest('a').href : null}))"""
    )
    assert len(badges) > 40
    for badge in badges:
        assert len(badge["title"]) > 20, badge
        assert badge["href"] and re.search(r"/methodology/#[a-z0-9-]+$", badge["href"]), badge
    # Pointing at a badge shows its definition; following it lands on the entry.
    graded = tab.locator("article .badge-reliability-f").first
    assert "not yet graded" in graded.get_attribute("title")
    graded.hover()
    graded.click()
    tab.wait_for_url(re.compile(r"/methodology/#reliability-f$"))
    row = tab.locator("tr:has(#reliability-f)")
    assert row.count() == 1
    assert "not yet graded" in row.inner_text()


def test_related_briefs_link_both_ways(tab, site_url):
    _open(tab, site_url)

    def links(section: str) -> list[str]:
        return tab.evaluate(
            """(id) => {
                const heading = document.getElementById(id);
                if (!heading) return [];
                const found = [];
                for (let e = heading.nextElementSibling; e && e.tagName !== 'H2';
                     e = e.nextElementSibling)
                    for (const a of e.querySelectorAll('a')) {
                        const brief = a.href.match(/\\/events\\/([^/#]+)\\/$/);
                        if (brief) found.push(brief[1]);
                    }
                return found;
            }""",
            section,
        )

    related, referrers = links("related"), links("referred-to-by")
    # Named by the address of a report each of those briefs cites: not the outside site.
    assert related == [
        "2021-09-11-islamabad-isi-hosts-regional-spy-chiefs",
        "2017-12-23-moscow-kabulov-is-fighters-estimate",
    ]
    assert len(referrers) == 3
    for other in related + referrers:
        _open(tab, site_url, other)
        assert SEED in links("related") + links("referred-to-by"), other
    # A reader follows one there and back.
    _open(tab, site_url)
    tab.locator(
        "article a[href$='2021-09-11-islamabad-isi-hosts-regional-spy-chiefs/']"
    ).first.click()
    tab.wait_for_url(re.compile(r"/events/2021-09-11-islamabad-isi-hosts-regional-spy-chiefs/"))
    tab.locator(f"article a[href*='{SEED}']").first.click()
    tab.wait_for_url(re.compile(rf"/events/{SEED}/"))


def test_the_brief_is_no_wider_than_the_screen(tab, site_url):
    _open(tab, site_url)
    tab.locator("article details.coding-details summary").click()  # the widest part
    assert tab.evaluate("document.documentElement.scrollWidth <= innerWidth")
