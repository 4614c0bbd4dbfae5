"""One loaded record: an event with the file it came from and the digest of its bytes.

What the archive holds and the checks read; its own module so that checks.py need not
import archive.py, which runs the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.load import Document
from generator.model import Event


@dataclass(frozen=True)
class Record:
    """One event with the file it came from (path relative to the project root)."""

    event: Event
    path: str
    doc: Document = field(repr=False, compare=False)
    #: sha256 of the file's bytes: what caches of this record's outputs are keyed by.
    digest: str = field(default="", compare=False)

    @cached_property
    def month_and_type(self) -> tuple[str, str]:
        """What timelines count the record under: its month key and event type."""
        return self.event.date.month_key, self.event.event_type.value
