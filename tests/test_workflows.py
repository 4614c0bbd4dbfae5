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


# --- Least privilege (issue 14, item 10): the workflows as an attacker's pull request meets them.

SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
#: Steps whose commands run code that a pull request can change.
PROJECT_CODE = re.compile(r"\b(pip install|briefing|mkdocs|python|pytest)\b")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _jobs() -> list[tuple[str, str, dict, dict]]:
    """(file, job name, job, workflow) for every job of every workflow."""
    return [
        (path.name, name, job, data)
        for path in WORKFLOWS
        for data in [_load(path)]
        for name, job in data["jobs"].items()
    ]


JOBS = _jobs()
JOB_IDS = [f"{f}:{n}" for f, n, _, _ in JOBS]


def _writes(job: dict, workflow: dict) -> set[str]:
    granted = job.get("permissions", workflow.get("permissions"))
    if granted is None or isinstance(granted, str):  # absent: the repository's default
        return {"(default token)"} if granted != "read-all" else set()
    return {scope for scope, level in granted.items() if level == "write"}


def _runs_project_code(job: dict) -> bool:
    return any(PROJECT_CODE.search(step.get("run", "")) for step in job.get("steps", []))


def test_default_permissions_are_none() -> None:
    for path in WORKFLOWS:
        assert _load(path).get("permissions") == {}, f"{path.name}: set permissions: {{}}"


@pytest.mark.parametrize(("source", "name", "job", "workflow"), JOBS, ids=JOB_IDS)
def test_every_job_has_a_time_limit(source: str, name: str, job: dict, workflow: dict) -> None:
    assert 0 < int(job.get("timeout-minutes", 0)) <= 60, f"{source}:{name}: no timeout-minutes"


@pytest.mark.parametrize(("source", "name", "job", "workflow"), JOBS, ids=JOB_IDS)
def test_actions_are_pinned_by_commit(source: str, name: str, job: dict, workflow: dict) -> None:
    uses = [job["uses"]] if "uses" in job else []
    uses += [step["uses"] for step in job.get("steps", []) if "uses" in step]
    unpinned = [u for u in uses if not u.startswith("./") and not SHA.match(u)]
    assert not unpinned, f"{source}:{name}: pin by commit SHA: {unpinned}"


@pytest.mark.parametrize(("source", "name", "job", "workflow"), JOBS, ids=JOB_IDS)
def test_checkout_keeps_no_credentials(source: str, name: str, job: dict, workflow: dict) -> None:
    for step in job.get("steps", []):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{source}:{name}"


@pytest.mark.parametrize(("source", "name", "job", "workflow"), JOBS, ids=JOB_IDS)
def test_no_expression_inside_run(source: str, name: str, job: dict, workflow: dict) -> None:
    for step in job.get("steps", []):
        assert "${{" not in step.get("run", ""), f"{source}:{name}: pass it through env:"


@pytest.mark.parametrize(("source", "name", "job", "workflow"), JOBS, ids=JOB_IDS)
def test_code_of_a_pull_request_runs_without_write_token(
    source: str, name: str, job: dict, workflow: dict
) -> None:
    triggers = workflow[True]
    assert "pull_request_target" not in triggers, f"{source}: pull_request_target runs with secrets"
    if not _runs_project_code(job):
        return
    if "workflow_run" in triggers:
        # Runs the default branch's code: its checkouts must not switch to the pull request.
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert not {"ref", "repository"} & set(step.get("with", {})), f"{source}:{name}"
        return
    assert not _writes(job, workflow), f"{source}:{name} runs project code with a write token"


def test_pull_request_comment_is_posted_by_a_separate_workflow_run() -> None:
    by_name = {_load(p)["name"]: _load(p) for p in WORKFLOWS}
    checks = [w for w in by_name.values() if "pull_request" in w[True]]
    assert checks, "no pull_request workflow"
    for check in checks:
        text = yaml.safe_dump(check)
        assert "gh pr comment" not in text
        followers = [
            w
            for w in by_name.values()
            if check["name"] in (w[True].get("workflow_run") or {}).get("workflows", [])
        ]
        assert followers, f"no workflow_run workflow follows {check['name']!r}"
        assert any("gh pr comment" in yaml.safe_dump(w) for w in followers)
