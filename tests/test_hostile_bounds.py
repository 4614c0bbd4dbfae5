"""Bounds a hostile pull request cannot get past (issue 14, items 4, 9 and 11).

A record may hold only so many tags, actors and other listed things, and a breach is a
located diagnostic with the fix; within the bounds, what the site is made of grows in
proportion to a record, never with the square of one of its lists. member_of cannot nest
itself, loop or nest deeper than the stated limit, and nothing walks it recursively. A
brief's network picture stays under the stated 150 KB whatever a record within the bounds
codes, and its table of links is bounded.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from generator import feeds, membership, networks
from generator.archive import Archive, load_archive
from generator.cli import main
from generator.config import Settings
from generator.model import MAX_ACTORS, MAX_MEMBERSHIP_DEPTH, MAX_TAGS
from generator.pipeline import files_for
from generator.write import Made

ROOT = Path(__file__).resolve().parents[1]
EVENT_ID = "2018-07-10-islamabad-hostile-bounds"
RECORD = f"seeds/events/2018/{EVENT_ID}.yaml"


def _record(*, tags: int = 0, actors: int = 2, members: dict[int, int] | None = None) -> str:
    """A valid published record with tags tag-0..., actors a0... (a0 speaks) and the
    memberships members: actor index -> index of the actor it is a member of."""
    lines = [
        "schema: 1",
        f'id: "{EVENT_ID}"',
        "status: published",
        "title: A record of many lists",
        "summary: It tests the bounds.",
        'date: "2018-07-10"',
        "location: {name: Islamabad, country: PK, lat: 33.7, lon: 73.1, precision: city}",
        "event_type: strategic_developments",
        "sub_event_type: agreement",
        "actors:",
    ]
    for i in range(actors):
        member = f", member_of: a{members[i]}" if members and i in members else ""
        lines.append(f"  a{i}: {{name: Actor {i}, kind: group, role: participant{member}}}")
    lines += [
        "sources:",
        "  s: {outlet: tass, role: primary, read: direct}",
        "claims:",
        "  - id: c",
        "    type: occurrence",
        "    text: Something happened.",
        "    statements:",
        "      - {attributed_to: a0, reported_by: [s], stance: asserts, form: paraphrase}",
        "assessment: {bluf: It happened.}",
        "tags: " + json.dumps([f"tag-{i}" for i in range(tags)]),
    ]
    return "\n".join(lines) + "\n"


def _project(root: Path, text: str) -> Path:
    """A project of one record (and the real outlet registry)."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds/events/2018").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "seeds/outlets.yaml", root / "seeds/outlets.yaml")
    (root / RECORD).write_text(text, encoding="utf-8")
    return root


def _validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--project", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _line_of(root: Path, prefix: str) -> int:
    lines = (root / RECORD).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(prefix))


def _docs_bytes(root: Path) -> dict[str, int]:
    """Size of every file the generation puts into docs_dir, by path."""
    settings = Settings(root=root)
    sizes = {}
    for path, content in files_for(load_archive(settings), settings):
        data = content.data() if isinstance(content, Made) else content
        sizes[path] = len(data.encode() if isinstance(data, str) else data)
    return sizes


# ---- item 4: tags and actors per record ------------------------------------------------


