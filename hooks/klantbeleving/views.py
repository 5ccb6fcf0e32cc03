"""Page views: plain dicts the templates render (no HTML here; a term page's places are tuples).

A view refers to other pages by docs-relative source path; the adapter passes ``url_of`` (or a
``Links`` kept per page depth) to turn those into URLs (relative to the page being rendered, so the
templates print them as they are), and this module stays engine-neutral.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from .cite import cite_apa, cite_bibtex
from .conceptmap import concept_map_view
from .generate import AUTHORS_DIR, author_src
from .model import BookPage, Chapter, Edition, Letter, Part, Site
from .text import reading_minutes, term_initial, term_sort_key
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
    """A page view: a dict whose keys are attributes too (``_view`` makes them).

    Jinja reads ``kb.title`` as an attribute first: on a plain dict that lookup fails and costs
    an exception each time (about 1 µs; a term page reads thousands), on a View it is found.
    """


def _view(data: dict[str, Any]) -> View:
    view = View(data)
    view.__dict__ = view
    return view



def join_names(names: list[str]) -> str:
    """Dutch enumeration: ``Wim``, ``Wim en Rien``, ``Wim, Rien en Jan-Hein``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _links(url_of: Links | UrlOf) -> Links:
    return url_of if isinstance(url_of, Links) else Links(url_of)


def _author_ref(site: Site, key: str, links: Links) -> View:
    made = links.authors.get(key)
    if made is None:
        author = site.authors.get(key)
        made = links.authors[key] = _view({
            "key": key,
            "name": author.name if author else key,
            "first_name": author.first_name if author else key,
            "url": links.url(author_src(key)),
        })
    return made


