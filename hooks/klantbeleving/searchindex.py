"""The site's search index: Pagefind run over the built HTML.

Pagefind reads the finished pages, so the index does not depend on the engine that wrote them. What
it indexes is decided by the templates: only elements marked ``data-pagefind-body`` (letters,
editions, the book's chapters and pages, terms, authors), without the parts marked
``data-pagefind-ignore``; the page's type, writer, month and year come from ``data-pagefind-meta``
and ``data-pagefind-filter`` attributes. The language (Dutch stemming) follows ``<html lang="nl">``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from .problems import Problem

#: The attribute the templates put on the content of a page that is to be indexed.
BODY_ATTRIBUTE = "data-pagefind-body"

#: Where the search bundle goes, relative to the site folder (the search script loads it from there).
SEARCH_DIR = "pagefind"

#: Files Pagefind writes for its ready-made interfaces; the site has its own (kb-zoeken.js).
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


@dataclass(frozen=True)
class SearchIndex:
    """What indexing did: the pages in the index and where the bundle is."""

    pages: int
    folder: Path


def write_search_index(site_dir: Path) -> tuple[SearchIndex | None, list[Problem]]:
    """Index the HTML under ``site_dir`` with Pagefind and write the bundle to ``site_dir/pagefind``.

    A bundle left by an earlier build is removed first, so a page that is no longer published
    (a draft, an embargo) cannot linger in its fragments. Returns the result, or ``None`` and a
    problem when Pagefind is missing or fails. A site without a page to index gets no bundle.

    Pagefind runs as its command (the binary of the pinned ``pagefind-bin`` package, found as the
    ``pagefind`` package finds it), not through the package's service API: in 1.5.2 the service
    acknowledges the written files before they are flushed and the API then ends the process, so a
    file could be cut short (fixed upstream after 1.5.2, Pagefind #1272); the command finishes its
    writes before it exits.
    """
    folder = site_dir / SEARCH_DIR
    if folder.is_dir():
        shutil.rmtree(folder)
    if not any(BODY_ATTRIBUTE.encode() in page.read_bytes() for page in site_dir.rglob("*.html")):
        return SearchIndex(pages=0, folder=folder), []  # nothing to index (Pagefind would call that an error)
    binary = get_executable()
    if binary is None:
        return None, [Problem(str(site_dir), None, "Pagefind ontbreekt (pip install 'pagefind[bin]')")]
    # Pagefind reads only below the root: the same index as from data-pagefind-body alone, with half
    # the work (it skips the navigation, about half of every page's bytes).
    command = [str(binary), "--site", str(site_dir), "--output-path", str(folder),
               "--root-selector", f"[{BODY_ATTRIBUTE}]", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        return None, [Problem(str(site_dir), None, f"Pagefind ontbreekt of start niet: {exc}")]
    entry_file = folder / "pagefind-entry.json"
    if done.returncode != 0 or not entry_file.is_file():
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exitcode {done.returncode}"]
        return None, [Problem(str(site_dir), None, f"de zoekindex kon niet worden gemaakt: {reason[0]}")]
    for name in UNUSED_UI_FILES:
        (folder / name).unlink(missing_ok=True)
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    pages = sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())
    return SearchIndex(pages=pages, folder=folder), []
