"""Stage 6, site: `briefing build`'s site, built by MkDocs into a staging folder and swapped
in atomically only after a successful --strict build; old sites removed. Never prints.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

from generator import handover, ownership
from generator import search as pagefind
from generator.errors import BriefingError
from generator.progress import Report
from generator.site import BriefingPlugin


def build_site(
    root: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    offline: bool = False,
    progress: Report | None = None,
) -> pagefind.Choice | None:
    """Build into a temporary folder beside site_dir; swap it in only on success.

    offline: turn on Material's offline plugin (listed in mkdocs.yml, off by default) for
    a site read from file://, with pages at events/<id>.html instead of events/<id>/.
    Returns the search backend that `search: auto` chose and why (None: not auto).
    progress hears each stage (validation, briefs, pages, search) as it goes.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    ownership.claim(site_dir, ownership.SITE, root, "site")  # before anything is touched
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    ownership.mark(staging, ownership.SITE)  # MkDocs keeps hidden files when it cleans
    # MkDocs logs the reasons of a failed build (plugin errors, strict-mode warnings) and
    # raises only "Aborted ..."; keep the reasons so the caller can show them.
    reasons = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(reasons)
    try:
        config = load_config(
            config_file=str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict
        )
        if offline:
            _enable_offline(config)
        config.plugins.on_startup(command="build", dirty=False)
        plugin = config.plugins.get("briefing")
        if isinstance(plugin, BriefingPlugin):
            plugin.progress = progress
        try:
            build(config)
        finally:
            handover.take(root)
            config.plugins.on_shutdown()
    except (Abort, PluginError, BriefingError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        details = "".join(f"\n{m}" for m in reasons.messages if m != str(error))
        raise BriefingError(
            f"the site was not built, the previous one is unchanged: {error}{details}"
        ) from None
    except Exception as error:  # a crash in a theme, hook or plugin: still keep the old site
        shutil.rmtree(staging, ignore_errors=True)
        raise BriefingError(
            f"the site was not built, the previous one is unchanged: "
            f"{type(error).__name__}: {error}"
        ) from error
    except BaseException:  # interrupted: clean up and stop
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(reasons)
    _swap(staging, site_dir)
    if isinstance(plugin, BriefingPlugin) and plugin.config.search == "auto":
        return plugin.choice
    return None


def _enable_offline(config: MkDocsConfig) -> None:
    found = [p for p in config.plugins.values() if type(p).__name__ == "OfflinePlugin"]
    if not found:
        raise BriefingError(
            "--offline needs Material's offline plugin in mkdocs.yml; add to plugins:\n"
            "  - offline:\n      enabled: !ENV [BRIEFING_OFFLINE, false]"
        )
    for plugin in found:
        plugin.config["enabled"] = True


class _Collect(logging.Handler):
    """Keeps the text of MkDocs' warnings and errors during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _swap(staging: Path, site_dir: Path) -> None:
    """Put staging in site_dir's place; with renameat2 the exchange is one atomic step."""
    if site_dir.exists() and _exchange(staging, site_dir):
        _discard(staging)  # staging now holds the previous site
        return
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old is not None:
        _discard(old)


#: A previous site with more briefs than this is deleted in the background: removing
#: 40,000 files took 20 s here, and the new site is already in place.
BACKGROUND_REMOVAL = 2000


def _discard(old_site: Path) -> subprocess.Popen[bytes] | None:
    """Delete a replaced site: here when small, else by a detached process, returned (an
    interrupted or unfinished removal is taken up by the next build: _remove_leftovers)."""
    try:
        large = sum(1 for _ in os.scandir(old_site / "events")) > BACKGROUND_REMOVAL
    except OSError:
        large = False
    if large:
        with contextlib.suppress(OSError):
            return subprocess.Popen(
                [sys.executable, "-c", _REMOVE, str(old_site)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
    shutil.rmtree(old_site, ignore_errors=True)
    return None


_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _remove_leftovers(site_dir: Path) -> list[subprocess.Popen[bytes]]:
    """Staging folders of builds that were killed before they could clean up, and
    previous sites whose removal has not finished (a build right after a large one found
    its predecessor still there and spent 8 s removing it): large ones in the background,
    like any replaced site; returns the removing processes."""
    removers = []
    for pattern in (f".{site_dir.name}.new-*", f".{site_dir.name}.old-*"):
        for leftover in site_dir.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                remover = _discard(leftover)
                if remover is not None:
                    removers.append(remover)
    return removers
