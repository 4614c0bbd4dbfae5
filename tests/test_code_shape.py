"""The shape of the code: no import cycle among the generator's modules, and no module
longer than a reader can hold in mind (MAX_LINES).

Every import counts, wherever it is written: at the top, inside a function, or under
`if TYPE_CHECKING:` (a cycle hidden in a function or behind a type is still two modules
that cannot be understood one without the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT


def modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file of every module of a package (packages by their __init__)."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _known(name: str, names: dict[str, Path]) -> str | None:
    """The module that importing `name` runs: itself, or the nearest package above it."""
    while name and name not in names:
        name = name.rpartition(".")[0]
    return name or None


def imports(package: Path) -> dict[str, set[str]]:
    """Each module of package -> the modules of package it imports, anywhere in its code."""
    names = modules(package)
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                # `from a import b` runs a.b when b is a module, else a.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in names else base
                    for alias in node.names
                ]
            for target in targets:
                module = _known(target, names)
                if module is not None and module != name:
                    graph[name].add(module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or not (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group: list[str] = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def _described(graph: dict[str, set[str]], group: list[str]) -> str:
    return "; ".join(f"{m} imports {', '.join(sorted(graph[m] & set(group)))}" for m in group)


def test_no_import_cycle_among_the_generators_modules() -> None:
    graph = imports(PROJECT / "generator")
    assert "generator.load" in graph and "generator.blockyaml" in graph["generator.load"]
    found = cycles(graph)
    assert not found, "import cycles: " + " | ".join(_described(graph, g) for g in found)


def test_cycles_hidden_in_functions_type_checking_and_relative_imports_are_found(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.c import x\n"
    )
    (package / "sub" / "c.py").write_text("from .. import a\nx = 1\n")
    (package / "d.py").write_text("import pkg.a\n")  # imports into the cycle, not part of it
    graph = imports(package)
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.sub.c"]]
    (package / "sub" / "c.py").write_text("x = 1\n")
    assert cycles(imports(package)) == []


#: A module past this many lines usually holds two concerns (../shared/STYLE.md: "a file
#: that passes ~300 lines is usually two files"); split it along them.
MAX_LINES = 400
#: Modules allowed past MAX_LINES for now: each was being edited by another session when
#: the limit came in (issue 18). Split one, then delete it here; the list only shrinks.
LONG_FOR_NOW: set[str] = set()


def long_modules(package: Path, limit: int = MAX_LINES) -> dict[str, int]:
    """Each module of package (as a path relative to it) longer than limit -> its lines."""
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        lines = len(path.read_text("utf-8").splitlines())
        if lines > limit:
            found[path.relative_to(package).as_posix()] = lines
    return found


def test_every_generator_module_is_at_most_max_lines_long() -> None:
    package = PROJECT / "generator"
    assert all((package / name).is_file() for name in LONG_FOR_NOW), "renamed? update the list"
    long = {name: n for name, n in long_modules(package).items() if name not in LONG_FOR_NOW}
    assert not long, f"modules over {MAX_LINES} lines (split them by concern): {long}"


def test_long_modules_are_found_at_any_depth(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "short.py").write_text("x = 1\n" * 3)
    (package / "sub" / "long.py").write_text("x = 1\n" * 4)
    assert long_modules(package, limit=3) == {"sub/long.py": 4}
