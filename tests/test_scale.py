"""Scaling machinery must not change results: loading without positions, the record and
brief caches, and the process pool give the same records, Markdown and diagnostics
(with the same path:line:col) as the plain path.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import archive as archive_module
from generator.archive import event_files, load_archive
from generator.cache import Cache
from generator.config import Settings
from generator.errors import ValidationFailed, display_path
from generator.load import load_text
from generator.render import render_pages

TESTS = Path(__file__).parent
DIAGNOSTIC_CASES = sorted(p for p in (TESTS / "cases" / "diagnostics").iterdir() if p.is_dir())
YAML_FILES = sorted(
    p
    for folder in (TESTS / "cases", TESTS.parent / "seeds")
    for p in folder.rglob("*.yaml")
    if p.is_file() and not p.is_symlink()
)


def _outcome(root: Path, cache: Cache | None = None) -> list[str] | tuple[str, ...]:
    try:
        found = load_archive(Settings(root=root), cache=cache)
    except ValidationFailed as failed:
        return [str(d) for d in failed.diagnostics]
    return tuple(r.event.model_dump_json() for r in found.records)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(TESTS.parent)))
def test_loading_without_positions_gives_the_same_data_and_diagnostics(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    located, located_problems = load_text(text, "x.yaml")
    fast, fast_problems = load_text(text, "x.yaml", positions=False)
    assert fast_problems == located_problems
    assert (fast is None) is (located is None)
    if fast is not None and located is not None:
        assert fast.data == located.data
        assert not fast.values  # positions are read again only when a diagnostic needs one


def _light_outcome(root: Path) -> list[str] | tuple[tuple[str, str, str], ...]:
    try:
        found = load_archive(Settings(root=root), light=True)
    except ValidationFailed as failed:
        return [str(d) for d in failed.diagnostics]
    return tuple((r.path, r.event.id, r.event.status.value) for r in found.records)


@pytest.mark.parametrize("case", DIAGNOSTIC_CASES, ids=lambda p: p.name)
def test_cached_and_pooled_loading_report_the_same_diagnostics(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / case.name
    shutil.copytree(case, project)
    plain = _outcome(project)
    first = _outcome(project, _saved(Cache(project)))
    second = _outcome(project, Cache(project))  # records now come from the cache
    light = _light_outcome(project)
    monkeypatch.setattr(archive_module, "POOL_THRESHOLD", 1)
    pooled = _outcome(project)
    pooled_light = _light_outcome(project)
    assert plain == first == second == pooled
    assert light == pooled_light
    if isinstance(plain, list):  # the same problems, whatever is kept of the records
        assert light == plain
    else:
        assert len(light) == len(plain)


def _many_records(root: Path, count: int, broken: int) -> None:
    """Copies of the valid case's record under their own ids, the last `broken` of them
    with a mistake (a title of two lines, or a tab for indentation)."""
    shutil.copytree(TESTS / "cases" / "diagnostics" / "valid", root)
    folder = root / "seeds" / "events" / "2018"
    original = next(folder.glob("*.yaml"))
    text = original.read_text(encoding="utf-8")
    for number in range(count):
        new_id = f"{original.stem}-n{number}"
        copy = text.replace(original.stem, new_id)
        if number >= count - broken:
            copy = copy.replace("\ntitle: ", "\ntitle: |\n  two\n  lines\n# ", 1)
            if number % 2:
                copy = copy.replace("\nstatus: ", "\n\tstatus: ", 1)
        (folder / f"{new_id}.yaml").write_text(copy, encoding="utf-8")


@pytest.mark.parametrize("broken", [0, 7])
def test_this_process_and_the_pool_load_the_same(
    broken: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process parses the last chunks and the pool the first ones; whoever parsed a
    record, the records, their order and the diagnostics are those of a plain load."""
    project = tmp_path / "project"
    _many_records(project, 90, broken)
    plain = _outcome(project)
    monkeypatch.setattr(archive_module, "POOL_THRESHOLD", 1)
    pooled = _outcome(project)
    assert pooled == plain
    assert len(plain) == (broken or 91)  # one diagnostic per broken record


