"""Hostile input: no record value can produce markup, script or a foreign link anywhere.

tests/cases/hostile/accepted/ is a project whose valid records carry markup, script, link and
template payloads in every free-text field; it is built once with `mkdocs build --strict`
and read as a reader's browser receives it: the HTML of every page, the search index, the
sitemap, then every page in headless Chromium. The site built from the example archive is
the baseline of what the theme itself ships (its scripts, tags and attributes).

tests/cases/hostile/rejected/ holds records that validation must refuse (bidi overrides,
control characters, noncharacters, foreign URL schemes, over-long titles, deep nesting,
YAML merge keys, anchors, tags); expected.txt lists, per file, the substring of each
expected diagnostic.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import build_env, mkdocs_build

from generator.archive import load_archive
from generator.config import Settings
from generator.copies import without_comments
from generator.errors import ValidationFailed

CASES = Path(__file__).parent / "cases" / "hostile"
ACCEPTED_CASE = CASES / "accepted"
REJECTED_CASE = CASES / "rejected"
EVENTS = "seeds/events/2020"

#: Attributes whose value a browser loads or navigates to.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "cite"}
URL_SCHEMES = {"http", "https", "mailto"}
#: Elements that embed or load something; the theme ships none of them.
EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "img", "image", "base"}
#: The only elements Material's search plugin keeps in the index (without attributes).
SEARCH_INDEX_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
#: Words of the payloads, typed into the search box of the built site.
SEARCH_WORDS = ["onerror", "script", "alert", "javascript", "iframe"]
TIMEOUT_MS = 15_000
CLI = "from generator.cli import main; main()"


# ---- reading the built site ------------------------------------------------------------


class _Page(HTMLParser):
    """Every element of a page with its attributes, and the body of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[list[tuple[str, str | None]], str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = []
            self.scripts.append((attrs, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, _ = self.scripts[-1]
            self.scripts[-1] = (attrs, "".join(self._script))
            self._script = None


def parse(markup: str) -> _Page:
    parser = _Page()
    parser.feed(markup)
    parser.close()
    return parser


def html_pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def text_of(markup: str) -> str:
    """Visible text, roughly: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def article(markup: str) -> str:
    start = markup.index('<article class="md-content__inner')
    return markup[start : markup.index("</article>", start)]


def brief(site: Path, slug: str) -> str:
    """The HTML of the hostile brief whose id ends with slug."""
    (folder,) = (site / "events").glob(f"*-kabul-{slug}")
    return (folder / "index.html").read_text(encoding="utf-8")


def scheme(url: str) -> str | None:
    """The scheme a browser would see: it drops ASCII whitespace and controls first."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


_RELATIVE_PREFIX = re.compile(r"^(?:\.\./)*(?:\./)?/?")


def script_signature(attrs: list[tuple[str, str | None]], body: str) -> tuple[Any, ...]:
    """A theme script with the page's relative path to the site root taken out."""
    values = {k: _RELATIVE_PREFIX.sub("", v or "") for k, v in attrs}
    body = re.sub(r'new URL\("[./]*",location\)', "new URL(ROOT,location)", body)
    if values.get("id") == "__config":
        config = json.loads(body)
        config.pop("base")
        config["search"] = _RELATIVE_PREFIX.sub("", config["search"])
        body = json.dumps(config, sort_keys=True)
    return tuple(sorted(values.items())), body.strip()


def _generated_picture(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The templates' own pictures: an <img> of a generated SVG file under img/."""
    values = dict(attrs)
    return (
        tag == "img"
        and sorted(values) == ["alt", "src"]
        and re.fullmatch(r"(?:\.\./)*img/[a-z0-9./-]+\.svg", values["src"] or "") is not None
    )


def page_problems(page: str, markup: str, theme: Theme) -> list[str]:
    """Everything on a page that a record value could have injected."""
    problems: list[str] = []
    parsed = parse(markup)
    for tag, attrs in parsed.elements:
        if tag not in theme.tags:
            problems.append(f"{page}: <{tag}> is not an element the theme uses")
        if tag in EMBEDS and not _generated_picture(tag, attrs):
            problems.append(f"{page}: <{tag} {attrs}> embeds content")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"{page}: <{tag}> has an event handler {name}={value!r}")
            if name not in theme.attributes:
                problems.append(f"{page}: <{tag}> has attribute {name}, which the theme never uses")
            if name in URL_ATTRIBUTES and value and scheme(value) not in (None, *URL_SCHEMES):
                problems.append(f"{page}: <{tag} {name}={value!r}> has a foreign scheme")
    for attrs, body in parsed.scripts:
        if script_signature(attrs, body) not in theme.scripts:
            problems.append(f"{page}: <script {attrs}> {body[:80]!r} is not one of the theme's")
    titles = re.findall(r"<title>(.*?)</title>", markup, flags=re.DOTALL)
    if len(titles) != 1 or "<" in titles[0]:
        problems.append(f"{page}: <title> is {titles!r}")
    if any(name == "markdown" for _, attrs in parsed.elements for name, _ in attrs):
        problems.append(f"{page}: an element with a markdown attribute reached the HTML")
    return problems


class Theme:
    """What the theme and our templates put on pages built from clean records."""

    def __init__(self, site: Path) -> None:
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.scripts: set[tuple[Any, ...]] = set()
        for markup in html_pages(site).values():
            parsed = parse(markup)
            for tag, attrs in parsed.elements:
                self.tags.add(tag)
                self.attributes.update(name for name, _ in attrs)
            self.scripts.update(script_signature(a, b) for a, b in parsed.scripts)


# ---- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus, built once with a real `mkdocs build --strict` in tmp."""
    project = tmp_path_factory.mktemp("hostile") / "archive"
    shutil.copytree(ACCEPTED_CASE, project)
    (project / "briefs").mkdir()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def hostile_site(hostile_project: Path) -> Path:
    return hostile_project / "site"


@pytest.fixture(scope="module")
def theme(built_site: Path) -> Theme:
    return Theme(built_site)


# ---- the corpus ----------------------------------------------------------------------------

#: Each payload of the issue, as it appears in the YAML of at least one valid record.
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "](javascript:alert(",
    "](JaVaScRiPt:alert(1))",
    "](data:text/html",
    "[1]: javascript:alert(1)",
    "<iframe",
    ") <img src=x onerror=alert(1)> (",
    "\n\n  <div onclick=\"alert('summary')\">",
    '{: onclick="alert(1)" }',
    "<div markdown",
    '--8<-- "/etc/passwd"',
    "</title><script>alert(1)</script>",
    "</h1><h1 onclick=alert(1)>",
    "&lt;script&gt;",
    "{{ 7*7 }}",
    "{% if true %}",
    "<svg/onload=alert(1)>",
    "\\L",  # U+2028 LINE SEPARATOR, escaped in a double-quoted scalar
]


def test_the_corpus_has_30_valid_records_and_every_payload():
    archive = load_archive(Settings(root=ACCEPTED_CASE))
    assert len(archive.published) >= 30
    assert any(r.event.retracted for r in archive.published)
    yaml_text = "".join(p.read_text(encoding="utf-8") for p in (ACCEPTED_CASE / EVENTS).glob("*"))
    assert [p for p in PAYLOADS if p not in yaml_text] == []
    # a 100 kB note
    assert max(len(a.note or "") for r in archive.records for a in r.event.actors.values()) > 1e5


# ---- the HTML ------------------------------------------------------------------------------


@pytest.mark.e2e
def test_no_page_has_markup_script_or_links_the_theme_did_not_put_there(hostile_site, theme):
    pages = html_pages(hostile_site)
    assert len(pages) > 60
    problems = [p for page, markup in pages.items() for p in page_problems(page, markup, theme)]
    assert problems == []


@pytest.mark.e2e
def test_the_checks_catch_injected_markup(hostile_site, theme):
    """The page checks above are not vacuous: each injection they look for is caught."""
    markup = (hostile_site / "index.html").read_text(encoding="utf-8")
    for injected in [
        "<script>alert(1)</script>",
        "<img src=x>",
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<span onclick="alert(1)">x</span>',
        "<div markdown>x</div>",
        '<iframe src="https://evil.example"></iframe>',
        '<meta http-equiv="refresh" content="0">',
    ]:
        hacked = markup.replace("</article>", injected + "</article>", 1)
        assert page_problems("index.html", hacked, theme), injected
    hacked = markup.replace("<title>", "<title><b>x</b>", 1)
    assert page_problems("index.html", hacked, theme)


#: (brief, text a reader must see exactly as the record has it)
SHOWN_AS_TYPED = [
    ("title-breakout", "</title><script>alert(1)</script>"),
    ("img-onerror", "Delegates met <img src=x onerror=alert('summary')> in Kabul."),
    ("html-entities", "&lt;img src=x onerror=alert(1)&gt; &#60;script&#62;"),
    ("javascript-link", "See [the report](javascript:alert('summary')) for details."),
    ("reference-link", "[1]: javascript:alert(1)"),
    ("attr-list", "Officials met {: onclick=\"alert('claim')\" }"),
    ("md-in-html", "<div markdown>*x*</div>"),
    ("snippets", '--8<-- "/etc/passwd"'),
    ("raw-html-block-literal", "Officials met. <div onclick=\"alert('summary')\">click me</div>"),
    ("heading-breakout", "# Fake heading {: onclick=alert(1) }"),
    ("backslash-escapes", "\\<img src=x onerror=alert(1)\\>"),
    ("url-breakout", ") <img src=x onerror=alert(1)> ("),
    ("retracted", "<script>alert('retraction')</script>"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("slug", "text"), SHOWN_AS_TYPED, ids=[s for s, _ in SHOWN_AS_TYPED])
def test_payloads_read_as_the_text_that_was_typed(hostile_site, slug, text):
    assert text in text_of(article(brief(hostile_site, slug)))


@pytest.mark.e2e
def test_template_syntax_in_values_prints_literally(hostile_site):
    markup = brief(hostile_site, "jinja-syntax")
    (title,) = re.findall(r"<title>(.*?)</title>", markup, flags=re.DOTALL)
    assert html.unescape(title).startswith("Talks {{ 7*7 }} in Kabul")
    shown = text_of(article(markup))
    for literal in [
        "Talks {{ 7*7 }} in Kabul",
        "Result {{ 7*7 }} and {% if true %}yes{% endif %} and {{ config }}",
        "{{ ''.__class__.__mro__ }} {# comment #} {% raw %}",
        "Actor {{ 7*7 }}",
        "{{ page.title }}",
    ]:
        assert literal in shown
    assert "49" not in shown
    assert "<class" not in shown
    actor = (hostile_site / "actors" / "actor-7-7" / "index.html").read_text(encoding="utf-8")
    assert "Actor {{ 7*7 }}" in text_of(article(actor))


@pytest.mark.e2e
def test_no_file_is_included_into_the_site(hostile_site):
    site_files = [p for p in hostile_site.rglob("*") if p.is_file()]
    leaked = [p for p in site_files if b"root:x:0:0" in p.read_bytes()]
    assert leaked == []
    shown = text_of(article(brief(hostile_site, "snippets")))
    assert '--8<-- "mkdocs.yml"' in shown
    assert "markdown_extensions" not in shown


#: Text that YAML readers refuse or read as line breaks, even inside a quoted scalar.
AWKWARD = ["a\uffffb", "a\ufffeb", "a\x85b", "a\u2028b\u2029c", "a\x7fb", "\ufeffa", "a\x00b"]


@pytest.mark.parametrize("value", AWKWARD, ids=[f"U+{ord(v[1]):04X}" for v in AWKWARD])
def test_front_matter_is_always_read_as_front_matter(value):
    # When MkDocs cannot parse front matter it silently renders it as Markdown, where the
    # title and description (escaped for HTML only) could make links: it must always parse.
    from mkdocs.utils.meta import get_data

    from generator.escape import attr
    from generator.templating import front_matter

    text = f"{front_matter(title=value + ' [x](javascript:alert(1))', description=value)}\n"
    body, meta = get_data(text + "\n# Heading\n")
    assert body == "# Heading\n"
    assert meta == {"title": attr(value + " [x](javascript:alert(1))"), "description": attr(value)}


# ---- search index and sitemap ------------------------------------------------------------


class _Fragment(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def fragment(value: str) -> _Fragment:
    parser = _Fragment()
    parser.feed(value)
    parser.close()
    return parser


@pytest.mark.e2e
def test_search_index_holds_only_text_and_the_elements_material_keeps(hostile_site):
    # Material's search plugin stores titles and text as HTML fragments, which its search
    # UI inserts as HTML: a record's markup must reach it escaped, as text.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    problems = []
    titles: dict[str, str] = {}
    for doc in index["docs"]:
        for field in ("title", "text"):
            parsed = fragment(doc[field])
            for tag, attrs in parsed.elements:
                if tag not in SEARCH_INDEX_TAGS or attrs:
                    problems.append(f"{doc['location']} {field}: <{tag} {attrs}>")
        titles[doc["location"]] = "".join(fragment(doc["title"]).text)
        assert scheme(doc["location"]) is None, doc["location"]
    assert problems == []
    by_slug = {
        loc.split("-kabul-")[-1].rstrip("/"): title
        for loc, title in titles.items()
        if loc.startswith("events/") and "#" not in loc
    }
    assert by_slug["title-breakout"] == "</title><script>alert(1)</script>"
    assert by_slug["jinja-syntax"] == "Talks {{ 7*7 }} in Kabul"
    assert by_slug["html-entities"] == "Talks &lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.e2e
def test_sitemap_lists_only_the_site_own_pages(hostile_site):
    # Without site_url MkDocs writes an empty sitemap; with one, it lists page URLs only.
    sitemap = hostile_site / "sitemap.xml"
    assert b"alert" not in sitemap.read_bytes()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(sitemap).getroot()
    for loc in root.findall("s:url/s:loc", namespace):
        location = loc.text or ""
        assert scheme(location) in (None, "http", "https"), location
        assert re.fullmatch(r"[A-Za-z0-9:/._-]+", location), location


@pytest.mark.e2e
def test_exports_are_the_records_byte_for_byte_never_pages(hostile_project, hostile_site):
    # The downloads hold the payloads as typed: data, served as YAML and never as HTML,
    # byte for byte but for the analysts' comments (dropped unless a project opts in).
    exports = sorted((hostile_site / "records").iterdir())
    assert len(exports) >= 30
    for export in exports:
        assert export.suffix == ".yaml"
        (source,) = (hostile_project / EVENTS).glob(export.name)
        text = source.read_text(encoding="utf-8")
        assert export.read_text(encoding="utf-8") == without_comments(text)


# ---- rejected records --------------------------------------------------------------------


def rejected_expectations() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = defaultdict(list)
    for line in (REJECTED_CASE / "expected.txt").read_text(encoding="utf-8").splitlines():
        name, substring = line.split(": ", 1)
        expected[name].append(substring)
    return dict(expected)


def test_every_rejected_record_has_its_expected_diagnostic():
    expected = rejected_expectations()
    assert sorted(expected) == sorted(p.name for p in (REJECTED_CASE / EVENTS).glob("*.yaml"))
    with pytest.raises(ValidationFailed) as failed:
        load_archive(Settings(root=REJECTED_CASE))
    found: dict[str, list[str]] = defaultdict(list)
    for diagnostic in failed.value.diagnostics:
        shown = str(diagnostic)
        path, line, col, message = shown.split(":", 3)
        assert path.startswith(f"{EVENTS}/") and int(line) >= 1 and int(col) >= 1, shown
        assert "Traceback" not in message and "Input should" not in message, shown
        found[Path(path).name].append(message.strip())
    assert sorted(found) == sorted(expected)  # no record slipped through, none extra
    for name, substrings in expected.items():
        messages = found[name]
        assert len(messages) == len(substrings), (name, messages)
        for substring in substrings:
            assert any(substring in m for m in messages), (name, substring, messages)


def test_the_cli_reports_rejected_records_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-c", CLI, "validate", "--project", str(REJECTED_CASE)],
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"{EVENTS}/")]
    assert len(lines) == sum(len(v) for v in rejected_expectations().values())


def test_a_record_over_the_size_cap_is_rejected(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REJECTED_CASE, root, ignore=shutil.ignore_patterns("*.yaml", "*.txt"))
    shutil.copy2(REJECTED_CASE / "seeds" / "outlets.yaml", root / "seeds" / "outlets.yaml")
    big = root / EVENTS / "2020-01-01-kabul-huge.yaml"
    big.parent.mkdir(parents=True, exist_ok=True)
    big.write_text("summary: '" + "<script>alert(1)</script>" * 50_000 + "'\n", "utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_archive(Settings(root=root))
    (diagnostic,) = failed.value.diagnostics
    assert str(diagnostic).startswith(f"{EVENTS}/2020-01-01-kabul-huge.yaml:1:1: ")
    assert "bytes" in diagnostic.message


# ---- in a browser ------------------------------------------------------------------------


class Visitor:
    """One tab recording anything a page did that only injected markup would do."""

    def __init__(self, page: Any, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.url = ""
        self.seen: list[str] = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.seen.append(f"{self.url}: page error {error}"))
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("worker", self._worker)
        # Foreign requests are recorded above and refused here: nothing leaks, nothing waits.
        page.route(lambda url: not url.startswith(origin), lambda route: route.abort())

    def _dialog(self, dialog: Any) -> None:
        self.seen.append(f"{self.url}: {dialog.type} dialog {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.seen.append(f"{self.url}: console error {message.text}")

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.origin):
            self.seen.append(f"{self.url}: request to {request.url}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:  # e.g. an injected <img src=x> on our own host
            self.seen.append(f"{self.url}: {response.status} for {response.url}")

    def _worker(self, worker: Any) -> None:
        worker.on("console", self._console)

    def open(self, url: str) -> None:
        from playwright.sync_api import Error

        self.url = url
        try:  # a page that runs injected script may never finish loading: record that too
            response = self.page.goto(url, wait_until="load")
            if response is None or not response.ok:
                self.seen.append(f"{url}: not loaded")
            self.check_dom()
        except Error as error:
            self.seen.append(f"{url}: {error.message.splitlines()[0]}")

    def check_dom(self) -> None:
        """The live DOM, after the theme's scripts ran: no handler, embed or foreign link."""
        found = self.page.evaluate(
            """() => {
                const bad = [];
                for (const el of document.querySelectorAll('*')) {
                    const tag = el.tagName.toLowerCase();
                    // The templates' own pictures: generated SVG files of this site's img/.
                    const picture = tag === 'img' && el.attributes.length === 2
                        && el.hasAttribute('alt')
                        && /^(\\.\\.\\/)*img\\/[a-z0-9./-]+\\.svg$/.test(el.getAttribute('src'));
                    if (['iframe', 'frame', 'object', 'embed', 'img', 'base'].includes(tag)
                        && !picture)
                        bad.push('<' + tag + '>');
                    for (const a of el.attributes) {
                        if (a.name.startsWith('on')) bad.push(tag + ' ' + a.name);
                        if (['href', 'src', 'action', 'formaction'].includes(a.name)) {
                            let protocol = 'invalid';
                            try { protocol = new URL(a.value, document.baseURI).protocol; }
                            catch (e) {}
                            if (!['http:', 'https:', 'mailto:'].includes(protocol))
                                bad.push(tag + ' ' + a.name + '=' + a.value);
                        }
                    }
                }
                return bad;
            }"""
        )
        self.seen.extend(f"{self.url}: {item}" for item in found)

    def search(self, words: str) -> None:
        self.page.fill(".md-search__input", "")
        self.page.click(".md-search__input")
        self.page.keyboard.type(words)
        self.page.wait_for_selector(".md-search-result__item")
        self.check_dom()


@pytest.fixture(scope="module")
def visitor(
    chromium: Any, hostile_site: Path, serve_dir: Callable[[Path], str]
) -> Iterator[Visitor]:
    origin = serve_dir(hostile_site)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Visitor(context.new_page(), origin)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.e2e
def test_every_page_loads_in_chromium_and_runs_nothing_injected(visitor, hostile_site):
    visitor.seen.clear()
    pages = sorted(html_pages(hostile_site))
    bad_pages = 0
    for page in pages:
        before = len(visitor.seen)
        visitor.open(visitor.origin + page.removesuffix("index.html"))
        bad_pages += len(visitor.seen) > before
        if bad_pages == 3:  # enough to fail; the rest would only add minutes
            break
    assert visitor.seen == []


@pytest.mark.browser
@pytest.mark.e2e
@pytest.mark.parametrize("words", SEARCH_WORDS)
def test_searching_for_payload_words_runs_nothing(visitor, words):
    visitor.seen.clear()
    visitor.open(visitor.origin)
    visitor.search(words)
    results = visitor.page.locator(".md-search-result__item").count()
    assert results > 0
    # Opening a result highlights the words in the page (search.highlight).
    visitor.page.locator(".md-search-result__link").first.click()
    visitor.page.wait_for_load_state("load")
    visitor.url = visitor.page.url
    visitor.check_dom()
    assert visitor.seen == []
