"""Stage 6, site: `briefing serve`, MkDocs' live preview with the briefing plugin, which
chooses its kind of rebuild. Never prints (MkDocs logs where it serves).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator import handover
from generator import search as pagefind
from generator.archive import load_archive
from generator.cache import Cache
from generator.errors import BriefingError
from generator.site import BriefingPlugin
from generator.site_config import offline


def serves_pagefind(config: MkDocsConfig, plugin: BriefingPlugin) -> bool:
    """Whether a preview's builds index with Pagefind. With auto, the records decide:
    they are validated here and handed to the first build (which then makes the same
    choice); records that do not validate start a preview with Material's search."""
    setting = plugin.config.search
    if setting != "auto" or not plugin.config.enabled:
        return setting == "pagefind"
    settings = plugin.settings_of(config)
    cache_ = Cache(settings.root) if plugin.config.cache else None
    try:
        archive = load_archive(settings, cache=cache_)
    except BriefingError:
        return False
    if cache_ is not None:
        cache_.records.save()
    handover.hand_over(settings.root, archive)
    limit = plugin.config.search_auto_limit
    choice = pagefind.choose(setting, archive.published, limit, offline=offline(config))
    return choice.backend == "pagefind"


def serve(root: Path, dev_addr: str | None = None, open_browser: bool = False) -> None:
    """Live preview. With Pagefind, rebuilds are MkDocs' dirty builds: only pages whose
    Markdown changed are built again (the writer leaves unchanged briefs untouched)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config

    # MkDocs' own command line sets up its log output; without it a preview would never
    # say where it serves or when a rebuild is done.
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins.get("briefing")
    dirty = isinstance(plugin, BriefingPlugin) and serves_pagefind(config, plugin)
    mkdocs_serve(
        config_file=str(root / "mkdocs.yml"),
        dev_addr=dev_addr,
        open_in_browser=open_browser,
        build_type="dirty" if dirty else None,
    )
