"""MkDocs hook of the manual: the pictures of docs/images/ served as images/.

They live outside the pages folder because the README shows them too (a GitHub README
cannot reach into a MkDocs build); pages link to them as `images/<name>`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

IMAGES = Path(__file__).resolve().parents[1] / "images"


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    for image in sorted(IMAGES.iterdir()):
        if image.is_file() and not image.name.startswith("."):
            files.append(File.generated(config, f"images/{image.name}", abs_src_path=str(image)))
    return files
