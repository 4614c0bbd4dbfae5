"""Generated pages converted by comrak (generator/convert.py) are the pages Python-Markdown
makes with the site's extensions: the same HTML as parsed by a browser (tests/htmlcanon.py),
the same table of contents, title, anchors and links MkDocs checks, the same warnings. On
the example archive, the hostile corpus and a synthetic archive, every page; and on small
documents that try each rule the conversion applies after comrak."""

from __future__ import annotations

import html
import logging
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, copy_project
from htmlcanon import difference
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.convert import Converter, unsupported
from generator.subset import Unsupported, subset

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

HOSTILE = Path(__file__).parent / "cases" / "hostile" / "accepted"


# ---- what a conversion gives ------------------------------------------------------------


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname} {record.getMessage()}")


def _toc(items: Any) -> list[tuple[int, str, str, list[Any]]]:
    return [(i.level, i.id, html.unescape(i.title), _toc(i.children)) for i in items]


def outcome(page: Page, convert: Any) -> dict[str, Any]:
    """Everything Page.render sets that MkDocs or the theme reads, and what it logged."""
    messages = _Messages()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(messages)
    try:
        convert()
    finally:
        mkdocs_log.removeHandler(messages)
    links = page.links_to_anchors or {}
    title = page._title_from_render
    return {
        "content": page.content,
        "toc": _toc(page.toc),
        "title": html.unescape(title) if title is not None else None,
        "anchors": set(page.present_anchor_ids or ()),
        "links": {f.src_uri: dict(anchors) for f, anchors in links.items()},
        "messages": sorted(messages.messages),
    }


