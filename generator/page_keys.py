"""Stage 6, site: the keys under which the page store keeps a page's conversion and its
rendered HTML: digests of everything the result depends on. Reads MkDocs' configuration,
files, theme and navigation; changes none of them, never prints.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

_VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "comrak")


def digest(*parts: object) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "replace"))
        found.update(b"\x00")
    return found.hexdigest()


def versions() -> str:
    found = []
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{name}={metadata.version(name)}")
    return ",".join(found)


def _plain(value: Any) -> Any:
    """A JSON-able copy of a configuration value; objects by their type and fields."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Path):
        return str(value)
    fields = getattr(value, "__dict__", None)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if isinstance(fields, dict):
        return {kind: {k: _plain(v) for k, v in sorted(fields.items()) if not k.startswith("_")}}
    return kind


def files_key(files: Files) -> str:
    """What links resolve against: every file of the site and where it goes."""
    return digest(*(f"{f.src_uri}>{f.dest_uri}>{f.url}>{f.inclusion}" for f in files))


def theme_key(config: MkDocsConfig) -> str:
    """The theme's files by path, size and date (a changed template renders pages anew)."""
    parts = [repr(_plain(dict(config.theme)))]
    for folder in config.theme.dirs:
        for base, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(base, name)
                with contextlib.suppress(OSError):
                    stat = os.stat(path)
                    parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


#: Files of a theme that can be templates, and what a template would name to print the
#: build's date: MkDocs gives every page `build_date_utc`, and `page.update_date` is it.
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2", ".txt", ".md")
_BUILD_DATE = ("build_date_utc", "update_date")


def reads_build_date(config: MkDocsConfig, theme: str) -> bool:
    """Whether the theme's templates (overrides included) may print the build's date.

    Material's do not: then a page's HTML does not depend on the date, and a build after a
    new commit (SOURCE_DATE_EPOCH is the last commit's date) reuses every unchanged page.
    The templates MkDocs renders on their own (sitemap.xml, 404.html) make no page.
    Read once per state of the theme's files (theme: their theme_key).
    """
    found = _DATED.get(theme)
    if found is None:
        found = _DATED[theme] = _scan_for_build_date(config)
    return found


_DATED: dict[str, bool] = {}


def _scan_for_build_date(config: MkDocsConfig) -> bool:
    alone = set(config.theme.static_templates)
    for folder in config.theme.dirs:
        for base, _, names in os.walk(folder):
            for name in names:
                if Path(base, name).relative_to(folder).as_posix() in alone:
                    continue
                if name.endswith(_TEMPLATE_SUFFIXES) or "." not in name:
                    with contextlib.suppress(OSError):
                        text = Path(base, name).read_text(encoding="utf-8", errors="replace")
                        if any(word in text for word in _BUILD_DATE):
                            return True
    return False


def nav_key(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        yield f"{type(item).__name__}:{item.title}:{getattr(item, 'url', '')}"
        children = getattr(item, "children", None)
        if children:
            yield "("
            yield from nav_key(children)
            yield ")"


def config_key(config: MkDocsConfig) -> str:
    plugins = {name: _plain(dict(p.config)) for name, p in config.plugins.items()}
    names = [
        *("site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name"),
        *("edit_uri", "copyright", "extra", "extra_css", "extra_javascript"),
        *("use_directory_urls", "markdown_extensions", "mdx_configs", "validation", "docs_dir"),
    ]
    chosen = {name: _plain(config.get(name)) for name in names}
    return digest(json.dumps([chosen, plugins], sort_keys=True, default=repr))
