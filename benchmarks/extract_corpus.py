"""Precision and recall of `briefing extract` on the corpus of real news articles.

The corpus is benchmarks/corpus/: manifest.yaml (address, query, published date, outlet,
kind, sha256 and split of each article), expected/<slug>.yaml (what an analyst coded by
reading the article) and outlets.yaml (its outlets missing from seeds/outlets.yaml). The
article texts are not in the repository: they come from the search tool's `pages` corpus
(the manifest gives the query that retrieves each one and its address) and are saved,
git-ignored, in benchmarks/corpus/texts/<slug>.txt (format: see the manifest's header).
Missing or changed texts are named and skipped.

Figures are printed for four splits separately: `dev`, `heldout` (the first held-out
third: scored once, see corpus/HELDOUT_FIRST_RUN.md, and development material since),
`heldout2` (the second held-out set: scored once, see corpus/HELDOUT2_FIRST_RUN.md, and
development material since) and `heldout3` (the held-out set now). The extractor runs on
`heldout3` only with --heldout3, which is for the one final scoring; its misses and error
messages are never printed. Run from the project root:

    .venv/bin/python benchmarks/extract_corpus.py [--markdown] [--misses] [--only SLUG]
    .venv/bin/python benchmarks/extract_corpus.py --heldout3   # the final scoring only
    .venv/bin/python benchmarks/extract_corpus.py --seal   # fill sha256 and split
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import math
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.archive import load_outlets  # noqa: E402
from generator.config import Settings  # noqa: E402
from generator.errors import BriefingError  # noqa: E402
from generator.extract import run, score  # noqa: E402
from generator.extract.article import normalise  # noqa: E402
from generator.extract.places import fold  # noqa: E402
from generator.model import Outlet  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
MANIFEST = CORPUS / "manifest.yaml"
TEXTS = CORPUS / "texts"
EXPECTED = CORPUS / "expected"
SPLITS = ("dev", "heldout", "heldout2", "heldout3")
HELD_OUT = "heldout3"  # the held-out set; the earlier ones are development material now
LABELS = {
    "dev": "dev",
    "heldout": "heldout1(dev)",
    "heldout2": "heldout2(dev)",
    "heldout3": "heldout3",
}
LATER_SETS = ("heldout2", "heldout3")  # added after the first corpus was split
FIELDS = ("slug", "address", "query", "published", "published_from", "outlet", "kind")
ANCHOR = " \u2026 "  # "first words … last words" in an expected quote
# The kinds issue 15 measures that generator/extract/score.py does not count.
EXTRA_KINDS = ("place_country", "speakers", "speaker_stance", "quote_speaker", "persons")
KINDS = (*score.KINDS, *EXTRA_KINDS)


# ---- manifest -------------------------------------------------------------------------


def load_manifest() -> list[dict[str, Any]]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return list(data["articles"])


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_by_rule(articles: list[dict[str, Any]]) -> dict[str, str]:
    """The manifest's rule: lowest third (rounded up) by sha256 of the address is held out.

    It splits the first corpus only: the articles of the later held-out sets (`heldout2`,
    `heldout3`) keep their split and do not count in the thirds.
    """
    ranked = sorted(
        (a for a in articles if a.get("split") not in LATER_SETS),
        key=lambda a: hashlib.sha256(a["address"].encode("utf-8")).hexdigest(),
    )
    cut = math.ceil(len(ranked) / 3)
    return {a["slug"]: ("heldout" if i < cut else "dev") for i, a in enumerate(ranked)}


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, width=10_000, allow_unicode=True).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def seal() -> None:
    """Write sha256 (of the saved texts) and split (by the rule) into the manifest."""
    text = MANIFEST.read_text(encoding="utf-8")
    head = text[: text.index("\narticles:")]
    articles = load_manifest()
    splits = split_by_rule(articles)
    lines = [head, "articles:"]
    for article in articles:
        path = TEXTS / f"{article['slug']}.txt"
        if path.exists():
            article["sha256"] = sha256_file(path)
        elif "sha256" not in article:
            sys.exit(f"{path}: missing; cannot seal an article whose text was never saved")
        article["split"] = splits.get(article["slug"], article.get("split"))
        keys = [k for k in FIELDS if k in article] + ["sha256", "split"]
        for number, key in enumerate(keys):
            lead = "  - " if number == 0 else "    "
            lines.append(f"{lead}{key}: {_scalar(article[key])}")
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {s: sum(1 for a in articles if a["split"] == s) for s in SPLITS}
    print(
        f"sealed {len(articles)} articles: {counts['dev']} dev, {counts['heldout']} heldout, "
        f"{counts['heldout2']} heldout2, {counts[HELD_OUT]} {HELD_OUT}"
    )


# ---- expectations ---------------------------------------------------------------------


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", normalise(text))


def expand_quotes(gold: dict[str, Any], body: str, slug: str) -> list[str]:
    """Replace "first words … last words" anchors by the article's words; list problems."""
    flat = _flat(body)
    problems = []
    for quote in gold.get("quotes") or []:
        text = _flat(quote["text"])
        if ANCHOR in text:
            start, end = text.split(ANCHOR, 1)
            found = re.search(re.escape(start) + r".*?" + re.escape(end), flat)
            if found is None:
                problems.append(f"{slug}: quote anchor not in the text: {quote['text']!r}")
                continue
            quote["text"] = found.group(0)
        elif text not in flat:
            problems.append(f"{slug}: quote not in the text: {quote['text']!r}")
    return problems


