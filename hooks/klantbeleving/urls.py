"""Links between pages of the built site, relative to the page they appear on."""

from __future__ import annotations


def root_of(page_url: str) -> str:
    """The way from the page at ``page_url`` up to the site root (``""``, ``"../"``, ``"../../"`` …):
    prefixed to a site-relative URL it gives a link that works from that page.

    MkDocs' ``url`` filter would give the shortest form (``../x/`` instead of ``../../brieven/x/``),
    at the cost of splitting and comparing both paths for every link; the target is the same.
    """
    return "../" * page_url.count("/")
