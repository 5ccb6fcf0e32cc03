"""Links between pages of the built site, relative to the page they appear on."""

from __future__ import annotations

from collections.abc import Callable


def _parts(url: str) -> list[str]:
    if not url:
        return []
    parts = url.split("/")
    if "" in parts or "." in parts:
        parts = [part for part in parts if part and part != "."]
    return parts


def relative_from(page_url: str) -> Callable[[str], str]:
    """A function that gives a site-relative URL as seen from the page at ``page_url``.

    The same result as MkDocs' ``get_relative_url(url, page_url)`` for the clean URLs MkDocs
    gives pages (no ``..``), with the page's own folder worked out once: a letter page links to
    some twenty other pages, a term page to thousands.
    """
    folder, _, name = page_url.rpartition("/")
    base = _parts(folder if "." in name else page_url)
    depth = len(base)

    def relative(url: str) -> str:
        parts = _parts(url)
        common = 0
        for a, b in zip(base, parts, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (depth - common) + parts[common:]) or "."
        return rel + "/" if url.endswith("/") else rel

    return relative
