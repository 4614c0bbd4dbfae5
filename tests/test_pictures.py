"""Picture files between runs: a picture comes from the cache while what it is drawn from
is unchanged, byte for byte as drawn, and an edited record redraws only what it alters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import arcs, networks, pictures
from generator.archive import load_archive
from generator.cache import Cache
from generator.config import Settings

SEED = "2018-07-10-islamabad-intel-chiefs-meeting"


class Spy:
    """Records the cache keys of the pictures images() draws."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.keys: list[str] = []
        original = pictures.drawn

        def drawn(todo: list[pictures.Picture]) -> list[bytes]:
            self.keys += [p.key() for p in todo]
            return original(todo)

        monkeypatch.setattr(pictures, "drawn", drawn)

    def paths(self, plan: dict[str, pictures.Picture]) -> set[str]:
        return {path for path, p in plan.items() if p.key() in self.keys}


def _run(project: Path) -> dict[str, bytes]:
    cache = Cache(project)
    found = pictures.images(load_archive(Settings(root=project)), cache)
    cache.save()
    return found


def test_a_second_run_draws_nothing_and_gives_the_same_bytes(
    new_project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project: Path = new_project()
    plain = pictures.images(load_archive(Settings(root=project)))
    assert _run(project) == plain
    spy = Spy(monkeypatch)
    assert _run(project) == plain
    assert spy.keys == []


def test_an_edited_record_redraws_only_the_pictures_it_changes(
    new_project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project: Path = new_project()
    settings = Settings(root=project)
    before = pictures.plan(load_archive(settings))
    _run(project)
    record = next(project.glob(f"seeds/events/*/{SEED}.yaml"))
    text = record.read_text(encoding="utf-8")
    assert text.count("name: Sergei Naryshkin") == 1
    record.write_text(text.replace("name: Sergei Naryshkin", "name: Sergei Y. Naryshkin"), "utf-8")
    archive = load_archive(settings)
    after = pictures.plan(archive)
    changed = {path for path, p in after.items() if p.key() != before[path].key()}
    own = networks.event_network(archive.by_id[SEED].event)
    assert own in changed and changed <= {own, networks.ACTORS}
    plain = pictures.images(archive)
    spy = Spy(monkeypatch)
    assert _run(project) == plain
    assert spy.paths(after) == changed
    assert len(spy.keys) == len(changed)


def test_the_key_is_made_of_what_the_picture_is_drawn_from(new_project) -> None:
    archive = load_archive(Settings(root=new_project()))
    event = archive.by_id[SEED].event
    network = pictures.Picture(arcs.network, networks.event_network_args(event))
    nodes, edges, title = network.arguments()
    moved = pictures.Picture(arcs.network, (nodes, edges, title + "."))
    assert moved.key() != network.key()
    # A brief's network is keyed by its record's bytes, and drawn from the same arguments.
    planned = pictures.plan(archive)[networks.event_network(event)]
    assert planned.made_from == archive.by_id[SEED].digest
    assert planned.arguments() == network.arguments()
