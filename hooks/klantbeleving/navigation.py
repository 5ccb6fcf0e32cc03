"""The site navigation as plain data (MkDocs ``nav`` format), built from the model.

Letters are nested year → edition → letter, newest first: a flat section would make
every page carry every link (page size and build time grow with the square of pages).
For the same reason a long series groups its years by decade, and a long glossary its
terms by initial: the sidebar of every page lists the groups, only the open group its items.
Chapters carry their number ("1 Customer Experience"); parts their roman numeral. A section's own
page is its first entry, named for what it is ("Over dit deel", "Stelling en inleiding") rather than
repeating the section's title (Material's ``navigation.indexes`` would leave each such section's
navigation without an accessible name). The glossary and the authors are one entry each (their pages list the terms and the authors), so a term's or
an author's page has no place in the sidebar to scroll it to; redirects and print pages stay out.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .generate import BROWSE_PAGES, REDIRECTS
from .layout import (
    AUTHORS_INDEX,
    BOOK_INDEX,
    COLOPHON_SRC,
    HOME,
    LETTERS_INDEX,
    PRINT_SRC,
    TERMS_INDEX,
    author_src,
    edition_print_src,
)
from .model import BookPage, Part, Site

NavItem = Any

MAX_YEARS = 10  # more years than this: grouped by decade


def build_nav(site: Site, sources: set[str]) -> list[NavItem]:
    """The whole navigation; ``sources`` are all page paths present in the build."""
    used: set[str] = set()

    def entry(src: str, title: str | None = None) -> NavItem | None:
        if src not in sources:
            return None
        used.add(src)
        return {title: src} if title else src

    def section(title: str, items: list[NavItem | None]) -> NavItem | None:
        kept = [x for x in items if x]
        return {title: kept} if kept else None

    def grouped(items: list[NavItem | None], groups: list[str]) -> list[NavItem | None]:
        """``items`` in sections titled by their group (``groups[i]`` is the group of ``items[i]``), in order."""
        by_group: dict[str, list[NavItem | None]] = {}
        for group, item in zip(groups, items, strict=True):
            by_group.setdefault(group, []).append(item)
        return [section(group, members) for group, members in by_group.items()]

    nav: list[NavItem | None] = [entry(HOME, "Startpagina")]  # the page itself is headed by the site's name

    years: dict[int, list[NavItem | None]] = {}
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True):
        letters = [entry(edition.src, "Stelling en inleiding")] + [
            entry(x.src, site.authors[x.author].name if x.author in site.authors else x.title) for x in edition.letters
        ]
        years.setdefault(edition.date.year, []).append(section(f"{edition.date.dutch()}: {edition.title}", letters))
    browse = [entry(src, title) for src, (title, _intro) in BROWSE_PAGES.items()]
    by_year = [section(str(y), eds) for y, eds in years.items()]
    if len(years) > MAX_YEARS:
        by_year = grouped(by_year, [f"{y // 10 * 10}\u2013{y // 10 * 10 + 9}" for y in years])
    nav.append(section("Brieven", [entry(LETTERS_INDEX, "Alle brieven"), *browse, *by_year]))

    book: list[NavItem | None] = [entry(BOOK_INDEX)]
    for page in site.book_order():  # a part's chapters come with it
        if isinstance(page, Part):
            chapters = [entry(c.src, c.display_title) for c in page.chapters]
            book.append(section(page.display_title, [entry(page.src, "Over dit deel"), *chapters]))
        elif isinstance(page, BookPage):
            book.append(entry(page.src, page.title))
    book.append(entry(PRINT_SRC, "Afdrukversie"))
    nav.append(section("Boek", book))

    nav.append(entry(TERMS_INDEX, "Begrippen"))
    used.update(t.src for t in site.terms.values())
    used.update(REDIRECTS)
    used.update(edition_print_src(e.slug) for e in site.editions)  # linked from their edition

    nav.append(entry(AUTHORS_INDEX, "Auteurs"))  # its page lists them, by surname
    used.update(author_src(k) for k in site.authors)

    nav += [entry(src) for src in sorted(sources - used - {COLOPHON_SRC}) if src.endswith(".md")]
    nav.append(entry(COLOPHON_SRC))
    return [x for x in nav if x]


_WIDE = re.compile("[^\x00-\xff]")


def escape_section_titles(nav: list[NavItem]) -> list[NavItem]:
    """The navigation with its section titles as HTML: Material prints them unescaped (and
    they come from frontmatter). A character above U+00FF becomes a character reference: the
    navigation is on every page, and one such character (``2020–2029``) would make Python hold
    every page as two-byte text."""
    out: list[NavItem] = []
    for item in nav:
        if isinstance(item, dict):
            out.append({(_WIDE.sub(lambda m: f"&#{ord(m[0])};", html.escape(k)) if isinstance(v, list) else k):
                        (escape_section_titles(v) if isinstance(v, list) else v) for k, v in item.items()})
        else:
            out.append(item)
    return out
