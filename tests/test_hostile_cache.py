"""A pull request cannot make the cache run code: caches (pickles, which run code when read)
live in this user's cache folder, never in the project, and a committed .cache/ is an error.

The poison is a pickle that, when read, opens (so creates) a sentinel file outside the
project: a build that reads it leaves the sentinel behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache
from generator.archive import load_archive
from generator.cache import Cache
from generator.config import Settings
from tests.conftest import build_env, copy_project

ROOT = Path(__file__).resolve().parents[1]
BRIEFING = [sys.executable, "-c", "from generator.cli import main; main()"]
SCAFFOLD_IGNORE = "site/\nbriefs/*\n!briefs/.gitkeep\n.site.*/\n.cache/\n"


class _Opens:
    """Pickled as a call of open(path, "w"): reading the pickle creates the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def _poison(folder: Path, sentinel: Path) -> None:
    """Every shard name of every store, and the manifest, in one version's cache folder."""
    data = pickle.dumps(_Opens(sentinel))
    for store in ("records", "briefs", "pictures", "exports", "listings"):
        (folder / store).mkdir(parents=True, exist_ok=True)
        for number in range(256):
            (folder / store / f"{number:02x}.pickle").write_bytes(data)
    (folder / "written.pickle").write_bytes(data)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _briefing(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BRIEFING, *args],
        cwd=project,
        env={**build_env(), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A fresh clone of a repository whose last commit added a poisoned cache at the place
    the generator used to read it: .cache/briefing/<fingerprint>/ of the project."""
    origin = copy_project(tmp_path / "origin")
    (origin / ".gitignore").write_text(SCAFFOLD_IGNORE, encoding="utf-8")
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "archive")
    _poison(origin / ".cache" / "briefing" / cache.fingerprint(), tmp_path / "sentinel")
    _git(origin, "add", "-f", ".cache")
    _git(origin, "commit", "-q", "-m", "innocent-looking change")
    _git(tmp_path, "clone", "-q", str(origin), "clone")
    return tmp_path / "clone"


@pytest.mark.parametrize("command", ["validate", pytest.param("build", marks=pytest.mark.e2e)])
def test_a_committed_cache_is_never_read_and_is_an_error(clone: Path, command: str) -> None:
    sentinel = clone.parent / "sentinel"
    committed = _files(clone / ".cache")
    assert len(committed) == 5 * 256 + 1  # the clone has the poison, at the old place

    result = _briefing(clone, command)

    assert not sentinel.exists(), "the committed pickle ran"
    assert result.returncode == 1, result.stdout + result.stderr
    first = f".cache/briefing/{cache.fingerprint()}/briefs/00.pickle"
    assert result.stdout.splitlines() == [
        f"{first}:1:1: .cache: a cache folder is committed (a pull request could put code in"
        f" it): remove it from the repository: git rm -r --cached .cache; the cache lives in"
        f" {cache.user_folder()}"
    ]
    assert "Traceback" not in result.stderr
    assert not (clone / "site").exists()
    assert _files(clone / ".cache") == committed


@pytest.mark.e2e
def test_an_untracked_cache_in_the_project_is_not_read_by_a_build(clone: Path) -> None:
    """Once the folder is no longer tracked (the fix the error gives) the build goes on,
    still without reading it: the caches it reads and writes are in the user's folder."""
    sentinel = clone.parent / "sentinel"
    _git(clone, "rm", "-r", "-q", "--cached", ".cache")
    committed = _files(clone / ".cache")

    result = _briefing(clone, "build")

    assert result.returncode == 0, result.stdout + result.stderr
    assert not sentinel.exists(), "the pickle in the project ran"
    assert (clone / "site" / "index.html").is_file()
    assert _files(clone / ".cache") == committed  # neither read nor written
    assert any((cache.project_folder(clone) / cache.fingerprint() / "records").iterdir())


def test_old_cache_files_outside_a_repository_are_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    (project / ".cache" / "briefing").mkdir(parents=True)
    assert cache.committed(project) == []  # an empty folder holds nothing to read

    stale = project / ".cache" / "briefing" / "abc" / "records" / "00.pickle"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"")
    result = _briefing(project, "validate")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        ".cache/briefing/abc/records/00.pickle:1:1: .cache: a cache folder is in the project:"
        f" delete it: rm -r .cache/briefing; the cache lives in {cache.user_folder()}"
    ]


