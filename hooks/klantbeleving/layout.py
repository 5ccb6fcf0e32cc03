"""Where content lives under ``docs/`` and where generated pages go: folder names, fixed pages,
and the way between a slug and its source path (docs-relative POSIX paths)."""

from __future__ import annotations

LETTERS_DIR = "brieven"
BOOK_DIR = "boek"
TERMS_DIR = "begrippen"
AUTHORS_DIR = "auteurs"
AUTHORS_FILE = ".authors.yml"
PLACES_FILE = ".places.yml"

HOME = "index.md"
#: The colophon ("Over deze uitgave"), written by hand; the footer links to it.
COLOPHON_SRC = "over.md"
LETTERS_INDEX = f"{LETTERS_DIR}/index.md"
BOOK_INDEX = f"{BOOK_DIR}/index.md"
TERMS_INDEX = f"{TERMS_DIR}/index.md"
AUTHORS_INDEX = f"{AUTHORS_DIR}/index.md"

#: Generated pages.
PRINT_SRC = f"{BOOK_DIR}/afdrukken.md"
TIMELINE_SRC = f"{LETTERS_DIR}/tijdlijn.md"
BY_AUTHOR_SRC = f"{LETTERS_DIR}/per-auteur.md"
BY_CITY_SRC = f"{LETTERS_DIR}/per-plaats.md"  # a redirect to BY_AUTHOR_SRC
REGISTER_SRC = f"{LETTERS_DIR}/stellingen.md"
GENERATED_SRCS = (AUTHORS_INDEX, PRINT_SRC, TIMELINE_SRC, BY_AUTHOR_SRC, BY_CITY_SRC, REGISTER_SRC)
"""The generated pages at fixed paths (a source at the same path replaces one; see ``generate.py``)."""


def edition_src(slug: str) -> str:
    """The index page of the edition in folder ``slug``."""
    return f"{LETTERS_DIR}/{slug}/index.md"


def edition_print_src(slug: str) -> str:
    """The generated print page of the edition in folder ``slug`` (all its letters on one page)."""
    return f"{LETTERS_DIR}/{slug}/afdrukken.md"


def is_print_page(src: str) -> bool:
    """True for a generated print page (the book's or an edition's)."""
    parts = src.split("/")
    return src == PRINT_SRC or (len(parts) == 3 and src == edition_print_src(parts[1]))


def term_src(slug: str) -> str:
    return f"{TERMS_DIR}/{slug}.md"


def author_src(key: str) -> str:
    """An author's generated page."""
    return f"{AUTHORS_DIR}/{key}.md"


def term_slug(src: str) -> str | None:
    """The slug of the term page at ``src`` (None: not a term page's path)."""
    return _stem_in(src, TERMS_DIR)


def author_key(src: str) -> str | None:
    """The author key of the author page at ``src`` (None: not an author page's path)."""
    return _stem_in(src, AUTHORS_DIR)


def _stem_in(src: str, folder: str) -> str | None:
    prefix = folder + "/"
    if not src.startswith(prefix) or not src.endswith(".md"):
        return None
    stem = src[len(prefix):-3]
    return stem if stem and "/" not in stem and stem != "index" else None
