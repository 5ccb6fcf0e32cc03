"""Shared fixtures for all test layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from klantbeleving.load import load_authors
from klantbeleving.model import Author
from tests.sitekit import AUTHORS, CORPUS, ROOT


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (docs/ + mkdocs.yml), built strict once per session."""
    site = tmp_path_factory.mktemp("real-site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Author]:
    """The small site's author registry, read by the build's own loader."""
    docs = tmp_path_factory.mktemp("docs")
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    return load_authors(docs)[0]
