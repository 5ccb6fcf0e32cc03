"""Generated pages (author pages, indexes): docs-relative path → Markdown source.

The Markdown carries only the title and our own prose; lists and metadata are
rendered by the Jinja templates in ``overrides/kb/`` from the page view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .model import Edition, Site

AUTHORS_DIR = "auteurs"
BROWSE_PAGES = {
    "brieven/tijdlijn.md": ("Tijdlijn", "Alle edities per jaar, de nieuwste eerst."),
    "brieven/per-auteur.md": ("Brieven per auteur", "Alle brieven, gegroepeerd per schrijver, met plaats en datum."),
    "brieven/stellingen.md": (
        "Stellingenregister",
        "Per editie de stelling en het standpunt van elke schrijver: eens, genuanceerd of oneens.",
    ),
}
#: Pages that went away, with the page that took their place: their URL may be cited, so each
#: stays as a small page that sends the reader on (``kb/redirect.html``).
REDIRECTS = {
    "brieven/per-plaats.md": ("Brieven per plaats", "brieven/per-auteur.md"),
}
#: The colophon ("Over deze uitgave"), written by hand in ``docs/``; the footer links to it.
COLOPHON_SRC = "over.md"


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build, never in ``docs/``."""

    src: str
    markdown: str


def author_src(key: str) -> str:
    """Docs-relative path of an author's generated page."""
    return f"{AUTHORS_DIR}/{key}.md"


def edition_print_src(edition: Edition) -> str:
    """Docs-relative path of an edition's print page (all its letters on one page)."""
    return edition.src.rsplit("/", 1)[0] + "/afdrukken.md"


def _page(src: str, meta: dict[str, object], body: str = "") -> GeneratedPage:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return GeneratedPage(src, f"---\n{front}---\n\n{body.strip()}\n")


def markdown_text(text: str) -> str:
    """Plain text (a field of ``.authors.yml``) as Markdown that shows exactly that text: no HTML,
    links, attributes or emphasis; paragraphs stay paragraphs, lines within one are joined."""
    from .importers.book import escape_markdown  # late: the importers are not needed otherwise

    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(escape_markdown(p) for p in paragraphs if p)


def render_generated_pages(site: Site, existing: set[str]) -> list[GeneratedPage]:
    """All generated pages, skipping any path that an author wrote by hand."""
    pages = [_page(f"{AUTHORS_DIR}/index.md", {"title": "Auteurs"})]
    for key, author in sorted(site.authors.items()):
        pages.append(_page(author_src(key), {"title": author.name}, markdown_text(author.bio)))
    if site.editions:
        for src, (title, intro) in BROWSE_PAGES.items():
            pages.append(_page(src, {"title": title}, intro))
        for src, (title, _target) in REDIRECTS.items():
            pages.append(_page(src, {"title": title, "search": {"exclude": True}}))
    from .book import PRINT_SRC, render_print_markdown  # late: book → navigation → generate
    from .printed import render_edition_print

    printed = render_print_markdown(site)
    if printed:
        pages.append(GeneratedPage(PRINT_SRC, printed))
    for edition in site.editions:
        pages.append(GeneratedPage(edition_print_src(edition), render_edition_print(site, edition)))
    return [p for p in pages if p.src not in existing]
