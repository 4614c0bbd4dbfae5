"""The command line contract: exit codes (0 ok, 1 problems, 2 usage), exact diagnostics in
each format, help with an example on every command, and files created, never overwritten.

Every test works on a copy of the project in tmp_path; `build` and `serve` are covered by
the end-to-end tests.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2018-07-10-islamabad-intel-chiefs-meeting"
SEED = f"seeds/events/2018/{SEED_ID}.yaml"
LINE = re.compile(r"(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<field>[^:]+): (?P<msg>.+)")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project (mkdocs.yml, seeds/, templates/, empty briefs/); cwd is its root."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "briefs").mkdir()
    (root / "briefs" / ".gitkeep").touch()
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def record_count(root: Path) -> int:
    return len(list((root / "seeds" / "events").rglob("*.yaml")))


def break_record(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# A new record that nothing refers to, with two mistakes at known places.
BROKEN = "seeds/events/2024/2024-05-02-kabul-border-talks.yaml"
BROKEN_TEXT = """\
schema: 1
id: "2024-05-02-kabul-border-talks"
status: draft
title: Border talks
summary: Officials met.
date: "2024-13-02"
location:
  name: Kabul
  country: af
  precision: city
event_type: strategic_developments
sub_event_type: agreement
"""
BROKEN_LINES = [
    f"{BROKEN}:6:7: date: month 13 does not exist in '2024-13-02': use 01 to 12",
    f"{BROKEN}:9:12: location.country: expected an ISO 3166-1 alpha-2 country code such as "
    "'PK' or 'RU', found 'af'; write it in capitals: 'AF'",
]


def add_broken(root: Path) -> None:
    path = root / BROKEN
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BROKEN_TEXT, encoding="utf-8")


# ---- validate ------------------------------------------------------------------------


def test_validate_clean_archive_exits_0(project: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"{record_count(project)} records valid.\n"


def test_validate_prints_one_located_line_per_problem_and_exits_1(project: Path) -> None:
    add_broken(project)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_LINES
    for line in result.stdout.splitlines():
        assert LINE.fullmatch(line), line
    assert result.stderr == "2 problems found.\n"


def test_a_broken_record_does_not_make_references_to_it_fail(project: Path) -> None:
    # Every other record relates to the seed: a typo in the seed must be reported once,
    # in the seed, not as "unknown record id" in each file that refers to it.
    break_record(project, SEED, 'date: "2018-07-10"', 'date: "2018-13-10"')
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{SEED}:19:7: date: month 13 does not exist in '2018-13-10': use 01 to 12\n"
    )


def test_validate_github_format_annotates_each_problem(project: Path) -> None:
    add_broken(project)
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    expected = []
    for line in BROKEN_LINES:
        m = LINE.fullmatch(line)
        assert m
        expected.append(
            f"::error file={m['path']},line={m['line']},col={m['col']}::{m['field']}: {m['msg']}"
        )
    assert result.stdout.splitlines() == expected


def test_validate_json_format_is_a_parseable_list(project: Path) -> None:
    add_broken(project)
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [set(p) for p in problems] == [{"path", "line", "col", "field", "message"}] * 2
    assert [
        f"{p['path']}:{p['line']}:{p['col']}: {p['field']}: {p['message']}" for p in problems
    ] == BROKEN_LINES
    assert all(isinstance(p["line"], int) and isinstance(p["col"], int) for p in problems)


def test_validate_json_format_of_clean_archive_is_empty_list(project: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_validate_nonexistent_path_is_a_usage_error(project: Path) -> None:
    result = run("validate", "seeds/events/1999/no-such-record.yaml")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert result.stdout == ""


def test_validate_outside_a_project_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    result = run("validate")
    assert result.exit_code == 2
    assert "no briefing project" in result.stderr
    assert "briefing init" in result.stderr  # says how to fix it
    assert run("validate", "--project", str(empty)).exit_code == 2


def test_validate_path_reports_only_that_files_problems(project: Path) -> None:
    add_broken(project)
    break_record(project, SEED, "  country: PK\n  admin1", "  country: pk\n  admin1")
    everything = run("validate")
    assert everything.exit_code == 1
    assert {LINE.fullmatch(x)["path"] for x in everything.stdout.splitlines()} == {BROKEN, SEED}

    only_new = run("validate", BROKEN)
    assert only_new.exit_code == 1
    assert only_new.stdout.splitlines() == BROKEN_LINES

    only_seed = run("validate", SEED)
    assert only_seed.exit_code == 1
    lines = only_seed.stdout.splitlines()
    assert lines and all(line.startswith(f"{SEED}:") for line in lines)

    clean = "seeds/events/2023/2023-04-13-samarkand-quadrilateral-fm-meeting-afghanistan.yaml"
    assert (project / clean).is_file()
    other = run("validate", clean)
    assert other.exit_code == 0, other.output
    assert other.stdout == ""


def test_validate_with_project_option_from_elsewhere(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_broken(project)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--project", str(project))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_LINES


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    assert run("validate", "--format", "xml").exit_code == 2


# ---- schema --------------------------------------------------------------------------


def _description(prop: dict[str, object], defs: dict[str, dict[str, object]]) -> object:
    """A field's description, or that of the vocabulary it refers to (pydantic drops a
    field description equal to the referenced enum's docstring)."""
    if "description" in prop:
        return prop["description"]
    ref = prop.get("$ref")
    return defs[str(ref).rsplit("/", 1)[1]].get("description") if ref else None


