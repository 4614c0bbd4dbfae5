"""Stage 7, cli: the `briefing` command group and its project and site commands (init,
render, build, serve, schema); the record commands are in cli_records.py. With them and
cli_support.py, the only modules that import click, print and set exit codes.

Exit codes: 0 success, 1 problems in the records or a failed build, 2 usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from generator.cli_records import diff, export, extract, new, validate
from generator.cli_support import (
    Choice,
    archive_or_exit,
    claim_or_exit,
    count,
    project_option,
    project_settings,
    status_line,
)
from generator.errors import BriefingError

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing-generator")
def main() -> None:
    """Validate event records and build the briefing site.

    \b
    Example:
      briefing validate && briefing build
    """


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

    settings = project_settings(project)
    target = site_dir or settings.root / "site"
    claim_or_exit(settings.briefs_dir, BRIEFS, settings, "briefs")
    claim_or_exit(target, SITE, settings, "--site-dir" if site_dir else "site")
    archive = archive_or_exit(settings, "the site was not built")
    published = len(archive.published)
    hand_over(settings.root, archive)  # the build renders these records: no second reading
    del archive  # and frees them once rendered, before MkDocs needs the memory
    try:
        with status_line() as progress:
            choice = build_site(settings.root, target, offline=offline, progress=progress)
    except BriefingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    if choice is not None:
        click.echo(f"Search: {choice.backend} ({choice.reason}).", err=True)
    click.echo(f"Built {count(published, 'brief')} into {target}.", err=True)


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

    settings = project_settings(project)
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

    settings = project_settings(project)
    target = out or settings.briefs_dir
    claim_or_exit(target, BRIEFS, settings, "--out" if out else "briefs")
    archive = archive_or_exit(settings, "nothing was written")
    with status_line() as progress:
        files = counted(files_for(archive, settings), len(archive.published), progress)
        result = write_tree(files, target)
    click.echo(
        f"{len(result.written)} written, {result.unchanged} unchanged, "
        f"{len(result.removed)} removed.",
        err=True,
    )


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


for _command in (validate, new, extract, diff, export):
    main.add_command(_command)
