"""The core package must never import mkdocs (it is engine-neutral)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import ROOT

CORE = ROOT / "hooks" / "klantbeleving"
MODULES = sorted(CORE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(CORE).as_posix())
def test_core_module_does_not_import_mkdocs(module: Path) -> None:
    assert "mkdocs" not in imported_roots(module)


def test_scanner_sees_an_mkdocs_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from mkdocs.plugins import event_priority\n")
    assert "mkdocs" in imported_roots(bad)


def test_importing_every_core_module_loads_no_mkdocs() -> None:
    names = [
        "klantbeleving." + p.relative_to(CORE).with_suffix("").as_posix().replace("/", ".")
        for p in MODULES
        if p.name != "__init__.py"
    ]
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({n!r})\n" for n in names)
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_test_layer_is_collected_by_make_test() -> None:
    """pytest skips folders named "build" unless told otherwise: make sure `pytest tests` sees all layers."""
    import subprocess
    import sys

    from tests.sitekit import ROOT

    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300).stdout
    layers = {line.split("/")[1] for line in out.splitlines() if line.startswith("tests/") and "::" in line}
    assert {"unit", "build", "browser"} <= layers, layers
