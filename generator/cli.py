"""Stage 7, cli: the only module that imports click, prints and sets exit codes.

Exit codes: 0 success, 1 problems in the records or a failed build, 2 usage errors.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.config import Settings, find_root

if TYPE_CHECKING:
    from generator.archive import Archive
from generator.errors import BriefingError, Diagnostic, ValidationFailed

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class Choice(click.Choice):
    """click's Choice with the project's "did you mean" for a near miss."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            from generator.suggest import did_you_mean

            error.message += did_you_mean(str(value), [str(c) for c in self.choices])
            raise


def _count(number: int, noun: str) -> str:
    """'1 record', '2 records', '0 records': a count with its noun in the right number."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _settings(project: Path | None) -> Settings:
    try:
        return Settings(root=find_root(project or Path.cwd()))
    except BriefingError as error:
        raise click.UsageError(str(error)) from None


#: GitHub's workflow-command escaping: a command's data, and additionally its properties
#: (where ':' would end the properties and ',' start another), so a file name or a message
#: can neither end its own command nor start one on a line of its own.
_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def _github_annotation(d: Diagnostic) -> str:
    message = f"{d.field}: {d.message}" if d.field else d.message
    where = f"file={d.path.translate(_PROPERTY_ESCAPES)},line={d.line},col={d.col}"
    return f"::error {where}::{message.translate(_DATA_ESCAPES)}"


def _print_diagnostics(diagnostics: list[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([d.as_dict() for d in diagnostics], indent=2))
        return
    for d in diagnostics:
        click.echo(_github_annotation(d) if fmt == "github" else str(d))


class _StatusLine:
    """What long work is doing and how far it is, as one line on stderr that rewrites
    itself ("briefing: validating records 3,400/10,000 (4 s)"), erased when the work is
    done. Only on a terminal: never in CI (CI set) or when stderr is a pipe or a file,
    whose readers want the results alone. Drawn when the work reports, at most ten times
    a second and when a count is complete; no timer thread, since the core forks workers
    only while it is the process's one thread."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty() and not os.environ.get("CI")
        self.what, self.done, self.total = "", 0, 0
        self.started = self.drawn = 0.0

    def __call__(self, what: str, done: int, total: int) -> None:
        if not self.shown:
            return
        now = time.monotonic()
        if what != self.what:
            self.what, self.started, self.drawn = what, now, 0.0
        elif (done, total) == (self.done, self.total) and now - self.drawn < 1:
            return  # nothing new to show
        self.done, self.total = done, total
        if now - self.drawn >= 0.1 or (total and done == total):
            self._draw(now)

    def _draw(self, now: float) -> None:
        count = f" {self.done:,}/{self.total:,}" if self.total else ""
        count = count or (f" {self.done:,}" if self.done else "")
        seconds = int(now - self.started)
        text = f"briefing: {self.what}{count}" + (f" ({seconds} s)" if seconds else "")
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns or 80
        except OSError:
            width = 80
        sys.stderr.write("\r" + text[: width - 1] + "\x1b[K")
        sys.stderr.flush()
        self.drawn = now

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


@contextlib.contextmanager
def _status_line() -> Iterator[_StatusLine]:
    """A status line for the work of a with block, erased before anything else prints."""
    line = _StatusLine()
    try:
        yield line
    finally:
        line.close()


def _archive_or_exit(settings: Settings, consequence: str) -> Archive:
    """The validated archive, or the diagnostics printed and exit code 1."""
    from generator.archive import load_archive
    from generator.cache import Cache

    cache = Cache(settings.root)
    try:
        with _status_line() as progress:
            archive = load_archive(settings, cache=cache, progress=progress)
    except ValidationFailed as failed:
        _print_diagnostics(failed.diagnostics, "text")
        click.echo(f"{failed}; {consequence}.", err=True)
        sys.exit(1)
    cache.records.save()  # the build that follows reads the records from the cache
    return archive


def _claim_or_exit(folder: Path, kind: str, settings: Settings, label: str) -> None:
    """Exit 1 with the reason unless the generator may replace folder (ownership.py)."""
    from generator.ownership import claim

    try:
        claim(folder, kind, settings.root, label)
    except BriefingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


