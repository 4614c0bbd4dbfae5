"""Stage 4, render: what a template depends on (the templates it imports or includes, the
variables it reads), so that a page made from it is reused only while those are unchanged.
Parses templates; never renders one.
"""

from __future__ import annotations

import jinja2
from jinja2 import meta

from generator.cache import digest
from generator.cache import fingerprint as cache_fingerprint


def _template_names(env: jinja2.Environment, name: str, seen: set[str]) -> set[str]:
    """The template and every template it imports or includes, recursively."""
    if name in seen:
        return seen
    seen.add(name)
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    for child in _read(env, source)[0]:
        _template_names(env, child, seen)
    return seen


#: Template source -> the templates it names and the variables it reads, parsed once.
_READ: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}


def _read(env: jinja2.Environment, source: str) -> tuple[tuple[str, ...], frozenset[str]]:
    found = _READ.get(source)
    if found is None:
        tree = env.parse(source)
        children = tuple(c for c in meta.find_referenced_templates(tree) if c is not None)
        found = _READ[source] = (children, frozenset(meta.find_undeclared_variables(tree)))
    return found


def is_local(
    env: jinja2.Environment,
    template: str = "brief.md.j2",
    wide: frozenset[str] = frozenset({"archive", "index"}),
) -> bool:
    """Whether a template (with its imports) reads none of the wide variables (the whole
    archive): then its pages can be reused while the context it is given is unchanged."""
    try:
        names = _template_names(env, template, set())
        assert env.loader is not None
        used: set[str] = set()
        for name in names:
            used |= _read(env, env.loader.get_source(env, name)[0])[1]
    except jinja2.TemplateError:
        return False  # reported when the page is rendered
    return not used & wide


def templates_digest(env: jinja2.Environment, template: str = "brief.md.j2") -> str:
    """Hash of a template and what it imports, as this project resolves them."""
    assert env.loader is not None
    parts = [cache_fingerprint()]
    for name in sorted(_template_names(env, template, set())):
        parts += [name, env.loader.get_source(env, name)[0]]
    return digest(*parts)
