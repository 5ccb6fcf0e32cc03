"""Generated pages (author pages, indexes, redirects, print pages): docs-relative path → Markdown.

The Markdown carries only the title and our own prose; lists and metadata are
rendered by the Jinja templates in ``overrides/kb/`` from the page view.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .book import render_print_markdown
from .layout import (
    AUTHORS_INDEX,
    BY_AUTHOR_SRC,
    BY_CITY_SRC,
    PRINT_SRC,
    REGISTER_SRC,
    TIMELINE_SRC,
    author_src,
    edition_print_src,
)
from .model import Site
from .printed import render_edition_print
from .text import markdown_text

BROWSE_PAGES = {
    TIMELINE_SRC: ("Tijdlijn", "Alle edities per jaar, de nieuwste eerst."),
    BY_AUTHOR_SRC: ("Brieven per auteur", "Alle brieven, gegroepeerd per schrijver, met plaats en datum."),
    REGISTER_SRC: (
        "Stellingenregister",
        "Per editie de stelling en het standpunt van elke schrijver: eens, genuanceerd of oneens.",
    ),
}
#: Pages that went away, with the page that took their place: their URL may be cited, so each
#: stays as a small page that sends the reader on (``kb/redirect.html``).
REDIRECTS = {
    BY_CITY_SRC: ("Brieven per plaats", BY_AUTHOR_SRC),
}


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build, never in ``docs/``."""

    src: str
    markdown: str


def _page(src: str, meta: dict[str, object], body: str = "") -> GeneratedPage:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return GeneratedPage(src, f"---\n{front}---\n\n{body.strip()}\n")


def render_generated_pages(site: Site, existing: set[str]) -> list[GeneratedPage]:
    """All generated pages, skipping any path that an author wrote by hand."""
    pages = [_page(AUTHORS_INDEX, {"title": "Auteurs"})]
    for key, author in sorted(site.authors.items()):
        pages.append(_page(author_src(key), {"title": author.name}, markdown_text(author.bio)))
    if site.editions:
        for src, (title, intro) in BROWSE_PAGES.items():
            pages.append(_page(src, {"title": title}, intro))
        for src, (title, _target) in REDIRECTS.items():
            pages.append(_page(src, {"title": title, "search": {"exclude": True}}))
    printed = render_print_markdown(site)
    if printed:
        pages.append(_page(PRINT_SRC, {"title": "Customer Experience — afdrukversie"}, printed))
    for edition in site.editions:
        pages.append(_page(edition_print_src(edition.slug), {"title": f"{edition.title} (afdrukversie)", "search": {"exclude": True}},
                           render_edition_print(site, edition)))
    return [p for p in pages if p.src not in existing]
