"""The theme's template rendered once per kind of page (generator/chrome.py) gives, byte for
byte, the HTML MkDocs' own rendering gives: on every page of the example and a synthetic
archive (briefs, listings, actors, outlets, home, methodology, a hand-written page), and
when a theme prints what differs between pages of a kind, by leaving the kind to MkDocs.
The whole site built with workers against MkDocs' loop alone: tests/test_pages.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, copy_project
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.chrome import Chrome
from generator.convert import Converter
from generator.subset import Unsupported

sys.path.insert(0, str(PROJECT / "benchmarks"))
import synth

#: A hand-written page: a project's own template for the Methodology page, in Markdown
#: that comrak does not take (code, emphasis), so Python-Markdown converts it.
HAND_WRITTEN = """{{ front(title="How we work") }}

# How we work

Records are *reviewed* by two analysts; `status: published` puts them online.

1. Read the article.
2. Write the record.
"""


def both_renderings(project: Path) -> tuple[Chrome, list[tuple[str, str, str]]]:
    """Every page of the project rendered by MkDocs (its template, its context after the
    plugins) and by the skeletons: (src_uri, MkDocs' HTML, the skeleton's HTML)."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = get_navigation(files, config)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    converter = Converter(config)
    pages = []
    for file in files.documentation_pages():
        page = file.page or Page(None, file, config)
        page.read_source(config)
        try:
            converter.convert(page, files)
        except Unsupported:
            page.render(config, files)
        pages.append(page)
    chrome = Chrome(env, nav)
    doc_files = files.documentation_pages()
    found = []
    for page in pages:
        page.active = True
        try:
            context: Any = get_context(nav, doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            template = page.meta.get("template", "main.html")
            expected = env.get_template(template).render(context)
            got = chrome.render(page, template, context)
        finally:
            page.active = False
        found.append((page.file.src_uri, expected, got))
    return chrome, found


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("chrome")
    example = copy_project(root / "example")
    (example / "templates" / "methodology.md.j2").write_text(HAND_WRITTEN, encoding="utf-8")
    synthetic = synth.write_archive(root / "synthetic", 40)
    config = synthetic / "mkdocs.yml"  # canonical addresses and edit links on every brief
    config.write_text(
        "site_url: https://example.org/briefs/\nrepo_url: https://github.com/example/archive\n"
        + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return {"example": example, "synthetic": synthetic}


KINDS = ("events/", "actors/", "countries/", "months/", "tags/", "types/", "outlets/")


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["example", "synthetic"])
def test_every_page_is_mkdocs_rendering_byte_for_byte(projects, name) -> None:
    chrome, pages = both_renderings(projects[name])
    differing = [src for src, expected, got in pages if got != expected]
    assert differing == []
    rendered = {src for src, _, _ in pages}
    for kind in KINDS:  # listings, actors, outlets and briefs: each kind is there
        assert any(src.startswith(kind) for src in rendered), kind
    assert {"index.md", "methodology.md", "sources.md"} <= rendered
    # Off the navigation (not the kinds' index pages), pages after the first two of their
    # kind came from a skeleton.
    off_nav = [s for s in rendered if s.startswith(KINDS) and not s.endswith("/index.md")]
    assert chrome.filled >= len(off_nav) - 2 * len(chrome.skeletons)
    assert all(chrome.skeletons.values())
    if name == "synthetic":  # the parts a skeleton leaves open were there
        brief = next(got for src, _, got in pages if src.startswith("events/"))
        assert '<link rel="canonical" href="https://example.org/briefs/events/' in brief
        assert re.search(
            r'href="https://github\.com/example/archive/edit/[^"]*/seeds/events/', brief
        )
    if name == "example":
        methodology = next(got for src, _, got in pages if src == "methodology.md")
        assert "<code>status: published</code>" in methodology  # the hand-written page


@pytest.mark.e2e
def test_a_theme_printing_a_page_s_address_leaves_its_kind_to_mkdocs(projects) -> None:
    project = projects["synthetic"]
    overrides = project / "overrides"
    overrides.mkdir(exist_ok=True)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block content %}<p>{{ page.url }}</p>{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    themed = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    assert themed != text
    config.write_text(themed, encoding="utf-8")
    try:
        chrome, pages = both_renderings(project)
    finally:
        config.write_text(text, encoding="utf-8")
    assert [src for src, expected, got in pages if got != expected] == []
    assert chrome.filled == 0  # each kind checked its skeleton on a second page: given up
    brief = next(got for src, _, got in pages if src.startswith("events/"))
    assert "<p>events/" in brief
