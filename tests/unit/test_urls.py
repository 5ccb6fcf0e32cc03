"""Page-relative URLs: the same as MkDocs' own helper gives."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from klantbeleving.urls import relative_from

PAGES = ["", "index.html", "brieven/", "brieven/2025-12-proef/", "brieven/2025-12-proef/01-wim-rampen/",
         "begrippen/cx/", "auteurs/wim-rampen.html", "a/b/c.html", "404.html", "boek/deel-1/01-over-beleving/"]
TARGETS = ["", "brieven/", "brieven/2025-12-proef/", "brieven/2025-12-proef/02-rien-brus/", "brieven/2026-01-x/",
           "begrippen/cx/", "begrippen/cxm/", "auteurs/wim-rampen.html", "a/b/d.html", "a/x.html", "feed.xml", "boek/"]


@pytest.mark.parametrize("page", PAGES)
def test_relative_urls_match_mkdocs(page: str) -> None:
    relative = relative_from(page)
    assert [relative(t) for t in TARGETS] == [get_relative_url(t, page) for t in TARGETS]
