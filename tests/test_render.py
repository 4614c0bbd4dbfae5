"""Golden Markdown: each folder in tests/cases/render/ is a small project (records in) with
expected/ holding the exact Markdown the renderer must produce for a chosen set of pages.

To accept new output after a deliberate template change, review the diff, then run
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py
which rewrites the files already listed in each expected/ folder (add an empty file there
to put another page under test).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from generator.archive import load_archive
from generator.config import Settings
from generator.render import render_pages

CASES_DIR = Path(__file__).parent / "cases" / "render"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "mkdocs.yml").is_file())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _render(case: Path) -> dict[str, str]:
    settings = Settings(root=case)
    return render_pages(load_archive(settings), settings)


def _expected_files(case: Path) -> list[str]:
    expected = case / "expected"
    return sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendered_markdown_matches_golden_files(case: Path) -> None:
    pages = _render(case)
    names = _expected_files(case)
    briefs = {f"events/{p.stem}.md" for p in (case / "seeds" / "events").rglob("*.yaml")}
    # Each case pins at least one brief, the home page and one index page.
    assert briefs & set(names), f"{case.name}: expected/ holds no brief page"
    assert "index.md" in names
    assert any(n.endswith("/index.md") for n in names)
    mismatched = []
    for name in names:
        path = case / "expected" / name
        if name not in pages:
            pytest.fail(f"{case.name}: {name} is in expected/ but was not rendered")
        if UPDATE:
            path.write_text(pages[name], encoding="utf-8", newline="")
        elif path.read_text(encoding="utf-8") != pages[name]:
            mismatched.append(name)
    if mismatched:
        first = mismatched[0]
        # Show the first difference compactly; pytest's diff of long strings helps too.
        assert pages[first] == (case / "expected" / first).read_text(encoding="utf-8"), (
            f"{case.name}: {', '.join(mismatched)} differ from expected/; "
            "review and accept with UPDATE_GOLDEN=1"
        )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendering_is_deterministic(case: Path) -> None:
    assert _render(case) == _render(case)


# ---- retracted-and-draft ------------------------------------------------------------

RETRACTED_CASE = CASES_DIR / "retracted-and-draft"


def test_draft_record_is_not_rendered_anywhere() -> None:
    pages = _render(RETRACTED_CASE)
    assert "events/2019-03-09-jalalabad-market-closure.md" not in pages
    assert "events/2019-03-05-herat-dam-handover.md" in pages
    assert "events/2019-03-02-kabul-border-talks.md" in pages
    for name, text in pages.items():
        assert "2019-03-09-jalalabad-market-closure" not in text, name
        assert "must not be published" not in text, name


def test_retracted_record_stays_online_under_a_banner_with_its_reason() -> None:
    pages = _render(RETRACTED_CASE)
    brief = pages["events/2019-03-05-herat-dam-handover.md"]
    assert '!!! danger "Retracted"' in brief
    banner = brief.split('!!! danger "Retracted"', 1)[1].split("\n\n", 1)[0]
    assert "Reason: Frontier Daily withdrew its report on 8 March 2019" in banner
    retracted_badge = '<span class="badge badge-status badge-status-retracted">Retracted</span>'
    assert retracted_badge in pages["index.md"]
    assert retracted_badge in pages["months/2019-03.md"]
    published = pages["events/2019-03-02-kabul-border-talks.md"]
    assert "Retracted" not in published


# ---- hostile-record -----------------------------------------------------------------

HOSTILE_CASE = CASES_DIR / "hostile-record"
SITE_EXTENSIONS = ["tables", "admonition", "toc"]
# URLs the hostile record and its outlets declare in url fields: the only outside links.
DECLARED_URLS = {
    "https://evil.example/story?a=1&b=2",
    "https://plain-post.example/2020/01/16/talks",
    "https://evil.example/related",
}


def _html_pages() -> dict[str, str]:
    pages = _render(HOSTILE_CASE)
    return {
        name: markdown.Markdown(
            extensions=SITE_EXTENSIONS, extension_configs={"toc": {"permalink": True}}
        ).convert(text.split("---\n", 2)[2] if text.startswith("---\n") else text)
        for name, text in pages.items()
        if name.endswith(".md")
    }


def test_hostile_record_renders_no_active_markup() -> None:
    pages = _html_pages()
    assert "events/2020-01-15-kabul-hostile-text.md" in pages
    for name, page in pages.items():
        # The templates' own pictures: generated SVG files under img/, alt text escaped.
        page = re.sub(r'<img alt="[^"<>]*" src="(?:\.\./)*img/[a-z0-9./-]+\.svg" />', "", page)
        tags = " ".join(re.findall(r"<[^>]*>", page)).lower()
        for needle in ("<script", "<img", "<iframe", "<svg", "<b ", "<b>", "<em>", "<ol"):
            if needle == "<ol" and name.startswith("events/"):
                continue  # the template's own numbered key judgments
            assert needle not in tags, f"{name}: {needle}"
        assert not re.search(r"\son[a-z]+\s*=", tags), f"{name}: event handler attribute"
        assert not re.search(r"=\s*[\"']?\s*javascript:", tags), f"{name}: javascript: URL"
        # Code spans come from the templates only: the record id and the record file (and
        # the Data page's column names, a page that shows no record text).
        for code in re.findall(r"<code>(.*?)</code>", page) if name != "data.md" else []:
            assert code in {
                "2020-01-15-kabul-hostile-text",
                "seeds/events/2020/2020-01-15-kabul-hostile-text.yaml",
            }, f"{name}: {code}"
    brief = pages["events/2020-01-15-kabul-hostile-text.md"]
    assert brief.count("<cite>") == 1  # the template's own, around the one quote's source
    # judgments, statements, sources, actors, lists (gaps, indicators, alternatives), related
    assert brief.count("<li>") == 1 + 2 + 2 + 2 + 3 + 1


def test_hostile_record_links_only_to_declared_urls_and_own_pages() -> None:
    pages = _html_pages()
    outside: set[str] = set()
    for name, page in pages.items():
        for href in re.findall(r'<a [^>]*href="([^"]*)"', page):
            target = html.unescape(href)
            if urlsplit(target).scheme:
                outside.add(target)
            else:
                assert re.fullmatch(r"[a-z0-9./#_-]+", target), f"{name}: {target}"
    assert outside == DECLARED_URLS


def test_hostile_title_is_escaped_in_front_matter_and_heading() -> None:
    brief = _render(HOSTILE_CASE)["events/2020-01-15-kabul-hostile-text.md"]
    front, body = brief.split("---\n", 2)[1:]
    title_line = next(line for line in front.splitlines() if line.startswith("title:"))
    assert "<" not in title_line and "&lt;script&gt;" in title_line
    heading = next(line for line in body.splitlines() if line.startswith("# "))
    assert heading.startswith("# &#60;script&#62;alert&#40;1&#41;&#60;/script&#62; Officials")