def test_too_many_tags_is_a_located_error_with_the_fix(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", _record(tags=5000))
    code, output = _validate(root)
    assert code == 1
    line = _line_of(root, "tags:")
    assert (
        f"{RECORD}:{line}:7: tags: at most {MAX_TAGS} tags per record, found 5000; keep the few"
        in output
    )


def test_too_many_actors_is_a_located_error_with_the_fix(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", _record(actors=4000))
    code, output = _validate(root)
    assert code == 1
    line = _line_of(root, "actors:") + 1  # the mapping starts with its first key
    assert re.search(
        rf"^{re.escape(RECORD)}:{line}:3: actors: at most {MAX_ACTORS} actors per record, "
        r"found 4000; keep those",
        output,
        re.MULTILINE,
    ), output


def test_a_record_at_the_limits_is_valid(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", _record(tags=MAX_TAGS, actors=MAX_ACTORS))
    code, output = _validate(root)
    assert code == 0, output


def test_the_site_grows_with_the_tags_not_with_their_square(tmp_path: Path) -> None:
    counts = (MAX_TAGS // 4, MAX_TAGS // 2, MAX_TAGS)
    sizes = [_docs_bytes(_project(tmp_path / f"t{n}", _record(tags=n))) for n in counts]
    totals = [sum(found.values()) for found in sizes]
    # Bytes per added tag: the same from a quarter to half the limit as from half to all
    # of it (every tag feed repeating every tag made the second about twice the first).
    first = (totals[1] - totals[0]) / (counts[1] - counts[0])
    second = (totals[2] - totals[1]) / (counts[2] - counts[1])
    assert second < 1.15 * first, (first, second)
    # One tag's feed does not grow with the record's other tags.
    assert sizes[2]["feeds/tags/tag-0.xml"] < 1.1 * sizes[1]["feeds/tags/tag-0.xml"]
    assert sizes[2]["feeds/tags/tag-0.json"] < 1.1 * sizes[1]["feeds/tags/tag-0.json"]


def test_a_tag_feed_names_its_own_tag_first_and_a_bounded_few(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", _record(tags=MAX_TAGS))
    settings = Settings(root=root)
    files = feeds.feed_files(load_archive(settings), settings)
    item = json.loads(files["feeds/tags/tag-7.json"])["items"][0]
    assert item["tags"][0] == "tag-7"
    assert len(item["tags"]) == feeds.CATEGORIES == len(set(item["tags"]))
    atom = files["feeds/tags/tag-7.xml"]
    assert re.findall(r'<category term="([^"]+)"', atom) == item["tags"]


# ---- item 9: member_of ---------------------------------------------------------------


def _membership_errors(tmp_path: Path, members: dict[int, int], actors: int) -> list[str]:
    root = _project(tmp_path / "p", _record(actors=actors, members=members))
    code, output = _validate(root)
    assert code == 1, output
    return [line for line in output.splitlines() if "member_of" in line]


def _member_of_at(tmp_path: Path, index: int) -> str:
    """path:line:col: of actor a<index>'s member_of in the record _record wrote."""
    lines = (tmp_path / "p" / RECORD).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"  a{index}: "))
    col = lines[line - 1].index("member_of: ") + len("member_of: ") + 1
    return f"{RECORD}:{line}:{col}: actors.a{index}.member_of: "


def test_an_actor_that_is_a_member_of_itself_is_a_located_error(tmp_path: Path) -> None:
    errors = _membership_errors(tmp_path, {1: 1}, actors=3)
    assert errors == [
        _member_of_at(tmp_path, 1) + "actor 'a1' is a member of itself: name the organisation "
        "it belongs to, or remove member_of"
    ]


def test_a_cycle_of_two_is_reported_once_where_it_starts(tmp_path: Path) -> None:
    errors = _membership_errors(tmp_path, {1: 2, 2: 1, 3: 2}, actors=4)
    assert errors == [
        _member_of_at(tmp_path, 1) + "member_of goes round in a circle (a1 -> a2 -> a1): an "
        "organisation cannot belong to its own members; remove member_of from the one at "
        "the top"
    ]


def test_a_cycle_of_three_is_reported_once_where_it_starts(tmp_path: Path) -> None:
    errors = _membership_errors(tmp_path, {0: 2, 1: 0, 2: 1}, actors=3)
    assert len(errors) == 1
    assert errors[0].startswith(_member_of_at(tmp_path, 0) + "member_of goes round in a circle")
    assert "(a0 -> a2 -> a1 -> a0)" in errors[0]


def test_membership_deeper_than_the_limit_is_reported_at_the_first_too_deep(
    tmp_path: Path,
) -> None:
    chain = {i: i - 1 for i in range(1, 150)}  # a149 -> a148 -> ... -> a0
    errors = _membership_errors(tmp_path, chain, actors=150)
    deep = MAX_MEMBERSHIP_DEPTH + 1
    shown = " -> ".join(f"a{i}" for i in range(deep, -1, -1))
    assert errors == [
        _member_of_at(tmp_path, deep) + f"member_of nests {deep} levels deep ({shown}); at "
        f"most {MAX_MEMBERSHIP_DEPTH} are allowed: make 'a{deep}' a member of an "
        "organisation nearer the top"
    ]


def test_membership_at_the_limit_is_valid(tmp_path: Path) -> None:
    chain = {i: i - 1 for i in range(1, MAX_MEMBERSHIP_DEPTH + 1)}
    root = _project(tmp_path / "p", _record(actors=MAX_MEMBERSHIP_DEPTH + 1, members=chain))
    code, output = _validate(root)
    assert code == 0, output


def test_a_chain_of_a_thousand_actors_is_a_located_error(tmp_path: Path) -> None:
    root = _project(
        tmp_path / "p", _record(actors=1000, members={i: i - 1 for i in range(1, 1000)})
    )
    code, output = _validate(root)
    assert code == 1
    assert f"{RECORD}:" in output and "actors: at most" in output


def test_generation_walks_any_membership_without_recursion(tmp_path: Path) -> None:
    """Even past validation (an archive made in code), a chain longer than Python's
    recursion limit hanging from a cycle (a0 and a1 members of each other, a2 of a1, a3
    of a2, ...) renders every page and picture."""
    root = _project(tmp_path / "p", _record(actors=2))
    settings = Settings(root=root)
    archive = load_archive(settings)
    record = archive.records[0]
    length = sys.getrecursionlimit() + 50
    template = record.event.actors["a1"]
    actors = {
        f"a{i}": template.model_copy(update={"member_of": f"a{i - 1 if i else 1}"})
        for i in range(length)
    }
    event = record.event.model_copy(update={"actors": actors})
    hostile = Archive((replace(record, event=event),), archive.outlets)
    names = [name for name, _ in files_for(hostile, settings)]
    assert f"img/events/{EVENT_ID}-actors.svg" in names
    assert set(membership.depths(actors).values()) == {membership.CYCLIC}
    found = membership.problems(actors, MAX_MEMBERSHIP_DEPTH)
    assert [(p.key, p.kind, p.chain) for p in found] == [("a0", "cycle", ("a0", "a1", "a0"))]


# ---- item 11: the network picture of a brief -------------------------------------------


def _linked_record(actors: int) -> str:
    """A record whose every actor acts towards every other one (the most links a record
    of that many actors can code), each with a name as long as a name may be."""
    keys = ", ".join(f"a{i}" for i in range(actors))
    action = f"actions:\n  - {{plover: CONSULT, actor: [{keys}], recipient: [{keys}]}}\n"
    text = _record(actors=actors).replace("assessment:", action + "assessment:")
    return re.sub(r"name: Actor (\d+)", lambda m: f"name: Actor {m[1]} " + "x" * 280, text)


def test_a_brief_network_at_the_bounds_stays_under_the_stated_150_kb(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", _linked_record(MAX_ACTORS))
    settings = Settings(root=root)
    event = load_archive(settings).records[0].event
    svg = networks.event_network_svg(event)
    assert len(svg) < 150_000
    assert svg.count(b"<circle") == networks.EVENT_NETWORK_SIZE
    # Among the drawn actors every pair is linked: the most lines a picture can hold.
    pairs = networks.EVENT_NETWORK_SIZE * (networks.EVENT_NETWORK_SIZE - 1) // 2
    assert svg.count(b'<path d="M') == pairs  # each link an arc


def test_a_brief_grows_with_its_actors_not_with_their_square(tmp_path: Path) -> None:
    counts = (MAX_ACTORS // 4, MAX_ACTORS // 2, MAX_ACTORS)
    sizes = [_docs_bytes(_project(tmp_path / f"a{n}", _linked_record(n))) for n in counts]
    brief, picture = f"events/{EVENT_ID}.md", f"img/events/{EVENT_ID}-actors.svg"
    for name in (brief, picture, None):
        found = [s[name] if name else sum(s.values()) for s in sizes]
        first = (found[1] - found[0]) / (counts[1] - counts[0])
        second = (found[2] - found[1]) / (counts[2] - counts[1])
        assert second < 1.15 * max(first, 1), (name, first, second)


def test_a_brief_lists_a_bounded_number_of_links_and_says_how_many_there_are(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "p", _linked_record(MAX_ACTORS))
    settings = Settings(root=root)
    brief = dict(files_for(load_archive(settings), settings))[f"events/{EVENT_ID}.md"]
    text = brief.data() if isinstance(brief, Made) else brief
    assert isinstance(text, str)
    links = MAX_ACTORS * (MAX_ACTORS - 1)
    assert text.count(" | acts towards | ") == networks.LINKS_LISTED
    assert f"The table shows the first {networks.LINKS_LISTED} of the {links} links" in text
    assert f"Network of {networks.EVENT_NETWORK_SIZE} of the {MAX_ACTORS} actors" in text
