"""The CI workflows and pre-commit hooks call real commands with options that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _briefing_calls() -> list[tuple[str, list[str]]]:
    calls = []
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                run = re.sub(r"\$\{\{[^}]*\}\}", "X", step.get("run", ""))
                for command in re.split(r"&&|\|\||\n", run):
                    words = shlex.split(command.split(">")[0])
                    if words[:1] == ["briefing"]:
                        calls.append((path.name, words[1:]))
    for hooks in (ROOT / ".pre-commit-hooks.yaml", ROOT / ".pre-commit-config.yaml"):
        data = yaml.safe_load(hooks.read_text(encoding="utf-8"))
        entries = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
        for hook in entries:
            words = shlex.split(hook["entry"])
            if words[:1] == ["briefing"]:
                calls.append((hooks.name, words[1:]))
    return calls


CALLS = _briefing_calls()


def test_workflows_exist_for_pull_requests_and_main() -> None:
    triggers = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))[True] for p in WORKFLOWS}
    assert any("pull_request" in t for t in triggers.values())
    assert any("push" in t and t["push"]["branches"] == ["main"] for t in triggers.values())
    assert {"validate", "build", "diff"} <= {args[0] for _, args in CALLS}


@pytest.mark.parametrize(("source", "args"), CALLS, ids=[" ".join(a) for _, a in CALLS])
def test_each_briefing_call_parses(source: str, args: list[str]) -> None:
    command = main.get_command(click.Context(main), args[0])
    assert command is not None, f"{source}: unknown command {args[0]!r}"
    # make_context raises click.UsageError on an unknown option or a bad choice.
    command.make_context(args[0], list(args[1:]))
