"""Page views made with shared references (one ``Links`` per page depth) equal views made afresh."""

from __future__ import annotations

import posixpath

from klantbeleving.generate import render_generated_pages
from klantbeleving.load import load_site
from klantbeleving.views import Links, page_view
from klantbeleving.xref import build_index, collect_mentions
from tests.sitekit import ROOT


def test_shared_references_give_the_same_views_on_every_page_of_the_real_site() -> None:
    site, _ = load_site(ROOT / "docs")
    mentions = build_index(site, collect_mentions(site))
    pages = sorted({*site.sources, *(p.src for p in render_generated_pages(site, set(site.sources)))})

    def url_from(src: str):  # as the adapter: links up to the root, then down
        up = "../" * posixpath.dirname(src).count("/") if "/" in src else ""
        return lambda target: up + target.removesuffix(".md") + "/"

    shared: dict[str, Links] = {}
    made = 0
    for src in pages:
        up = url_from(src)
        depth = posixpath.dirname(src).count("/") if "/" in src else -1
        links = shared.setdefault(str(depth), Links(up))
        fresh = page_view(site, src, up, "https://example.org/" + src, mentions)
        again = page_view(site, src, links, "https://example.org/" + src, mentions)
        assert again == fresh, src
        made += fresh is not None
    assert made > 40  # letters, editions, chapters, terms, authors, browse pages
    assert any(links.letters for links in shared.values()) and any(links.terms for links in shared.values())