def test_event_files_are_every_file_and_symlink_none_followed(tmp_path: Path) -> None:
    events = tmp_path / "seeds" / "events"
    (events / "2018" / "notes").mkdir(parents=True)
    for name in ("2018/a.yaml", "2018/notes/b.txt", ".hidden.yaml", "Z.yaml"):
        (events / name).write_text("x", encoding="utf-8")
    (events / "folder-link").symlink_to(events / "2018")
    (events / "file-link.yaml").symlink_to(events / "2018" / "a.yaml")
    (events / "broken.yaml").symlink_to(events / "missing")
    found = [p.relative_to(events).as_posix() for p in event_files(Settings(root=tmp_path))]
    assert found == [
        *(".hidden.yaml", "2018/a.yaml", "2018/notes/b.txt", "Z.yaml", "broken.yaml"),
        *("file-link.yaml", "folder-link"),
    ]


def test_shown_paths_are_display_paths(tmp_path: Path) -> None:
    _many_records(tmp_path / "a" / "project", 3, 0)
    (tmp_path / "a" / "project" / "seeds" / "events" / "notes.txt").write_text("x")
    for root in (tmp_path / "a" / "project", tmp_path / "a" / ".." / "a" / "project"):
        settings = Settings(root=root)
        expected = [(p, display_path(p, root)) for p in event_files(settings)]
        assert archive_module._shown_event_files(settings) == expected
        assert len(expected) == 5


def _saved(cache: Cache) -> Cache:
    """A cache that saves itself after each load, as the pipeline does after a build."""
    original = cache.records.put

    def put(key: str, value: object) -> None:
        original(key, value)
        cache.records.save()

    cache.records.put = put  # type: ignore[method-assign]
    return cache


