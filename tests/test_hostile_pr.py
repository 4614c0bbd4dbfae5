"""What a hostile pull request can put into the review comment and the CI annotations.

`briefing diff` prints Markdown that is posted as a pull-request comment: record text in it
must not mention, link, format or show emoji (checked by parsing the comment as CommonMark:
every payload is inside a code span, nowhere else), and the comment is bounded. `validate
--format github` prints workflow commands: a file name must not start a command of its own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from generator import diff
from generator.cli import main
from generator.config import Settings
from generator.copies import without_comments
from generator.pipeline import generate
from generator.reading import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "2018-07-10-islamabad-intel-chiefs-meeting"
SEED = f"seeds/events/2018/{SEED_ID}.yaml"

#: What GitHub would turn into a mention, a link, an emoji, an issue link, HTML or format.
PAYLOADS = [
    "@octocat",
    "https://evil.example/x",
    "www.evil.example",
    "mallory@evil.example",
    ":tada:",
    "#1",
    "GH-1",
    "org/repo#1",
    "<img src=x>",
    "[a](javascript:x)",
    "![i](https://evil.example/i.png)",
    "*bold*",
    "__strong__",
    "~~gone~~",
    "a | b",
    "<!-- hidden",
]
#: Titles holding backtick runs, which a fixed code-span fence would let them close.
BACKTICK_TITLES = ["run `` two ``` three ` one @octocat", "`edge @octocat`", "x ```` :tada:"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    return root


def _add_record(repo: Path, event_id: str, title: str) -> Path:
    text = (repo / SEED).read_text(encoding="utf-8")
    text = text.replace(f'id: "{SEED_ID}"', f'id: "{event_id}"', 1)
    text = re.sub(r"(?m)^title: .*$", "title: " + json.dumps(title), text, count=1)
    path = repo / "seeds/events/2018" / f"{event_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _parts(markdown: str) -> tuple[list[str], list[str], set[str]]:
    """Contents of the code spans, the other inline text, and every token type."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    codes: list[str] = []
    outside: list[str] = []
    kinds: set[str] = set()
    for token in parser.parse(markdown):
        kinds.add(token.type)
        for child in token.children or []:
            kinds.add(child.type)
            (codes if child.type == "code_inline" else outside).append(child.content)
    return codes, outside, kinds


def _hostile_change(repo: Path) -> None:
    for number, payload in enumerate(PAYLOADS + BACKTICK_TITLES):
        _add_record(repo, f"2018-07-{number % 28 + 1:02d}-hostile-{number}", f"T {payload} end")
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8")
    # A judgment without an id is keyed by its text, which may span lines.
    judgment = (
        "    - text: |-\n"
        "        quiet start\n"
        "        # Heading @octocat\n"
        "        - item :tada: https://evil.example/j\n"
        "      likelihood: likely\n"
        "      confidence: low\n"
        "      basis: [meeting_held]\n"
    )
    text = text.replace("  judgments:\n", "  judgments:\n" + judgment, 1)
    text = text.replace("  - id: meeting_held\n", "  - id: meeting_held_renamed\n", 1)
    text = text.replace("[meeting_held,", "[meeting_held_renamed,").replace(
        "[meeting_held]", "[meeting_held_renamed]"
    )
    seed.write_text(text, encoding="utf-8")
    # An invalid record: its name and its diagnostic (quoting the title) are record text.
    bad = _add_record(repo, "2018-07-09-bad", "@octocat <img src=x> :tada:\n#1")
    bad.write_text(
        bad.read_text(encoding="utf-8").replace(
            "status: published", "status: x @octocat <img src=x>"
        ),
        encoding="utf-8",
    )
    bad.rename(bad.with_name("@octocat [x](https:evil.example) #1.yaml"))


def test_every_piece_of_record_text_is_an_unbreakable_code_span(repo: Path) -> None:
    _hostile_change(repo)
    summary = diff.summarise(repo, "HEAD", None)
    codes, outside, kinds = _parts(summary)
    assert "**" + f"{len(PAYLOADS) + len(BACKTICK_TITLES)} added" in summary
    # No link, picture, HTML, table, quote, list-in-list or strikethrough came from a record.
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "table_open"}
    assert not kinds & {"blockquote_open", "s_open", "em_open", "code_block", "fence"}
    for payload in [*PAYLOADS, *BACKTICK_TITLES, "evil.example", "Heading", "octocat"]:
        assert not [text for text in outside if payload in text], payload
    for payload in PAYLOADS + BACKTICK_TITLES:
        assert f"T {payload} end" in codes, payload  # whole, exactly as written
    assert "quiet start # Heading @octocat - item :tada: https://evil.example/j" in codes
    assert "meeting_held_renamed" in codes
    invalid = [c for c in codes if c.startswith("seeds/events/2018/@octocat")]
    assert invalid, "the invalid record's name and problem are listed"
    # Headings are the summary's own; a record line never starts a block.
    headings = [line for line in summary.splitlines() if line.startswith("#")]
    assert all(re.match(r"#{2,4} (Record changes|Added|Invalid|Changed|`)", h) for h in headings)


