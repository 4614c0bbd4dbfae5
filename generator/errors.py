"""Diagnostics: the one located error type the core raises for user mistakes.

A bug in the generator is any other exception; a problem in the user's input is always a
Diagnostic, collected with all the others and raised once as ValidationFailed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: printed as ``path:line:col: field: message``."""

    path: str
    line: int
    col: int
    message: str
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "message": self.message,
        }


class BriefingError(Exception):
    """A user-facing failure that is not tied to one position (missing project, bad option)."""


class ValidationFailed(BriefingError):
    """Raised once, after every file has been checked, with all diagnostics sorted."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        count = len(self.diagnostics)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


def display_path(path: Path, root: Path) -> str:
    """The path as a user should see it: relative to the project root when inside it."""
    # Never resolve the path itself: a symlink must be reported under its own name.
    candidates = (  # the second resolves links: only when the first does not fit
        lambda: (Path(os.path.abspath(path)), Path(os.path.abspath(root))),
        lambda: (path.parent.resolve() / path.name, root.resolve()),
    )
    for candidate in candidates:
        full, base = candidate()
        try:
            return full.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
