"""Page-relative URLs: from any page, root-relative links reach the page MkDocs' own helper links to."""

from __future__ import annotations

import posixpath

import pytest
from mkdocs.utils import get_relative_url

from klantbeleving.urls import root_of

PAGES = ["", "index.html", "brieven/", "brieven/2025-12-proef/", "brieven/2025-12-proef/01-wim-rampen/",
         "begrippen/cx/", "auteurs/wim-rampen.html", "a/b/c.html", "404.html", "boek/deel-1/01-over-beleving/"]
TARGETS = ["", "brieven/", "brieven/2025-12-proef/", "brieven/2025-12-proef/02-rien-brus/", "brieven/2026-01-x/",
           "begrippen/cx/", "begrippen/cxm/", "auteurs/wim-rampen.html", "a/b/d.html", "a/x.html", "feed.xml", "boek/"]


def resolve(page: str, href: str) -> str:
    """Where a relative ``href`` on the page at site URL ``page`` leads (as a browser resolves it)."""
    folder = "/" + page if page.endswith("/") or not page else posixpath.dirname("/" + page)
    return posixpath.normpath(posixpath.join(folder, href))


@pytest.mark.parametrize("page", PAGES)
def test_root_relative_links_reach_the_page_mkdocs_links_to(page: str) -> None:
    for target in TARGETS:
        assert resolve(page, root_of(page) + target) == resolve(page, get_relative_url(target, page)), (page, target)
