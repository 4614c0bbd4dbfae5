"""Stage 6, site: the briefing plugin's options (mkdocs.yml) and the project settings read
from MkDocs' configuration; checks and adjusts that configuration (extensions, search).
Imports MkDocs' config types only; never builds, never prints.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator import search as pagefind
from generator.config import About, Settings

log = logging.getLogger("mkdocs.plugins.briefing")


#: Extensions that would let record text include files or raw HTML blocks.
UNSAFE_EXTENSIONS = {"md_in_html", "pymdownx.snippets", "markdown.extensions.md_in_html"}


def extension_names(extensions: list[Any]) -> list[str]:
    return [e if isinstance(e, str) else type(e).__module__ for e in extensions]


#: A reader's way to write: a web address or a mail address.
_ADDRESS = re.compile(r"https?://[^\s<>\"]+|mailto:[^\s<>\"@]+@[^\s<>\"@]+")


class _Address(base.BaseConfigOption[str]):
    """An http(s) or mailto: address, as written (the About page links to it)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _ADDRESS.fullmatch(value):
            raise ValidationError(
                f"expected an http(s) or mailto: address, such as "
                f"https://example.org/contact or mailto:desk@example.org; found {value!r}"
            )
        return value


class AboutConfig(base.Config):
    """The About page: who publishes, how to reach them, how corrections are made."""

    publisher = c.Optional(c.Type(str))
    contact = c.Optional(_Address())
    corrections = c.Optional(c.Type(str))


class BriefingConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Search backend: the theme's own (small archives, works from file://), Pagefind
    #: (large archives), or auto: Pagefind once Material's index would pass
    #: search_auto_limit bytes (estimated from the records before the build).
    search = c.Choice(pagefind.BACKENDS, default="auto")
    search_auto_limit = c.Type(int, default=pagefind.AUTO_LIMIT)
    #: Reuse validated records and rendered briefs between builds (see cache.py).
    cache = c.Type(bool, default=True)
    #: Processes converting and rendering pages in `build`: 0 uses every core once the
    #: site has enough pages to gain from it; 1 leaves the work to MkDocs' own loop.
    jobs = c.Type(int, default=0)
    #: Publish records/<id>.yaml with the analysts' YAML comments (off: comments dropped).
    record_comments = c.Type(bool, default=False)
    #: Publisher, contact and corrections policy, shown on the About page.
    about = c.SubConfig(AboutConfig)


def settings_for(config: MkDocsConfig) -> Settings:
    root = Path(config.config_file_path).parent
    return Settings(
        root=root,
        repo_url=config.repo_url or None,
        edit_uri=config.edit_uri or "edit/main/",
        site_name=config.site_name,
        site_url=config.site_url or None,
        use_directory_urls=config.use_directory_urls,
        about=_about(config),
    )


def _about(config: MkDocsConfig) -> About:
    """The briefing plugin's about options (validated by MkDocs), as settings."""
    options = getattr(config.plugins.get("briefing"), "config", None)
    if not isinstance(options, BriefingConfig):  # not the briefing plugin
        return About()
    about = options.about
    return About(about.publisher, about.contact, about.corrections)


def default_source_date_epoch(root: Path) -> None:
    """Reproducible output: when unset, date the build by the last commit, not the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        stamp = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


def offline(config: MkDocsConfig) -> bool:
    """Material's offline plugin is on: the site is for file://."""
    return any(
        type(p).__name__ == "OfflinePlugin" and p.config.get("enabled", True)
        for p in config.plugins.values()
    )


def theme_search(config: MkDocsConfig, backend: str, setting: str) -> None:
    """Pagefind replaces the theme's search: Material's search plugin, when mkdocs.yml
    lists it (the default mkdocs.yml does), is turned off for this build; its header box
    and index go with it. A search plugin that cannot be turned off is refused."""
    listed = [p for name, p in config.plugins.items() if name.split("/")[-1] == "search"]
    if backend == "pagefind":
        for plugin in listed:
            if "enabled" not in plugin.config:
                raise PluginError(
                    "briefing: search is pagefind, so remove the theme's 'search' plugin "
                    "from plugins in mkdocs.yml (or set the briefing plugin's search: material)"
                )
            plugin.config["enabled"] = False
    elif setting == "auto" and not listed:
        log.warning(
            "briefing: search: material, but mkdocs.yml lists no 'search' plugin, so the site "
            "has no search: add '- search' to plugins (or set the briefing plugin's search: "
            "material to go without)"
        )
