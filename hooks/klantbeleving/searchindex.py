"""The site's search index: Pagefind run over the built HTML.

Pagefind reads the finished pages, so the index does not depend on the engine that wrote them. What
it indexes is decided by the templates: only elements marked ``data-pagefind-body`` (letters,
editions, the book's chapters and pages, terms, authors), without the parts marked
``data-pagefind-ignore``; the page's type, writer, month and year come from ``data-pagefind-meta``
and ``data-pagefind-filter`` attributes. The language (Dutch stemming) follows ``<html lang="nl">``.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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
    problem when Pagefind is missing or fails.
    """
    folder = site_dir / SEARCH_DIR
    if folder.is_dir():
        shutil.rmtree(folder)
    try:
        # In a thread of its own, with its own event loop: the calling thread may run one already
        # (a notebook, a test that drives a browser), and asyncio.run refuses to nest.
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(asyncio.run, _index(site_dir, folder)).result()
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (ImportError, FileNotFoundError) as exc:
        return None, [Problem(str(site_dir), None, f"Pagefind ontbreekt (pip install 'pagefind[bin]'): {exc}")]
    except Exception as exc:  # noqa: BLE001 - the Pagefind service reports its failures as plain Exceptions
        return None, [Problem(str(site_dir), None, f"de zoekindex kon niet worden gemaakt: {exc}")]
    for name in UNUSED_UI_FILES:
        (folder / name).unlink(missing_ok=True)
    pages = sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())
    return SearchIndex(pages=pages, folder=folder), []


async def _index(site_dir: Path, folder: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex  # late: only a build that indexes needs it

    # Pagefind reads only below the root: the same index as from data-pagefind-body alone, with half the
    # work (it skips the navigation, about half of every page's bytes).
    config = IndexConfig(root_selector=f"[{BODY_ATTRIBUTE}]", output_path=str(folder))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir))
