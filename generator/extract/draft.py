"""Extraction, last step: everything found in an article -> the draft record's data, with a
comment on each item quoting the sentence it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.dates import PartialDate
from generator.extract import classify, figures, places, where
from generator.extract.actors import ActorBook
from generator.extract.article import Article
from generator.extract.emit import Note
from generator.extract.outlets import OutletFinder, OutletRef
from generator.extract.speech import ClaimDraft, Reader, StatementDraft
from generator.scaffold import make_id

_QUOTE = "{text}"


def quote_of(text: str) -> str:
    return f'"{text}"' if text else ""


@dataclass
class Found:
    """What the extractor found, before it becomes record data."""

    article: Article
    article_ref: OutletRef
    book: ActorBook
    outlets: OutletFinder
    reader: Reader
    place: where.Place | None
    event: classify.EventType
    published: PartialDate | None


def post_rules(found: Found) -> None:
    """Rules that need the whole article: merges, unnamed sources, first accounts, roles."""
    book, reader = found.book, found.reader
    book.merge_generic()
    for claim in reader.claims:
        for st in claim.statements:
            st.speaker, st.relay = book.canonical(st.speaker), book.canonical(st.relay)
            if st.relay == st.speaker:
                st.relay = None
    # An outlet said elsewhere to rely on unnamed sources speaks through them.
    sources: dict[str, str] = {}
    for claim in reader.claims:
        for st in claim.statements:
            actor = book.items.get(st.speaker or "")
            if st.outlet and actor and actor.unidentified and actor.kind == "group":
                sources.setdefault(st.outlet, actor.key)
            if st.outlet and st.relay and book.items[st.relay].unidentified:
                sources.setdefault(st.outlet, st.relay)
    for claim in reader.claims:
        for st in claim.statements:
            if st.speaker is None and st.outlet in sources:
                st.speaker = sources[st.outlet]
                st.notes.append(
                    "The outlet names no speaker here; attributed to the sources it cites "
                    "elsewhere in the article."
                )
    _roles(found)


def _roles(found: Found) -> None:
    book = found.book
    speakers = {st.speaker for c in found.reader.claims for st in c.statements} | {
        st.relay for c in found.reader.claims for st in c.statements
    }
    members = {a.member_of for a in book.items.values()}
    violent = found.event.event_type in classify.VIOLENT
    country = found.place.country if found.place else None
    for key, actor in list(book.items.items()):
        if key in book.renamed:
            continue
        if actor.participant:
            actor.role = "host" if actor.country == country and country else "participant"
        elif (
            actor.sector == "reb"
            and violent
            and re.search(
                rf"{re.escape(actor.name)}.{{0,40}}(?:claimed responsibility)|members of the "
                rf"{re.escape(actor.name)}|blamed on .{{0,20}}{re.escape(actor.name)}",
                " ".join(s.text for s in found.article.sentences),
            )
        ):
            actor.role = "perpetrator"
        elif key in speakers:
            actor.role = "speaker"
        elif actor.sector == "reb":
            actor.role = "subject"
        if (
            actor.unidentified
            and key not in speakers
            and not actor.participant
            and key not in members
        ):
            book.renamed[key] = "\0dropped"


def actors_data(found: Found) -> dict[str, Any]:
    data: dict[str, Any] = {}
    book = found.book
    for key, a in book.items.items():
        if key in book.renamed:
            continue
        item: dict[str, Any] = {"name": a.name}
        if a.aliases:
            item["aliases"] = a.aliases
        item["kind"] = a.kind
        item["sector"] = a.sector or "unk"
        item["country"] = a.country
        if a.member_of and book.canonical(a.member_of) in book.items:
            item["member_of"] = book.canonical(a.member_of)
        if a.position:
            item["position"] = a.position
        item["role"] = a.role
        if a.unidentified:
            item["unidentified"] = True
        if a.note:
            item["note"] = a.note
        data[key] = Note(item, [f"from: {quote_of(a.evidence)}"])
    return data


def sources_data(found: Found) -> dict[str, Any]:
    article, ref = found.article, found.article_ref
    cited = [r for k, r in found.outlets.seen.items() if k != ref.key]
    relayed = {k for r in cited for k in r.derived_from}
    seed: dict[str, Any] = {
        "outlet": ref.key,
        "title": article.title,
        "url": article.header.get("url") or None,
    }
    seed["published"] = found.published.iso if found.published else None
    seed["lang"] = article.header.get("lang", "en")
    seed |= {"role": "seed", "read": "direct"}
    direct = [r.key for r in cited if r.key not in relayed] or [r.key for r in cited]
    if cited:
        seed["derived_from"] = direct
    comments = [f"The article itself ({article.path})."]
    if ref.new:
        comments.append(f"NEW OUTLET {ref.name!r}: not in seeds/outlets.yaml (review it).")
    data: dict[str, Any] = {ref.key: Note(seed, comments)}
    for r in cited:
        item = {"outlet": r.key, "title": None, "url": None, "published": None}
        chain = [k for k in r.derived_from if k in found.outlets.seen]
        item |= {"lang": None, "role": "secondary" if chain else "primary", "read": "not_found"}
        if chain:
            item["derived_from"] = chain
        item["note"] = f"Cited by the article ({r.cue or 'by name'}); not read."
        notes = [f"cited in: {quote_of(e)}" for e in dict.fromkeys(r.evidence)][:3]
        if r.new:
            notes.insert(0, f"NEW OUTLET {r.name!r}: not in seeds/outlets.yaml (review it).")
        data[r.key] = Note(item, notes)
    return data


def _statement(st: StatementDraft, found: Found) -> dict[str, Any]:
    key = found.article_ref.key
    item: dict[str, Any] = {"attributed_to": st.speaker}
    if st.described_as:
        item["described_as"] = st.described_as
    if st.relay:
        item["relayed_by"] = st.relay
    item["reported_by"] = [st.outlet or key]
    if st.outlet:
        item["via"] = [key]
    item["stance"] = st.stance
    item["form"] = "quote" if st.quote else "paraphrase"
    if st.quote:
        item["quote"] = st.quote
        item["quote_from"] = key
    if st.said:
        item["said"] = st.said.iso
    if st.notes:
        item["note"] = " ".join(st.notes)
    return item


def claims_data(found: Found) -> list[Any]:
    claims: list[Any] = []
    used: set[str] = set()
    for claim in found.reader.claims:
        item: dict[str, Any] = {"id": _claim_id(claim, used)}
        item["type"] = classify.claim_type(claim.text, figures=bool(claim.figures), main=claim.main)
        item["text"] = claim.text
        if claim.places:
            item["places"] = claim.places
        if claim.figures:
            item["figures"] = [_figure(f, claim, found) for f in claim.figures]
        statements = []
        for st in claim.statements:
            comments = [] if st.evidence == claim.evidence else [f"from: {quote_of(st.evidence)}"]
            statements.append(Note(_statement(st, found), comments))
        item["statements"] = statements
        claims.append(Note(item, [f"from: {quote_of(claim.evidence)}"]))
    return claims


def _figure(f: figures.FigureDraft, claim: ClaimDraft, found: Found) -> dict[str, Any]:
    item: dict[str, Any] = {"value": f.value, "qualifier": f.qualifier, "unit": f.unit}
    of = found.book.find(f.of_surface) if f.of_surface else None
    if of and of not in found.book.renamed:
        item["of"] = of
    if len(claim.places) == 1:
        item["place"] = claim.places[0]
    item["note"] = f"The article says {quote_of(f.text)}" + (
        " (part of a total)." if f.subset else "."
    )
    return item


def _claim_id(claim: ClaimDraft, used: set[str]) -> str:
    stop = {
        "the",
        "a",
        "an",
        "of",
        "on",
        "in",
        "and",
        "to",
        "that",
        "was",
        "were",
        "have",
        "has",
        "had",
        "this",
        "for",
        "with",
        "from",
        "by",
        "at",
        "its",
        "their",
        "they",
    }
    words = [w for w in re.findall(r"[a-z0-9]+", places.fold(claim.text)) if w not in stop]
    base = "_".join(words[:4]) or "claim"
    base = base if base[0].isalpha() else f"c_{base}"
    key, n = base, 2
    while key in used:
        key, n = f"{base}_{n}", n + 1
    used.add(key)
    return key


def event_id(date: PartialDate, place: str, title: str) -> str:
    return make_id(PartialDate(date.year, date.month, date.day), place, title)
