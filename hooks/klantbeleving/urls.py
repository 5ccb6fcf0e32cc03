"""Links between pages of the built site, relative to the page they appear on."""

from __future__ import annotations


def root_of(page_url: str) -> str:
    """The way from the page at ``page_url`` up to the site root (``""``, ``"../"``, ``"../../"`` …):
    prefixed to a site-relative URL it gives a link that works from that page.
    (MkDocs' ``url`` filter gives a shorter form, ``../x/`` for ``../../brieven/x/``: the same target.)
    """
    return "../" * page_url.count("/")
