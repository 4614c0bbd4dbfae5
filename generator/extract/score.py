"""Scoring drafts against golden expectations: precision and recall per kind of item.

Expectations are compact (tests/cases/extract/*/expected.yaml) or derived from a reviewed
record: its actors, and the statements, quotes and figures that reach us through the seed
article (reported or relayed by it, or by an outlet it cites, with no other copy between).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.extract.places import fold
from generator.model import Event, Outlet

KINDS = (
    "actors",
    "sources",
    "quotes",
    "figures",
    "stances",
    "countries",
    "date",
    "location",
    "event_type",
    "fatalities",
)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for kind in KINDS:
            self.tallies[kind].add(other.tallies[kind])
        self.misses.extend(other.misses)


def _words(text: str | None) -> set[str]:
    stop = {"the", "of", "unnamed", "a", "an", "and", "s", "service"}
    return {w for w in re.findall(r"[a-z0-9]+", fold(text or "")) if w not in stop}


def _names(actor: dict[str, Any]) -> list[str]:
    return [actor.get("name") or "", *(actor.get("aliases") or [])]


def actor_similarity(got: dict[str, Any], want: dict[str, Any]) -> float:
    if (got.get("kind") == "person") != (want.get("kind") == "person"):
        return 0.0
    if got.get("country") and want.get("country") and got["country"] != want["country"]:
        return 0.0
    best = 0.0
    for a in _names(got):
        for b in _names(want):
            if fold(a) == fold(b) and a:
                return 1.0
            wa, wb = _words(a), _words(b)
            if not wa or not wb:
                continue
            if got.get("kind") == "person" and not got.get("unidentified"):
                if a.split()[-1] == b.split()[-1]:
                    return 1.0
                continue
            best = max(best, len(wa & wb) / len(wa | wb))
    return best if best >= 0.5 else 0.0


def align(got: dict[str, dict[str, Any]], want: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Extracted actor key -> expected actor key, one to one, best matches first."""
    pairs = sorted(
        ((actor_similarity(g, w), gk, wk) for gk, g in got.items() for wk, w in want.items()),
        reverse=True,
    )
    mapping: dict[str, str] = {}
    for similarity, gk, wk in pairs:
        if similarity > 0 and gk not in mapping and wk not in mapping.values():
            mapping[gk] = wk
    return mapping


def _match(got: list[Any], want: list[Any], same: Any) -> tuple[Tally, list[Any]]:
    left = list(want)
    tally = Tally()
    for item in got:
        hit = next((w for w in left if same(item, w)), None)
        if hit is None:
            tally.fp += 1
        else:
            tally.tp += 1
            left.remove(hit)
    tally.fn = len(left)
    return tally, left


def _outlet_ids(key: str, outlets: dict[str, Outlet]) -> set[str]:
    ids = {fold(key)}
    if key in outlets:
        ids.add(fold(re.sub(r"^The\s+", "", outlets[key].name)))
    return ids


def _same_outlet(a: str | None, b: str | None, outlets: dict[str, Outlet]) -> bool:
    if a is None or b is None:
        return a == b
    left, right = _outlet_ids(a, outlets), _outlet_ids(b, outlets)
    return bool(left & right) or _slug(a) == _slug(b)


def _slug(text: str) -> str:
    return "_".join(w for w in re.findall(r"[a-z0-9]+", fold(text)) if w != "the")


def _unit_ok(a: str, b: str) -> bool:
    def stems(unit: str) -> set[str]:
        return {w.rstrip("s") for w in unit.split("_")}

    return bool(stems(a) & stems(b))


def _quote_ok(a: str, b: str) -> bool:
    x = " ".join(re.findall(r"[a-z0-9]+", fold(a)))
    y = " ".join(re.findall(r"[a-z0-9]+", fold(b)))
    return bool(x and y) and (x in y or y in x) and min(len(x), len(y)) / max(len(x), len(y)) > 0.6


