"""Feeds: every Atom feed parses with feedparser, every JSON Feed validates against JSON Feed
1.1; entries are the published briefs, newest first, with ids that survive title changes,
dates from the records and a visible retraction marker; record text stays text.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import jsonschema
import pytest

from generator import feeds, indexes
from generator.archive import Archive, load_archive
from generator.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
RETRACTED_CASE = CASES / "render" / "retracted-and-draft"
HOSTILE_CASE = CASES / "hostile" / "accepted"
SITE_NAME = "Afghanistan security briefings"
RETRACTED = "2019-03-05-herat-dam-handover"
OLDER = "2019-03-02-kabul-border-talks"
DRAFT = "2019-03-09-jalalabad-market-closure"
#: Where the tests pretend a site without site_url is served, to resolve relative links.
BASE = "https://example.org/briefings/"
ATOM = "{http://www.w3.org/2005/Atom}"

#: JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a JSON Schema: required members, their
#: types, and no members the spec does not define (extensions start with "_").
JSON_FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "description": {"type": "string"},
        "authors": {
            "type": "array",
            "items": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string"},
                    "title": {"type": "string"},
                    "summary": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT[0-9:]+Z$"},
                    "date_modified": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT[0-9:]+Z$"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
                "patternProperties": {"^_": {}},
                "additionalProperties": False,
            },
        },
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}


def settings(root: Path, **options: Any) -> Settings:
    return Settings(root=root, site_name=SITE_NAME, **options)


def files_of(root: Path, **options: Any) -> dict[str, str]:
    config = settings(root, **options)
    return feeds.feed_files(load_archive(config), config)


def served(path: str) -> dict[str, str]:
    """The HTTP headers of a feed served at BASE + path (relative links resolve there)."""
    return {"content-location": BASE + path, "content-type": "application/atom+xml"}


def parse(files: dict[str, str], path: str) -> Any:
    """feedparser's reading of a feed, as if served at BASE + path."""
    parsed = feedparser.parse(files[path].encode("utf-8"), response_headers=served(path))
    assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10"
    return parsed


def atom_paths(files: dict[str, str]) -> list[str]:
    return [p for p in files if p.endswith(".xml") and not p.endswith("/sitemap.xml")]


