"""Page views: plain dicts the templates render (no HTML here; a term page's places are tuples).

A view refers to other pages by docs-relative source path; the adapter passes ``url_of`` (or a
``Links`` kept per page depth) to turn those into URLs (relative to the page being rendered, so the
templates print them as they are), and this module stays engine-neutral.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from .book import book_facts
from .cite import cite_apa, cite_bibtex
from .conceptmap import concept_map_view
from .generate import BROWSE_PAGES, REDIRECTS
from .layout import (
    AUTHORS_INDEX,
    BOOK_INDEX,
    BY_AUTHOR_SRC,
    COLOPHON_SRC,
    HOME,
    LETTERS_INDEX,
    PRINT_SRC,
    REGISTER_SRC,
    TERMS_INDEX,
    TIMELINE_SRC,
    author_key,
    author_src,
    edition_print_src,
)
from .model import BookPage, Chapter, Edition, Letter, Part, Site, Term
from .text import join_names, reading_minutes, surname_sort_key, term_initial, term_sort_key
from .xref import CORPUS_BOOK, CORPUS_LETTERS, SNIPPETS_PER_CORPUS, MentionIndex, where_in_book

UrlOf = Callable[[str], "str | None"]


class Links:
    """How the pages of one depth link: ``url`` (docs-relative source → URL as printed there)
    and the author, letter and term references made with it. A letter is listed on many pages (its
    edition, the browse pages, its author's page, the letters around it) and its reference is
    the same on every page of a depth, so it is made once per depth. The references are shared:
    a view that adds to one copies it first."""

    __slots__ = ("url", "authors", "letters", "terms", "places")

    def __init__(self, url: UrlOf) -> None:
        self.url = url
        self.authors: dict[str, View] = {}
        self.letters: dict[str, View] = {}
        self.terms: dict[str, View] = {}
        self.places: dict[str, PlaceOf | None] = {}  # src → how term pages list its places


class View(dict[str, Any]):
    """A page view: a dict whose keys read as attributes too (``kb.title`` in a template).

    Jinja tries an attribute before an item; answering it here spares a failed lookup per read.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None




def _links(url_of: Links | UrlOf) -> Links:
    return url_of if isinstance(url_of, Links) else Links(url_of)


def _author_ref(site: Site, key: str, links: Links) -> View:
    made = links.authors.get(key)
    if made is None:
        author = site.authors.get(key)
        made = links.authors[key] = View({
            "key": key,
            "name": site.author_name(key),
            "first_name": author.first_name if author else key,
            "url": links.url(author_src(key)),
        })
    return made


def _letter_ref(site: Site, letter: Letter, links: Links) -> View:
    made = links.letters.get(letter.src)
    if made is None:
        made = links.letters[letter.src] = View({
            "title": letter.title,
            "url": links.url(letter.src),
            "author": _author_ref(site, letter.author, links),
            "city": letter.city,
            "date": letter.date.dutch(),
            "date_iso": letter.date.iso(),
            "standpunt": letter.standpunt,
            "quote": letter.quote,
            "draft": letter.src in site.excluded,
            "number": letter.number,
        })
    return made


def _edition_ref(edition: Edition, links: Links) -> View:
    return View({
        "title": edition.title,
        "stelling": edition.stelling,
        "date": edition.date.dutch(),
        "date_iso": edition.date.iso(),
        "url": links.url(edition.src),
    })


def page_terms(site: Site, index: MentionIndex | None, src: str, links: Links) -> list[View]:
    """The terms a book page or letter mentions, in the order of their first mention."""
    return [_term_ref(site, slug, links) for slug in (index.terms_on(src) if index else []) if slug in site.terms]


def letter_view(site: Site, letter: Letter, links: Links, page_url: str = "") -> View:
    """Everything a letter page shows besides its own text."""
    edition = site.edition(letter.edition)
    assert edition is not None
    by_src = {x.src: x for x in edition.letters}
    addressees = [_author_ref(site, key, links) for key in letter.addressees]
    reply_to = by_src.get(letter.in_reply_to or "")
    return View({
        "kind": "letter",
        **_letter_ref(site, letter, links),
        "stelling": letter.stelling,
        "edition": _edition_ref(edition, links),
        "addressees": addressees,
        "aan": join_names([a["first_name"] for a in addressees]),
        "in_reply_to": _letter_ref(site, reply_to, links) if reply_to else None,
        "replies": [_letter_ref(site, by_src[s], links) for s in letter.replies if s in by_src],
        "reading_minutes": reading_minutes(letter.body),
        "text": letter.text,
        "published_in": edition.published_in,
        "cite_apa": cite_apa(letter, site.authors[letter.author], edition.title, page_url, edition.published_in),
        "cite_bibtex": cite_bibtex(letter, site.authors[letter.author], edition.title, page_url, edition.published_in),
    })


def edition_view(site: Site, edition: Edition, links: Links) -> View:
    """An edition page: stelling, month, and its letters in order."""
    return View({
        "kind": "edition",
        **_edition_ref(edition, links),
        "draft": edition.src in site.excluded,
        "published_in": edition.published_in,
        "tags": edition.tags,
        "letters": [_letter_ref(site, x, links) for x in edition.letters],
    })


def author_view(site: Site, key: str, links: Links) -> View:
    """An author page: city, role and all their letters, newest first."""
    author = site.authors[key]
    return View({
        "kind": "author",
        "name": author.name,
        "city": author.city,
        "description": author.description,
        "role": author.role,
        "letters": [_letter_ref(site, x, links) for x in site.letters_by(key)],
    })


def authors_index_view(site: Site, links: Links) -> View:
    """The list of all authors."""
    return View({
        "kind": "authors",
        "authors": [
            View({**_author_ref(site, key, links), "city": a.city, "description": a.description,
             "letters": len(site.letters_by(key))})
            for key, a in sorted(site.authors.items(), key=lambda kv: surname_sort_key(kv[1].name))
        ],
    })


def timeline_view(site: Site, links: Links) -> View:
    """Editions per year, newest first."""
    years: dict[int, list[View]] = {}
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True):
        ref = _edition_ref(edition, links)
        ref["letters"] = [_letter_ref(site, x, links) for x in edition.letters]
        years.setdefault(edition.date.year, []).append(ref)
    return View({"kind": "timeline", "years": [View({"year": y, "editions": e}) for y, e in years.items()]})


