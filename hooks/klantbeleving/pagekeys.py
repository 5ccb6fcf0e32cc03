"""Which frontmatter keys each kind of page may carry, and the type of each.

Every key of a page reaches a template (Material's or ours) or the model. Material prints some
of its own keys as raw HTML (``subtitle`` and ``status`` in the navigation of every page, ``icon``
and ``template`` as file names), so a key is allowed only where it is listed in
:data:`PAGE_KEYS`; any other key is an error that names the allowed ones. Text values are
printed escaped by the templates; the other types are checked here so that nothing else needs
escaping. Keys marked :data:`MODEL` are checked where :mod:`klantbeleving.load` reads them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .layout import BOOK_DIR, BOOK_INDEX, HOME, LETTERS_DIR, TERMS_DIR, TERMS_INDEX
from .problems import Problem
from .sources import Source

TEXT = "text"
"""A plain string (a number is read as its text); never a list, mapping, binary or true/false."""
TEXTS = "texts"
"""A list of plain strings (or one string)."""
INT = "int"
"""A whole number."""
BOOL = "bool"
"""``true`` or ``false``."""
HIDE = "hide"
"""Material's ``hide``: a list of the parts of a page it can hide (:data:`HIDE_VALUES`)."""
SEARCH = "search"
"""``search``: a mapping with ``exclude`` (true/false: the page stays out of the search index) and
``boost`` (see :data:`BOOST_RANGE`: the weight of the page's text in the index, 1 as usual)."""
MODEL = "model"
"""Read and checked by the loader, which knows what the key means (dates, author keys, numbers)."""

HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
BOOST_RANGE = (0.0, 10.0)
"""``search.boost`` must lie above the first and at most at the second value."""

_COMMON = {"title": TEXT, "hide": HIDE, "search": SEARCH}
_READ = {**_COMMON, "termlinks": MODEL}
"""Pages with running text: ``termlinks: sectie`` links each term once per section."""

PAGE_KEYS: dict[str, dict[str, str]] = {
    "home": _READ,
    "page": _READ,
    "glossary": _COMMON,
    "book": {**_READ, "order": INT, "authors": TEXTS, "year": INT, "publisher": TEXT},
    "bookpage": {**_READ, "order": INT, "authors": TEXTS},
    "part": {**_READ, "part": MODEL, "authors": TEXTS},
    "chapter": {**_READ, "part": MODEL, "chapter": MODEL, "authors": TEXTS},
    "edition": {**_READ, "stelling": MODEL, "date": MODEL, "draft": MODEL, "publish": MODEL,
                "published_in": TEXT, "tags": TEXTS, "review": TEXTS},
    "letter": {**_READ, "author": MODEL, "city": MODEL, "date": MODEL, "stelling": TEXT, "standpunt": TEXT,
               "addressees": MODEL, "in_reply_to": TEXT, "quote": TEXT, "draft": MODEL, "publish": MODEL,
               "number": MODEL, "text": TEXT},
    "term": {**_COMMON, "term": MODEL, "aliases": MODEL, "forms": MODEL, "related": MODEL, "source": TEXT,
             "quoted": BOOL, "link": MODEL},
}
"""Page kind → allowed key → type. Later features add their keys here."""

KIND_NAMES = {
    "home": "de startpagina",
    "page": "een gewone pagina",
    "glossary": "de begrippenlijst",
    "book": "de boekpagina",
    "bookpage": "een boekpagina",
    "part": "een deel van het boek",
    "chapter": "een hoofdstuk",
    "edition": "een editie",
    "letter": "een brief",
    "term": "een begrip",
}

