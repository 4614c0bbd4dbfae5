"""The corpus scorer's splits: the second held-out set stays out of the rule and the misses."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_corpus  # noqa: E402


def _article(slug: str, split: str | None = None) -> dict[str, str]:
    article = {"slug": slug, "address": f"https://example.org/{slug}"}
    if split:
        article["split"] = split
    return article


def test_the_rule_splits_the_first_corpus_only() -> None:
    first = [_article(f"a{i}", "dev") for i in range(3)]
    second = [_article(f"b{i}", "heldout2") for i in range(3)]
    third = [_article(f"c{i}", "heldout3") for i in range(3)]
    splits = extract_corpus.split_by_rule(first + second + third)
    assert set(splits) == {a["slug"] for a in first}
    lowest = min(first, key=lambda a: hashlib.sha256(a["address"].encode()).hexdigest())
    assert [s for s, v in splits.items() if v == "heldout"] == [lowest["slug"]]


def test_misses_of_the_held_out_set_are_never_listed() -> None:
    results = []
    for slug, split in (("d", "dev"), ("h", "heldout"), ("g", "heldout2"), ("x", "heldout3")):
        result = extract_corpus.Result(slug, split)
        result.score.misses.append(f"speaker missed: {slug}_speaker")
        results.append(result)
    lines = extract_corpus.miss_lines(results)
    assert lines == [
        "d: speaker missed: d_speaker",
        "h: speaker missed: h_speaker",
        "g: speaker missed: g_speaker",
    ]
