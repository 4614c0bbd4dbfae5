"""Installing the project is quiet: the resolver's view of the installed dependencies.

jusText (trafilatura's) asks for `lxml[html_clean]`, and lxml declares the extra under its
PEP 685 name `html-clean`. pip before 23.3 compares the two spellings as they are written,
warns on every install that "lxml does not provide the extra 'html_clean'" and skips the
extra's lxml_html_clean (which pyproject.toml therefore requires directly). No version of
jusText, trafilatura or lxml avoids it, so the fix is a current pip in the virtual
environment: `python3.11 -m venv --upgrade-deps .venv`.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import distribution

from packaging.requirements import Requirement

PROJECT = "briefing-generator"


def _dependencies() -> list[str]:
    """The project's requirements as pip would resolve them, without the ones fetched from
    an address (their wheels are installed; resolving them again would download them)."""
    out = []
    for line in distribution(PROJECT).requires or []:
        requirement = Requirement(line)
        if requirement.url is None and (
            requirement.marker is None or requirement.marker.evaluate({"extra": ""})
        ):
            out.append(str(requirement))
    return out


def test_resolving_the_installed_dependencies_warns_of_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", *_dependencies()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "does not provide the extra" in line]
    assert not warnings, (
        f"{warnings}: this pip does not match extras by their normalised names; create the "
        "virtual environment with: python3.11 -m venv --upgrade-deps .venv"
    )