AUTHOR_FIELDS = {"name": TEXT, "city": TEXT, "role": TEXT, "description": TEXT, "bio": TEXT, "avatar": TEXT}
"""The fields of an entry in ``.authors.yml``; all text, printed escaped."""
AUTHOR_ROLES = ("brieven", "boek")
AUTHOR_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""An author key is a slug: it becomes the address ``/auteurs/<key>/``."""
MAX_AUTHOR_KEY = 60
"""Longer author keys are refused: the key is a folder name in ``site/`` (at most 255 bytes)."""
RESERVED_AUTHOR_KEYS = ("index",)
"""Keys whose page address is taken by a generated page (``/auteurs/`` itself)."""
_AVATAR_RE = re.compile(r"^(?:https://|(?![a-zA-Z][a-zA-Z0-9+.-]*:))[^\s\"'<>\\]+$")


def page_kind(src: str, meta: dict[str, Any]) -> str:
    """The kind of page a docs-relative source is, from its place (and, in the book, its keys)."""
    parts = src.split("/")
    if src == HOME:
        return "home"
    if parts[0] == LETTERS_DIR and len(parts) > 1:
        if len(parts) == 2 and parts[1] == "index.md":
            return "page"
        return "edition" if len(parts) == 3 and parts[2] == "index.md" else "letter"
    if parts[0] == BOOK_DIR and len(parts) > 1:
        if src == BOOK_INDEX:
            return "book"
        return "chapter" if "chapter" in meta else "part" if "part" in meta else "bookpage"
    if parts[0] == TERMS_DIR and len(parts) > 1:
        return "glossary" if src == TERMS_INDEX else "term"
    return "page"


def check_page_keys(source: Source, src: str) -> list[Problem]:
    """Every frontmatter key of a source against the table of its page kind.

    Args:
        source: the source as read (its ``path`` is the one problems name).
        src: its docs-relative path (which decides the page kind).
    """
    kind = page_kind(src, source.meta)
    allowed = PAGE_KEYS[kind]
    problems = []
    for key, value in source.meta.items():
        line = source.line_of(key)
        if key not in allowed:
            listed = ", ".join(sorted(allowed))
            problems.append(Problem(source.path, line, f"onbekende sleutel '{key}' voor {KIND_NAMES[kind]}; toegestaan: {listed}"))
            continue
        message = check_plain(key, value) or check_value(key, value, allowed[key])
        if message:
            problems.append(Problem(source.path, line, message))
    return problems


_PLAIN = (str, int, float, bool, list, dict, type(None))


def check_plain(key: str, value: Any) -> str | None:
    """Frontmatter is text, numbers, true/false, lists and mappings; a value of any other YAML type
    (``!!binary``, ``!!set``, an explicit ``!!timestamp``), at any depth, is an error."""
    todo = [value]
    while todo:
        item = todo.pop()
        if not isinstance(item, _PLAIN):
            return f"'{key}' bevat een {describe(item)}; gebruik tekst, getallen, lijsten of mappings"
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
    return None


def check_value(key: str, value: Any, kind: str) -> str | None:
    """What is wrong with a value of the given type, in Dutch, or ``None``."""
    if value is None or kind == MODEL:
        return None
    if kind == TEXT:
        return None if is_text(value) else f"'{key}' moet tekst zijn, geen {describe(value)}"
    if kind == TEXTS:
        if isinstance(value, str) or (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            return None
        return f"'{key}' moet een lijst met tekst zijn, geen {describe(value)}"
    if kind == INT:
        return None if _is_int(value) else f"'{key}' moet een geheel getal zijn, geen {describe(value)}"
    if kind == BOOL:
        return None if isinstance(value, bool) else f"'{key}' moet true of false zijn, geen {describe(value)}"
    if kind == HIDE:
        if isinstance(value, list) and all(isinstance(x, str) and x in HIDE_VALUES for x in value):
            return None
        return f"'hide' moet een lijst zijn met waarden uit: {', '.join(HIDE_VALUES)}"
    if kind == SEARCH:
        return _check_search(value)
    raise ValueError(f"unknown key type {kind!r}")


def _check_search(value: Any) -> str | None:
    low, high = BOOST_RANGE
    wanted = f"'search' moet een mapping zijn met 'exclude' (true of false) en/of 'boost' (een getal boven {low:g} en hoogstens {high:g})"
    if not isinstance(value, dict) or not set(map(str, value)) <= {"exclude", "boost"}:
        return wanted
    exclude = value.get("exclude", False)
    boost = value.get("boost", 1)
    if not isinstance(exclude, bool):
        return wanted
    if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not math.isfinite(boost) or not low < boost <= high:
        return wanted
    return None


def is_text(value: Any) -> bool:
    """A plain string, or a number (YAML reads ``title: 1984`` as one)."""
    return isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def describe(value: Any) -> str:
    """A value's type as an editor knows it."""
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, (bytes, bytearray)):
        return "binaire waarde"
    if isinstance(value, (set, frozenset)):
        return "verzameling (!!set)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"getal ({value})"
    if isinstance(value, str):
        return f"tekst ('{value}')"
    return type(value).__name__


def check_author_key(key: str) -> str | None:
    """What is wrong with an author key (it names a page under ``/auteurs/``), or ``None``."""
    if key in RESERVED_AUTHOR_KEYS:
        return f"auteur '{key}': deze sleutel is gereserveerd (/auteurs/{key}/ is de auteurslijst)"
    if not AUTHOR_KEY_RE.match(key):
        return f"auteur '{key}': een sleutel bestaat uit kleine letters, cijfers en streepjes (bijv. wim-rampen)"
    if len(key) > MAX_AUTHOR_KEY:
        return f"auteur '{key[:20]}…': de sleutel is te lang ({len(key)} tekens; maximaal {MAX_AUTHOR_KEY})"
    return None


def check_author_fields(key: str, entry: dict[str, Any]) -> list[str]:
    """What is wrong with the fields of one ``.authors.yml`` entry (messages, in Dutch)."""
    messages = []
    for field, value in entry.items():
        field = str(field)
        if field not in AUTHOR_FIELDS:
            listed = ", ".join(sorted(AUTHOR_FIELDS))
            messages.append(f"auteur '{key}': onbekend veld '{field}'; toegestaan: {listed}")
            continue
        if value is None:
            continue
        if not is_text(value):
            messages.append(f"auteur '{key}': '{field}' moet tekst zijn, geen {describe(value)}")
        elif field == "role" and str(value).strip() not in AUTHOR_ROLES:
            messages.append(f"auteur '{key}': 'role' is niet een van: {', '.join(AUTHOR_ROLES)}")
        elif field == "avatar" and not _AVATAR_RE.match(str(value).strip()):
            messages.append(f"auteur '{key}': 'avatar' moet een https-adres of een pad binnen de site zijn")
    return messages