def assert_equivalent(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Python-Markdown then comrak on the same page: equivalent in everything."""
    expected = outcome(page, lambda: page.render(config, files))
    got = outcome(page, lambda: Converter(config).convert(page, files))
    problem = difference(expected.pop("content"), got.pop("content"))
    assert problem is None, f"{page.file.src_uri}: {problem}"
    assert got == expected, page.file.src_uri


# ---- the corpora ------------------------------------------------------------------------


def generated_site(project: Path) -> tuple[MkDocsConfig, Files, list[Page]]:
    """A project's pages as MkDocs reads them, after the plugin generated briefs/."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    get_navigation(files, config)
    pages = []
    for file in files.documentation_pages():
        page = file.page or Page(None, file, config)
        page.read_source(config)
        pages.append(page)
    return config, files, pages


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("corpora")
    hostile = root / "hostile"
    shutil.copytree(HOSTILE, hostile)
    (hostile / "briefs").mkdir(exist_ok=True)
    yield {
        "example": copy_project(root / "example"),
        "hostile": hostile,
        "synthetic": synth.write_archive(root / "synthetic", 60),
    }


@pytest.mark.e2e
@pytest.mark.parametrize("corpus", ["example", "hostile", "synthetic"])
def test_every_generated_page_converts_as_python_markdown_does(corpora, corpus) -> None:
    config, files, pages = generated_site(corpora[corpus])
    assert unsupported(config) is None  # the project's mkdocs.yml: comrak converts
    by_comrak = []
    for page in pages:
        try:
            subset(page.markdown or "")
        except Unsupported:
            continue
        by_comrak.append(page.file.src_uri)
        assert_equivalent(page, config, files)
    briefs = [p.file.src_uri for p in pages if p.file.src_uri.startswith("events/")]
    assert briefs and set(briefs) <= set(by_comrak)  # every brief: comrak
    assert len(by_comrak) >= 0.9 * len(pages)


# ---- rules, one at a time ---------------------------------------------------------------


def one_page(tmp_path: Path, markdown: str, **options: Any) -> tuple[MkDocsConfig, Files, Page]:
    """A site of one page (index.md) and the pages it links to, with MkDocs' extensions
    as the project configures them (options: more configuration)."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in ("index.md", "other.md", "sub/page.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Other\n\n## Part\n", encoding="utf-8")
    (docs / "index.md").write_text(markdown, encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "test",
            "docs_dir": str(docs),
            "site_dir": str(tmp_path / "site"),
            "markdown_extensions": ["tables", "admonition", {"toc": {"permalink": True}}],
            **options,
        }
    )
    errors, _ = config.validate()
    assert not errors
    files = Files(
        [File(n, str(docs), str(tmp_path / "site"), True) for n in ("index.md", "other.md")]
        + [File("sub/page.md", str(docs), str(tmp_path / "site"), True)]
    )
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    return config, files, page


SNIPPETS = {
    "headings, the same twice": "# Title &#40;1&#41;\n\n## Part\n\n## Part\n\n### Zürich café\n",
    "heading with a span first": '## <span id="x&#95;y"></span>Text &#60;b&#62;\n',
    "tight list": "- one\n- two [x](other.md)\n- three\n",
    "loose chunks": "- one\n- two\n\n- three\n- four\n",
    "note after an item": ('- one\n- two\n\n    <span class="note">n</span>\n\n- three\n- four\n'),
    "quote after an item": "- one\n\n    > “q”\n    > <cite>c</cite>\n\n- two\n",
    "ordered, continued lines": ("1. a<br>\n   b<br>\n   <span>c</span>\n\n2. d<br>\n   e\n"),
    "ordered from 3": "3. c\n4. d\n",
    "table with alignment": (
        "| a | b | c |\n|:--|:-:|--:|\n| 1 &#124; 2 | **x** | [l](sub/page.md) |\n"
    ),
    "raw block": (
        '<details class="d" id="d">\n<summary>S</summary>\n<dl><dt>a</dt></dl>\n</details>\n'
        "\nAfter.\n"
    ),
    "admonition with a title": (
        '!!! danger "Retracted"\n    Kept for the record. Reason: x &#60;y&#62;\n\nText.\n'
    ),
    "admonition without": "!!! note\n    Body.\n",
    "admonition, empty title": '!!! warning ""\n    Body.\n',
    "images and links": (
        "![Map: a &#40;b&#41;](other.md) [t](other.md#part) [u](#part) [v](sub/page.md#nowhere)"
        ' <a href="https://example.org/?a=1&amp;b=2" rel="nofollow">x</a>\n'
    ),
    "a link to a missing page": "[gone](missing.md) and [here](#title-1)\n",
    "rule and quote": "Text.\n\n---\n\n> quoted\n> more\n",
    "badges": (
        '[<span class="badge" title="A &quot;b&quot;">C</span>](other.md#part) '
        '**[Name &#40;x&#41;](sub/page.md)**, role · <span class="form">quoted</span>\n'
    ),
}


@pytest.mark.parametrize("markdown", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_each_rule_gives_python_markdown_s_page(tmp_path, markdown) -> None:
    config, files, page = one_page(tmp_path, markdown)
    subset(markdown)  # inside the subset
    assert_equivalent(page, config, files)


def test_toc_options_are_followed(tmp_path) -> None:
    toc = {"permalink": "#", "permalink_title": "Link", "separator": "_", "toc_depth": "2-3"}
    config, files, page = one_page(
        tmp_path,
        "# One\n\n## Two words\n\n### Three\n\n#### Four\n",
        markdown_extensions=["tables", {"toc": toc}],
    )
    assert unsupported(config) is None
    assert_equivalent(page, config, files)


#: Pieces of text a template may write (MILD), and pieces that try the parsers' edges.
MILD = [
    *("word", "two words", "**b**", "[x](other.md)", "[y](#part)", "![a](other.md)", "<br>"),
    *('<span class="a">', "</span>", "&#40;", "&#60;b&#62;", '"', "'", "·", " ", " ", "x_y"),
    *(",", ".", ":", ";", "é", "—", "&#42;", "&#95;", "&#124;", "1", "#", "!", "-", "=", "?"),
    *('<a href="https://e.org/?a=1&amp;b=2" rel="nofollow">e</a>', "(", ")", "~", "+"),
]
EDGES = [
    *MILD,
    *("**", "*", "_", "__", "&amp;", "&", "<", ">", "1.", "]", "[", "*i*", "<em>", "</em>"),
    *("|", "http://a.b", "www.x.org", "\u00a0", "  ", ":-", "<word|x y>", "#1"),
]


def random_document(rng: random.Random, pieces: list[str]) -> str:
    def text() -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))).strip() or "w"

    blocks = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.randint(0, 6)
        if kind == 0:
            blocks.append(f"## {text()}")
        elif kind == 1:
            blocks.append(f"{text()}\n{text()}")
        elif kind == 2:
            blocks.append("\n".join(f"- {text()}" for _ in range(rng.randint(1, 3))))
        elif kind == 3:
            cells = [text().replace("|", "") for _ in range(2)]
            blocks.append(f"| a | b |\n|---|---|\n| {cells[0]} | {cells[1]} |")
        elif kind == 4:
            blocks.append(f"1. {text()}<br>\n   {text()}")
        elif kind == 5:
            blocks.append(f'- {text()}\n\n    <span class="note">{text()}</span>')
        else:
            blocks.append(f"> {text()}")
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(("pieces", "seed"), [(MILD, 1), (MILD, 2), (EDGES, 3), (EDGES, 4)])
def test_random_documents_in_the_subset_convert_as_python_markdown(tmp_path, pieces, seed):
    """Documents made of template-like pieces and of pieces at the parsers' edges: those
    the line check lets through convert as Python-Markdown converts them."""
    rng = random.Random(seed)
    inside = 0
    for _ in range(150):
        markdown = random_document(rng, pieces)
        try:
            subset(markdown)
        except Unsupported:
            continue
        inside += 1
        config, files, page = one_page(tmp_path, markdown)
        assert_equivalent(page, config, files)
    assert inside >= 10  # the check lets enough through for this to test something


OUTSIDE = {
    "code span": "Text `code`.\n",
    "escape": "A \\* b\n",
    "star list": "* one\n",
    "list inside a paragraph": "Text\n- item\n",
    "lists of two kinds": "- one\n\n1. two\n",
    "indented code": "Text\n\n    code\n",
    "setext heading": "Title\n---\n",
    "heading without a blank line after": "## A\nText\n",
    "heading closed by #": "## A #\n",
    "comment": "<!-- x -->\n",
    "lone tag": "<br>\n",
    "table inside a paragraph": "Text\n| a |\n|---|\n",
    "raw block ending mid-line": "<div>\n<p>x</p>\n</div> tail\n",
    "raw block with a blank line": "<div>\n\ntext\n</div>\n",
    "reference definition": "[a]: other.md\n",
    "autolink": "<https://example.org>\n",
    "link with a title": '[a](other.md "title")\n',
    "link with an entity": "[a](other&#46;md)\n",
    "fence": "~~~\ncode\n~~~\n",
    "tab": "a\tb\n",
    "block tag inside a paragraph": "Text\n<div>x</div>\n",
    "nested list": "- a\n\n    - b\n",
    "two quotes in a row": "> a\n\n> b\n",
    "emphasis at an edge": "**x_y* word\n",
    "underscore emphasis": "_word_\n",
    "a tag only Python-Markdown reads": "<word|x y> text\n",
    "a heading inside an item": "- #1 text\n",
    "a table without pipes": "text\n:-\n",
    "a list inside a quote": "> - item\n",
}


@pytest.mark.parametrize("markdown", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_what_the_subset_leaves_out_goes_to_python_markdown(markdown) -> None:
    with pytest.raises(Unsupported):
        subset(markdown)


@pytest.mark.parametrize(
    ("extensions", "reason"),
    [
        (["tables", "attr_list"], "attr_list"),
        ([{"toc": {"anchorlink": True}}], "anchorlink"),
        (["footnotes"], "footnotes"),
    ],
)
def test_a_site_with_other_markdown_settings_keeps_python_markdown(
    tmp_path, extensions, reason
) -> None:
    config, _, _ = one_page(tmp_path, "Text.\n", markdown_extensions=extensions)
    found = unsupported(config)
    assert found is not None and reason in found
