"""Stage 7, cli: what the commands share (options, project lookup, diagnostics and the
status line on the terminal, exiting on records that do not validate). With cli.py and
cli_records.py, the only modules that import click, print and set exit codes.
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


class Choice(click.Choice):
    """click's Choice with the project's "did you mean" for a near miss."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            from generator.suggest import did_you_mean

            error.message += did_you_mean(str(value), [str(c) for c in self.choices])
            raise


def count(number: int, noun: str) -> str:
    """'1 record', '2 records', '0 records': a count with its noun in the right number."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def project_settings(project: Path | None) -> Settings:
    try:
        return Settings(root=find_root(project or Path.cwd()))
    except BriefingError as error:
        raise click.UsageError(str(error)) from None


#: GitHub's workflow-command escaping: a command's data, and additionally its properties
#: (where ':' would end the properties and ',' start another), so a file name or a message
#: can neither end its own command nor start one on a line of its own.
_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def github_annotation(d: Diagnostic) -> str:
    message = f"{d.field}: {d.message}" if d.field else d.message
    where = f"file={d.path.translate(_PROPERTY_ESCAPES)},line={d.line},col={d.col}"
    return f"::error {where}::{message.translate(_DATA_ESCAPES)}"


def print_diagnostics(diagnostics: list[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([d.as_dict() for d in diagnostics], indent=2))
        return
    for d in diagnostics:
        click.echo(github_annotation(d) if fmt == "github" else str(d))


class StatusLine:
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
def status_line() -> Iterator[StatusLine]:
    """A status line for the work of a with block, erased before anything else prints."""
    line = StatusLine()
    try:
        yield line
    finally:
        line.close()


def archive_or_exit(settings: Settings, consequence: str) -> Archive:
    """The validated archive, or the diagnostics printed and exit code 1."""
    from generator.archive import load_archive
    from generator.cache import Cache

    cache = Cache(settings.root)
    try:
        with status_line() as progress:
            archive = load_archive(settings, cache=cache, progress=progress)
    except ValidationFailed as failed:
        print_diagnostics(failed.diagnostics, "text")
        click.echo(f"{failed}; {consequence}.", err=True)
        sys.exit(1)
    cache.records.save()  # the build that follows reads the records from the cache
    return archive


def claim_or_exit(folder: Path, kind: str, settings: Settings, label: str) -> None:
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
