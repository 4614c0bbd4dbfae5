"""Stage 3, checks: rules that span fields, records and files, with their positions.

References inside a record (actors, sources, claims), references to the outlet registry
and to other records, id versus file name, and publication rules. Never reads files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Diagnostic
from generator.membership import problems as membership_problems
from generator.model import MAX_MEMBERSHIP_DEPTH, Event, Outlet
from generator.names import actor_slug
from generator.suggest import did_you_mean
from generator.vocab import Form, Status

if TYPE_CHECKING:
    from generator.config import Settings
    from generator.record import Record

Loc = tuple[str | int, ...]


def misplaced_file(path: Path, shown: str) -> Diagnostic:
    if path.is_symlink():
        return Diagnostic(
            shown, 1, 1, "symbolic links are not read: replace the link with the file itself"
        )
    hint = (
        " rename it to end in .yaml" if path.suffix == ".yml" else " move it out of seeds/events/"
    )
    return Diagnostic(shown, 1, 1, f"only event records (<id>.yaml) belong here;{hint}")


def check_records(
    records: list[Record],
    outlets: dict[str, Outlet],
    settings: Settings,
    unloaded: Collection[str] = (),
) -> list[Diagnostic]:
    ids, problems = _unique_ids(records)
    problems.extend(_check_actor_labels(records))
    for record in records:
        problems.extend(_check_file_name(record, settings))
        problems.extend(_check_references(record, outlets))
        problems.extend(_check_related(record, ids, unloaded))
        problems.extend(_check_publication(record))
    return problems


def check_record(
    record: Record, outlets: dict[str, Outlet], settings: Settings
) -> list[Diagnostic]:
    """The rules that need only the record and the outlets (run where it is parsed):
    with check_across, the same diagnostics as check_records."""
    problems = list(_check_file_name(record, settings))
    problems.extend(_check_references(record, outlets))
    problems.extend(_check_publication(record))
    return problems


def check_across(records: list[Record], unloaded: Collection[str] = ()) -> list[Diagnostic]:
    """The rules between records: unique ids, one label per actor page, and links to other
    records."""
    ids, problems = _unique_ids(records)
    problems.extend(_check_actor_labels(records))
    for record in records:
        problems.extend(_check_related(record, ids, unloaded))
    return problems


def _unique_ids(records: list[Record]) -> tuple[dict[str, Record], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    ids: dict[str, Record] = {}
    for record in records:
        event = record.event
        first = ids.get(event.id)
        if first is not None:
            problems.append(
                _at(
                    record,
                    ("id",),
                    f"duplicate id {event.id!r}: also used by {first.path}; ids must be unique",
                )
            )
        else:
            ids[event.id] = record
    return ids, problems


def _check_actor_labels(records: list[Record]) -> Iterator[Diagnostic]:
    """Actors whose names give one page (names.actor_slug) must spell it alike: the
    oldest record names the page, and a later one that spells it otherwise is reported
    (a new record cannot relabel an actor, nor two actors share a page unnoticed)."""
    named: dict[str, tuple[str, Record, str]] = {}  # slug -> name, record, actor key
    ordered = sorted(records, key=lambda r: (r.event.date.first_day(), r.event.id, r.path))
    for record in ordered:
        for key, actor in record.event.actors.items():
            slug = actor_slug(actor.name)
            first = named.setdefault(slug, (actor.name, record, key))
            name, first_record, first_key = first
            if actor.name == name:
                continue
            where = "this record" if first_record is record else first_record.path
            yield _at(
                record,
                ("actors", key, "name"),
                f"{actor.name!r} and {name!r} (actors.{first_key}.name in {where}) both name "
                f"the actor page actors/{slug}/, which can show one name: spell this one "
                f"exactly {name!r} if it is the same actor, or name it so that it differs in "
                "more than case, spacing, punctuation and accents if it is another",
            )


def _at(record: Record, loc: Loc, message: str, *, key: bool = False) -> Diagnostic:
    line, col = record.doc.where(loc, key=key)
    field = ".".join(f"[{p}]" if isinstance(p, int) else p for p in loc).replace(".[", "[")
    return Diagnostic(record.path, line, col, message, field)


def _check_file_name(record: Record, settings: Settings) -> Iterator[Diagnostic]:
    event = record.event
    path = Path(record.path)
    if path.stem != event.id:
        yield _at(
            record,
            ("id",),
            f"id {event.id!r} does not match the file name "
            f"{path.name!r}: rename the file to {event.id}.yaml (ids are permanent URLs, so "
            "prefer renaming the file)",
        )
    expected_folder = f"{event.id[:4]}"
    if path.parent.name != expected_folder or path.parent.parent.name != "events":
        yield _at(
            record,
            ("id",),
            f"the record is in {path.parent.as_posix()}/ but its id "
            f"starts with {expected_folder}: move it to seeds/events/{expected_folder}/",
        )
    if not event.id.startswith(event.date.iso.rstrip("~")[: len(event.id.split("-")[0])]):
        yield _at(
            record,
            ("date",),
            f"date {event.date.iso!r} is in another year than the "
            f"id {event.id!r}; correct one of them",
        )


def _refs(
    record: Record, loc: Loc, names: Iterable[str | None], known: dict[str, object], what: str
) -> Iterator[Diagnostic]:
    for index, name in enumerate(names):
        if name is None or name in known:
            continue
        choices = sorted(known)  # only on error: known may hold every id of the archive
        item_loc = (*loc, index) if isinstance(names, list) else loc
        hint = did_you_mean(name, choices)
        listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "") or "none"
        yield _at(record, item_loc, f"unknown {what} {name!r}.{hint} Known {what}s: {listed}")


def _check_references(record: Record, outlets: dict[str, Outlet]) -> Iterator[Diagnostic]:
    event: Event = record.event
    actors: dict[str, object] = dict(event.actors)
    sources: dict[str, object] = dict(event.sources)
    claims: dict[str, object] = {}
    for index, claim in enumerate(event.claims):
        if claim.id in claims:
            yield _at(
                record,
                ("claims", index, "id"),
                f"duplicate claim id {claim.id!r}; give each claim its own id",
            )
        claims[claim.id] = claim
    registry: dict[str, object] = dict(outlets)

    for key, actor in event.actors.items():
        yield from _refs(record, ("actors", key, "member_of"), (actor.member_of,), actors, "actor")
    yield from _check_membership(record)
    for key, source in event.sources.items():
        if outlets:
            yield from _refs(
                record, ("sources", key, "outlet"), (source.outlet,), registry, "outlet"
            )
        yield from _refs(
            record, ("sources", key, "derived_from"), source.derived_from, sources, "source"
        )
    for c, claim in enumerate(event.claims):
        for f, figure in enumerate(claim.figures):
            yield from _refs(
                record, ("claims", c, "figures", f, "of"), (figure.of,), actors, "actor"
            )
            if figure.value is None and figure.low is None and figure.high is None:
                yield _at(
                    record,
                    ("claims", c, "figures", f),
                    "a figure needs a value, or low and/or high for a range",
                )
        for s, st in enumerate(claim.statements):
            base: Loc = ("claims", c, "statements", s)
            yield from _refs(record, (*base, "attributed_to"), (st.attributed_to,), actors, "actor")
            yield from _refs(record, (*base, "relayed_by"), (st.relayed_by,), actors, "actor")
            yield from _refs(record, (*base, "reported_by"), st.reported_by, sources, "source")
            yield from _refs(record, (*base, "via"), st.via, sources, "source")
            yield from _refs(record, (*base, "quote_from"), (st.quote_from,), sources, "source")
            if st.form is Form.QUOTE:
                if not st.quote:
                    yield _at(
                        record,
                        base,
                        "form is quote but no quote is given: add quote: "
                        "with the exact words, or set form: paraphrase",
                    )
                if not st.quote_from:
                    yield _at(
                        record,
                        base,
                        "a quote needs the source it is quoted from: add "
                        "quote_from: with the key of that source",
                    )
            elif st.quote:
                yield _at(
                    record,
                    (*base, "quote"),
                    "quote is given but form is paraphrase: set form: quote and add quote_from:",
                )
    for a, action in enumerate(event.actions):
        for name in ("actor", "recipient", "about"):
            yield from _refs(record, ("actions", a, name), getattr(action, name), actors, "actor")
        yield from _refs(record, ("actions", a, "claims"), action.claims, claims, "claim")
    if event.assessment:
        for j, judgment in enumerate(event.assessment.judgments):
            yield from _refs(
                record, ("assessment", "judgments", j, "basis"), judgment.basis, claims, "claim"
            )


def _check_membership(record: Record) -> Iterator[Diagnostic]:
    """member_of may not name the actor itself, go round in a circle, or nest deeper than
    MAX_MEMBERSHIP_DEPTH levels (pictures and pages walk it)."""
    for problem in membership_problems(record.event.actors, MAX_MEMBERSHIP_DEPTH):
        loc: Loc = ("actors", problem.key, "member_of")
        chain = problem.chain
        shown = " -> ".join(chain if len(chain) <= 12 else (*chain[:5], "...", *chain[-5:]))
        if problem.kind == "self":
            message = (
                f"actor {problem.key!r} is a member of itself: name the organisation it "
                "belongs to, or remove member_of"
            )
        elif problem.kind == "cycle":
            message = (
                f"member_of goes round in a circle ({shown}): an organisation cannot belong "
                "to its own members; remove member_of from the one at the top"
            )
        else:
            message = (
                f"member_of nests {len(chain) - 1} levels deep ({shown}); at most "
                f"{MAX_MEMBERSHIP_DEPTH} are allowed: make {problem.key!r} a member of an "
                "organisation nearer the top"
            )
        yield _at(record, loc, message)


class _OtherIds(dict[str, object]):
    """The archive's ids without the record's own (never suggested), copied only on error."""

    def __init__(self, ids: dict[str, Record], own: str) -> None:
        super().__init__()
        self.ids, self.own = ids, own

    def __contains__(self, key: object) -> bool:
        return key != self.own and key in self.ids

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.ids if k != self.own)

    def __len__(self) -> int:
        return len(self.ids) - (self.own in self.ids)


def _check_related(
    record: Record, ids: dict[str, Record], unloaded: Collection[str]
) -> Iterator[Diagnostic]:
    for index, related in enumerate(record.event.related):
        loc: Loc = ("related", index)
        if related.id is None and related.url is None:
            yield _at(
                record,
                loc,
                "a related item needs id: (a record of this archive) or url: (an outside report)",
            )
        if related.id is not None:
            if related.id == record.event.id:
                yield _at(record, (*loc, "id"), "a record cannot be related to itself")
            elif related.id not in unloaded:  # a broken record reports its own problems
                yield from _refs(
                    record,
                    (*loc, "id"),
                    (related.id,),
                    _OtherIds(ids, record.event.id),
                    "record id",
                )


def _check_publication(record: Record) -> Iterator[Diagnostic]:
    event = record.event
    if event.status is not Status.DRAFT:
        for name in ("actors", "sources", "claims"):
            if not getattr(event, name):
                yield _at(
                    record,
                    (name,),
                    f"a {event.status.value} record needs at least one "
                    f"entry in {name}: add it, or set status: draft while you work",
                )
    if event.published and event.assessment is None:
        yield _at(
            record,
            ("status",),
            f"status is {event.status.value} but the record has no "
            "assessment: add assessment: with at least bluf:, or set status: reviewed",
        )
    if event.date_end is not None and event.date_end < event.date:
        yield _at(
            record,
            ("date_end",),
            f"date_end {event.date_end.iso!r} is before date {event.date.iso!r}; swap them",
        )
