"""The brief as a reader meets it (issue 16), checked on the rendered Markdown: the
takeaway first, every statement beside its outlets' grades in words, no record keys
outside anchors and the folded coding details, and briefs linked both ways. The same
is measured in Chromium by test_reader_brief.py.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import markdown
import pytest

from generator import vocab, wording
from generator.archive import load_archive
from generator.config import Settings
from generator.crossrefs import normal_url
from generator.render import render_pages

PROJECT = Path(__file__).resolve().parents[1]
CASES = PROJECT / "tests" / "cases" / "render"
SEED_CASE = CASES / "seed-record"
SEED = "2018-07-10-islamabad-intel-chiefs-meeting"
#: The Admiralty grade of an outlet as the brief must word it (issue 16).
GRADE_WORDS = {
    "A": "A, completely reliable",
    "B": "B, usually reliable",
    "C": "C, fairly reliable",
    "D": "D, not usually reliable",
    "E": "E, unreliable",
    "F": "not yet graded",
}


def _pages(root: Path) -> dict[str, str]:
    settings = Settings(root=root)
    return render_pages(load_archive(settings), settings)


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    return _pages(SEED_CASE)


@pytest.fixture(scope="module")
def seed_brief(seed_pages: dict[str, str]) -> str:
    return seed_pages[f"events/{SEED}.md"]


def _html(text: str) -> str:
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return markdown.Markdown(extensions=["tables", "admonition", "toc"]).convert(body)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _shown(brief: str) -> str:
    """The brief's text as a reader sees it before unfolding the coding details."""
    page = re.sub(r"<details.*?</details>", "", _html(brief), flags=re.S)
    return re.sub(r"https?://\S+", "", _text(page))  # an outside item's address as its text


# ---- order ----------------------------------------------------------------------------


def test_seed_brief_reads_takeaway_first_then_evidence_then_material(seed_brief: str) -> None:
    headings = re.findall(r"^## (.+)$", seed_brief, re.M)
    assert headings == [
        "Bottom line up front",
        "Key judgments",
        "What is contested",
        "Claims",
        "Summary",
        "Sourcing",
        "Gaps",
        "Indicators to watch",
        "Alternative explanations",
        "Sources",
        "Actors",
        "Links between actors",
        "Place and date",
        "Related",
        "Tags",
    ]
    # The coding details come after every section, folded.
    assert seed_brief.index("<details") > seed_brief.index("## Tags")


def test_one_compact_line_of_date_place_type_and_status_under_the_title(seed_brief: str) -> None:
    body = seed_brief.split("---\n", 2)[2]
    title, meta, bottom_line = [b.strip() for b in body.split("\n\n") if b.strip()][:3]
    assert title.startswith("# Intelligence chiefs")
    assert "\n" not in meta
    assert _text(_html(meta)) == (
        "10 July 2018 · Islamabad, Islamabad Capital Territory, Pakistan · "
        "Strategic developments: Agreement · Published"
    )
    assert bottom_line == "## Bottom line up front"


def test_key_judgments_say_likelihood_and_confidence_in_words(seed_brief: str) -> None:
    judgments = _text(_html(seed_brief.split("## Key judgments", 1)[1].split("\n## ", 1)[0]))
    assert "almost certain high confidence Rests on: The heads of the intelligence" in judgments
    assert "likely low confidence Rests on: The four agreed to share intelligence" in judgments


