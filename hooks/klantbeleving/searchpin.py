"""Glossary-aware search: the table the search box uses to pin a term's definition first.

A full-text search stems and weighs words, so the query "cult" may rank pages about "cultuur"
above the term "Cult". The reader-side script
(``overrides/assets/javascripts/kb-zoeken.js``) looks the query up in this table first: when it
equals a term, an alias or a listed word form (ignoring case and extra spaces), that term's
definition card is shown above the ordinary results.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .model import Site

TERM_INDEX_PATH = "assets/begrippen.json"


def normalise_query(text: str) -> str:
    """How the script compares a query with a name (kept identical to ``kb-zoeken.js``)."""
    return " ".join(text.strip(" \t\n\"'‘’“”.,;:!?").split()).casefold()


def render_term_index(site: Site, url_of: Callable[[str], str | None]) -> str:
    """JSON: ``{"names": {normalised name: slug}, "terms": {slug: {term, url, short, aliases}}}``.

    URLs are relative to the site root; names of two terms never collide (the loader refuses that).
    """
    names: dict[str, str] = {}
    terms: dict[str, dict[str, object]] = {}
    for slug, term in sorted(site.terms.items()):
        url = url_of(term.src)
        if url is None:
            continue
        terms[slug] = {"term": term.term, "url": url, "short": term.first_sentence, "aliases": term.aliases}
        for name in [term.term, *term.aliases, *term.forms, slug]:
            names.setdefault(normalise_query(name), slug)
    return json.dumps({"names": names, "terms": terms}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
