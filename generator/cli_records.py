"""Stage 7, cli: the commands about records (validate, new, extract, diff, export),
registered on the `briefing` group by cli.py. Talks to the terminal; leaves the work to
the core and never imports MkDocs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli_support import (
    Choice,
    archive_or_exit,
    count,
    print_diagnostics,
    project_option,
    project_settings,
    status_line,
)
from generator.config import Settings, find_root
from generator.errors import BriefingError, ValidationFailed


@click.command()
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

    settings = project_settings(project)
    for path in paths:
        if not path.exists():
            raise click.BadParameter(f"{path} does not exist", param_hint="PATHS")
    try:
        with status_line() as progress:
            archive = load_archive(
                settings, only=list(paths) or None, light=True, progress=progress
            )
    except ValidationFailed as failed:
        print_diagnostics(failed.diagnostics, fmt)
        if fmt == "text":
            click.echo(f"{failed}.", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text":
        click.echo(f"{count(len(archive.records), 'record')} valid.", err=True)


@click.command()
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

    settings = project_settings(project)
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


@click.command()
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
    settings = project_settings(project)
    try:
        click.echo(summarise(settings.root, base, head, fmt))
    except BriefingError as error:
        raise click.UsageError(str(error)) from None


@click.command()
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
    settings = project_settings(project)
    archive = archive_or_exit(settings, "nothing was exported")
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
    click.echo(f"Exported {count(len(archive.published), 'record')} to {out}.", err=True)


@click.command()
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