# ---- scoring ------------------------------------------------------------------------


@dataclass
class Result:
    slug: str
    split: str
    score: score.Score = field(default_factory=score.Score)
    seconds: float = 0.0
    error: str | None = None


def _speaker_items(draft: dict[str, Any], mapping: dict[str, str]) -> tuple[set, set, list]:
    """Extracted speakers, (speaker, stance) pairs and (quote, speaker), in expected keys."""
    speakers: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    quotes: list[tuple[str, str | None]] = []
    for claim in draft.get("claims") or []:
        for st in claim["statements"]:
            key = st.get("attributed_to")
            who = mapping.get(key, f"?{key}") if key else None
            if who:
                speakers.add(who)
                pairs.add((who, st["stance"]))
            if st.get("quote"):
                quotes.append((st["quote"], who))
    return speakers, pairs, quotes


def place_tallies(draft: dict[str, Any], gold: dict[str, Any], result: score.Score) -> None:
    """The place (name and country), and its country alone.

    Replaces score.py's `location` tally, which counts every place as found (when the names
    differ it compares "x" with "x").
    """
    got, want = draft["location"], gold.get("location") or {}
    same_country = got["country"] == want.get("country")
    same = same_country and fold(got["name"]) == fold(want.get("name", ""))
    result.tallies["location"] = score.Tally(int(same), int(not same), int(not same))
    result.tallies["place_country"] = score.Tally(
        int(same_country), int(not same_country), int(not same_country)
    )
    result.misses = [m for m in result.misses if not m.startswith("location:")]
    if not same:
        result.misses.append(
            f"location: got {got['name']!r} ({got['country']}), "
            f"expected {want.get('name')!r} ({want.get('country')})"
        )


def extra_tallies(draft: dict[str, Any], gold: dict[str, Any], result: score.Score) -> None:
    """Place, speakers, (speaker, stance) pairs, quotes with their speaker, persons."""
    place_tallies(draft, gold, result)
    got_actors = draft.get("actors") or {}
    want_actors = {a["key"]: a for a in gold.get("actors", [])}
    mapping = score.align(got_actors, want_actors)
    speakers, pairs, quotes = _speaker_items(draft, mapping)
    stances = gold.get("stances") or []
    want_speakers = {s["speaker"] for s in stances if s.get("speaker")}
    want_pairs = {(s["speaker"], s["stance"]) for s in stances if s.get("speaker")}
    t = result.tallies
    t["speakers"], left = score._match(sorted(speakers), sorted(want_speakers), str.__eq__)
    result.misses += [f"speaker missed: {s}" for s in left]
    result.misses += [f"speaker extra: {s}" for s in sorted(speakers - want_speakers)]
    t["speaker_stance"], left = score._match(sorted(pairs), sorted(want_pairs), lambda a, b: a == b)
    result.misses += [f"speaker-stance missed: {p}" for p in left]
    result.misses += [f"speaker-stance extra: {p}" for p in sorted(pairs - want_pairs)]
    want_quotes = [(q["text"], q.get("speaker")) for q in gold.get("quotes") or []]
    t["quote_speaker"], left = score._match(
        quotes, want_quotes, lambda a, b: score._quote_ok(a[0], b[0]) and a[1] == b[1]
    )
    result.misses += [f"quote-speaker missed: {q[1]}: {q[0][:50]}" for q in left]
    persons = [k for k, a in got_actors.items() if a.get("kind") == "person"]
    want_persons = [k for k, a in want_actors.items() if a.get("kind") == "person"]
    found = [k for k in persons if k in mapping]
    t["persons"] = score.Tally(
        len(found), len(persons) - len(found), len(want_persons) - len(found)
    )
    result.misses += [
        f"person spurious: {got_actors[k]['name']}" for k in persons if k not in mapping
    ]


