"""The plugin refuses Markdown extensions that would give record text extra powers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main


@pytest.mark.parametrize("extension", ["md_in_html", "pymdownx.snippets"])
def test_unsafe_extension_is_refused(tmp_path: Path, extension: str) -> None:
    project = tmp_path / "archive"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(project)]).exit_code == 0
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("markdown_extensions:\n", f"markdown_extensions:\n  - {extension}\n"),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 1
    assert f"remove {extension} from markdown_extensions" in result.output
    assert not (project / "site").exists()