# ---- the user's cache folder ------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "user-cache"))
    return copy_project(tmp_path / "archive")


def _poisoned_user_cache(project: Path) -> Path:
    """The project's folder in the user's cache, made by a build, then poisoned."""
    made = Cache(project)
    assert load_archive(Settings(root=project), cache=made).records
    made.save()
    version = cache.project_folder(project) / cache.fingerprint()
    assert version.is_dir()
    _poison(version, project.parent / "sentinel")
    return version


def _reads(project: Path, poisoned: Path | None = None) -> bool:
    """Whether loading the archive and the manifest with the cache ran the poison put in
    the cache of the project poisoned (by default this one)."""
    sentinel = (poisoned or project).parent / "sentinel"
    found = Cache(project)
    archive = load_archive(Settings(root=project), cache=found)
    assert archive.records  # a refused cache only makes the run slower
    found.manifest()
    found.save()
    return sentinel.exists()


def test_the_cache_folders_are_made_private(project: Path) -> None:
    _poisoned_user_cache(project)
    for folder in (
        cache.user_folder(),
        cache.project_folder(project),
        cache.project_folder(project) / cache.fingerprint(),
        cache.project_folder(project) / cache.fingerprint() / "records",
    ):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not (project / ".cache").exists()


def test_a_private_user_cache_is_read(project: Path) -> None:
    """The control: the poison in the right place, with safe modes, does run (so the
    refusals below are what keeps it from running)."""
    _poisoned_user_cache(project)
    assert _reads(project)


@pytest.mark.parametrize(
    ("which", "mode"),
    [("user", 0o770), ("user", 0o707), ("project", 0o720), ("project", 0o777), ("version", 0o702)],
)
def test_a_cache_others_may_write_is_not_read(project: Path, which: str, mode: int) -> None:
    version = _poisoned_user_cache(project)
    folder = {"user": cache.user_folder(), "project": version.parent, "version": version}[which]
    folder.chmod(mode)
    before = _files(cache.user_folder())

    assert not _reads(project)
    assert _files(cache.user_folder()) == before  # nor written
    assert cache.folder_for(project) is None  # nor used for the pages


@pytest.mark.parametrize("which", ["user", "project", "version"])
def test_a_symlinked_cache_folder_is_not_read(project: Path, which: str) -> None:
    version = _poisoned_user_cache(project)
    folder = {"user": cache.user_folder(), "project": version.parent, "version": version}[which]
    elsewhere = project.parent / "elsewhere"
    folder.rename(elsewhere)  # the poison, in a private folder, behind a link
    folder.symlink_to(elsewhere, target_is_directory=True)

    assert not _reads(project)
    assert cache.folder_for(project) is None


def test_a_cache_folder_of_another_user_is_not_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _poisoned_user_cache(project)
    owner = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)

    assert not _reads(project)


def test_each_project_path_has_its_own_cache(tmp_path: Path, project: Path) -> None:
    other = copy_project(tmp_path / "other" / "archive")  # the same files elsewhere
    first, second = cache.project_folder(project), cache.project_folder(other)
    assert first != second
    assert first.parent == second.parent == cache.user_folder()
    expected = hashlib.sha256(os.fsencode(project.resolve())).hexdigest()
    assert first.name == expected
    link = tmp_path / "link"
    link.symlink_to(project, target_is_directory=True)
    assert cache.project_folder(link) == first  # the same project, by its resolved path

    _poisoned_user_cache(project)  # the first project's entries do not reach the second
    assert not _reads(other, poisoned=project)
    assert _reads(project)


def test_where_the_user_cache_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "chosen"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.user_folder() == tmp_path / "chosen"
    monkeypatch.delenv(cache.ENV)
    assert cache.user_folder() == tmp_path / "xdg" / "briefing"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as XDG says
    assert cache.user_folder() == tmp_path / "home" / ".cache" / "briefing"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.user_folder() == tmp_path / "home" / ".cache" / "briefing"