def test_schema_is_json_schema_with_descriptions_and_enums() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    for field in ("schema", "id", "status", "title", "date", "location", "claims", "sources"):
        assert field in schema["properties"], field
    defs = schema["$defs"]
    assert defs["Stance"]["enum"] == [
        "asserts",
        "confirms",
        "denies",
        "disputes",
        "no_knowledge",
        "declines_comment",
    ]
    assert set(defs["Status"]["enum"]) == {"draft", "reviewed", "published", "retracted"}
    missing = [
        f"{model}.{name}"
        for model, body in [("Event", schema), *defs.items()]
        for name, prop in body.get("properties", {}).items()
        if not _description(prop, defs)
    ]
    assert missing == []


def test_outlets_schema_describes_a_map_of_outlets() -> None:
    result = run("schema", "--kind", "outlets")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"] == {"$ref": "#/$defs/Outlet"}
    assert "reliability" in schema["$defs"]["Outlet"]["properties"]


@pytest.mark.parametrize(
    ("args", "committed"),
    [((), ".schema/event.schema.json"), (("--kind", "outlets"), ".schema/outlets.schema.json")],
)
def test_committed_schema_files_match_the_models(args: tuple[str, ...], committed: str) -> None:
    result = run("schema", *args)
    assert result.exit_code == 0
    command = " ".join(["briefing schema", *args])
    assert (ROOT / committed).read_text(encoding="utf-8") == result.stdout, (
        f"{committed} is out of date; regenerate it with: {command} > {committed}"
    )


# ---- new -----------------------------------------------------------------------------

NEW_ARGS = (
    "new",
    "--title",
    "Talks on border security",
    "--date",
    "2024-05-02",
    "--place",
    "Kabul",
    "--country",
    "AF",
)
NEW_PATH = "seeds/events/2024/2024-05-02-kabul-talks-border-security.yaml"


def test_new_writes_a_draft_that_validates(project: Path) -> None:
    result = run(*NEW_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{NEW_PATH}\n"
    created = project / NEW_PATH
    text = created.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_ref = first.split("$schema=", 1)[1]
    assert (created.parent / schema_ref).resolve() == project / ".schema" / "event.schema.json"
    assert "status: draft" in text
    check = run("validate", NEW_PATH)
    assert check.exit_code == 0, check.output
    assert run("validate").exit_code == 0


def test_new_never_overwrites(project: Path) -> None:
    assert run(*NEW_ARGS).exit_code == 0
    path = project / NEW_PATH
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = path.read_bytes()
    again = run(*NEW_ARGS)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value"),
    [("--date", "2024-13-01"), ("--country", "Afghanistan"), ("--sub-event-type", "riot")],
)
def test_new_rejects_bad_options_without_writing(project: Path, option: str, value: str) -> None:
    before = tree_hash(project / "seeds")
    args = list(NEW_ARGS)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = run(*args)
    assert result.exit_code == 2
    assert option in result.stderr
    assert tree_hash(project / "seeds") == before


