"""How fast each YAML parser reads the records, with and without positions: the figures
that decide whether generator/blockyaml.py (the line reader) earns its place.

    .venv/bin/python benchmarks/yaml_parsers.py                 # seeds/events + 10,000 synthetic
    .venv/bin/python benchmarks/yaml_parsers.py --synthetic 1000 --rounds 5

CPU seconds per record (time.process_time, the best of --rounds rounds; each round runs
every parser once over every text, so that other work on the machine weighs on all
alike), on the real records (seeds/events) and on SYNTHETIC records made in memory by
benchmarks/synth.py (never written anywhere). "Same results" counts the texts and corner
cases on which a parser gives the loader's data, or leaves the text to the loader, or
refuses what the loader refuses (anchors, aliases, merge keys, duplicate keys, a second
document). rapidyaml is measured when installed (pip install rapidyaml==0.15.2): its
Python API gives no node positions, so "with positions" is reconstructed from the byte
offsets of its scalars, the cheapest way there is (numpy reads the addresses).
The last lines compare blockyaml with the fastest parser that gives the same results
(the decision: keep it only if it is at least 1.5x faster on the real records) and give
the share of a record's loading (parse + archive.parse_event) that parsing takes.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402
import yaml  # noqa: E402

from generator import blockyaml, compose, load  # noqa: E402
from generator.archive import parse_event  # noqa: E402

REFUSED = object()  # what a parser returns for a text it refuses or leaves to the loader

#: Texts where parsers differ; the loader's verdict (data or refusal) is the reference.
CORNERS = [
    "a: ~\nb: +1\nc: 064\nd: NO\ne: 2018-07-10\nf: 1.5e3\n",
    'a: "~"\nb: "1"\nc: \'true\'\n',
    "a: 1\na: 2\n",
    "a: &x 1\nb: *x\n",
    "base: {a: 1}\nother:\n  <<: {b: 2}\n",
    "a: 1\n---\nb: 2\n",
    "a: !!str 1\nb: !custom x\n",
    "list:\n- a\n- b: [x, 'y']\n",
]


@dataclass(frozen=True)
class Parser:
    name: str
    positions: str
    read: Callable[[str], Any]  # text -> data, REFUSED, or a raised exception
    data: bool = True  # False: its result is not plain data (no "same results")
    defers: bool = False  # True: REFUSED leaves the text to the located composer


def _blockyaml(text: str) -> Any:
    data = blockyaml.read(text)
    return REFUSED if data is None else data


def _fast_data(text: str) -> Any:
    try:
        return compose.fast_data(text)
    except compose.Unusual:
        return REFUSED


def _composer(text: str) -> Any:
    problems: list[Any] = []
    try:
        data = compose.Composer(text, "x.yaml", problems).document()
    except compose.Problem:
        return REFUSED
    return REFUSED if problems else data


def _pyyaml_load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _pyyaml_compose(text: str) -> Any:
    return yaml.compose(text, Loader=yaml.CSafeLoader)


def _typed(plain: str) -> Any:
    """The loader's typing of a plain scalar."""
    if plain in compose._PLAIN:
        return compose._PLAIN[plain]
    if plain[0] in blockyaml.NUMERIC:
        if blockyaml.INT.fullmatch(plain):
            return int(plain)
        if blockyaml.FLOAT.fullmatch(plain):
            return float(plain)
    return plain


def _rapidyaml_parsers() -> list[Parser]:
    try:
        import json

        import numpy
        import ryml
    except ImportError:
        return []
    none = ryml.NONE

    def node(tree: Any, at: int) -> Any:
        if tree.is_map(at):
            mapping: dict[str, Any] = {}
            child = tree.first_child(at)
            while child != none:
                mapping[bytes(tree.key(child)).decode()] = node(tree, child)
                child = tree.next_sibling(child)
            return mapping
        if tree.is_seq(at):
            items: list[Any] = []
            child = tree.first_child(at)
            while child != none:
                items.append(node(tree, child))
                child = tree.next_sibling(child)
            return items
        if tree.val_is_null(at):
            return None
        value = bytes(tree.val(at)).decode()
        return _typed(value) if tree.is_val_plain(at) else value

    def root(tree: Any) -> int:
        at = tree.root_id()
        return tree.first_child(at) if tree.is_stream(at) else at

    def tree_data(text: str) -> Any:
        tree = ryml.parse_in_arena(text.encode())
        return node(tree, root(tree))

    def json_data(text: str) -> Any:
        return json.loads(ryml.emit_json(ryml.parse_in_arena(text.encode())))

    def located(text: str) -> Any:
        """Data, and for each key and value the line and column of its first byte."""
        raw = bytearray(text.encode())
        tree = ryml.parse_in_place(raw)

        def address(view: Any) -> int:
            return int(numpy.frombuffer(view, dtype=numpy.uint8).__array_interface__["data"][0])

        base = address(raw)
        starts = [0] + [i + 1 for i, byte in enumerate(raw) if byte == 10]
        values: dict[tuple[Any, ...], tuple[int, int]] = {}
        keys: dict[tuple[Any, ...], tuple[int, int]] = {}

        def where(view: Any) -> tuple[int, int]:
            offset = address(view) - base
            line = bisect.bisect_right(starts, offset)
            return line, len(raw[starts[line - 1] : offset].decode("utf-8", "replace")) + 1

        def walk(at: int, loc: tuple[Any, ...]) -> tuple[Any, tuple[int, int]]:
            if tree.is_map(at) or tree.is_seq(at):
                first = (1, 1)
                mapping = tree.is_map(at)
                out: Any = {} if mapping else []
                child = tree.first_child(at)
                while child != none:
                    if mapping:
                        name = bytes(tree.key(child)).decode()
                        keys[(*loc, name)] = spot = where(tree.key(child))
                        out[name], _ = walk(child, (*loc, name))
                    else:
                        value, spot = walk(child, (*loc, len(out)))
                        out.append(value)
                    first = spot if first == (1, 1) else first
                    child = tree.next_sibling(child)
                values[loc] = first
                return out, first
            if tree.val_is_null(at):
                values[loc] = keys.get(loc, (1, 1))
                return None, values[loc]
            view = tree.val(at)
            values[loc] = spot = where(view)
            value = bytes(view).decode()
            return (_typed(value) if tree.is_val_plain(at) else value), spot

        return walk(root(tree), ())[0]

    return [
        Parser("rapidyaml tree -> data (node API)", "none", tree_data),
        Parser("rapidyaml tree -> JSON -> json.loads", "none", json_data),
        Parser("rapidyaml tree -> data, scalar offsets", "rebuilt from offsets", located),
    ]