def by_author_view(site: Site, links: Links) -> View:
    """Letters grouped by author (authors with letters, by surname)."""
    groups = []
    for key, _author in sorted(site.authors.items(), key=lambda kv: surname_sort_key(kv[1].name)):
        letters = site.letters_by(key)
        if letters:
            groups.append(View({"author": _author_ref(site, key, links),
                           "letters": [_letter_ref(site, x, links) for x in letters]}))
    return View({"kind": "by_author", "groups": groups})


def register_view(site: Site, links: Links) -> View:
    """The stelling register: per edition the stelling and each author's stance."""
    authors = list(dict.fromkeys(x.author for x in site.letters()))
    authors.sort(key=lambda k: surname_sort_key(site.author_name(k)))
    rows = []
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True):
        cells = []
        for key in authors:
            mine = [x for x in edition.letters if x.author == key]
            cells.append(_letter_ref(site, mine[0], links) if mine else None)
        rows.append(View({**_edition_ref(edition, links), "cells": cells}))
    return View({"kind": "register", "authors": [_author_ref(site, k, links) for k in authors], "rows": rows})


def _term_ref(site: Site, slug: str, links: Links) -> View:
    made = links.terms.get(slug)
    if made is None:
        term = site.terms[slug]
        made = links.terms[slug] = View({"slug": slug, "term": term.term, "url": links.url(term.src), "short": term.first_sentence})
    return made


class Place(NamedTuple):
    """One place on a term page (``kb/term.html`` unpacks it in this order)."""

    url: str | None
    anchor: str
    snippet: str
    mentions: int  # in that section
    section: str
    where: str


class PlaceGroup(NamedTuple):
    """The places of one part of the book or one edition."""

    title: str
    url: str | None
    places: list[Place]


class PlaceOf(NamedTuple):
    """How a page's places are listed on the term pages: its URL, the place's label, and the
    group it is listed under (a part of the book, or the letter's edition)."""

    url: str | None
    where: str
    group: str
    group_url: str | None


