"""Stage 6, site: records validated by `briefing build` handed to the plugin's next build,
so they are not validated twice. Holds them only until taken; imports no MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.archive import Archive

#: Archives validated by `briefing build` just before it builds, by project root: the
#: plugin takes its project's instead of validating the same records a second time.
_VALIDATED: dict[Path, Archive] = {}


def hand_over(root: Path, archive: Archive) -> None:
    """Records validated a moment ago, for the next build of this project to take (and
    release as soon as it has rendered them: keep no other reference)."""
    _VALIDATED[root.resolve()] = archive


def take(root: Path) -> Archive | None:
    """The records handed over for this project, if any, released here."""
    return _VALIDATED.pop(root.resolve(), None)
