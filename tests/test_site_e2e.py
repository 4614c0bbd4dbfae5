"""End to end: real `mkdocs build --strict` and `briefing build` of the example archive,
inspected through the HTML and the search index a reader's browser receives.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import build_env, mkdocs_build

pytestmark = pytest.mark.e2e

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
SEED_RECORD = f"seeds/events/2018/{SEED}.yaml"
SEED_TITLE = (
    "Intelligence chiefs of Russia, China, Iran and Pakistan meet in Islamabad "
    "on Islamic State in Afghanistan"
)
INDEX_PAGES = ("months", "countries", "actors", "types", "tags", "sources", "methodology")


# ---- helpers -------------------------------------------------------------------------


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """Visible text, roughly: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def article(markup: str) -> str:
    """The page content without header, navigation and footer."""
    start = markup.index('<article class="md-content__inner')
    return markup[start : markup.index("</article>", start)]


class _NavLinks(HTMLParser):
    """Collects the href of every link inside Material's primary navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # nesting depth of <nav> elements inside the primary nav
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and (self.depth or "md-nav--primary" in (values.get("class") or "")):
            self.depth += 1
        elif tag == "a" and self.depth and values.get("href"):
            self.hrefs.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_links(markup: str) -> list[str]:
    parser = _NavLinks()
    parser.feed(markup)
    return parser.hrefs


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes, keyed by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same_tree(actual: Path, expected: Path) -> None:
    got, want = tree(actual), tree(expected)
    assert sorted(got) == sorted(want)
    differing = [name for name in want if got[name] != want[name]]
    assert differing == [], f"files differ between {actual} and {expected}: {differing}"


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    """The `briefing` command of this environment, as a user runs it."""
    script = Path(sys.executable).with_name("briefing")
    command = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from generator.cli import main; main()"]
    )
    return subprocess.run(
        [*command, *args], env=build_env(), capture_output=True, text=True, timeout=120
    )


def published_ids(project: Path) -> set[str]:
    ids = set()
    for path in (project / "seeds" / "events").rglob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record["status"] == "published":
            ids.add(record["id"])
    return ids


# ---- the build -----------------------------------------------------------------------


def test_strict_build_exits_0_without_warnings(site_build):
    _, result = site_build
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "ERROR" not in output


def test_one_brief_page_per_published_record(built_project, built_site):
    ids = published_ids(built_project)
    assert SEED in ids
    pages = {p.parent.name for p in (built_site / "events").glob("*/index.html")}
    assert pages == ids


def test_no_page_loads_anything_from_another_host(built_site):
    # Fonts, scripts and styles come from the site itself (theme font: false), so the
    # site works offline and readers are not reported to third parties.
    remote = re.compile(r'<(?:link|script|img)\b[^>]*\b(?:href|src)="(?:https?:)?//', re.I)
    offenders = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if remote.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# ---- the seed brief ------------------------------------------------------------------


def test_seed_brief_title_is_the_page_title(built_site):
    markup = page(built_site, f"events/{SEED}")
    title = re.search(r"<title>(.*?)</title>", markup, re.S)
    assert title is not None
    assert html.unescape(title.group(1)).startswith(SEED_TITLE)


def section(markup: str, anchor: str) -> str:
    """From the heading with this id to the next heading of level 2."""
    start = markup.index(f'<h2 id="{anchor}"')
    end = markup.find("<h2 ", start + 1)
    return markup[start : end if end != -1 else None]


def test_seed_brief_starts_with_the_bottom_line(built_site):
    markup = article(page(built_site, f"events/{SEED}"))
    assert markup.index('id="bottom-line-up-front"') < markup.index('id="summary"')
    assert text_of(section(markup, "bottom-line-up-front")) == (
        "Bottom line up front ¶ Intelligence chiefs of Russia, China, Iran and Pakistan met"
        " in Islamabad in July 2018 to discuss Islamic State fighters relocating to"
        " Afghanistan, and agreed at least in principle to coordinate against them. Reports"
        ' that they agreed to share intelligence and to act against "all other terrorist'
        ' groups" rest on anonymous or unattributed reporting.'
    )


@pytest.mark.parametrize(
    "expected",
    [
        pytest.param(
            "Mohammad Faisal (Pakistan's Foreign Office spokesperson) no knowledge", id="stance"
        ),
        pytest.param("TASS · C, fairly reliable", id="reliability-of-tass"),
        pytest.param("Credibility 1, confirmed", id="credibility"),
        pytest.param("almost certain high confidence", id="likelihood-and-confidence"),
    ],
)
def test_seed_brief_shows(built_site, expected):
    assert expected in text_of(article(page(built_site, f"events/{SEED}")))


def test_seed_brief_stance_is_a_badge(built_site):
    markup = article(page(built_site, f"events/{SEED}"))
    assert re.search(
        r"<strong>Mohammad Faisal</strong> \([^<]*\) "
        r'<a href="../../methodology/#stance-no-knowledge">'
        r'<span class="badge badge-stance badge-stance-no-knowledge" title="[^"<>]+">'
        r"no knowledge</span></a>",
        markup,
    )


def test_seed_brief_quotes_are_block_quotes_with_their_source(built_site):
    markup = article(page(built_site, f"events/{SEED}"))
    quotes = [text_of(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>", markup, re.S)]
    assert "“all other terrorist groups” quoted from APN Live" in quotes
    assert any(q.startswith("“The discussions focused on the dangers") for q in quotes)


def test_every_statement_is_its_own_list_item(built_site):
    # A statement with a note or quote used to swallow the next one ("- confirms ...").
    claims = section(article(page(built_site, f"events/{SEED}")), "claims")
    statements = claims.count('<span class="badge badge-stance ')
    items = len(re.findall(r"<li>\s*(?:<p>)?<strong>[^<]*</strong>[^<]*<a [^>]*#stance-", claims))
    assert statements > 10
    assert items == statements


def test_seed_brief_links_related_reports_and_is_linked_from_related_briefs(built_site):
    markup = article(page(built_site, f"events/{SEED}"))
    related = section(markup, "related")
    assert '<a href="https://www.dawn.com/news/1645893/' in related
    assert '<a href="https://presstv.ir/Detail/2017/12/24/' in related
    for other in (
        "2021-09-11-islamabad-isi-hosts-regional-spy-chiefs",
        "2017-12-23-moscow-kabulov-is-fighters-estimate",
    ):
        assert f'href="../{SEED}/"' in article(page(built_site, f"events/{other}"))


# ---- navigation ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", f"events/{SEED}", "methodology"])
def test_event_pages_are_not_in_the_navigation(built_site, path):
    links = nav_links(page(built_site, path))
    assert links, "no primary navigation found"
    assert [href for href in links if "events/" in href] == []


def test_index_pages_exist_and_are_in_the_navigation(built_site):
    links = set(nav_links(page(built_site, "")))
    for name in INDEX_PAGES:
        assert (built_site / name / "index.html").is_file()
        assert f"{name}/" in links


# ---- search --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_docs(built_site) -> list[dict[str, str]]:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    return index["docs"]


@pytest.mark.parametrize(
    "words",
    ["Naryshkin", "SVR", "Daesh", "Islamabad", "TASS", "Dawn", "all other terrorist groups"],
)
def test_search_index_finds_the_seed_brief(search_docs, words):
    hits = [
        doc["location"]
        for doc in search_docs
        if words.lower() in text_of(doc["title"] + " " + doc["text"]).lower()
    ]
    assert any(location.startswith(f"events/{SEED}/") for location in hits), hits


# ---- reproducibility and the CLI -----------------------------------------------------


@pytest.fixture(scope="module")
def cli_project(new_project: Callable[[], Path]) -> Path:
    """A copy of the project built with `briefing build` (its site/ is the old site)."""
    project = new_project()
    result = briefing("build", "--project", str(project))
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_two_builds_with_the_same_date_are_byte_identical(new_project, built_site):
    project = new_project()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert_same_tree(project / "site", built_site)


def test_briefing_build_makes_the_same_site_as_mkdocs_build(cli_project, built_site):
    assert_same_tree(cli_project / "site", built_site)


def test_briefing_build_into_a_site_dir(cli_project, built_site, tmp_path):
    target = tmp_path / "public"
    result = briefing("build", "--project", str(cli_project), "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    assert_same_tree(target, built_site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no staging left


# ---- atomicity: a failed build leaves the old site as it was --------------------------


@pytest.fixture
def rebuilt(cli_project, tmp_path):
    """A copy of a built project; returns (project, snapshot of its site)."""
    project = tmp_path / "archive"
    shutil.copytree(cli_project, project)
    return project, tree(project / "site")


def _no_staging_left(project: Path) -> bool:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_broken_record_fails_with_a_located_diagnostic_and_keeps_the_site(rebuilt):
    project, before = rebuilt
    record = project / SEED_RECORD
    line = len(record.read_text(encoding="utf-8").splitlines()) + 1
    with record.open("a", encoding="utf-8") as handle:
        handle.write("colour: blue\n")

    result = briefing("build", "--project", str(project))

    assert result.returncode == 1
    assert f"{SEED_RECORD}:{line}:1: colour: unknown field 'colour'." in result.stdout
    assert "the site was not built" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before
    assert _no_staging_left(project)


def test_broken_template_fails_without_traceback_and_keeps_the_site(rebuilt):
    project, before = rebuilt
    (project / "templates" / "brief.md.j2").write_text(
        "# {{ event.title }}\n\n{{ nonexistent_variable }}\n", encoding="utf-8"
    )

    result = briefing("build", "--project", str(project))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the site was not built, the previous one is unchanged" in result.stderr
    assert (
        "templates/brief.md.j2:3:1: template error: 'nonexistent_variable' is undefined"
        in result.stderr
    )
    assert tree(project / "site") == before
    assert _no_staging_left(project)


def test_plain_mkdocs_reports_a_broken_template_without_traceback(rebuilt):
    project, _ = rebuilt
    (project / "templates" / "brief.md.j2").write_text("{% if %}\n", encoding="utf-8")

    result = mkdocs_build(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "templates/brief.md.j2:1:1: template error:" in result.stderr