# ---- init ----------------------------------------------------------------------------


def test_init_creates_a_project_that_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "fresh", "--name", "My briefings")
    assert result.exit_code == 0, result.output
    root = tmp_path / "fresh"
    for name in ("mkdocs.yml", SEED, "seeds/outlets.yaml", "briefs/.gitkeep"):
        assert (root / name).is_file(), name
        assert f"fresh/{name}" in result.stdout.splitlines()
    assert 'site_name: "My briefings"' in (root / "mkdocs.yml").read_text(encoding="utf-8")
    check = run("validate", "--project", str(root))
    assert check.exit_code == 0, check.output
    assert check.stderr == "1 record valid.\n"
    # The schema files it writes are the current ones.
    assert (root / ".schema" / "event.schema.json").read_text(encoding="utf-8") == (
        run("schema").stdout
    )


def test_init_refuses_a_folder_that_holds_a_project(tmp_path: Path) -> None:
    target = tmp_path / "existing"
    target.mkdir()
    (target / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    (target / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = tree_hash(target)
    result = run("init", str(target))
    assert result.exit_code == 2
    assert "already holds a project" in result.stderr
    assert tree_hash(target) == before
    assert sorted(p.name for p in target.iterdir()) == ["mkdocs.yml", "notes.txt"]


def test_init_twice_leaves_the_first_project_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "twice"
    assert run("init", str(target)).exit_code == 0
    before = tree_hash(target)
    assert run("init", str(target)).exit_code == 2
    assert tree_hash(target) == before


EXAMPLE_COPIES = [
    ("outlets.yaml", "seeds/outlets.yaml"),
    (f"{SEED_ID}.yaml", SEED),
    (
        "2018-07-apnlive-spy-chiefs-islamabad.txt",
        "seeds/articles/2018-07-apnlive-spy-chiefs-islamabad.txt",
    ),
]


@pytest.mark.parametrize(("example", "seed"), EXAMPLE_COPIES)
def test_init_example_is_the_projects_seed(example: str, seed: str) -> None:
    packaged = ROOT / "generator" / "example" / example
    assert packaged.read_bytes() == (ROOT / seed).read_bytes(), (
        f"generator/example/{example} differs from {seed}; copy it: cp {seed} {packaged}"
    )


# ---- render --------------------------------------------------------------------------


def _counts(stderr: str) -> tuple[int, int, int]:
    m = re.fullmatch(r"(\d+) written, (\d+) unchanged, (\d+) removed\.\n", stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def test_render_writes_only_changes_and_removes_stale_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("render", "--out", str(out))
    assert first.exit_code == 0, first.output
    written, unchanged, removed = _counts(first.stderr)
    assert written > 0 and unchanged == 0 and removed == 0
    for record in (project / "seeds" / "events").rglob("*.yaml"):
        assert (out / "events" / f"{record.stem}.md").is_file(), record.stem
    assert (out / "index.md").is_file()
    files = tree_hash(out)
    assert len(files) == written

    second = run("render", "--out", str(out))
    assert second.exit_code == 0
    assert _counts(second.stderr) == (0, written, 0)
    assert tree_hash(out) == files

    (out / "events" / "2000-01-01-gone.md").write_text("stale\n", encoding="utf-8")
    (out / ".gitkeep").touch()
    third = run("render", "--out", str(out))
    assert third.exit_code == 0
    assert _counts(third.stderr) == (0, written, 1)
    assert not (out / "events" / "2000-01-01-gone.md").exists()
    assert (out / ".gitkeep").exists()


def test_render_defaults_to_briefs(project: Path) -> None:
    result = run("render")
    assert result.exit_code == 0, result.output
    assert (project / "briefs" / "events" / f"{SEED_ID}.md").is_file()
    assert (project / "briefs" / ".gitkeep").is_file()


def test_render_with_problems_writes_nothing(project: Path, tmp_path: Path) -> None:
    add_broken(project)
    out = tmp_path / "out"
    result = run("render", "--out", str(out))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_LINES
    assert "nothing was written" in result.stderr
    assert not out.exists() or not any(out.rglob("*"))


def test_no_command_modifies_the_records(project: Path, tmp_path: Path) -> None:
    seeds = tree_hash(project / "seeds")
    assert seeds
    generated = ("briefs/",)  # the Markdown (the caches live in the user's cache folder)
    others = {k: v for k, v in tree_hash(project).items() if not k.startswith(generated)}
    for args in (
        ("validate",),
        ("validate", "--format", "json"),
        ("validate", "--format", "github"),
        ("validate", SEED),
        ("render",),
        ("render", "--out", str(tmp_path / "elsewhere")),
        ("schema",),
        ("export", "--format", "csv"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert tree_hash(project / "seeds") == seeds, args
    after = {k: v for k, v in tree_hash(project).items() if not k.startswith(generated)}
    assert after == others  # render writes briefs/ and nothing else


# ---- help ----------------------------------------------------------------------------


def _commands() -> list[str]:
    assert isinstance(main, click.Group)
    return sorted(main.commands)


def test_the_documented_commands_exist() -> None:
    documented = {"validate", "build", "serve", "render", "new", "schema", "init", "export"}
    assert documented <= set(_commands())


@pytest.mark.parametrize("command", ["", *_commands()])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, f"briefing {command} --help shows no example"
    assert "Usage: " in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert re.search(r"\d+\.\d+", result.stdout)


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--sub-event-type", "agreemnt", "found 'agreemnt'. Did you mean 'agreement'?"),
        ("--country", "Afganistan", "found 'Afganistan'. Did you mean 'AF' (Afghanistan)?"),
    ],
)
def test_new_suggests_the_nearest_word(project: Path, option: str, value: str, hint: str) -> None:
    args = list(NEW_ARGS)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(hint)


def test_new_places_a_known_city_from_the_gazetteer(project: Path) -> None:
    from generator.extract.places import find_city

    assert run(*NEW_ARGS).exit_code == 0
    kabul = find_city("Kabul", ["AF"])
    assert kabul is not None
    location = yaml.safe_load((project / NEW_PATH).read_text(encoding="utf-8"))["location"]
    assert (location["lat"], location["lon"], location["geonames"]) == (
        kabul.lat,
        kabul.lon,
        kabul.geonames,
    )
    assert location["precision"] == "city"


def test_new_says_when_the_gazetteer_does_not_know_the_place(project: Path) -> None:
    args = [*NEW_ARGS[:-4], "--place", "Qala-i-Nowhere", "--country", "AF"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    text = (project / result.stdout.strip()).read_text(encoding="utf-8")
    assert "lat" not in yaml.safe_load(text)["location"]
    assert '# "Qala-i-Nowhere" is not in the packaged gazetteer' in text
    assert run("validate", result.stdout.strip()).exit_code == 0


def test_new_draft_states_the_workflow_of_the_manual(project: Path) -> None:
    """The draft's header and the manual's "Adding a record" name the same statuses: a
    record reaches the site with status: published, and reviewed is not published."""
    assert run(*NEW_ARGS).exit_code == 0
    text = (project / NEW_PATH).read_text(encoding="utf-8")
    header = " ".join(line[2:] for line in text.splitlines()[1:] if line.startswith("# "))
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    texts = [page.read_text(encoding="utf-8") for page in pages]
    [manual] = [text for text in texts if "## Adding a record" in text]
    assert "Set `status: published` (requires an assessment)" in manual
    assert "status: published to put it on the site" in header
    assert "draft and reviewed records are not published" in header


@pytest.mark.e2e
def test_counts_of_one_are_singular(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "one").exit_code == 0
    root = tmp_path / "one"
    monkeypatch.chdir(root)
    built = run("build")
    assert built.exit_code == 0, built.output
    assert built.stderr.splitlines()[-1] == f"Built 1 brief into {root / 'site'}."
    exported = run("export", "--out", "events.csv")
    assert exported.stderr == "Exported 1 record to events.csv.\n"
    assert run("validate").stderr == "1 record valid.\n"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        ([*NEW_ARGS, "--event-type", "battle"], "Did you mean 'battles'?"),
        (["validate", "--format", "jsn"], "Did you mean 'json'?"),
        (["export", "--format", "geojsn"], "Did you mean 'geojson'?"),
    ],
)
def test_option_choices_suggest_the_nearest(project: Path, args: list[str], hint: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert "is not one of" in last
    assert last.endswith(f". {hint}")