def test_unchanged_records_are_not_parsed_again(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    cache = Cache(project)
    load_archive(settings, cache=cache)
    cache.save()
    parsed: list[str] = []
    real = archive_module.load_event
    monkeypatch.setattr(
        archive_module, "load_event", lambda path, shown: parsed.append(shown) or real(path, shown)
    )
    load_archive(settings, cache=Cache(project))
    assert parsed == []
    record = next((project / "seeds" / "events").rglob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_archive(settings, cache=Cache(project))
    assert parsed == [record.relative_to(project).as_posix()]


def test_cached_briefs_are_the_rendered_briefs(new_project: object) -> None:
    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    plain = render_pages(load_archive(settings), settings)
    cache = Cache(project)
    first = render_pages(load_archive(settings, cache=cache), settings, cache)
    cache.save()
    again = Cache(project)
    second = render_pages(load_archive(settings, cache=again), settings, again)
    assert plain == first == second
    assert any(again.briefs._shards.values())  # the second run read briefs from the cache


def test_a_changed_template_is_not_served_from_the_cache(new_project: object) -> None:
    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    cache = Cache(project)
    render_pages(load_archive(settings, cache=cache), settings, cache)
    cache.save()
    packaged = Path(archive_module.__file__).parent / "templates" / "brief.md.j2"
    override = project / "templates" / "brief.md.j2"
    override.write_text(packaged.read_text(encoding="utf-8") + "\nOVERRIDDEN\n", encoding="utf-8")
    again = Cache(project)
    pages = render_pages(load_archive(settings, cache=again), settings, again)
    briefs = [text for name, text in pages.items() if name.startswith("events/")]
    assert briefs and all(text.rstrip().endswith("OVERRIDDEN") for text in briefs)


def _listings(pages: dict[str, str]) -> dict[str, str]:
    kinds = ("months/", "countries/", "types/", "tags/", "outlets/")
    return {k: v for k, v in pages.items() if k.startswith(kinds) and not k.endswith("index.md")}


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates the renderer renders from now on, in order."""
    from generator import render

    rendered: list[str] = []
    original = render.Renderer._render

    def counting(self: render.Renderer, template: str, base: str, **context: object) -> str:
        rendered.append(template)
        return original(self, template, base, **context)

    monkeypatch.setattr(render.Renderer, "_render", counting)
    return rendered


def test_cached_listings_are_the_rendered_listings_and_follow_an_edit(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import render

    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    cache = Cache(project)
    first = render_pages(load_archive(settings, cache=cache), settings, cache)
    cache.save()
    listed = _listings(first)
    assert listed and first == render_pages(load_archive(settings), settings)

    rendered = _count_renders(monkeypatch)
    again = Cache(project)
    assert render_pages(load_archive(settings, cache=again), settings, again) == first
    assert render.LISTING not in rendered  # every listing came from the cache

    # An edited title: the listing pages that show the record are made again, and only those.
    record = load_archive(settings).published[0]
    path = project / record.path
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(record.event.title, "Retitled event", 1), encoding="utf-8")
    rendered.clear()
    edited = render_pages(load_archive(settings, cache=again), settings, again)
    made = rendered.count(render.LISTING)
    assert edited == render_pages(load_archive(settings), settings)
    changed = [k for k, v in _listings(edited).items() if v != listed[k]]
    assert changed and all("Retitled event" in edited[k] for k in changed)
    assert made == len(changed)  # the pages that show it, no more


def test_actor_pages_are_reused_page_by_page(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 1)  # actors of several briefs get several pages
    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    cache = Cache(project)
    first = render_pages(load_archive(settings, cache=cache), settings, cache)
    cache.save()
    actors = {k: v for k, v in first.items() if k.startswith("actors/") and "index" not in k}
    assert any(k.count("/") == 2 for k in actors)  # actors/<slug>/2.md

    record = load_archive(settings).published[0]
    path = project / record.path
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(record.event.title, "Retitled event", 1), encoding="utf-8")
    rendered = _count_renders(monkeypatch)
    again = Cache(project)
    edited = render_pages(load_archive(settings, cache=again), settings, again)
    made = rendered.count("actor.md.j2")
    assert edited == render_pages(load_archive(settings), settings)
    changed = [k for k in actors if edited[k] != actors[k]]
    assert len(changed) == len(record.event.actors)  # one page per actor shows the brief
    assert all("Retitled event" in edited[k] for k in changed)
    assert made == len(changed)


def test_a_listing_template_that_reads_the_archive_is_not_cached(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import render

    project: Path = new_project()  # type: ignore[operator]
    packaged = Path(archive_module.__file__).parent / "templates" / "listing.md.j2"
    override = project / "templates" / "listing.md.j2"
    override.parent.mkdir(exist_ok=True)
    override.write_text(
        packaged.read_text(encoding="utf-8") + "\n{{ archive.published | length }} in all\n",
        encoding="utf-8",
    )
    settings = Settings(root=project)
    cache = Cache(project)
    first = render_pages(load_archive(settings, cache=cache), settings, cache)
    cache.save()
    rendered = _count_renders(monkeypatch)
    again = Cache(project)
    assert render_pages(load_archive(settings, cache=again), settings, again) == first
    assert rendered.count(render.LISTING) == len(_listings(first))  # every one made again
    assert "actor.md.j2" not in rendered  # while actors' pages, whose template is local, are not


def test_a_live_preview_keeps_read_shards_in_memory(tmp_path: Path) -> None:
    from generator import cache as cache_module
    from generator.cache import Store

    store = Store(tmp_path / "store")
    store.put("ab12", "value")
    store.save()
    try:
        cache_module.keep_in_memory()
        first = Store(tmp_path / "store")._shard("ab12")
        assert Store(tmp_path / "store")._shard("ab12") is first  # not read again
        changed = Store(tmp_path / "store")
        changed.put("ab34", "other")
        changed.save()  # another writer: the file changed, so it is read again
        assert Store(tmp_path / "store").get("ab34") == "other"
    finally:
        cache_module.keep_in_memory(False)
    assert Store(tmp_path / "store")._shard("ab12") is not first


def test_a_live_preview_checks_unchanged_records_once_and_changed_ones_again(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import cache as cache_module

    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    cache_module.keep_in_memory()
    try:
        load_archive(settings, cache=_saved(Cache(project)))  # the records in the cache
        first = load_archive(settings, cache=Cache(project))  # then taken from it, and checked
        hashed: list[object] = []
        checked: list[object] = []
        monkeypatch.setattr(archive_module, "digest", lambda *p: hashed.append(p) or "x")
        original = archive_module.checks.check_record
        monkeypatch.setattr(
            archive_module.checks,
            "check_record",
            lambda *a: checked.append(a) or original(*a),
        )
        again = load_archive(settings, cache=Cache(project))
        assert [r.event for r in again.records] == [r.event for r in first.records]
        assert hashed == [] and checked == []  # nothing read or checked again
        monkeypatch.undo()

        # An outlet removed from the registry: every record citing it is checked again.
        registry = settings.outlets_path
        outlet = next(iter(first.outlets))
        lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.strip() == f"{outlet}:")
        end = next((i for i in range(start + 1, len(lines)) if lines[i][0] != " "), len(lines))
        registry.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
        with pytest.raises(ValidationFailed) as failed:
            load_archive(settings, cache=Cache(project))
        assert any(outlet in d.message for d in failed.value.diagnostics)
    finally:
        cache_module.keep_in_memory(False)


def test_briefs_rendered_on_every_core_are_the_briefs_rendered_here(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import render_pool

    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    archive = load_archive(settings)
    here = render_pages(archive, settings)
    forked: list[int] = []
    original = render_pool._forked

    def counting(render: Callable[[int], str], indexes: list[int], cores: int) -> Iterator[str]:
        forked.append(len(indexes))
        return original(render, indexes, max(cores, 2))

    monkeypatch.setattr(render_pool, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(render_pool, "_forked", counting)
    monkeypatch.setattr(render_pool.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(render_pool.threading, "active_count", lambda: 1)
    assert render_pages(archive, settings) == here
    assert forked == [len(archive.published)]


def test_a_template_problem_in_a_worker_is_a_located_diagnostic(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import render_pool

    project: Path = new_project()  # type: ignore[operator]
    (project / "templates" / "brief.md.j2").write_text(
        "# {{ event.title }}\n\n{{ nonexistent_variable.field }}\n", encoding="utf-8"
    )
    settings = Settings(root=project)
    monkeypatch.setattr(render_pool, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(render_pool.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(render_pool.threading, "active_count", lambda: 1)
    with pytest.raises(ValidationFailed) as failed:
        render_pages(load_archive(settings), settings)
    assert [str(d) for d in failed.value.diagnostics] == [
        "templates/brief.md.j2:3:1: template error: 'nonexistent_variable' is undefined; "
        "fix the template"
    ]


def test_a_second_run_neither_makes_nor_hashes_unchanged_pages(
    new_project: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    from types import SimpleNamespace

    from generator import write
    from generator.pipeline import generate

    project: Path = new_project()  # type: ignore[operator]
    settings = Settings(root=project)
    generate(settings, Cache(project))
    briefs = settings.briefs_dir
    before = {p: p.read_bytes() for p in briefs.rglob("*") if p.is_file()}
    record = load_archive(settings).published[-1]
    edited = briefs / "events" / f"{record.event.id}.md"
    edited.write_text("edited by hand", encoding="utf-8")  # the writer must notice

    hashed: list[bytes] = []
    counting = SimpleNamespace(sha256=lambda data: hashed.append(data) or hashlib.sha256(data))
    monkeypatch.setattr(write, "hashlib", counting)
    result = generate(settings, Cache(project))
    assert result.written.written == (edited.relative_to(briefs).as_posix(),)
    assert {p: p.read_bytes() for p in briefs.rglob("*") if p.is_file()} == before
    kinds = ("events", "records", "countries", "actors")  # briefs, record copies, listings
    known = [p for p in before if p.relative_to(briefs).parts[0] in kinds and p.name != "index.md"]
    assert known and [p for p in known if p != edited and before[p] in hashed] == []
    assert before[edited] in hashed  # made and hashed again, as it no longer matched