def parsers() -> list[Parser]:
    return [
        Parser("blockyaml (the line reader)", "read again on error", _blockyaml, defers=True),
        Parser(
            "libyaml events -> data (compose.fast_data)",
            "read again on error",
            _fast_data,
            defers=True,
        ),
        Parser("libyaml events -> data (compose.Composer)", "every key and value", _composer),
        Parser("PyYAML CSafeLoader compose", "node marks", _pyyaml_compose, data=False),
        Parser("PyYAML CSafeLoader load", "none", _pyyaml_load),
        *_rapidyaml_parsers(),
    ]


def reference(text: str) -> Any:
    doc, problems = load.load_text(text, "x.yaml")
    return doc.data if doc is not None and not problems else REFUSED


def same_results(parser: Parser, texts: list[str]) -> str:
    """How many texts the parser reads as the loader does (or leaves to it)."""
    if not parser.data:
        return "n/a"
    agree = 0
    for text in texts:
        expected = reference(text)
        try:
            got = parser.read(text)
        except Exception:  # a parser's own refusal
            got = REFUSED
        agree += (got is REFUSED and parser.defers) or got == expected
    return f"{agree}/{len(texts)}"


def best_times(chosen: list[Parser], texts: list[str], rounds: int) -> dict[str, float]:
    """CPU milliseconds per text, the best of rounds."""
    best = {parser.name: float("inf") for parser in chosen}
    for _ in range(rounds):
        for parser in chosen:
            start = time.process_time()
            for text in texts:
                with contextlib.suppress(Exception):  # failures show in "same results"
                    parser.read(text)
            spent = (time.process_time() - start) * 1000 / len(texts)
            best[parser.name] = min(best[parser.name], spent)
    return best


def model_time(texts: list[str], rounds: int) -> float:
    """CPU milliseconds per record of archive.parse_event (the model) on parsed data."""
    docs = [load.Document("x.yaml", blockyaml.read(text)) for text in texts]
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc in docs:
            parse_event(doc)
        best = min(best, (time.process_time() - start) * 1000 / len(docs))
    return best


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--synthetic", type=int, default=10_000, help="synthetic records")
    options.add_argument("--rounds", type=int, default=3, help="best of this many rounds")
    args = options.parse_args(argv)
    real = [
        p.read_text("utf-8") for p in sorted((HERE.parent / "seeds" / "events").rglob("*.yaml"))
    ]
    synthetic = [synth.HEADER + synth.to_yaml(synth.record(i)[1]) for i in range(args.synthetic)]
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"real: {len(real)} records, {sum(map(len, real)) // len(real):,} characters each")
    print(
        f"synthetic: {len(synthetic):,} records, "
        f"{sum(map(len, synthetic)) // len(synthetic):,} characters each"
    )
    chosen = parsers()
    if not any(p.name.startswith("rapidyaml") for p in chosen):
        print("rapidyaml is not installed: pip install rapidyaml==0.15.2 to compare it")
    checked = real + synthetic[:200] + CORNERS
    on_real = best_times(chosen, real, args.rounds * 10)  # few records: more rounds
    on_synthetic = best_times(chosen, synthetic, args.rounds)
    same = {parser.name: same_results(parser, checked) for parser in chosen}
    line = "{:44} {:21} {:>9} {:>9} {:>9} {:>12}"
    print(line.format("parser", "positions", "same", "real ms", "synth ms", "vs blockyaml"))
    base = chosen[0].name
    for parser in chosen:
        ratio = on_real[parser.name] / on_real[base]
        print(
            line.format(
                parser.name,
                parser.positions,
                same[parser.name],
                f"{on_real[parser.name]:.3f}",
                f"{on_synthetic[parser.name]:.3f}",
                f"{ratio:.2f}x",
            )
        )
    exact = [p for p in chosen[1:] if same[p.name] == f"{len(checked)}/{len(checked)}"]
    rival = min(exact, key=lambda p: on_real[p.name])
    print(
        f"blockyaml against the fastest parser with the same results ({rival.name}): "
        f"{on_real[rival.name] / on_real[base]:.2f}x faster on real records, "
        f"{on_synthetic[rival.name] / on_synthetic[base]:.2f}x on synthetic ones"
    )
    model = model_time(synthetic[:2000], args.rounds)
    parse = on_synthetic[base]
    print(
        f"a synthetic record's load: parse {parse:.3f} ms + model {model:.3f} ms; parsing is "
        f"{parse / (parse + model):.0%} of it with blockyaml, "
        f"{on_synthetic[rival.name] / (on_synthetic[rival.name] + model):.0%} with {rival.name}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
