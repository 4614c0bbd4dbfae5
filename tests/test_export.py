"""Data exports: events.json round-trips to the records and validates against the schema,
the CSV files open with the csv module (one row per published event, one per statement),
GeoJSON has a lon/lat Point per placed event and lists the others; record text is data,
formulas included; the Data page documents every column; `briefing export` prints the same.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from generator import export, vocab
from generator.archive import Archive, load_archive
from generator.cache import Cache
from generator.cli import main
from generator.config import Settings
from generator.model import Event
from generator.render import render_pages
from generator.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
RETRACTED_CASE = CASES / "render" / "retracted-and-draft"
HOSTILE_CASE = CASES / "hostile" / "accepted"
ALL_CASES = [ROOT, RETRACTED_CASE, HOSTILE_CASE]
ACLED_COLUMNS = [
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "country", "iso", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "tags",
]  # fmt: skip
CLAIM_COLUMNS = [
    "event_id", "claim_id", "attributed_to", "reported_by", "stance", "form", "credibility",
]  # fmt: skip


def archive_of(root: Path) -> Archive:
    return load_archive(Settings(root=root))


@pytest.fixture(scope="module", params=ALL_CASES, ids=["seeds", "retracted-and-draft", "hostile"])
def archive(request: pytest.FixtureRequest) -> Archive:
    return archive_of(request.param)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---- events.json -----------------------------------------------------------------------


def test_events_json_round_trips_to_the_records(archive):
    items = json.loads(export.events_json(archive))
    assert isinstance(items, list)
    assert [Event.model_validate(item) for item in items] == [r.event for r in archive.published]


def test_events_json_validates_against_the_record_schema(archive):
    validator = jsonschema.Draft202012Validator(json_schema("event"))
    for item in json.loads(export.events_json(archive)):
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(item)]
        assert errors == [], item["id"]


def test_the_schema_file_is_the_one_briefing_schema_prints():
    committed = (ROOT / ".schema" / "event.schema.json").read_text(encoding="utf-8")
    assert json.loads(export.event_schema()) == json.loads(committed)


def test_drafts_are_not_exported():
    archive = archive_of(RETRACTED_CASE)
    ids = [item["id"] for item in json.loads(export.events_json(archive))]
    assert ids == ["2019-03-05-herat-dam-handover", "2019-03-02-kabul-border-talks"]
    for name, text in export.export_files(archive).items():
        if name != "data/event.schema.json":
            assert "2019-03-09-jalalabad-market-closure" not in text, name


# ---- events.csv and claims.csv ---------------------------------------------------------


def test_events_csv_has_one_row_per_published_event_with_acled_columns(archive):
    text = export.events_csv(archive)
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert header == [c.name for c in export.EVENT_COLUMNS]
    table = rows(text)
    assert [row["event_id"] for row in table] == [r.event.id for r in archive.published]
    for row, record in zip(table, archive.published, strict=True):
        event = record.event
        assert row["status"] == event.status.value
        assert row["event_date"] == event.date.first_day().isoformat()
        assert row["iso"] == str(export.iso_numeric(event.location.country) or "")
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["geo_precision"] in {"1", "2", "3"}


def test_events_csv_has_one_column_per_meaning(archive):
    """ACLED's columns, then the archive's own, none of which repeats a meaning (the date
    as written and the alpha-2 code are in events.json): each column has a name of its own,
    and the Data page says where the other forms are."""
    header = next(csv.reader(io.StringIO(export.events_csv(archive), newline="")))
    assert header == [*ACLED_COLUMNS, "assoc_actor_2", "status", "title"]
    data_page = (ROOT / "generator/templates/data.md.j2").read_text(encoding="utf-8")
    assert "Each meaning has one column" in data_page


def test_events_csv_values_of_the_seed_bombing():
    table = {row["event_id"]: row for row in rows(export.events_csv(archive_of(ROOT)))}
    row = table["2018-07-01-jalalabad-sikh-hindu-convoy-suicide-bombing"]
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Suicide bomb"
    assert (row["actor1"], row["actor2"]) == (
        "Islamic State",
        "Delegation of Afghan Sikhs and Hindus",
    )
    assert (row["country"], row["iso"], row["admin1"]) == ("Afghanistan", "4", "Nangarhar")
    assert (row["latitude"], row["longitude"]) == ("34.4265", "70.4515")
    assert row["fatalities"] == "19"
    assert "Dawn; Agence France-Presse (AFP); Reuters" in row["source"]
    # A negative coordinate is a number, not a formula: it is never quoted.
    new_york = table["2018-07-02-new-york-unsc-india-condemn-jalalabad-bombing"]
    assert new_york["longitude"] == "-74.006"


def test_claims_csv_has_one_row_per_statement(archive):
    table = rows(export.claims_csv(archive))
    header = next(csv.reader(io.StringIO(export.claims_csv(archive), newline="")))
    assert header[: len(CLAIM_COLUMNS)] == CLAIM_COLUMNS
    expected = [
        (r.event.id, c.id, str(n))
        for r in archive.published
        for c in r.event.claims
        for n in range(1, len(c.statements) + 1)
    ]
    assert [(row["event_id"], row["claim_id"], row["statement"]) for row in table] == expected
    for row in table:
        assert row["stance"] in vocab.Stance.values()
        assert row["form"] in {"quote", "paraphrase"}
        assert row["credibility"] in {"", "1", "2", "3", "4", "5", "6"}


def test_claims_csv_names_speakers_and_outlets():
    table = rows(export.claims_csv(archive_of(ROOT)))
    no_knowledge = [
        row
        for row in table
        if row["event_id"] == "2018-07-10-islamabad-intel-chiefs-meeting"
        and row["stance"] == "no_knowledge"
    ]
    assert no_knowledge
    assert no_knowledge[0]["attributed_to"] == "Mohammad Faisal"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1\n+1", "'=1 +1"),
        ("plain = text", "plain = text"),
        (-74.006, -74.006),
        (None, ""),
    ],
)
def test_spreadsheet_formulas_are_quoted_and_numbers_are_not(value, cell):
    assert export.spreadsheet_safe(value) == cell


def test_hostile_text_never_starts_a_csv_cell_with_a_formula():
    archive = archive_of(HOSTILE_CASE)
    for text in (export.events_csv(archive), export.claims_csv(archive)):
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(export.FORMULA_STARTS) or _is_number(cell), cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_is_rfc_4180():
    text = export.events_csv(archive_of(ROOT))
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # line breaks in texts became spaces


# ---- events.geojson --------------------------------------------------------------------


def check_geojson(collection: dict[str, Any]) -> None:
    """RFC 7946 structure: a FeatureCollection of Features with Point geometries."""
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_has_a_lon_lat_point_per_placed_event_and_lists_the_rest(tmp_path):
    root = tmp_path / "case"
    shutil.copytree(RETRACTED_CASE, root)
    path = next((root / "seeds" / "events").rglob("2019-03-02-kabul-border-talks.yaml"))
    text = path.read_text(encoding="utf-8")
    placed = text.replace("  precision: city\n", "  lat: 34.53\n  lon: 69.17\n  precision: city\n")
    path.write_text(placed, encoding="utf-8")
    collection = json.loads(export.events_geojson(archive_of(root)))
    check_geojson(collection)
    (feature,) = collection["features"]
    assert feature["id"] == "2019-03-02-kabul-border-talks"
    assert feature["geometry"]["coordinates"] == [69.17, 34.53]  # longitude first
    assert feature["properties"]["location"] == "Kabul"
    assert collection["events_without_coordinates"] == ["2019-03-05-herat-dam-handover"]


def test_geojson_accounts_for_every_published_event(archive):
    collection = json.loads(export.events_geojson(archive))
    check_geojson(collection)
    placed = [f["id"] for f in collection["features"]]
    assert sorted(placed + collection["events_without_coordinates"]) == sorted(
        r.event.id for r in archive.published
    )
    by_id = {r.event.id: r.event for r in archive.published}
    for feature in collection["features"]:
        location = by_id[feature["id"]].location
        assert feature["geometry"]["coordinates"] == [location.lon, location.lat]
        assert set(feature["properties"]) == {p.name for p in export.GEOJSON_PROPERTIES}


# ---- determinism and the Data page -----------------------------------------------------


def test_exports_are_deterministic(archive):
    assert export.export_files(archive) == export.export_files(archive)


def test_the_data_page_documents_every_column_and_links_every_file():
    settings = Settings(root=ROOT)
    page = html.unescape(render_pages(archive_of(ROOT), settings)["data.md"])
    for column in (*export.EVENT_COLUMNS, *export.CLAIM_COLUMNS, *export.GEOJSON_PROPERTIES):
        assert f"<code>{column.name}</code> | {column.description} |" in page, column.name
    for name in export.EXPORTS:
        assert f"](data/{name})" in page
    assert "](feeds/atom.xml)" in page and "](feeds/feed.json)" in page
    assert "single quote" in page  # the formula guard is documented


# ---- briefing export -------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("args", "make"),
    [
        ((), export.events_json),
        (("--format", "json"), export.events_json),
        (("--format", "csv"), export.events_csv),
        (("--format", "csv", "--claims"), export.claims_csv),
        (("--format", "geojson"), export.events_geojson),
    ],
)
def test_export_prints_the_same_files_as_the_site(project, args, make):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == make(archive_of(project)).encode("utf-8")


def test_export_writes_a_file_with_out(project, tmp_path):
    out = tmp_path / "events.csv"
    result = run("--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export.events_csv(archive_of(project)).encode("utf-8")
    assert result.stdout == ""
    assert "Exported 6 records" in result.stderr


def test_claims_needs_csv(project):
    result = run("--format", "json", "--claims")
    assert result.exit_code == 2
    assert "--claims goes with --format csv" in result.stderr


def test_export_of_an_invalid_archive_prints_diagnostics_and_exits_1(project, tmp_path):
    record = next((project / "seeds" / "events").rglob("2018-07-10-*.yaml"))
    with record.open("a", encoding="utf-8") as handle:
        handle.write("colour: blue\n")
    out = tmp_path / "events.json"
    result = run("--out", str(out))
    assert result.exit_code == 1
    assert "colour: unknown field 'colour'" in result.stdout
    assert "nothing was exported" in result.stderr
    assert not out.exists()


# ---- reuse -----------------------------------------------------------------------------


def test_exports_from_the_cache_are_the_same_and_follow_the_outlet_registry(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    archive = archive_of(project)
    fresh = export.export_files(archive)
    cache = Cache(project)
    assert export.export_files(archive, cache) == fresh
    cache.save()
    reused = Cache(project)
    with monkeypatch.context() as patched:  # every record's share now comes from the cache
        patched.setattr(export, "share", lambda *args: pytest.fail("made again"))
        assert export.export_files(archive, reused) == fresh

    # An outlet's name is spelled out in the exports: renaming it redoes its records' shares.
    registry = Settings(root=project).outlets_path
    outlet = (
        archive.published[0].event.sources[next(iter(archive.published[0].event.sources))].outlet
    )
    old_name = archive.outlets[outlet].name
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(old_name, "Renamed Outlet", 1),
        encoding="utf-8",
    )
    renamed = archive_of(project)
    assert export.export_files(renamed, reused) == export.export_files(renamed)
    assert "Renamed Outlet" in export.export_files(renamed, reused)["data/events.csv"]


# ---- the built site --------------------------------------------------------------------


@pytest.mark.e2e
def test_the_built_site_serves_the_data_files_and_the_data_page(built_project, built_site):
    archive = archive_of(built_project)
    for name, make in export.EXPORTS.items():
        assert (built_site / "data" / name).read_bytes() == make(archive, None).encode("utf-8")
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for name in export.EXPORTS:
        assert f'href="{name}"' in page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home  # in the navigation and in the text