def score(draft: dict[str, Any], gold: dict[str, Any], outlets: dict[str, Outlet]) -> Score:
    """Precision and recall of one draft (record data) against its expectations."""
    result = Score()
    t = result.tallies
    got_actors = draft.get("actors") or {}
    want_actors = {a["key"]: a for a in gold.get("actors", [])}
    mapping = align(got_actors, want_actors)
    t["actors"] = Tally(
        len(mapping), len(got_actors) - len(mapping), len(want_actors) - len(mapping)
    )
    result.misses += [
        f"actor missed: {want_actors[k]['name']}" for k in want_actors if k not in mapping.values()
    ]
    result.misses += [
        f"actor extra: {got_actors[k]['name']}" for k in got_actors if k not in mapping
    ]
    sources = draft.get("sources") or {}
    src_outlet = {k: s["outlet"] for k, s in sources.items()}
    t["sources"], left = _match(
        list(src_outlet.values()),
        list(gold.get("sources", [])),
        lambda a, b: _same_outlet(a, b, outlets),
    )
    result.misses += [f"source missed: {s}" for s in left]

    def speaker(key: str | None) -> str | None:
        return mapping.get(key, f"?{key}") if key else None

    stances, quotes, figures = set(), [], []
    for claim in draft.get("claims") or []:
        figures += claim.get("figures") or []
        for st in claim["statements"]:
            outlet = src_outlet.get(st["reported_by"][0])
            stances.add((speaker(st["attributed_to"]), outlet, st["stance"]))
            if st.get("quote"):
                quotes.append((st["quote"], speaker(st["attributed_to"]), outlet))
    want_stances = {(s.get("speaker"), s["outlet"], s["stance"]) for s in gold.get("stances", [])}

    def same_stance(a: tuple, b: tuple) -> bool:
        return a[0] == b[0] and a[2] == b[2] and _same_outlet(a[1], b[1], outlets)

    t["stances"], left = _match(
        sorted(stances, key=str), sorted(want_stances, key=str), same_stance
    )
    result.misses += [f"stance missed: {s}" for s in left]
    want_quotes = [(q["text"], q.get("speaker"), q["outlet"]) for q in gold.get("quotes", [])]
    t["quotes"], left = _match(
        quotes,
        want_quotes,
        lambda a, b: _quote_ok(a[0], b[0]) and a[1] == b[1] and _same_outlet(a[2], b[2], outlets),
    )
    result.misses += [f"quote missed: {q[0][:50]}" for q in left]

    def same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return (
            all(a.get(k) == b.get(k) for k in ("value", "low", "high"))
            and a.get("qualifier", "exactly") == b.get("qualifier", "exactly")
            and _unit_ok(a["unit"], b["unit"])
        )

    t["figures"], left = _match(figures, gold.get("figures", []), same_figure)
    result.misses += [f"figure missed: {f}" for f in left]
    countries = {draft["location"]["country"]} | {
        a["country"] for a in got_actors.values() if a.get("country")
    }
    for claim in draft.get("claims") or []:
        countries |= set(claim.get("places") or [])
    t["countries"], left = _match(sorted(countries), sorted(gold.get("countries", [])), str.__eq__)
    result.misses += [f"country missed: {c}" for c in left]
    _single(result, "date", draft.get("date"), gold.get("date"))
    location = draft["location"]
    want = gold.get("location") or {}
    same_place = fold(location["name"]) == fold(want.get("name", "")) and (
        location["country"] == want.get("country")
    )
    _single(
        result,
        "location",
        location["name"] if same_place else "x",
        "x" if not same_place else location["name"],
        got_any=True,
    )
    _single(
        result,
        "event_type",
        (draft["event_type"], draft["sub_event_type"]),
        (gold.get("event_type"), gold.get("sub_event_type")),
    )
    if "fatalities" in gold:
        _single(result, "fatalities", draft.get("fatalities"), gold["fatalities"])
    return result


def _single(result: Score, kind: str, got: Any, want: Any, got_any: bool = False) -> None:
    tally = result.tallies[kind]
    if got == want:
        tally.tp += 1
    else:
        tally.fn += 1
        tally.fp += 1 if (got is not None or got_any) else 0
        result.misses.append(f"{kind}: got {got!r}, expected {want!r}")


def gold_from_record(event: Event, seed: str) -> dict[str, Any]:
    """The expectations a seed article supports, from the reviewed record built on it."""
    source = event.sources[seed]
    cited = set(source.derived_from)

    def through_seed(st: Any) -> bool:
        chain = set(st.reported_by) | set(st.via)
        return (
            seed in chain or st.quote_from == seed or (set(st.reported_by) <= cited and not st.via)
        )

    outlet = {k: s.outlet for k, s in event.sources.items()}
    stances, quotes, figures, countries = set(), [], [], {event.location.country}
    for claim in event.claims:
        kept = [st for st in claim.statements if through_seed(st)]
        if not kept:
            continue
        countries |= set(claim.places)
        figures += [f.model_dump(exclude_none=True, mode="json") for f in claim.figures]
        for st in kept:
            stances.add((st.attributed_to, outlet[st.reported_by[0]], st.stance.value))
            if st.quote and st.quote_from == seed:
                quotes.append(
                    {
                        "text": st.quote,
                        "speaker": st.attributed_to,
                        "outlet": outlet[st.reported_by[0]],
                    }
                )
    actors = []
    for key, actor in event.actors.items():
        countries |= {actor.country} if actor.country else set()
        actors.append({"key": key, **actor.model_dump(exclude_none=True, mode="json")})
    return {
        "date": event.date.iso,
        "location": {"name": event.location.name, "country": event.location.country},
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type,
        "fatalities": event.fatalities,
        "countries": sorted(countries),
        "actors": actors,
        "sources": sorted(outlet[k] for k in {seed, *cited}),
        "quotes": quotes,
        "figures": figures,
        "stances": [
            {"speaker": s[0], "outlet": s[1], "stance": s[2]} for s in sorted(stances, key=str)
        ],
    }


def plain(data: Any) -> Any:
    """Record data with the comment wrappers (emit.Note) removed."""
    from generator.extract.emit import Note

    if isinstance(data, Note):
        return plain(data.value)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


__all__ = ["KINDS", "Counter", "Score", "Tally", "align", "gold_from_record", "plain", "score"]
