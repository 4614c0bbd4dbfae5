"""The one writer of briefs/: exact contents, no rewrites of unchanged files, no escape
through symbolic links; and builds dated by the last commit when SOURCE_DATE_EPOCH is unset."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import write
from generator.errors import BriefingError
from generator.site_config import default_source_date_epoch
from generator.write import Made, write_tree


def test_stale_files_and_foreign_symlinks_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    target.mkdir()
    (target / ".gitkeep").touch()
    (target / "stale.md").write_text("old", encoding="utf-8")
    (target / "leak.md").symlink_to(outside)
    result = write_tree({"index.md": "# Home\n"}, target)
    assert sorted(p.name for p in target.iterdir()) == [".gitkeep", "index.md"]
    assert result.removed == ("leak.md", "stale.md")
    assert outside.read_text(encoding="utf-8") == "secret"


def test_a_symlink_in_the_way_is_replaced_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    target.mkdir()
    outside = tmp_path / "record.yaml"
    outside.write_text("id: keep-me\n", encoding="utf-8")
    (target / "index.md").symlink_to(outside)
    write_tree({"index.md": "# Home\n"}, target)
    assert not (target / "index.md").is_symlink()
    assert (target / "index.md").read_text(encoding="utf-8") == "# Home\n"
    assert outside.read_text(encoding="utf-8") == "id: keep-me\n"


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    write_tree({"a.md": "A", "b/c.md": "C"}, target)
    before = (target / "a.md").stat().st_mtime_ns
    result = write_tree({"a.md": "A", "b/c.md": "C2"}, target)
    assert result.written == ("b/c.md",)
    assert result.unchanged == 1
    assert (target / "a.md").stat().st_mtime_ns == before


def test_paths_outside_the_target_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="outside"):
        write_tree({"../evil.md": "x"}, tmp_path / "briefs")
    assert not (tmp_path / "evil.md").exists()


def test_a_stream_of_files_is_written_as_it_comes_and_gives_the_same_tree(
    tmp_path: Path,
) -> None:
    files = {"b/c.md": "C", "a.md": "A", "img/x.svg": b"<svg/>"}
    from_dict, streamed = tmp_path / "dict", tmp_path / "stream"
    write_tree(files, from_dict)
    (streamed / "stale").mkdir(parents=True)
    (streamed / "stale" / "old.md").write_text("old", encoding="utf-8")
    seen: list[str] = []

    def stream() -> Iterator[tuple[str, str | bytes]]:
        for name, content in files.items():
            if seen:  # the file before this one is on disk already
                assert (streamed / seen[-1]).exists()
            seen.append(name)
            yield name, content

    result = write_tree(stream(), streamed)
    assert result.written == ("a.md", "b/c.md", "img/x.svg")  # sorted, whatever the order
    assert result.removed == ("stale/old.md",)
    assert sorted(p.relative_to(streamed).as_posix() for p in streamed.rglob("*")) == sorted(
        p.relative_to(from_dict).as_posix() for p in from_dict.rglob("*")
    )
    again = write_tree(iter(files.items()), streamed)
    assert again.written == () and again.unchanged == 3 and again.removed == ()


def test_two_files_for_one_path_are_a_reported_bug(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match=r"share the path 'a\.md'"):
        write_tree(iter([("a.md", "A"), ("a.md", "B")]), tmp_path / "briefs")
    assert (tmp_path / "briefs" / "a.md").read_text(encoding="utf-8") == "A"


def test_a_streamed_path_outside_the_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="outside"):
        write_tree(iter([("a.md", "A"), ("../evil.md", "x")]), tmp_path / "briefs")
    assert not (tmp_path / "evil.md").exists()


def test_a_folder_checked_once_still_refuses_climbing_out(tmp_path: Path) -> None:
    files = [("events/a.md", "A"), ("events/../../evil.md", "x")]
    with pytest.raises(BriefingError, match="outside"):
        write_tree(iter(files), tmp_path / "briefs")
    assert not (tmp_path / "evil.md").exists()


def test_a_symlinked_folder_is_refused(tmp_path: Path) -> None:
    target, outside = tmp_path / "briefs", tmp_path / "elsewhere"
    target.mkdir()
    outside.mkdir()
    (target / "events").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BriefingError, match="outside"):
        write_tree({"index.md": "# Home\n", "events/a.md": "A"}, target)
    assert list(outside.iterdir()) == []


def test_a_file_of_the_same_size_with_other_bytes_is_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    write_tree({"a.md": "AAAA"}, target)
    result = write_tree({"a.md": "BBBB"}, target)
    assert result.written == ("a.md",)
    assert (target / "a.md").read_text(encoding="utf-8") == "BBBB"


def test_with_a_manifest_unchanged_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "briefs"
    manifest: write.Manifest = {}
    write_tree({"a.md": "A", "b/c.md": "C", "gone.md": "G"}, target, manifest)
    assert set(manifest) == {"a.md", "b/c.md", "gone.md"}
    with monkeypatch.context() as patched:
        patched.setattr(write, "_read", lambda path: pytest.fail(f"read {path}"))
        result = write_tree({"a.md": "A", "b/c.md": "C2"}, target, manifest)
    assert result.written == ("b/c.md",) and result.unchanged == 1
    assert result.removed == ("gone.md",) and set(manifest) == {"a.md", "b/c.md"}


def test_a_file_changed_behind_the_manifest_is_compared_and_restored(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    manifest: write.Manifest = {}
    write_tree({"a.md": "AAAA"}, target, manifest)
    edited = target / "a.md"
    edited.write_text("BBBB", encoding="utf-8")  # same size; saved a second later:
    written_at = manifest["a.md"][2]
    os.utime(edited, ns=(written_at + 10**9, written_at + 10**9))
    result = write_tree({"a.md": "AAAA"}, target, manifest)
    assert result.written == ("a.md",)
    assert (target / "a.md").read_text(encoding="utf-8") == "AAAA"


def _never(name: str) -> Made:
    return Made("k1", lambda: pytest.fail(f"{name} was made again"))


def test_a_file_made_from_the_same_key_is_not_made_again(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    manifest: write.Manifest = {}
    write_tree({"a.md": Made("k1", lambda: "A"), "b.md": Made("k1", "B")}, target, manifest)
    assert (target / "a.md").read_text(encoding="utf-8") == "A"
    result = write_tree({"a.md": _never("a.md"), "b.md": Made("k2", "B2")}, target, manifest)
    assert result.unchanged == 1 and result.written == ("b.md",)
    assert (target / "b.md").read_text(encoding="utf-8") == "B2"
    # Known by its key, still kept in the manifest: the next run skips it again.
    assert write_tree({"a.md": _never("a.md"), "b.md": "B2"}, target, manifest).unchanged == 2


def test_a_key_does_not_hide_a_file_changed_behind_the_manifest(tmp_path: Path) -> None:
    target = tmp_path / "briefs"
    manifest: write.Manifest = {}
    write_tree({"a.md": Made("k1", "AAAA"), "b.md": Made("k1", "B")}, target, manifest)
    (target / "a.md").write_text("edited by hand", encoding="utf-8")
    (target / "b.md").unlink()
    (target / "b.md").symlink_to(target / "a.md")
    result = write_tree({"a.md": Made("k1", "AAAA"), "b.md": Made("k1", "B")}, target, manifest)
    assert result.written == ("a.md", "b.md")
    assert (target / "a.md").read_text(encoding="utf-8") == "AAAA"
    assert not (target / "b.md").is_symlink()
    assert (target / "b.md").read_text(encoding="utf-8") == "B"
    # Without a manifest a key means nothing: the content is compared as always.
    assert write_tree({"a.md": Made("k1", "AAAA")}, tmp_path / "other").written == ("a.md",)


def test_source_date_epoch_defaults_to_the_last_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2018-07-10T12:00:00+00:00"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(tmp_path),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "x",
        ],
        check=True,
        env=env,
    )
    default_source_date_epoch(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1531224000"


def test_an_explicit_source_date_epoch_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    default_source_date_epoch(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == "42"