def test_code_span_fence_is_longer_than_any_backtick_run() -> None:
    for text in ["plain", "a`b", "``x``", "` lead", "trail `", "a ```` b", "`"]:
        span = diff.code(text)
        codes, outside, _ = _parts(span)
        assert codes == [text] and outside == [], (text, span)
    assert diff.code("two\nlines\r\n# here") == "`two lines # here`"
    assert diff.code("x" * 5_000).endswith("…`") and len(diff.code("x" * 5_000)) < 210
    assert diff.code("a\u202eb\u200bc") == "`a\\u202eb\\u200bc`"  # no reversed text


def test_terminal_shows_record_text_plainly(repo: Path) -> None:
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8").replace(
        "  - id: meeting_held\n", "  - id: meeting_held_renamed\n", 1
    )
    text = text.replace("[meeting_held,", "[meeting_held_renamed,").replace(
        "[meeting_held]", "[meeting_held_renamed]"
    )
    seed.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "HEAD", "--project", str(repo)])
    assert result.exit_code == 0, result.output
    assert "claims added: `meeting_held_renamed`" in result.output
    assert "claims removed: `meeting_held`" in result.output
    assert "&#" not in result.output


def test_oversized_record_is_refused_unread(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = _add_record(repo, "2018-07-11-big", "Big")
    with big.open("a", encoding="utf-8") as out:
        out.write(("# padding " + "x" * 100 + "\n") * (MAX_BYTES // 100))
    size = big.stat().st_size
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "big")
    read: list[int] = []
    real_git = diff._git
    real_read = Path.read_bytes

    def spy_git(root: Path, *args: str) -> bytes:
        out = real_git(root, *args)
        read.append(len(out))
        return out

    def spy_read(path: Path) -> bytes:
        out = real_read(path)
        read.append(len(out))
        return out

    monkeypatch.setattr(diff, "_git", spy_git)
    monkeypatch.setattr(Path, "read_bytes", spy_read)
    message = (
        f"seeds/events/2018/2018-07-11-big.yaml:1:1: file is {size:,} bytes; records are "
        f"limited to {MAX_BYTES:,} bytes: split the event or shorten notes"
    )
    for head in ("HEAD", None):  # at a revision (git's object header) and in the tree
        read.clear()
        summary = diff.summarise(repo, "HEAD~1", head)
        assert f"`{message}`" in summary
        assert "**0 added" in summary
        assert read and max(read) <= MAX_BYTES


def test_comment_is_bounded(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(40):
        _add_record(repo, f"2018-07-{number % 28 + 1:02d}-many-{number}", f"Record {number}")
    monkeypatch.setattr(diff, "MAX_LINES", 20)
    summary = diff.summarise(repo, "HEAD", None)
    lines = summary.splitlines()
    assert "**40 added" in summary
    assert len(lines) == 22
    assert lines[-1].startswith("*") and "more lines not shown" in lines[-1]
    assert "`briefing diff HEAD`" in lines[-1]
    monkeypatch.setattr(diff, "MAX_LINES", 1_000)
    monkeypatch.setattr(diff, "MAX_CHARS", 1_000)
    assert len(diff.summarise(repo, "HEAD", None)) < 1_200


def test_github_limit_holds_with_real_bounds(repo: Path) -> None:
    title = "`" * 3 + "@octocat " * 20
    for number in range(300):
        _add_record(repo, f"2018-07-{number % 28 + 1:02d}-long-{number}", title[:190])
    summary = diff.summarise(repo, "HEAD", None)
    assert len(summary) <= 65_536
    assert summary.count("\n") <= diff.MAX_LINES + 3


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_github_annotations_escape_properties(project: Path) -> None:
    seed = (project / SEED).read_text(encoding="utf-8")
    folder = project / "seeds/events/2018"
    names = {"a,line=1::x.yaml": "a%2Cline=1%3A%3Ax.yaml"}
    names["b\n::stop-commands::x.yaml"] = "b%0A%3A%3Astop-commands%3A%3Ax.yaml"
    names["c%0A::warning::x\r.yaml"] = "c%250A%3A%3Awarning%3A%3Ax%0D.yaml"
    for name in names:
        (folder / name).write_text(seed.replace("title: ", "title: t\r\n::warning::", 1))
    result = CliRunner().invoke(main, ["validate", "--format", "github", "--project", str(project)])
    assert result.exit_code == 1
    lines = result.stdout.split("\n")
    assert lines.pop() == ""
    files: list[str] = []
    for line in lines:
        # The only commands are the intended annotations: ::error PROPERTIES::DATA.
        match = re.fullmatch(r"::error ([^:]*)::(.*)", line)
        assert match, line
        properties = dict(p.split("=", 1) for p in match[1].split(","))
        assert set(properties) == {"file", "line", "col"}, line
        assert properties["line"].isdigit() and properties["col"].isdigit()
        assert "\r" not in match[2]
        files.append(properties["file"])
    for escaped in names.values():
        assert f"seeds/events/2018/{escaped}" in files


# --- Published record copies (issue 14, item 11): analysts' comments stay in the repository.

NOTE = "INTERNAL-NOTE source asked not to be named"


def _commented_project(project: Path) -> Path:
    """The seed record with a whole-line comment, a trailing one and a '#' that is text."""
    record = project / SEED
    text = record.read_text(encoding="utf-8")
    text = text.replace("\ntitle:", f"\n# {NOTE}\ntitle:", 1)
    text = text.replace("\nstatus: published", f"\nstatus: published  # {NOTE}", 1)
    record.write_text(text, encoding="utf-8")
    return record


def _copy(project: Path) -> str:
    return (project / "briefs" / "records" / f"{SEED_ID}.yaml").read_text(encoding="utf-8")


def test_record_copies_drop_yaml_comments(new_project) -> None:
    project = new_project()
    record = _commented_project(project)
    result = CliRunner().invoke(main, ["render", "--project", str(project)])
    assert result.exit_code == 0, result.output
    copy = _copy(project)
    assert NOTE not in copy
    assert not [line for line in copy.splitlines() if line.lstrip().startswith("#")]
    # Nothing but the comments is gone: the copy is the same record.
    source = record.read_text(encoding="utf-8")
    assert yaml.safe_load(copy) == yaml.safe_load(source)
    assert len(copy.splitlines()) == len(
        [line for line in source.splitlines() if not line.lstrip().startswith("#")]
    )


def test_record_copies_keep_comments_when_the_project_opts_in(new_project) -> None:
    project = new_project()
    _commented_project(project)
    settings = Settings(root=project, record_comments=True)
    generate(settings)
    assert _copy(project).count(NOTE) == 2


@pytest.mark.e2e
def test_the_published_site_has_no_record_comment(built_site: Path) -> None:
    copies = sorted((built_site / "records").glob("*.yaml"))
    assert copies
    for copy in copies:
        lines = copy.read_text(encoding="utf-8").splitlines()
        assert not [line for line in lines if line.lstrip().startswith("#")], copy.name


def test_the_mkdocs_option_reaches_the_settings() -> None:
    from generator.site_config import BriefingConfig

    config = BriefingConfig()
    config.load_dict({"record_comments": True})
    errors, _ = config.validate()
    assert not errors and config.record_comments is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# note\na: b\n", "a: b\n"),
        ("a: b # note\n", "a: b\n"),
        ('a: "x # y" # note\n', 'a: "x # y"\n'),
        ("u: https://e.org/#frag # note\n", "u: https://e.org/#frag\n"),
        ("t: |  # note\n  x # kept\n  # kept\nn: 1\n", "t: |\n  x # kept\n  # kept\nn: 1\n"),
        ("l: [a, 'b #'] # note\r\n# c\r\n", "l: [a, 'b #']\r\n"),
    ],
)
def test_without_comments(text: str, expected: str) -> None:
    assert without_comments(text) == expected


def _record_texts() -> list[tuple[str, str]]:
    root = Path(__file__).parent.parent
    paths = [
        *sorted((root / "seeds" / "events").rglob("*.yaml")),
        *sorted((root / "generator" / "example").glob("*.yaml")),
        *sorted((root / "tests" / "cases").rglob("*.yaml")),
    ]
    texts = []
    for path in paths:
        try:
            texts.append((str(path.relative_to(root)), path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    return texts


def test_fast_and_pure_scanners_give_the_same_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies are cut with libyaml's scanner when PyYAML has it; on every record of the
    repository (hostile cases included) and on non-ASCII text, the copy is the one the
    pure-Python scanner gives."""
    import yaml

    from generator import copies

    assert copies._FAST is yaml.CSafeLoader
    texts = [
        *_record_texts(),
        ("astral", 'a: "é€😀 # x"  # c\nb: |  # h\n  ü # y\nc: [1, "#"] # d\n'),
    ]
    assert len(texts) > 20
    fast = {name: without_comments(text) for name, text in texts if _scans(text)}
    monkeypatch.setattr(copies, "_FAST", yaml.SafeLoader)
    pure = {name: without_comments(text) for name, text in texts if _scans(text)}
    assert fast == pure
    assert sum(fast[name] != text for name, text in texts if name in fast) > 5


def _scans(text: str) -> bool:
    import yaml

    try:
        list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False
    return True