def _place_of(site: Site, src: str, corpus: str, links: Links) -> PlaceOf | None:
    """A page's ``PlaceOf``, made once per depth and kept in ``links.places`` (the caller looks
    there first): a letter is listed on the page of every term it mentions (None: no such page)."""
    made: PlaceOf | None = None
    if corpus == CORPUS_BOOK:
        group, page = where_in_book(site, src)
        made = PlaceOf(links.url(src), page, group, None)
    elif corpus == CORPUS_LETTERS:
        letter = site.letter(src)
        edition = site.edition(letter.edition) if letter is not None else None
        if letter is not None and edition is not None:
            made = PlaceOf(links.url(src), f"{site.author_name(letter.author)}, {letter.city}",
                           f"{edition.date.dutch()}: {edition.stelling}", links.url(edition.src))
    links.places[src] = made
    return made


def mentions_view(site: Site, index: MentionIndex | None, slug: str, url_of: Links | UrlOf) -> View:
    """"Komt voor in": the book (part → chapter → section) and the letters (edition → letter),
    grouped, each place with the number of mentions there and, for the first
    ``SNIPPETS_PER_CORPUS`` places of each corpus, a snippet of the first mention."""
    links = _links(url_of)
    book: list[PlaceGroup] = []
    letters: list[PlaceGroup] = []
    found = index.of(slug) if index is not None else []
    shown = {CORPUS_BOOK: 0, CORPUS_LETTERS: 0}
    places = links.places
    for occ in found:
        corpus = occ.corpus
        if corpus not in shown:
            continue
        place = places[occ.src] if occ.src in places else _place_of(site, occ.src, corpus, links)
        if place is None:
            continue
        n = shown[corpus]
        shown[corpus] = n + 1
        groups = book if corpus == CORPUS_BOOK else letters  # places come in reading order: a group's together
        if not groups or groups[-1].title != place.group:
            groups.append(PlaceGroup(place.group, place.group_url, []))
        groups[-1].places.append(Place(place.url, occ.anchor, occ.snippet if n < SNIPPETS_PER_CORPUS else "",
                                       occ.mentions, occ.section, place.where))
    counts = {"boek": index.count(slug, CORPUS_BOOK), "brieven": index.count(slug, CORPUS_LETTERS)} if index else {"boek": 0, "brieven": 0}
    return View({"boek": book, "brieven": letters, "counts": counts, "places": shown, "snippets": SNIPPETS_PER_CORPUS})


def _source_ref(site: Site, src: str, links: Links) -> View:
    """Where a term is defined: a chapter or book page ("Gedefinieerd in"), or the letter that
    brought it into the correspondence ("Ingebracht in")."""
    page = site.page_at(src)
    if isinstance(page, Chapter):
        return View({"kind": "book", "title": f"hoofdstuk {page.number}, {page.title}", "url": links.url(src)})
    if isinstance(page, Letter):
        name = _author_ref(site, page.author, links)["name"]
        return View({"kind": "letter", "title": f"de brief van {name}, {page.date.dutch()}", "url": links.url(src)})
    title = page.title if isinstance(page, (BookPage, Part)) else ""
    return View({"kind": "book", "title": title or src, "url": links.url(src)})


def term_view(site: Site, slug: str, links: Links, index: MentionIndex | None = None) -> View:
    """A term page: aliases, forms, related terms, defining chapter, where it occurs."""
    term = site.terms[slug]
    source = _source_ref(site, term.source, links) if term.source else None
    return View({
        "kind": "term",
        "title": term.term,
        "slug": slug,
        "aliases": term.aliases,
        "forms": term.forms,
        "short": term.first_sentence,
        "related": [_term_ref(site, s, links) for s in term.related],
        "source": source,
        "mentions": mentions_view(site, index, slug, links),
    })


def glossary_view(site: Site, links: Links, index: MentionIndex | None = None) -> View:
    """The glossary A–Z with jump links, and its concept map."""
    letters: dict[str, list[View]] = {}
    for slug, term in sorted(site.terms.items(), key=lambda kv: term_sort_key(kv[1].term)):
        letters.setdefault(term_initial(term.term), []).append(View({**_term_ref(site, slug, links), "aliases": term.aliases}))
    counts = {s: (index.count(s, CORPUS_BOOK), index.count(s, CORPUS_LETTERS)) for s in site.terms} if index else {}
    urls = {s: _term_ref(site, s, links)["url"] for s in site.terms}
    return View({"kind": "glossary", "letters": [View({"letter": k, "terms": v}) for k, v in letters.items()],
                 "map": concept_map_view(site.terms, counts, urls)})


