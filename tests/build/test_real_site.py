"""Smoke test: the real mkdocs.yml builds strict, as a subprocess, with zero warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sitekit import ROOT


def test_real_site_builds_strict_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith(("WARNING", "ERROR"))]
    assert warnings == []
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "search" / "search_index.json").exists()


def test_check_command_is_clean_on_the_real_docs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "klantbeleving.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
