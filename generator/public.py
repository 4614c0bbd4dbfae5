"""What a published record shows of the rest of the archive: nothing of a record that is
not published. A `related:` item pointing at a draft or reviewed record would put its id
(date, place, subject), date and note on the brief, in the exports and in the record's
copy; every output reads a published record through this module, which drops such items.

Pure functions of the archive; never render or write.
"""

from __future__ import annotations

from generator.archive import Archive, Record
from generator.model import Event


def hidden_related(archive: Archive, event: Event) -> tuple[str, ...]:
    """Ids of the records the event relates to that are not published, in record order."""
    by_id = archive.by_id
    return tuple(
        r.id
        for r in event.related
        if r.id is not None and not (r.id in by_id and by_id[r.id].event.published)
    )


def public_event(archive: Archive, record: Record) -> Event:
    """The record's event as the site shows it: without related items to unpublished
    records (the same object when it has none)."""
    event = record.event
    hidden = hidden_related(archive, event)
    if not hidden:
        return event
    kept = [r for r in event.related if r.id is None or r.id not in hidden]
    return event.model_copy(update={"related": kept})