#: How many editions the home page lists under "Eerdere edities".
HOME_EDITIONS = 6


def home_view(site: Site, links: Links) -> View:
    """The home page: the newest edition with its stelling and stances, the book, the glossary,
    the editions before it and the feed (all from the model: the newest edition changes monthly)."""
    editions = sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True)
    newest: View | None = None
    if editions:
        newest = _edition_ref(editions[0], links)
        newest["letters"] = [_letter_ref(site, x, links) for x in editions[0].letters]
    earlier = []
    for edition in editions[1:HOME_EDITIONS + 1]:
        ref = _edition_ref(edition, links)
        ref["authors"] = join_names([_author_ref(site, x.author, links)["name"] for x in edition.letters])
        earlier.append(ref)
    facts = book_facts(site)
    return View({
        "kind": "home",
        "newest": newest,
        "earlier": earlier,
        "editions": len(editions),
        "letters_url": links.url(LETTERS_INDEX),
        "timeline_url": links.url(TIMELINE_SRC),
        "register_url": links.url(REGISTER_SRC),
        "book": View({"title": facts.title, "authors": join_names(facts.authors), "imprint": facts.imprint,
                      "url": links.url(BOOK_INDEX),
                      "parts": [View({"title": p.display_title, "url": links.url(p.src)}) for p in site.parts]}),
        "glossary_url": links.url(TERMS_INDEX),
        "terms": len(site.terms),
        "colophon_url": links.url(COLOPHON_SRC),
    })


def redirect_view(src: str, links: Links) -> View:
    """A page that went away: where it sends the reader."""
    title, target = REDIRECTS[src]
    return View({"kind": "redirect", "title": title, "target": links.url(target),
                 "target_title": BROWSE_PAGES[target][0] if target in BROWSE_PAGES else target})


#: Generated index pages (and the home page) and the views they show.
_INDEXES: dict[str, Callable[[Site, Links], View]] = {
    HOME: home_view,
    TIMELINE_SRC: timeline_view,
    BY_AUTHOR_SRC: by_author_view,
    REGISTER_SRC: register_view,
    AUTHORS_INDEX: authors_index_view,
}


def chapter_view(site: Site, page: BookPage | Part | Chapter, links: Links) -> View:
    """A book page with its place in the book: its part, number and reading time."""

    def ref(p: BookPage | Part | Chapter) -> View:
        return View({"title": p.display_title, "url": links.url(p.src)})

    view: View = View({
        "kind": "chapter" if isinstance(page, Chapter) else "part" if isinstance(page, Part) else "bookpage",
        "title": page.display_title,
        "reading_minutes": reading_minutes(page.body),
        "book": View({"title": "Customer Experience", "url": links.url(BOOK_INDEX)}),
        "print_url": links.url(PRINT_SRC),
    })
    if isinstance(page, Chapter):
        part = site.part(page.part)
        assert part is not None
        view["part"] = ref(part)
        view["number"] = page.number
        view["name"] = page.title
    if isinstance(page, Part):
        view["chapters"] = [ref(c) for c in page.chapters]
    return view


def page_view(
    site: Site, src: str, url_of: Links | UrlOf, page_url: str = "", mentions: MentionIndex | None = None
) -> View | None:
    """The view for any page, or ``None`` for a plain page. ``url_of``: a ``Links`` the caller keeps
    for every page of the same depth (references made once), or a function (made anew)."""
    links = _links(url_of)
    page = site.page_at(src)
    if isinstance(page, Letter):
        view = letter_view(site, page, links, page_url)
        view["terms"] = page_terms(site, mentions, src, links)
        return view
    if isinstance(page, Edition):
        view = edition_view(site, page, links)
        view["print_url"] = links.url(edition_print_src(page.slug))
        return view
    if isinstance(page, (BookPage, Part, Chapter)) and src != BOOK_INDEX:
        view = chapter_view(site, page, links)
        view["terms"] = page_terms(site, mentions, src, links)
        return view
    if isinstance(page, Term):
        return term_view(site, page.slug, links, mentions)
    if src == TERMS_INDEX:
        return glossary_view(site, links, mentions)
    if src in _INDEXES:
        return _INDEXES[src](site, links)
    if src in REDIRECTS:
        return redirect_view(src, links)
    key = author_key(src)
    if key is not None and key in site.authors:
        return author_view(site, key, links)
    return None