def missed_everything(gold: dict[str, Any]) -> score.Score:
    """The tallies of an article whose extraction failed: every expected item missed."""
    result = score.Score()
    t = result.tallies
    stances = gold.get("stances") or []
    counts = {
        "actors": len(gold.get("actors") or []),
        "sources": len(gold.get("sources") or []),
        "quotes": len(gold.get("quotes") or []),
        "figures": len(gold.get("figures") or []),
        "stances": len({(s.get("speaker"), s["outlet"], s["stance"]) for s in stances}),
        "countries": len(gold.get("countries") or []),
        "date": 1,
        "location": 1,
        "place_country": 1,
        "event_type": 1,
        "fatalities": 1 if "fatalities" in gold else 0,
        "speakers": len({s["speaker"] for s in stances if s.get("speaker")}),
        "speaker_stance": len({(s["speaker"], s["stance"]) for s in stances if s.get("speaker")}),
        "quote_speaker": len(gold.get("quotes") or []),
        "persons": sum(1 for a in gold.get("actors") or [] if a.get("kind") == "person"),
    }
    for kind, count in counts.items():
        t[kind] = score.Tally(0, 0, count)
    return result


def project(tmp: Path) -> Settings:
    """A copy of the project's outlet registry plus the corpus's outlets."""
    (tmp / "seeds" / "events").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    text = (ROOT / "seeds" / "outlets.yaml").read_text(encoding="utf-8")
    extra = (CORPUS / "outlets.yaml").read_text(encoding="utf-8")
    (tmp / "seeds" / "outlets.yaml").write_text(text + "\n" + extra, encoding="utf-8")
    return Settings(root=tmp)


def available(articles: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The articles whose saved text is there and unchanged, and what is wrong with others."""
    ready, problems = [], []
    for article in articles:
        path = TEXTS / f"{article['slug']}.txt"
        if not path.exists():
            problems.append(
                f"missing: {path.relative_to(ROOT)}: fetch it from the search tool's pages "
                f"corpus with the query {article['query']!r} (address {article['address']}) "
                "and save it in the format the manifest's header describes"
            )
        elif article.get("sha256") and sha256_file(path) != article["sha256"]:
            problems.append(
                f"changed: {path.relative_to(ROOT)}: sha256 differs from the manifest's; "
                "not the text the expectations were made from, skipped"
            )
        elif not article.get("split"):
            problems.append(f"unsealed: {article['slug']}: run with --seal first")
        else:
            ready.append(article)
    return ready, problems


def run_corpus(articles: list[dict[str, Any]], settings: Settings) -> list[Result]:
    outlets: dict[str, Outlet] = load_outlets(settings)[0]
    results = []
    warm = False
    for article in articles:
        path = TEXTS / f"{article['slug']}.txt"
        gold = yaml.safe_load((EXPECTED / f"{article['slug']}.yaml").read_text("utf-8"))
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        problems = expand_quotes(gold, body, article["slug"])
        result = Result(article["slug"], article["split"])
        result.score.misses += [f"expectation problem: {p}" for p in problems]
        if not warm:  # the first extraction loads the pipeline: not timed
            with contextlib.suppress(BriefingError, AssertionError):
                run.extract(path, settings)
            warm = True
        start = time.perf_counter()
        try:
            draft = score.plain(run.extract(path, settings).data)
        except (BriefingError, AssertionError) as exc:
            result.seconds = time.perf_counter() - start
            result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            result.score = missed_everything(gold)
            result.score.misses.append(f"extraction failed: {result.error}")
            results.append(result)
            continue
        result.seconds = time.perf_counter() - start
        scored = score.score(draft, gold, outlets)
        for kind in EXTRA_KINDS:
            scored.tallies[kind] = score.Tally()
        extra_tallies(draft, gold, scored)
        scored.misses = result.score.misses + scored.misses
        result.score = scored
        results.append(result)
    return results


# ---- output ---------------------------------------------------------------------------


def empty() -> score.Score:
    return score.Score(tallies={k: score.Tally() for k in KINDS})


def add(total: score.Score, other: score.Score) -> None:
    """score.Score.add over this script's kinds too."""
    for kind in KINDS:
        total.tallies[kind].add(other.tallies.get(kind, score.Tally()))
    total.misses.extend(other.misses)


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(groups: dict[str, score.Score], markdown: bool) -> str:
    names = list(groups)
    labels = [LABELS.get(n, n) for n in names]
    header = ["kind"] + [f"{n} P" for n in labels] + [f"{n} R" for n in labels]
    header.append("found:expected, extra")
    rows = []
    for kind in KINDS:
        tallies = [groups[n].tallies[kind] for n in names]
        cells = [fmt(t.precision) for t in tallies] + [fmt(t.recall) for t in tallies]
        counts = " / ".join(f"{t.tp}:{t.tp + t.fn}, {t.fp}" for t in tallies)
        rows.append([kind, *cells, counts])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    )