def copy_case(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected", "briefs", "site"))
    return root


def edit(root: Path, event_id: str, old: str, new: str) -> None:
    (path,) = (root / "seeds" / "events").rglob(f"{event_id}.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def seed_archive() -> Archive:
    return load_archive(settings(ROOT))


@pytest.fixture(scope="module")
def seed_files(seed_archive: Archive) -> dict[str, str]:
    return feeds.feed_files(seed_archive, settings(ROOT))


@pytest.fixture(scope="module")
def retracted_files() -> dict[str, str]:
    return files_of(RETRACTED_CASE)


# ---- validity --------------------------------------------------------------------------


def test_there_is_a_feed_pair_for_the_archive_each_country_and_each_tag(seed_archive, seed_files):
    index = indexes.build(seed_archive)
    groups = [f"countries/{c.lower()}" for c in index.countries] + [f"tags/{t}" for t in index.tags]
    expected = {"feeds/atom.xml", "feeds/feed.json"}
    expected |= {f"feeds/{g}.{suffix}" for g in groups for suffix in ("xml", "json")}
    expected |= {f"{folder}/sitemap.xml" for folder in ("feeds", "feeds/countries", "feeds/tags")}
    assert set(seed_files) == expected
    assert "feeds/countries/pk.xml" in seed_files
    assert "feeds/tags/islamic-state.json" in seed_files


def test_every_atom_feed_parses_without_errors(seed_files):
    atom_files = atom_paths(seed_files)
    assert len(atom_files) > 10
    for path in atom_files:
        parsed = parse(seed_files, path)
        assert parsed.feed.title.startswith(SITE_NAME)
        assert parsed.entries


def test_every_json_feed_is_a_valid_json_feed_1_1(seed_files):
    import json

    for path in (p for p in seed_files if p.endswith(".json")):
        document = json.loads(seed_files[path])
        jsonschema.validate(document, JSON_FEED_SCHEMA)
        ids = [item["id"] for item in document["items"]]
        assert len(ids) == len(set(ids)), path


def test_atom_and_json_feeds_list_the_same_entries(seed_files):
    import json

    for atom_path in atom_paths(seed_files):
        json_path = atom_path.removesuffix(".xml") + ".json"
        if atom_path == "feeds/atom.xml":
            json_path = "feeds/feed.json"
        atom_entries = [(e.id, e.title, e.summary) for e in parse(seed_files, atom_path).entries]
        items = json.loads(seed_files[json_path])["items"]
        assert atom_entries == [(i["id"], i["title"], i["content_text"]) for i in items]


# ---- entries ---------------------------------------------------------------------------


def test_archive_feed_holds_every_published_brief_with_its_bottom_line(seed_archive, seed_files):
    entries = parse(seed_files, "feeds/atom.xml").entries
    by_id = {feeds.entry_id(r.event.id): r for r in seed_archive.published}
    assert sorted(e.id for e in entries) == sorted(by_id)
    for entry in entries:
        event = by_id[entry.id].event
        assert entry.title == event.title
        assert entry.summary == event.assessment.bluf
        assert entry.link == f"{BASE}events/{event.id}/"
        assert [t.term for t in entry.tags] == event.tags


def test_entries_are_newest_first_by_update_then_by_event_date(tmp_path):
    root = copy_case(RETRACTED_CASE, tmp_path)
    files = files_of(root)
    ids = [e.id for e in parse(files, "feeds/atom.xml").entries]
    # Neither record has dates of its own: the event dates order them, newest first.
    assert ids == [feeds.entry_id(RETRACTED), feeds.entry_id(OLDER)]
    edit(root, OLDER, "status: published\n", 'status: published\nupdated: "2019-04-01"\n')
    entries = parse(files_of(root), "feeds/atom.xml").entries
    assert [e.id for e in entries] == [feeds.entry_id(OLDER), feeds.entry_id(RETRACTED)]
    assert entries[0].updated == "2019-04-01T00:00:00Z"


def test_country_and_tag_feeds_hold_the_briefs_of_their_pages(seed_archive, seed_files):
    index = indexes.build(seed_archive)
    for kind, groups in (("countries", index.countries), ("tags", index.tags)):
        for key, records in groups.items():
            parsed = parse(seed_files, feeds.feed_path(kind, key, "atom"))
            assert {e.id for e in parsed.entries} == {feeds.entry_id(r.event.id) for r in records}
            assert parsed.feed.link == f"{BASE}{kind}/{key.lower()}/"


def test_drafts_are_in_no_feed(retracted_files):
    for path, text in retracted_files.items():
        assert DRAFT not in text, path
        assert feeds.entry_id(DRAFT) not in text, path
        assert "must not be published" not in text, path


def test_a_retracted_brief_is_marked_in_title_and_summary(retracted_files):
    import json

    (entry,) = [
        e
        for e in parse(retracted_files, "feeds/atom.xml").entries
        if e.id == feeds.entry_id(RETRACTED)
    ]
    assert entry.title.startswith("[Retracted] Provincial officials report handover")
    assert entry.summary.startswith("Retracted. Reason: Frontier Daily withdrew its report")
    (item,) = [
        i for i in json.loads(retracted_files["feeds/feed.json"])["items"] if i["id"] == entry.id
    ]
    assert item["title"] == entry.title
    assert item["content_text"] == entry.summary


def test_ids_survive_a_title_change(tmp_path):
    root = copy_case(RETRACTED_CASE, tmp_path)
    before = parse(files_of(root), "feeds/atom.xml").entries
    edit(root, OLDER, "hold border talks in Kabul", "meet on border crossings in Kabul")
    after = parse(files_of(root), "feeds/atom.xml").entries
    assert [e.id for e in after] == [e.id for e in before]
    assert [e.title for e in after] != [e.title for e in before]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", e.id) for e in after)


# ---- dates -----------------------------------------------------------------------------


def test_dates_come_from_the_records_never_from_the_clock(seed_archive, seed_files, tmp_path):
    # The seed records say created and updated 2026-11-27; the other case says neither.
    for entry in parse(seed_files, "feeds/atom.xml").entries:
        assert (entry.published, entry.updated) == ("2026-11-27T00:00:00Z",) * 2
    for entry in parse(files_of(RETRACTED_CASE), "feeds/atom.xml").entries:
        event_day = "2019-03-05" if entry.id == feeds.entry_id(RETRACTED) else "2019-03-02"
        assert (entry.published, entry.updated) == (f"{event_day}T00:00:00Z",) * 2
    root = copy_case(RETRACTED_CASE, tmp_path)
    edit(root, OLDER, "status: published\n", 'status: published\ncreated: "2019-03"\n')
    entry = parse(files_of(root), "feeds/atom.xml").entries[-1]
    assert (entry.published, entry.updated) == ("2019-03-01T00:00:00Z",) * 2
    assert files_of(RETRACTED_CASE) == files_of(RETRACTED_CASE)


def test_a_feed_without_entries_is_dated_by_the_epoch(tmp_path):
    root = copy_case(RETRACTED_CASE, tmp_path)
    for event_id in (OLDER, RETRACTED):
        (path,) = (root / "seeds" / "events").rglob(f"{event_id}.yaml")
        path.unlink()
    parsed = parse(files_of(root), "feeds/atom.xml")
    assert parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00Z"


def test_a_feed_holds_at_most_the_limit(seed_archive, monkeypatch):
    monkeypatch.setattr(feeds, "LIMIT", 2)
    files = feeds.feed_files(seed_archive, settings(ROOT))
    entries = parse(files, "feeds/atom.xml").entries
    newest = feeds.newest_first(seed_archive.published)[:2]
    assert [e.id for e in entries] == [feeds.entry_id(r.event.id) for r in newest]


# ---- links -----------------------------------------------------------------------------


def test_with_site_url_every_link_is_absolute(seed_archive):
    import json

    config = settings(ROOT, site_url="https://briefs.example.org/archive/")
    files = feeds.feed_files(seed_archive, config)
    parsed = feedparser.parse(files["feeds/countries/pk.xml"].encode("utf-8"))
    assert parsed.bozo == 0
    links = {link.type: link.href for link in parsed.feed.links}
    assert (
        links["application/atom+xml"] == "https://briefs.example.org/archive/feeds/countries/pk.xml"
    )
    assert links["text/html"] == "https://briefs.example.org/archive/countries/pk/"
    assert all(
        e.link.startswith("https://briefs.example.org/archive/events/") for e in parsed.entries
    )
    document = json.loads(files["feeds/feed.json"])
    assert document["feed_url"] == "https://briefs.example.org/archive/feeds/feed.json"
    assert document["home_page_url"] == "https://briefs.example.org/archive/"


def test_without_site_url_links_are_relative_to_the_feed(seed_files):
    import json

    document = json.loads(seed_files["feeds/countries/pk.json"])
    assert document["home_page_url"] == "../../countries/pk/"
    assert document["feed_url"] == "pk.json"
    for item in document["items"]:
        assert re.fullmatch(r"\.\./\.\./events/[a-z0-9-]+/", item["url"])


def test_links_follow_use_directory_urls(seed_archive):
    files = feeds.feed_files(seed_archive, settings(ROOT, use_directory_urls=False))
    parsed = parse(files, "feeds/atom.xml")
    assert all(re.fullmatch(rf"{BASE}events/[a-z0-9-]+\.html", e.link) for e in parsed.entries)
    assert parsed.feed.link == f"{BASE}index.html"


def test_pages_announce_their_own_feeds(seed_archive, seed_files):
    pages = feeds.page_feeds(seed_archive, settings(ROOT))
    assert [link.path for link in pages["index.md"]] == ["feeds/atom.xml", "feeds/feed.json"]
    assert [link.media_type for link in pages["countries/pk.md"]] == [
        "application/atom+xml",
        "application/feed+json",
    ]
    for links in pages.values():
        assert all(link.path in seed_files for link in links)


# ---- hostile records -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> tuple[Archive, dict[str, str]]:
    config = settings(HOSTILE_CASE)
    archive = load_archive(config)
    return archive, feeds.feed_files(archive, config)


ATOM_ELEMENTS = {
    "feed", "id", "title", "subtitle", "updated", "link", "author", "name", "generator",
    "entry", "published", "summary", "category",
}  # fmt: skip


def test_hostile_records_stay_text_in_atom(hostile):
    archive, files = hostile
    assert len(archive.published) == 35
    by_id = {feeds.entry_id(r.event.id): r for r in archive.published}
    for path in atom_paths(files):
        root = ET.fromstring(files[path])
        for element in root.iter():
            namespace, _, name = element.tag.partition("}")
            assert namespace == ATOM[:-1] and name in ATOM_ELEMENTS, (path, element.tag)
            if name in ("title", "subtitle", "summary"):
                assert element.get("type") == "text", (path, element.tag)
                assert len(element) == 0  # no child elements: no XHTML content
        for entry in root.iter(f"{ATOM}entry"):
            record = by_id[entry.findtext(f"{ATOM}id") or ""]
            assert entry.findtext(f"{ATOM}title") == feeds.title(record)
            assert entry.findtext(f"{ATOM}summary") == feeds.summary(record)
        # A feed reader reads exactly the text that was typed, markup characters included.
        for entry in parse(files, path).entries:
            record = by_id[entry.id]
            assert (entry.title, entry.summary) == (feeds.title(record), feeds.summary(record))


def test_hostile_records_stay_text_in_json_feed(hostile):
    import json

    archive, files = hostile
    by_id = {feeds.entry_id(r.event.id): r for r in archive.published}
    for path in (p for p in files if p.endswith(".json")):
        document = json.loads(files[path])
        jsonschema.validate(document, JSON_FEED_SCHEMA)
        for item in document["items"]:
            assert "content_html" not in item
            record = by_id[item["id"]]
            assert item["title"] == feeds.title(record)
            assert item["content_text"] == feeds.summary(record)


def test_hostile_retraction_is_marked(hostile):
    archive, files = hostile
    (record,) = [r for r in archive.published if r.event.retracted]
    entries = parse(files, "feeds/atom.xml").entries
    (entry,) = [e for e in entries if e.id == feeds.entry_id(record.event.id)]
    assert entry.title.startswith("[Retracted] ")
    assert entry.summary.startswith("Retracted. Reason: ")


# ---- the built site --------------------------------------------------------------------


class _HeadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.alternates: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "body":
            self.in_head = False
        if tag == "link" and values.get("rel") == "alternate":
            assert self.in_head, "a <link rel=alternate> outside <head>"
            self.alternates.append(values)


def head_feeds(page: Path) -> list[dict[str, str | None]]:
    parser = _HeadLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.alternates


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("page", "atom", "json_feed"),
    [
        ("", "feeds/atom.xml", "feeds/feed.json"),
        ("countries/pk/", "feeds/countries/pk.xml", "feeds/countries/pk.json"),
        ("tags/islamic-state/", "feeds/tags/islamic-state.xml", "feeds/tags/islamic-state.json"),
    ],
)
def test_built_pages_announce_and_link_their_feeds(built_site, page, atom, json_feed):
    html_file = built_site / page / "index.html"
    links = head_feeds(html_file)
    assert [(link["type"], urljoin(f"/{page}", link["href"] or "")) for link in links] == [
        ("application/atom+xml", f"/{atom}"),
        ("application/feed+json", f"/{json_feed}"),
    ]
    assert all((link["title"] or "").startswith(SITE_NAME) for link in links)
    markup = html_file.read_text(encoding="utf-8")
    article = markup[markup.index("<article") : markup.index("</article>")]
    for target in (atom, json_feed):
        assert (built_site / target).is_file()
        relative = links[0 if target == atom else 1]["href"]
        assert f'href="{relative}"' in article  # a visible link as well


@pytest.mark.e2e
def test_material_finds_a_sitemap_beside_every_announced_feed(built_site):
    # Material's script fetches sitemap.xml relative to every <link rel="alternate">;
    # a missing one is a failed request and a console error on every page view.
    pages = [built_site / "index.html", *built_site.glob("*/*/index.html")]
    announced = 0
    for page in pages:
        for link in head_feeds(page):
            target = urljoin(page.relative_to(built_site).as_posix(), link["href"] or "")
            assert (built_site / urljoin(target, "sitemap.xml")).is_file(), (page, target)
            announced += 1
    assert announced > 20
    for sitemap in (built_site / "feeds").rglob("sitemap.xml"):
        ET.fromstring(sitemap.read_bytes())  # well-formed, and empty
        assert b"<url>" not in sitemap.read_bytes()


@pytest.mark.e2e
def test_other_pages_announce_no_feeds(built_site):
    assert head_feeds(built_site / "methodology" / "index.html") == []
    assert head_feeds(built_site / "months" / "index.html") == []


@pytest.mark.e2e
def test_built_feeds_parse_and_link_to_built_briefs(built_site):
    sitemaps = set((built_site / "feeds").rglob("sitemap.xml"))
    atom_files = sorted(set((built_site / "feeds").rglob("*.xml")) - sitemaps)
    assert len(atom_files) > 10
    for path in atom_files:
        relative = path.relative_to(built_site).as_posix()
        parsed = feedparser.parse(path.read_bytes(), response_headers=served(relative))
        assert parsed.bozo == 0, relative
        for entry in parsed.entries:
            target = entry.link.removeprefix(BASE)
            assert (built_site / target / "index.html").is_file(), (relative, entry.link)


# ---- reuse -----------------------------------------------------------------------------


def test_feeds_from_the_cache_are_the_same_and_follow_edits_and_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cache import Cache

    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    config = settings(project, site_url=BASE)
    fresh = feeds.feed_files(load_archive(config), config)
    cache = Cache(project)
    assert feeds.feed_files(load_archive(config), config, cache) == fresh
    cache.save()
    reused = Cache(project)
    with monkeypatch.context() as patched:  # every feed now comes from the cache
        patched.setattr(feeds, "atom", lambda *args: pytest.fail("made again"))
        assert feeds.feed_files(load_archive(config), config, reused) == fresh

    moved = settings(project, site_url="https://mirror.example.org/")
    assert feeds.feed_files(load_archive(moved), moved, reused) == feeds.feed_files(
        load_archive(moved), moved
    )
    record = load_archive(config).published[0]
    path = project / record.path
    path.write_text(
        path.read_text(encoding="utf-8").replace(record.event.title, "Retitled event", 1),
        encoding="utf-8",
    )
    edited = feeds.feed_files(load_archive(config), config, reused)
    assert edited == feeds.feed_files(load_archive(config), config)
    assert "Retitled event" in edited["feeds/atom.xml"]


def test_group_feeds_are_in_the_order_of_newest_first(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    root = synth.write_archive(tmp_path / "synthetic", 150)
    # Every third record updated later, on dates out of the order of its event date.
    for number, path in enumerate(sorted((root / "seeds" / "events").rglob("*.yaml"))):
        if number % 3 == 0:
            text = path.read_text(encoding="utf-8")
            update = f'\nupdated: "2025-{number % 12 + 1:02d}-{number % 27 + 1:02d}"'
            path.write_text(re.sub(r"\ncreated: .*", r"\g<0>" + update, text, count=1))
    archive = load_archive(Settings(root=root))
    index = indexes.build(archive)
    groups = {"archive": archive.published}
    groups |= {f"countries/{code.lower()}": r for code, r in index.countries.items()}
    groups |= {f"tags/{tag}": r for tag, r in index.tags.items()}
    made = feeds.feeds(archive, Settings(root=root))
    assert [f.key for f in made] == list(groups)
    for feed in made:
        assert feed.records == feeds.newest_first(groups[feed.key]), feed.key
    assert any(len(feed.records) > 10 for feed in made[1:])
