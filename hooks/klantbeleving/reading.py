"""Reading orders: the one way forward through the book and through the correspondence.

Each collection has one chain, and a page in a chain gets one pager (previous/next) whose links
the page's ``<head>`` repeats. The book: landing page → front matter → each part followed by its
chapters → back matter (the print page is not in it). The correspondence: oldest edition → its
letters in order → the next newer edition, so "next" always moves forward in time and a reply
follows the letter it answers. A chain never leaves its collection; other pages get no pager.
"""

from __future__ import annotations

from typing import NamedTuple

from .layout import BOOK_INDEX
from .model import BookPage, Chapter, Edition, Letter, Part, Site
from .views import Links, View


class Neighbours(NamedTuple):
    """The pages before and after one page in its chain (docs-relative sources)."""

    previous: str | None
    next: str | None


def book_chain(site: Site) -> list[str]:
    """The book's pages in reading order (``Site.book_order``), starting at its landing page."""
    landing = [BOOK_INDEX] if site.page_at(BOOK_INDEX) is not None else []
    return landing + [p.src for p in site.book_order()]


def letters_chain(site: Site) -> list[str]:
    """The correspondence: every edition (oldest first) followed by its letters in order."""
    chain: list[str] = []
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug)):
        chain.append(edition.src)
        chain.extend(x.src for x in edition.letters)
    return chain


def reading_neighbours(site: Site) -> dict[str, Neighbours]:
    """Every page in a chain → its neighbours in that chain (made once per build)."""
    found: dict[str, Neighbours] = {}
    for chain in (book_chain(site), letters_chain(site)):
        for i, src in enumerate(chain):
            found[src] = Neighbours(chain[i - 1] if i > 0 else None, chain[i + 1] if i + 1 < len(chain) else None)
    return found


def _book_label(page: BookPage | Part | Chapter | None, forward: bool) -> str:
    """``Volgend hoofdstuk``, ``Vorig deel``, ``Volgende`` … (Dutch: *het* hoofdstuk, *het* deel)."""
    if isinstance(page, Chapter):
        return "Volgend hoofdstuk" if forward else "Vorig hoofdstuk"
    if isinstance(page, Part):
        return "Volgend deel" if forward else "Vorig deel"
    return "Volgende" if forward else "Vorige"


def _step(site: Site, src: str, forward: bool, links: Links) -> View | None:
    url = links.url(src)
    if url is None:
        return None
    found = site.page_at(src)
    who = ""  # shown before the title, with a dash: the letter's writer, the edition's month
    if isinstance(found, Letter):
        label = "Volgende brief" if forward else "Vorige brief"
        who, title = site.author_name(found.author), found.title
    elif isinstance(found, Edition):
        label = "Volgende editie" if forward else "Vorige editie"
        who, title = found.date.dutch(), found.title
    else:
        page = found if isinstance(found, (BookPage, Part, Chapter)) else None
        label = _book_label(page, forward)
        title = page.display_title if page is not None else src
    return View({"url": url, "label": label, "who": who, "title": title})


def pager_view(site: Site, neighbours: dict[str, Neighbours], src: str, links: Links) -> View | None:
    """A page's pager (``previous``/``next``: URL, label, who, title), or ``None`` outside the chains."""
    around = neighbours.get(src)
    if around is None:
        return None
    previous = _step(site, around.previous, False, links) if around.previous else None
    following = _step(site, around.next, True, links) if around.next else None
    if previous is None and following is None:
        return None
    return View({"previous": previous, "next": following})