def miss_lines(results: list[Result]) -> list[str]:
    """The misses that may be shown: never those of the held-out set."""
    return [
        f"{result.slug}: {miss}"
        for result in results
        if result.split != HELD_OUT
        for miss in result.score.misses
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--misses", action="store_true", help=f"list misses (never those of {HELD_OUT})"
    )
    parser.add_argument(
        "--misses-heldout", action="store_true", help="the same as --misses (kept for old commands)"
    )
    parser.add_argument(
        "--heldout3",
        action="store_true",
        help=f"run the extractor on the held-out set ({HELD_OUT}) too: the final scoring only",
    )
    parser.add_argument("--only", action="append", metavar="SLUG", help="score these only")
    parser.add_argument("--seal", action="store_true", help="fill sha256 and split, then stop")
    args = parser.parse_args()
    if args.seal:
        seal()
        return
    articles = load_manifest()
    if args.only:
        articles = [a for a in articles if a["slug"] in args.only]
    held = [a["slug"] for a in articles if a.get("split") == HELD_OUT]
    if held and not args.heldout3:
        if args.only:
            sys.exit(
                f"{', '.join(held)}: in the held-out set ({HELD_OUT}), which is scored once at "
                "the end with --heldout3; leave it out of --only"
            )
        articles = [a for a in articles if a.get("split") != HELD_OUT]
    ready, problems = available(articles)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not ready:
        sys.exit("no article text to score: see the messages above")
    with tempfile.TemporaryDirectory() as tmp:
        results = run_corpus(ready, project(Path(tmp)))
    groups = {s: empty() for s in SPLITS}
    for result in results:
        add(groups[result.split], result.score)
    counts = {s: sum(1 for r in results if r.split == s) for s in SPLITS}
    failed = [r for r in results if r.error]
    not_run = "" if args.heldout3 else " (not run: --heldout3 is for the final scoring)"
    print(
        f"articles: {counts['dev']} dev, {counts['heldout']} heldout and "
        f"{counts['heldout2']} heldout2 (earlier held-out sets, development since), "
        f"{counts[HELD_OUT]} {HELD_OUT}{not_run}"
        f" ({len(problems)} skipped, {len(failed)} failed to extract)"
    )
    print(table(groups, args.markdown))
    timed = [r.seconds for r in results]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"speed: {sum(timed) / len(timed):.3f} s/article after load "
        f"(max {max(timed):.3f} s); peak memory {peak:.0f} MB"
    )
    for result in failed:  # a held-out article's error message may quote its text
        detail = "" if result.split == HELD_OUT else f": {result.error}"
        print(f"failed: {result.slug} ({result.split}){detail}")
    if args.misses or args.misses_heldout:
        for line in miss_lines(results):
            print(line)


if __name__ == "__main__":
    main()
