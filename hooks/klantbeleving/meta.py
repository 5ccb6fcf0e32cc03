"""Sharing and search metadata per page: description, OpenGraph/Twitter and JSON-LD (schema.org).

Plain data in, plain data out; the template writes the tags and escapes their attributes. The
JSON-LD object comes serialised, as the template's ``tojson`` filter would (keys sorted, ``<``,
``>``, ``&`` and ``'`` as ``\\u`` escapes, so it is safe inside ``<script>``).
"""

from __future__ import annotations

import json
from typing import Any

from .layout import BOOK_INDEX, TERMS_INDEX, author_src
from .model import Site
from .text import first_sentence, join_names

SCHEMA = "https://schema.org"
SERIES = "Correspondentie over klantbeleving"

_ENCODER = json.JSONEncoder(sort_keys=True)  # Jinja's tojson: json.dumps(value, sort_keys=True)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element (Jinja's ``tojson``)."""
    return (_ENCODER.encode(value).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _person(site: Site, key: str, absolute: Any) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": site.author_name(key)}
    url = absolute(author_src(key))
    if url:
        person["url"] = url
    return person


def page_meta(
    site: Site,
    view: dict[str, Any] | None,
    *,
    title: str,
    markdown: str,
    url: str,
    site_name: str,
    site_description: str,
    absolute: Any,
) -> dict[str, Any]:
    """Description, OpenGraph/Twitter properties and a JSON-LD object for one page.

    Args:
        view: the page view from :func:`klantbeleving.views.page_view` (or ``None``).
        absolute: ``src -> absolute URL or None`` for links to other pages.

    Returns:
        ``title``, ``description``, ``type`` (OpenGraph), ``url``, ``site_name``, ``props`` (further
        OpenGraph ``(property, value)`` pairs), ``author`` (names, or empty) and ``jsonld`` (serialised by :func:`script_json`).
    """
    kind = (view or {}).get("kind", "")
    # Letters, editions and terms describe themselves; the others by their text's first sentence.
    description = "" if kind in ("letter", "edition") else first_sentence(markdown) or site_description
    og_type = "website"
    props: list[tuple[str, str]] = []
    jsonld: dict[str, Any] = {"@context": SCHEMA, "@type": "WebPage", "name": title, "url": url, "inLanguage": "nl"}
    book = site.page_at(BOOK_INDEX)
    book_authors = ["jean-pierre-thomassen", "eric-de-haan"]
    author = ""

    if kind == "letter" and view:
        author = view["author"]["name"]
        title = f"Brief van {author} — {view['edition']['title']} ({view['date']})"
        description = f"{author} over de stelling: {view['stelling']} ({view['date']}, {view['city']})"
        og_type = "article"
        props = [("article:author", author), ("article:published_time", view["date_iso"]),
                 ("article:section", SERIES)]
        jsonld = {
            "@context": SCHEMA, "@type": "Article", "headline": view["title"], "url": url, "inLanguage": "nl",
            "author": _person(site, view["author"]["key"], absolute),
            "datePublished": view["date_iso"], "description": description,
            "locationCreated": {"@type": "Place", "name": view["city"]},
            "isPartOf": {"@type": "CreativeWorkSeries", "name": SERIES},
        }
    elif kind == "edition" and view:
        title = f"{view['title']} ({view['date']})"
        description = f"Stelling: {view['stelling']} (editie {view['date']} van {SERIES})"
        jsonld = {"@context": SCHEMA, "@type": "CollectionPage", "name": view["title"], "url": url,
                  "inLanguage": "nl", "description": description, "datePublished": view["date_iso"],
                  "isPartOf": {"@type": "CreativeWorkSeries", "name": SERIES}}
    elif kind == "term" and view:
        description = view["short"] or description
        glossary_url = absolute(TERMS_INDEX)
        jsonld = {"@context": SCHEMA, "@type": "DefinedTerm", "name": view["title"], "description": description,
                  "url": url, "inLanguage": "nl",
                  "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "Begrippen", "url": glossary_url}}
        if view["aliases"]:
            jsonld["alternateName"] = view["aliases"]
    elif kind == "author" and view:
        description = view["description"] or first_sentence(markdown) or description
        jsonld = {"@context": SCHEMA, "@type": "Person", "name": view["name"], "url": url,
                  "description": description}
        if view["city"]:
            jsonld["homeLocation"] = {"@type": "Place", "name": view["city"]}
    elif kind == "chapter":
        og_type = "article"
        author = _names(site, book_authors)
        jsonld = {"@context": SCHEMA, "@type": "Article", "headline": title, "url": url, "inLanguage": "nl",
                  "description": description,
                  "author": [_person(site, k, absolute) for k in book_authors if k in site.authors],
                  "isPartOf": {"@type": "Book", "name": "Customer Experience", "url": absolute(BOOK_INDEX)}}
    elif book is not None and url == absolute(BOOK_INDEX):
        author = _names(site, book_authors)
        jsonld = {"@context": SCHEMA, "@type": "Book", "name": "Customer Experience", "url": url, "inLanguage": "nl",
                  "description": description, "datePublished": "2024",
                  "author": [_person(site, k, absolute) for k in book_authors if k in site.authors],
                  "publisher": {"@type": "Organization", "name": "Boom"}}
    else:
        jsonld["description"] = _clip(description)

    description = _clip(description)
    # The OpenGraph and Twitter tags are spelled out in main.html; ``props`` are the extra
    # OpenGraph properties of this kind of page (an article's author, date and section).
    return {"title": title, "description": description, "type": og_type, "url": url, "site_name": site_name,
            "author": author, "props": props, "jsonld": script_json(jsonld)}


def _names(site: Site, keys: list[str]) -> str:
    """The names of the authors with these registry keys, in Dutch ("A en B")."""
    return join_names([site.authors[k].name for k in keys if k in site.authors])

