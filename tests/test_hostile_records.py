"""Records a hostile pull request can add (issue 14): actors keep their identity, and a
published record shows nothing of an unpublished one it relates to.

Each test writes small records into a copy of the project (tests/conftest.py), loads them
as `briefing validate` does, and, where pages matter, builds the site for real with
`mkdocs build --strict`.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from conftest import mkdocs_build

from generator.archive import load_archive
from generator.config import Settings
from generator.errors import Diagnostic, ValidationFailed
from generator.names import MAX_SLUG_BYTES, actor_slug
from generator.pipeline import files_for
from generator.write import Made

# ---- small records -----------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def record_text(
    event_id: str,
    *,
    title: str = "Officials meet in Kabul",
    actors: dict[str, str] | None = None,
    aliases: dict[str, list[str]] | None = None,
    status: str = "published",
    related: tuple[str, ...] = (),
) -> str:
    """A valid record: actors maps keys to names; the first actor says the one claim."""
    actors = actors or {"host": "Visiting delegation"}
    aliases = aliases or {}
    lines = [
        "schema: 1",
        f"id: {_quoted(event_id)}",
        f"status: {status}",
        f"title: {_quoted(title)}",
        "summary: Officials met.",
        f"date: {_quoted(event_id[:10])}",
        "location: {name: Kabul, country: AF, precision: city}",
        "event_type: strategic_developments",
        "sub_event_type: agreement",
        "actors:",
    ]
    for key, name in actors.items():
        lines += [f"  {key}:", f"    name: {_quoted(name)}", "    kind: organization"]
        lines += ["    role: participant"]
        if key in aliases:
            lines.append(f"    aliases: [{', '.join(_quoted(a) for a in aliases[key])}]")
    speaker = next(iter(actors))
    lines += [
        "sources:",
        "  main: {outlet: tass, role: primary, read: direct, title: Officials meet}",
        "claims:",
        "  - id: met",
        "    type: occurrence",
        "    text: Officials met.",
        "    credibility: 2",
        "    statements:",
        f"      - {{attributed_to: {speaker}, reported_by: [main], stance: asserts,"
        " form: paraphrase}",
        "assessment:",
        "  bluf: They met.",
    ]
    if related:
        lines.append("related:")
        for other in related:
            lines += [f"  - id: {_quoted(other)}", "    rel: context"]
            lines += [f"    date: {_quoted(other[:10])}", f"    note: Notes on {other}."]
    return "\n".join(lines) + "\n"


def write_record(project: Path, text: str) -> Path:
    event_id = re.search(r'^id: "?([^"\n]+)"?$', text, re.M)
    assert event_id is not None
    path = project / "seeds" / "events" / event_id[1][:4] / f"{event_id[1]}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def empty_project(tmp_path: Path, new_project: Callable[[], Path]) -> Path:
    """A copy of the project with no records (the outlet registry kept)."""
    project = new_project()
    shutil.rmtree(project / "seeds" / "events")
    (project / "seeds" / "events").mkdir()
    return project


def diagnostics(project: Path) -> list[Diagnostic]:
    with pytest.raises(ValidationFailed) as failed:
        load_archive(Settings(root=project))
    return failed.value.diagnostics


# ---- item 5: actors keep their identity -------------------------------------------------


def test_non_latin_names_get_pages_of_their_own_letters() -> None:
    names = ["طالبان", "Сергей Нарышкин", "中华人民共和国", "한국", "Ψ", "Sergei Naryshkin"]
    slugs = [actor_slug(n) for n in names]
    assert slugs == ["طالبان", "сергей-нарышкин", "中华人民共和国", "한국", "ψ", "sergei-naryshkin"]
    # Latin accents are dropped as before, so the pages of Latin names keep their address.
    assert actor_slug("José Martí") == "jose-marti"


def test_a_name_with_no_letter_left_gets_a_stable_page_of_its_own() -> None:
    assert actor_slug("???") == actor_slug("???")
    assert len({actor_slug("???"), actor_slug("!!!"), actor_slug("🚀"), "actor"}) == 4
    assert re.fullmatch(r"actor-[0-9a-f]{8}", actor_slug("🚀"))
    # the By actor page is actors/index.md: no actor takes its place
    assert actor_slug("Index") != "index"
    long = actor_slug("ИГИЛ " * 100)
    assert len(long.encode()) <= MAX_SLUG_BYTES and long != actor_slug("ИГИЛ " * 99)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("SERGEI NARYSHKIN\u200b!", "U+200B ZERO WIDTH SPACE"),
        ("Sergei \u202eNaryshkin", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Sergei Naryshkin\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
        ("طالبان\u061c", "U+061C ARABIC LETTER MARK"),
        ("Sergei\u200dNaryshkin", "U+200D ZERO WIDTH JOINER"),
        ("Sergei\ue000", "U+E000"),
        ("Sergei\u2028Naryshkin", "U+2028 LINE SEPARATOR"),
        ("Sergei\ufe0f\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ],
)
def test_invisible_characters_in_names_are_refused_where_they_are(
    empty_project: Path, name: str, shown: str
) -> None:
    path = write_record(empty_project, record_text("2020-01-01-kabul-talks", actors={"host": name}))
    found = diagnostics(empty_project)
    assert [(d.path, d.field) for d in found] == [
        ("seeds/events/2020/2020-01-01-kabul-talks.yaml", "actors.host.name")
    ]
    line = path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert line.strip().startswith("name:")
    assert shown in found[0].message and "delete it" in found[0].message


def test_invisible_characters_in_titles_and_aliases_are_refused(empty_project: Path) -> None:
    text = record_text(
        "2020-01-01-kabul-talks",
        title="Officials meet\u200b in Kabul",
        aliases={"host": ["Delegation\U000e0020"]},
    )
    write_record(empty_project, text)
    found = {d.field: d.message for d in diagnostics(empty_project)}
    assert set(found) == {"title", "actors.host.aliases[0]"}
    assert "U+200B ZERO WIDTH SPACE" in found["title"]
    assert "U+E0020 TAG SPACE" in found["actors.host.aliases[0]"]
    # Joiners spell Persian words and emoji: kept there, refused beside Latin letters.
    names = {"host": "می\u200cگویند", "guest": "👩\u200d💻 team", "other": "Team\u200d"}
    write_record(empty_project, record_text("2020-01-01-kabul-talks", actors=names))
    assert [d.field for d in diagnostics(empty_project)] == ["actors.other.name"]


def test_a_later_record_cannot_relabel_an_actor_page(empty_project: Path) -> None:
    first = record_text("2020-01-01-kabul-talks", actors={"svr": "Sergei Naryshkin"})
    same = record_text("2020-01-15-kabul-talks", actors={"svr": "Sergei Naryshkin"})
    later = record_text(
        "2020-02-01-kabul-talks",
        actors={"chief": "SERGEI NARYSHKIN!"},
        aliases={"chief": ["The spy"]},
    )
    for text in (first, same, later):
        write_record(empty_project, text)
    found = diagnostics(empty_project)
    assert [(d.path, d.field) for d in found] == [
        ("seeds/events/2020/2020-02-01-kabul-talks.yaml", "actors.chief.name")
    ]
    message = found[0].message
    assert "seeds/events/2020/2020-01-01-kabul-talks.yaml" in message
    assert "'Sergei Naryshkin'" in message and "actors/sergei-naryshkin/" in message


def test_two_spellings_in_one_record_are_reported_too(empty_project: Path) -> None:
    names = {"a": "Taliban", "b": "TALIBAN"}
    write_record(empty_project, record_text("2020-01-01-kabul-talks", actors=names))
    found = diagnostics(empty_project)
    assert [d.field for d in found] == ["actors.b.name"]
    assert "actors.a.name in this record" in found[0].message


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = self._in_h1 and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1.append(data)


def _parsed(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.e2e
def test_non_latin_actors_get_their_own_pages_in_the_built_site(empty_project: Path) -> None:
    names = {"taliban": "طالبان", "svr": "Сергей Нарышкин", "emoji": "🚀"}
    for day, (key, name) in enumerate(names.items(), start=1):
        write_record(empty_project, record_text(f"2020-01-0{day}-kabul-talks", actors={key: name}))
    result = mkdocs_build(empty_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = empty_project / "site"
    assert not (site / "actors" / "actor").exists()
    for day, name in enumerate(names.values(), start=1):
        folder = site / "actors" / actor_slug(name)
        assert "".join(_parsed(folder / "index.html").h1).strip("¶ \n") == name
        # the brief links its actor to that page, and the link resolves
        brief = f"events/2020-01-0{day}-kabul-talks/"
        targets = {
            unquote(urljoin(brief, href)).rstrip("/")
            for href in _parsed(site / brief / "index.html").hrefs
        }
        assert f"actors/{actor_slug(name)}" in targets
    listed = _parsed(site / "actors" / "index.html").hrefs
    for name in names.values():
        assert any(unquote(h).rstrip("/").endswith(actor_slug(name)) for h in listed)


# ---- item 8: nothing of an unpublished record ---------------------------------------------

SECRET = "zqxsecret"
DRAFT = f"2020-02-02-{SECRET}-draft-meeting"
REVIEWED = f"2020-02-03-{SECRET}-reviewed-plan"
PUBLISHED = "2020-01-01-kabul-talks"
RELATING = "2020-03-01-kabul-talks"
URL = "https://example.org/report"


def _relating_text(related: tuple[str, ...] = (DRAFT, PUBLISHED, REVIEWED)) -> str:
    text = record_text(RELATING, related=related)
    # a link to an outside report, kept: it says nothing of the archive
    return text + f"  - url: {URL}\n    rel: context\n"


def _write_relating_archive(project: Path) -> None:
    write_record(project, record_text(PUBLISHED))
    write_record(project, record_text(DRAFT, status="draft", title=f"Talks {SECRET}"))
    write_record(project, record_text(REVIEWED, status="reviewed", title=f"Plan {SECRET}"))
    write_record(project, _relating_text())


def _files_holding(folder: Path, secret: str) -> list[str]:
    """Files below folder whose bytes (unzipped when gzip: Pagefind's index) hold secret."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if secret.encode() in data:
            found.append(path.relative_to(folder).as_posix())
    return found


def _use_pagefind(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - search\n", "", text)
    text = re.sub(r"(?m)^  - briefing:?\n", "  - briefing:\n      search: pagefind\n", text)
    config.write_text(text, encoding="utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize("search", ["material", "pagefind"])
def test_related_to_an_unpublished_record_shows_nothing_of_it(
    empty_project: Path, search: str
) -> None:
    _write_relating_archive(empty_project)
    if search == "pagefind":
        _use_pagefind(empty_project)
    result = mkdocs_build(empty_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site, docs = empty_project / "site", empty_project / "briefs"
    search_index = "pagefind/pagefind-entry.json" if search == "pagefind" else "search/*.json"
    assert list(site.glob(search_index)) and (site / "data" / "events.json").is_file()
    assert _files_holding(site, SECRET) == []
    assert _files_holding(docs, SECRET) == []
    # What is published stays: the published record and the outside report.
    brief = (site / "events" / RELATING / "index.html").read_text(encoding="utf-8")
    assert f"../{PUBLISHED}/" in brief and URL in brief
    (exported,) = [
        e for e in json.loads((site / "data" / "events.json").read_text()) if e["id"] == RELATING
    ]
    assert [r.get("id") or r.get("url") for r in exported["related"]] == [PUBLISHED, URL]


@pytest.mark.e2e
def test_a_related_record_shows_once_published(empty_project: Path) -> None:
    _write_relating_archive(empty_project)
    assert mkdocs_build(empty_project).returncode == 0
    draft = empty_project / "seeds" / "events" / "2020" / f"{DRAFT}.yaml"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("status: draft", "status: published")
    )
    result = mkdocs_build(empty_project)  # the second build reuses what it can
    assert result.returncode == 0, result.stdout + result.stderr
    site = empty_project / "site"
    brief = (site / "events" / RELATING / "index.html").read_text(encoding="utf-8")
    assert f"../{DRAFT}/" in brief
    assert f"Notes on {DRAFT}" in (site / "data" / "events.json").read_text(encoding="utf-8")
    assert DRAFT in (site / "records" / f"{RELATING}.yaml").read_text(encoding="utf-8")
    assert REVIEWED not in (site / "records" / f"{RELATING}.yaml").read_text(encoding="utf-8")


def _copy(project: Path, comments: bool = False) -> str:
    settings = Settings(root=project)
    if comments:
        settings = dataclasses.replace(settings, record_comments=True)
    archive = load_archive(settings)
    (copy,) = [
        content
        for name, content in files_for(archive, settings)
        if name == f"records/{RELATING}.yaml"
    ]
    assert isinstance(copy, Made)
    data = copy.data()
    return data.decode("utf-8") if isinstance(data, bytes) else data


def test_the_record_copy_drops_the_hidden_items_lines_and_nothing_else(
    empty_project: Path,
) -> None:
    _write_relating_archive(empty_project)
    copy = _copy(empty_project)
    assert copy == _relating_text(related=(PUBLISHED,))  # byte for byte
    assert SECRET in _relating_text()


@pytest.mark.parametrize("comments", [False, True])
def test_a_copy_that_cannot_be_cut_is_written_from_the_record(
    empty_project: Path, comments: bool
) -> None:
    write_record(empty_project, record_text(PUBLISHED))
    write_record(empty_project, record_text(DRAFT, status="draft"))
    flow = record_text(RELATING) + (
        f'related: [{{id: "{DRAFT}", rel: context}}, {{id: "{PUBLISHED}", rel: follows}}]\n'
    )
    write_record(empty_project, "# an analyst's note\n" + flow)
    copy = _copy(empty_project, comments)
    assert SECRET not in copy and "analyst" not in copy
    write_record(empty_project, copy)
    event = load_archive(Settings(root=empty_project)).by_id[RELATING].event
    assert [(r.id, r.rel.value) for r in event.related] == [(PUBLISHED, "follows")]
    assert event.title == "Officials meet in Kabul"
