"""Imports flow one way: the core's modules import each other without cycles, and only at the
top of a module (an import inside a function would hide a cycle)."""

from __future__ import annotations

import ast
import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from tests.sitekit import ROOT

HOOKS = ROOT / "hooks"
CORE = HOOKS / "klantbeleving"
MODULES = sorted(CORE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(HOOKS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def own_imports(path: Path, *, top_level: bool) -> set[str]:
    """The core modules ``path`` imports (at module level, or inside functions and classes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    nodes = tree.body if top_level else [n for top in tree.body if not isinstance(top, (ast.Import, ast.ImportFrom))
                                         for n in ast.walk(top)]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] == "klantbeleving":
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names if (CORE.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists())
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "klantbeleving")
    return found


def test_every_core_module_imports() -> None:
    for path in MODULES:
        importlib.import_module(module_name(path))


def test_the_core_has_no_import_cycles() -> None:
    names = {module_name(p) for p in MODULES}
    graph = {module_name(p): {m for m in own_imports(p, top_level=True) if m in names} - {module_name(p)} for p in MODULES}
    # A package's __init__ re-exports its modules: importing a submodule runs it, so it is no cycle.
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        pytest.fail(f"import cycle: {' → '.join(exc.args[1])}")
    assert set(order) == names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_imports_of_our_own_modules_inside_functions(path: Path) -> None:
    assert own_imports(path, top_level=False) == set()

