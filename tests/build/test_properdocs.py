"""Longevity: the same sources build strict under ProperDocs (the maintained MkDocs fork) too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sitekit import ROOT


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_properdocs_builds_the_same_pages(real_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert [ln for ln in result.stderr.splitlines() if ln.startswith(("WARNING", "ERROR"))] == []
    assert pages(out) == pages(real_site)
    assert (out / "feed.xml").exists() and (out / "brieven.cmif.xml").exists()