project_option = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project root (the folder with mkdocs.yml); default: the current folder or a parent.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing-generator")
def main() -> None:
    """Validate event records and build the briefing site.

    \b
    Example:
      briefing validate && briefing build
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="Output format of the diagnostics.",
)
@project_option
def validate(paths: tuple[Path, ...], fmt: str, project: Path | None) -> None:
    """Check records and the outlet registry; print path:line:col: message per problem.

    \b
    Example:
      briefing validate seeds/events/2018/2018-07-10-islamabad-intel-chiefs-meeting.yaml
    """
    from generator.archive import load_archive

    settings = _settings(project)
    for path in paths:
        if not path.exists():
            raise click.BadParameter(f"{path} does not exist", param_hint="PATHS")
    try:
        with _status_line() as progress:
            archive = load_archive(
                settings, only=list(paths) or None, light=True, progress=progress
            )
    except ValidationFailed as failed:
        _print_diagnostics(failed.diagnostics, fmt)
        if fmt == "text":
            click.echo(f"{failed}.", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text":
        click.echo(f"{_count(len(archive.records), 'record')} valid.", err=True)


@main.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to put the site (default: site/ in the project): a new or empty folder, "
    "or one the generator made.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="A site to read from file:// (search included); pages end in .html.",
)
@project_option
def build(site_dir: Path | None, offline: bool, project: Path | None) -> None:
    """Validate, render briefs/ and build the site atomically with --strict.

    The previous site stays untouched when anything fails.

    \b
    Example:
      briefing build --site-dir public
      briefing build --offline --site-dir site-offline
    """
    from generator.handover import hand_over
    from generator.ownership import BRIEFS, SITE
    from generator.site_build import build_site

    settings = _settings(project)
    target = site_dir or settings.root / "site"
    _claim_or_exit(settings.briefs_dir, BRIEFS, settings, "briefs")
    _claim_or_exit(target, SITE, settings, "--site-dir" if site_dir else "site")
    archive = _archive_or_exit(settings, "the site was not built")
    published = len(archive.published)
    hand_over(settings.root, archive)  # the build renders these records: no second reading
    del archive  # and frees them once rendered, before MkDocs needs the memory
    try:
        with _status_line() as progress:
            choice = build_site(settings.root, target, offline=offline, progress=progress)
    except BriefingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    if choice is not None:
        click.echo(f"Search: {choice.backend} ({choice.reason}).", err=True)
    click.echo(f"Built {_count(published, 'brief')} into {target}.", err=True)


@main.command()
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option("--open", "open_browser", is_flag=True, help="Open a browser.")
@project_option
def serve(dev_addr: str, open_browser: bool, project: Path | None) -> None:
    """Live preview that rebuilds when a record or template changes.

    \b
    Example:
      briefing serve --dev-addr 127.0.0.1:8001
    """
    from generator.site_serve import serve as serve_site

    settings = _settings(project)
    try:
        serve_site(settings.root, dev_addr=dev_addr, open_browser=open_browser)
    except BriefingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Markdown briefs (default: briefs/): a new or empty folder, or one "
    "the generator made.",
)
@project_option
def render(out: Path | None, project: Path | None) -> None:
    """Write the Markdown briefs only (no site).

    \b
    Example:
      briefing render --out /tmp/briefs
    """
    from generator.ownership import BRIEFS
    from generator.pipeline import counted, files_for
    from generator.write import write_tree

    settings = _settings(project)
    target = out or settings.briefs_dir
    _claim_or_exit(target, BRIEFS, settings, "--out" if out else "briefs")
    archive = _archive_or_exit(settings, "nothing was written")
    with _status_line() as progress:
        files = counted(files_for(archive, settings), len(archive.published), progress)
        result = write_tree(files, target)
    click.echo(
        f"{len(result.written)} written, {result.unchanged} unchanged, "
        f"{len(result.removed)} removed.",
        err=True,
    )


@main.command()
@click.option("--title", prompt="Title (neutral headline)", help="Neutral headline.")
@click.option("--date", prompt="Date (YYYY, YYYY-MM or YYYY-MM-DD)", help="Event date.")
@click.option("--place", prompt="Place (city or area)", help="Where it happened.")
@click.option("--country", prompt="Country (ISO code, e.g. PK)", help="ISO 3166-1 alpha-2.")
@click.option(
    "--event-type",
    default="strategic_developments",
    show_default=True,
    type=Choice([t.value for t in __import__("generator.vocab").vocab.EventType]),
    help="ACLED event type.",
)
@click.option("--sub-event-type", default="other", show_default=True, help="ACLED sub-type.")
@project_option
def new(
    title: str,
    date: str,
    place: str,
    country: str,
    event_type: str,
    sub_event_type: str,
    project: Path | None,
) -> None:
    """Scaffold a draft record with a valid id in the right folder (never overwrites).

    \b
    Example:
      briefing new --title "Talks on border security" --date 2024-05-02 \\
        --place Kabul --country AF
    """
    from generator.scaffold import new_record

    settings = _settings(project)
    try:
        path = new_record(
            settings,
            title=title,
            date=date,
            place=place,
            country=country,
            event_type=event_type,
            sub_event_type=sub_event_type,
        )
    except BriefingError as error:
        raise click.UsageError(str(error)) from None
    click.echo(path.relative_to(settings.root).as_posix())


@main.command()
@click.option(
    "--kind",
    type=Choice(["event", "outlets"]),
    default="event",
    show_default=True,
    help="Which file the schema describes.",
)
def schema(kind: str) -> None:
    """Print the JSON Schema of records (or of outlets.yaml) for editors.

    \b
    Example:
      briefing schema > .schema/event.schema.json
    """
    from generator.schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=Choice(["auto", "markdown", "text"]),
    default="auto",
    show_default=True,
    help="markdown: for a pull-request comment (record text in code spans); text: plain, "
    "for a terminal; auto: text when the output is a terminal, else markdown.",
)
@project_option
def diff(base: str, head: str | None, fmt: str, project: Path | None) -> None:
    """Summary of what a change does to the records (Markdown for pull requests).

    BASE and HEAD are git revisions; without HEAD the working tree is compared.

    \b
    Example:
      briefing diff origin/main HEAD > summary.md
      briefing diff HEAD
    """
    from generator.diff import summarise

    if fmt == "auto":
        fmt = "text" if sys.stdout.isatty() else "markdown"
    settings = _settings(project)
    try:
        click.echo(summarise(settings.root, base, head, fmt))
    except BriefingError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.option(
    "--format",
    "fmt",
    type=Choice(["json", "csv", "geojson"]),
    default="json",
    show_default=True,
    help="json: the records as one array; csv: one row per event (ACLED-style columns); "
    "geojson: a point per event.",
)
@click.option("--claims", is_flag=True, help="With --format csv: one row per statement.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@project_option
def export(fmt: str, claims: bool, out: Path | None, project: Path | None) -> None:
    """Export the published records as JSON, CSV or GeoJSON (the site's data/ files).

    \b
    Example:
      briefing export --format csv --out events.csv
      briefing export --format csv --claims > claims.csv
    """
    from generator import export as exports

    if claims and fmt != "csv":
        raise click.UsageError("--claims goes with --format csv (claims.csv)")
    settings = _settings(project)
    archive = _archive_or_exit(settings, "nothing was exported")
    if fmt == "csv":
        text = exports.claims_csv(archive) if claims else exports.events_csv(archive)
    elif fmt == "geojson":
        text = exports.events_geojson(archive)
    else:
        text = exports.events_json(archive)
    data = text.encode("utf-8")  # bytes: CSV keeps its CR LF line ends on every platform
    if out is None:
        click.echo(data, nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        click.echo(f"error: cannot write {out}: {error.strerror or error}", err=True)
        sys.exit(1)
    click.echo(f"Exported {_count(len(archive.published), 'record')} to {out}.", err=True)


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date, to resolve 'on Tuesday' or 'yesterday' (default: the header's).",
)
@click.option(
    "--write",
    "write_file",
    is_flag=True,
    help="Create seeds/events/YYYY/<id>.yaml (never overwrites) and append new outlets, "
    "flagged for review, to seeds/outlets.yaml.",
)
@project_option
def extract(article: Path, published: str | None, write_file: bool, project: Path | None) -> None:
    """Draft a record (status: draft) from an article: text with a header, or an HTML page.

    Every item carries a comment with the sentence it came from.

    \b
    Example:
      briefing extract seeds/articles/2018-07-apnlive-spy-chiefs-islamabad.txt \\
        --published 2018-07-12
    """
    from generator.extract import run

    outside = False
    try:
        settings = Settings(root=find_root(project or Path.cwd()))
    except BriefingError as error:
        if write_file or project:
            raise click.UsageError(str(error)) from None
        # Outside a project a draft is still printed; no registry: every outlet is new.
        settings, outside = Settings(root=Path.cwd()), True
    try:
        draft = run.extract(article, settings, published)
        written = run.write(draft, settings, article.as_posix()) if write_file else []
    except BriefingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    if outside:
        click.echo(
            "note: not in a briefing project, so every outlet is flagged as unregistered; "
            "run in a project (or pass --project DIR) to resolve outlets and to --write",
            err=True,
        )
    if not write_file:
        click.echo(draft.text, nl=False)
        if draft.new_outlets:
            click.echo(
                "New outlets, not in seeds/outlets.yaml (--write appends them for review):\n"
                + draft.outlets_yaml(article.as_posix()),
                err=True,
            )
        return
    for path in written:
        click.echo(path.relative_to(settings.root).as_posix())


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Briefings", show_default=True, help="Site name.")
def init(directory: Path, name: str) -> None:
    """Create a new briefing project with the example record, ready to build.

    \b
    Example:
      briefing init my-archive && cd my-archive && briefing build
    """
    from generator.scaffold import init_project

    try:
        created = init_project(directory, name)
    except BriefingError as error:
        raise click.UsageError(str(error)) from None
    for path in created:
        click.echo(path.as_posix())