def test_what_is_contested_puts_the_sides_next_to_each_other(seed_brief: str) -> None:
    contested = _html(seed_brief.split("## What is contested", 1)[1].split("\n## ", 1)[0])
    rows = [
        [_text(cell) for cell in re.findall(r"<t[hd]>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", contested, re.S)
    ]
    assert rows == [
        ["Supports it", "Disputes or denies it"],
        [
            "Sergei Ivanov asserts in TASS · C, fairly reliable "
            "Unnamed Pakistani officials confirms in Dawn · B, usually reliable",
            "Unattributed disputes in Times of Islamabad · not yet graded",
        ],
    ]
    assert "The meeting took place on Tuesday 10 July 2018." in _text(contested)


def test_contested_claims_are_those_with_both_sides() -> None:
    settings = Settings(root=SEED_CASE)
    event = load_archive(settings).by_id[SEED].event
    contested = wording.contested(event.claims)
    assert [claim.id for claim, _ in contested] == ["meeting_date"]
    # A claim that one speaker says they know nothing about is not contested.
    held = next(c for c in event.claims if c.id == "meeting_held")
    sides = wording.sides(held)
    assert (len(sides.supports), len(sides.against), len(sides.neither)) == (2, 0, 1)


# ---- grades ---------------------------------------------------------------------------


def test_every_statement_shows_its_outlets_with_their_grade_in_words(seed_brief: str) -> None:
    settings = Settings(root=SEED_CASE)
    archive = load_archive(settings)
    event = archive.by_id[SEED].event
    claims = _html(seed_brief.split("## Claims", 1)[1].split("\n## ", 1)[0])
    items = [_text(li) for li in re.findall(r"<li>(.*?)</li>", claims, re.S)]
    statements = [s for claim in event.claims for s in claim.statements]
    assert len(items) == len(statements)
    for item, statement in zip(items, statements, strict=True):
        for key in statement.reported_by + statement.via:
            outlet = archive.outlets[event.sources[key].outlet]
            assert f"{outlet.name} · {GRADE_WORDS[outlet.reliability.value]}" in item, item


def test_grade_words_never_show_f_as_a_letter() -> None:
    assert {g.value: wording.grade_words(g) for g in vocab.Reliability} == GRADE_WORDS
    assert "not yet graded" in wording.explain("reliability", "F")


def test_sources_page_reads_not_yet_graded_for_ungraded_outlets(seed_pages) -> None:
    shown = _text(_html(seed_pages["sources.md"]))
    assert "F · " not in shown and "cannot be judged ·" not in shown
    apn = shown.split("APN Live", 1)[1]
    assert apn.lstrip().startswith("not yet graded · news site")


# ---- no internal ids ------------------------------------------------------------------


def _record_keys(root: Path, event_id: str) -> set[str]:
    event = load_archive(Settings(root=root)).by_id[event_id].event
    return {c.id for c in event.claims} | set(event.actors) | set(event.sources)


def _prose(root: Path, event_id: str) -> str:
    """Every string of the record that is prose (has a space): notes may name a key."""
    event = load_archive(Settings(root=root)).by_id[event_id].event
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and " " in value:
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(event.model_dump(mode="json"))
    return "\n".join(found)


@pytest.mark.parametrize(
    "phrase",
    [
        "Based on:",
        "claim meeting_held",
        "claim is_strength",
        "(day precision)",
        "Derived",
        "Seed · Read",
        "copy read",
        "Record file",
        SEED,
        "F · ",
    ],
)
def test_no_internal_codes_are_shown(seed_brief: str, phrase: str) -> None:
    assert phrase not in _shown(seed_brief)


def test_no_record_key_is_shown_outside_anchors_and_coding_details(seed_brief: str) -> None:
    shown = _shown(seed_brief)
    prose = _prose(SEED_CASE, SEED)
    keys = {k for k in _record_keys(SEED_CASE, SEED) if not re.search(rf"\b{k}\b", prose)}
    assert {"meeting_held", "ru_svr", "presstv", "tass"} <= keys
    assert [k for k in sorted(keys) if re.search(rf"\b{re.escape(k)}\b", shown)] == []
    # The keys stay: as anchors, and in the folded coding details.
    assert 'id="claim-meeting&#95;held"' in seed_brief
    details = seed_brief[seed_brief.index("<details") :]
    assert "meeting&#95;held: occurrence" in details and "CONSULT" in details


# ---- badges ---------------------------------------------------------------------------


def test_every_badge_of_a_brief_has_a_title_and_links_to_its_methodology_entry(
    seed_brief: str, seed_pages: dict[str, str]
) -> None:
    page = _html(seed_brief)
    badges = re.findall(r"(<a [^>]*>)?<span class=\"badge ([^\"]*)\"([^>]*)>", page)
    assert len(badges) > 40
    methodology = seed_pages["methodology.md"]
    for link, css, rest in badges:
        assert re.fullmatch(r' title="[^"<>]{20,}"', rest), css
        target = re.fullmatch(r'<a href="\.\./methodology\.md#([a-z0-9-]+)">', link)
        assert target is not None, css
        assert f'<span id="{target.group(1)}"></span>' in methodology, target.group(1)


# ---- related briefs -------------------------------------------------------------------


def _project(tmp_path: Path, records: dict[str, str]) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(CASES / "retracted-and-draft", root)
    shutil.rmtree(root / "expected")
    shutil.rmtree(root / "seeds" / "events")
    for event_id, extra in records.items():
        folder = root / "seeds" / "events" / event_id[:4]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{event_id}.yaml").write_text(_record(event_id, extra), encoding="utf-8")
    return root


def _record(event_id: str, extra: str) -> str:
    """A small valid record; extra sets status, sources' addresses and related items."""
    fields = dict(status="published", url=f"https://kabul-wire.example/{event_id}", related="")
    fields |= dict(line.split("=", 1) for line in extra.split(";") if line)
    return f"""schema: 1
id: "{event_id}"
status: {fields["status"]}
title: Talks number {event_id[-1]} in Kabul
summary: Officials met in Kabul.
date: "{event_id[:10]}"
location: {{name: Kabul, country: AF, precision: city}}
event_type: strategic_developments
sub_event_type: agreement
actors:
  af_mofa: {{name: Ministry of Foreign Affairs of Afghanistan, kind: organization, role: host}}
sources:
  wire: {{outlet: kabul_wire, url: "{fields["url"]}", role: primary, read: direct}}
claims:
  - id: talks_held
    type: occurrence
    text: Officials met in Kabul.
    statements:
      - {{attributed_to: af_mofa, reported_by: [wire], stance: asserts, form: paraphrase}}
assessment:
  bluf: Officials met in Kabul.
related: [{fields["related"]}]
"""


def _links(brief: str, section: str) -> list[str]:
    part = brief.split(f"## {section}\n", 1)
    if len(part) == 1:
        return []
    return re.findall(r"\]\(\.\./events/([a-z0-9-]+)\.md\)", part[1].split("\n## ", 1)[0])


def test_seed_brief_links_the_briefs_it_relates_to_and_those_that_refer_to_it() -> None:
    # The example archive: the seed record names the 2021 and 2017 events by the address
    # of a report that their briefs cite; three other briefs name it by id.
    pages = _pages(PROJECT)
    seed = pages[f"events/{SEED}.md"]
    assert _links(seed, "Related") == [
        "2021-09-11-islamabad-isi-hosts-regional-spy-chiefs",
        "2017-12-23-moscow-kabulov-is-fighters-estimate",
    ]
    assert _links(seed, "Referred to by") == [
        "2018-07-01-jalalabad-sikh-hindu-convoy-suicide-bombing",
        "2018-07-02-new-york-unsc-india-condemn-jalalabad-bombing",
        "2023-04-13-samarkand-quadrilateral-fm-meeting-afghanistan",
    ]
    for other in _links(seed, "Related") + _links(seed, "Referred to by"):
        brief = pages[f"events/{other}.md"]
        assert SEED in _links(brief, "Related") + _links(brief, "Referred to by"), other


def test_related_item_naming_an_address_a_brief_cites_links_to_that_brief(tmp_path) -> None:
    root = _project(
        tmp_path,
        {
            "2019-03-01-kabul-talks-1": "url=https://kabul-wire.example/report-1",
            # Another brief's source, written with http, www and a trailing slash.
            "2019-03-02-kabul-talks-2": (
                "related={url: 'http://www.kabul-wire.example/report-1/', rel: precedes}"
            ),
            "2019-03-03-kabul-talks-3": "related={id: '2019-03-01-kabul-talks-1', rel: follows}",
        },
    )
    pages = _pages(root)
    two = pages["events/2019-03-02-kabul-talks-2.md"]
    assert _links(two, "Related") == ["2019-03-01-kabul-talks-1"]
    assert "http://www.kabul-wire.example/report-1/" in two  # the report stays linked too
    one = pages["events/2019-03-01-kabul-talks-1.md"]
    assert _links(one, "Referred to by") == ["2019-03-02-kabul-talks-2", "2019-03-03-kabul-talks-3"]


def test_referred_to_by_leaves_out_briefs_already_in_related(tmp_path) -> None:
    root = _project(
        tmp_path,
        {
            "2019-03-01-kabul-talks-1": "related={id: '2019-03-02-kabul-talks-2', rel: precedes}",
            "2019-03-02-kabul-talks-2": "related={id: '2019-03-01-kabul-talks-1', rel: follows}",
        },
    )
    one = _pages(root)["events/2019-03-01-kabul-talks-1.md"]
    assert _links(one, "Related") == ["2019-03-02-kabul-talks-2"]
    assert "## Referred to by" not in one


def test_unpublished_records_neither_refer_nor_are_referred_to(tmp_path) -> None:
    root = _project(
        tmp_path,
        {
            "2019-03-01-kabul-talks-1": (
                "related={url: 'https://kabul-wire.example/secret', rel: context}"
            ),
            # A draft citing that address, and a draft referring to the published brief.
            "2019-03-02-kabul-talks-2": "status=draft;url=https://kabul-wire.example/secret",
            "2019-03-03-kabul-talks-3": (
                "status=reviewed;related={id: '2019-03-01-kabul-talks-1', rel: follows}"
            ),
        },
    )
    pages = _pages(root)
    one = pages["events/2019-03-01-kabul-talks-1.md"]
    assert _links(one, "Related") == []
    assert "## Referred to by" not in one
    for name, text in pages.items():
        assert "kabul-talks-2" not in text and "kabul-talks-3" not in text, name


def test_an_address_several_briefs_cite_links_to_the_one_of_the_items_date(tmp_path) -> None:
    shared = "url=https://kabul-wire.example/roundup"
    root = _project(
        tmp_path,
        {
            "2019-03-01-kabul-talks-1": shared,
            "2019-03-02-kabul-talks-2": shared,
            "2019-03-03-kabul-talks-3": (
                "related={url: 'https://kabul-wire.example/roundup', rel: context, "
                "date: '2019-03-02'}, {url: 'https://kabul-wire.example/roundup', rel: similar}"
            ),
        },
    )
    three = _pages(root)["events/2019-03-03-kabul-talks-3.md"]
    # Dated: the brief of that date. Undated: no guess, the address stays outside.
    assert _links(three, "Related") == ["2019-03-02-kabul-talks-2"]
    assert three.count('<a href="https://kabul-wire.example/roundup"') == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://www.Example.org/a/", "https://example.org/a"),
        ("https://example.org/a?x=1#top", "https://example.org/a?x=1"),
    ],
)
def test_addresses_compare_without_scheme_www_case_of_host_trailing_slash(a, b) -> None:
    assert normal_url(a) == normal_url(b)


def test_addresses_with_other_paths_or_queries_differ() -> None:
    assert normal_url("https://example.org/a?x=1") != normal_url("https://example.org/a?x=2")
    assert normal_url("https://example.org/A") != normal_url("https://example.org/a")