def _letter_ref(site: Site, letter: Letter, links: Links) -> View:
    made = links.letters.get(letter.src)
    if made is None:
        made = links.letters[letter.src] = _view({
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
    return _view({
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
    index = site.position(letter)
    by_src = {x.src: x for x in edition.letters}
    addressees = [_author_ref(site, key, links) for key in letter.addressees]
    reply_to = by_src.get(letter.in_reply_to or "")
    return _view({
        "kind": "letter",
        **_letter_ref(site, letter, links),
        "stelling": letter.stelling,
        "edition": _edition_ref(edition, links),
        "addressees": addressees,
        "aan": join_names([a["first_name"] for a in addressees]),
        "in_reply_to": _letter_ref(site, reply_to, links) if reply_to else None,
        "replies": [_letter_ref(site, by_src[s], links) for s in letter.replies if s in by_src],
        "previous": _letter_ref(site, edition.letters[index - 1], links) if index > 0 else None,
        "next": _letter_ref(site, edition.letters[index + 1], links) if index + 1 < len(edition.letters) else None,
        "reading_minutes": reading_minutes(letter.body),
        "text": letter.text,
        "published_in": edition.published_in,
        "cite_apa": cite_apa(letter, site.authors[letter.author], edition.title, page_url, edition.published_in),
        "cite_bibtex": cite_bibtex(letter, site.authors[letter.author], edition.title, page_url, edition.published_in),
    })


def edition_view(site: Site, edition: Edition, links: Links) -> View:
    """An edition page: stelling, month, and its letters in order."""
    index = site.position(edition)
    return _view({
        "kind": "edition",
        **_edition_ref(edition, links),
        "draft": edition.src in site.excluded,
        "published_in": edition.published_in,
        "tags": edition.tags,
        "letters": [_letter_ref(site, x, links) for x in edition.letters],
        "previous": _edition_ref(site.editions[index - 1], links) if index > 0 else None,
        "next": _edition_ref(site.editions[index + 1], links) if index + 1 < len(site.editions) else None,
    })


def author_view(site: Site, key: str, links: Links) -> View:
    """An author page: city, role and all their letters, newest first."""
    author = site.authors[key]
    return _view({
        "kind": "author",
        "name": author.name,
        "city": author.city,
        "description": author.description,
        "role": author.role,
        "letters": [_letter_ref(site, x, links) for x in site.letters_by(key)],
    })


def authors_index_view(site: Site, links: Links) -> View:
    """The list of all authors."""
    return _view({
        "kind": "authors",
        "authors": [
            _view({**_author_ref(site, key, links), "city": a.city, "description": a.description,
             "letters": len(site.letters_by(key))})
            for key, a in sorted(site.authors.items(), key=lambda kv: kv[1].name)
        ],
    })


def timeline_view(site: Site, links: Links) -> View:
    """Editions per year, newest first."""
    years: dict[int, list[View]] = {}
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True):
        ref = _edition_ref(edition, links)
        ref["letters"] = [_letter_ref(site, x, links) for x in edition.letters]
        years.setdefault(edition.date.year, []).append(ref)
    return _view({"kind": "timeline", "years": [_view({"year": y, "editions": e}) for y, e in years.items()]})


def by_author_view(site: Site, links: Links) -> View:
    """Letters grouped by author (authors with letters, by name)."""
    groups = []
    for key, _author in sorted(site.authors.items(), key=lambda kv: kv[1].name):
        letters = site.letters_by(key)
        if letters:
            groups.append(_view({"author": _author_ref(site, key, links),
                           "letters": [_letter_ref(site, x, links) for x in letters]}))
    return _view({"kind": "by_author", "groups": groups})


def by_city_view(site: Site, links: Links) -> View:
    """Letters grouped by the city they were written in."""
    cities: dict[str, list[Letter]] = {}
    for letter in site.letters():
        cities.setdefault(letter.city, []).append(letter)
    groups = [
        _view({"city": city, "slug": _slug(city),
               "letters": [_letter_ref(site, x, links) for x in sorted(ls, key=lambda x: (x.date, x.position), reverse=True)]})
        for city, ls in sorted(cities.items())
    ]
    return _view({"kind": "by_city", "groups": groups})


def register_view(site: Site, links: Links) -> View:
    """The stelling register: per edition the stelling and each author's stance."""
    authors = list(dict.fromkeys(x.author for x in site.letters()))
    authors.sort(key=lambda k: site.authors[k].name if k in site.authors else k)
    rows = []
    for edition in sorted(site.editions, key=lambda e: (e.date, e.slug), reverse=True):
        cells = []
        for key in authors:
            mine = [x for x in edition.letters if x.author == key]
            cells.append(_letter_ref(site, mine[0], links) if mine else None)
        rows.append(_view({**_edition_ref(edition, links), "cells": cells}))
    return _view({"kind": "register", "authors": [_author_ref(site, k, links) for k in authors], "rows": rows})


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _term_ref(site: Site, slug: str, links: Links) -> View:
    made = links.terms.get(slug)
    if made is None:
        term = site.terms[slug]
        made = links.terms[slug] = _view({"slug": slug, "term": term.term, "url": links.url(term.src), "short": term.first_sentence})
    return made


class Place(NamedTuple):
    """One place on a term page (a tuple, not a view: a term of a big site lists thousands, and a
    view refers to itself, so it waits for the cycle collector; a tuple is freed with its page).
    ``kb/term.html`` unpacks it in this order."""

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
            author = site.authors.get(letter.author)
            made = PlaceOf(links.url(src), f"{author.name if author else letter.author}, {letter.city}",
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
    return _view({"boek": book, "brieven": letters, "counts": counts, "places": shown, "snippets": SNIPPETS_PER_CORPUS})


def _source_ref(site: Site, src: str, links: Links) -> View:
    """Where a term is defined: a chapter or book page ("Gedefinieerd in"), or the letter that
    brought it into the correspondence ("Ingebracht in")."""
    chapter = next((c for c in site.chapters if c.src == src), None)
    if chapter is not None:
        return _view({"kind": "book", "title": f"Hoofdstuk {chapter.number}: {chapter.title}", "url": links.url(src)})
    letter = site.letter(src)
    if letter is not None:
        name = _author_ref(site, letter.author, links)["name"]
        return _view({"kind": "letter", "title": f"de brief van {name}, {letter.date.dutch()}", "url": links.url(src)})
    title = next((p.title for p in site.book_pages if p.src == src), "") or next((p.title for p in site.parts if p.src == src), "")
    return _view({"kind": "book", "title": title or src, "url": links.url(src)})


def term_view(site: Site, slug: str, links: Links, index: MentionIndex | None = None) -> View:
    """A term page: aliases, forms, related terms, defining chapter, where it occurs."""
    term = site.terms[slug]
    source = _source_ref(site, term.source, links) if term.source else None
    return _view({
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
        letters.setdefault(term_initial(term.term), []).append(_view({**_term_ref(site, slug, links), "aliases": term.aliases}))
    counts = {s: (index.count(s, CORPUS_BOOK), index.count(s, CORPUS_LETTERS)) for s in site.terms} if index else {}
    urls = {s: _term_ref(site, s, links)["url"] for s in site.terms}
    return _view({"kind": "glossary", "letters": [_view({"letter": k, "terms": v}) for k, v in letters.items()],
                  "map": concept_map_view(site.terms, counts, urls)})


_BROWSE = {
    "brieven/tijdlijn.md": timeline_view,
    "brieven/per-auteur.md": by_author_view,
    "brieven/per-plaats.md": by_city_view,
    "brieven/stellingen.md": register_view,
}


def chapter_view(site: Site, src: str, links: Links) -> View | None:
    """A book page with its place in the book: part, number, prev/next in reading order."""
    from .book import display_title, reading_order

    order = reading_order(site)
    index = next((i for i, p in enumerate(order) if p.src == src), None)
    if index is None:
        return None
    page = order[index]

    def ref(p: BookPage | Part | Chapter) -> View:
        return _view({"title": display_title(p), "url": links.url(p.src)})

    view: View = _view({
        "kind": "chapter" if isinstance(page, Chapter) else "part" if isinstance(page, Part) else "bookpage",
        "title": display_title(page),
        "reading_minutes": reading_minutes(page.body),
        "previous": ref(order[index - 1]) if index > 0 else None,
        "next": ref(order[index + 1]) if index + 1 < len(order) else None,
        "book": _view({"title": "Customer Experience", "url": links.url("boek/index.md")}),
        "print_url": links.url("boek/afdrukken.md"),
    })
    if isinstance(page, Chapter):
        part = next(p for p in site.parts if p.number == page.part)
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
    letter = site.letter(src)
    if letter is not None:
        view = letter_view(site, letter, links, page_url)
        view["terms"] = page_terms(site, mentions, src, links)
        return view
    if src in _BROWSE:
        return _BROWSE[src](site, links)
    edition = site.edition_at(src)
    if edition is not None:
        return edition_view(site, edition, links)
    if src.startswith("boek/") and src not in ("boek/index.md", "boek/afdrukken.md"):
        chapter = chapter_view(site, src, links)
        if chapter is not None:
            chapter["terms"] = page_terms(site, mentions, src, links)
        return chapter
    if src == "begrippen/index.md":
        return glossary_view(site, links, mentions)
    if src.startswith("begrippen/") and src[len("begrippen/"):-3] in site.terms:
        slug = src[len("begrippen/"):-3]
        return term_view(site, slug, links, mentions)
    if src == f"{AUTHORS_DIR}/index.md":
        return authors_index_view(site, links)
    if src.startswith(f"{AUTHORS_DIR}/"):
        key = src[len(AUTHORS_DIR) + 1 : -3]
        if key in site.authors:
            return author_view(site, key, links)
    return None
