"""The content model: plain dataclasses, no behaviour that needs MkDocs.

Dutch ↔ code names: brief = Letter, editie = Edition, deel = Part, hoofdstuk = Chapter,
begrip = Term, auteur = Author, stelling = ``stelling`` (kept Dutch), standpunt = ``standpunt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .dates import PartialDate

if TYPE_CHECKING:
    from .sources import Source

STANCES = ("eens", "genuanceerd", "oneens")
TEXT_SUMMARY = "samenvatting"
TEXT_ORIGINAL = "origineel"
TEXT_KINDS = (TEXT_SUMMARY, TEXT_ORIGINAL)
"""A letter's ``text``: our summary in our own words (the default), or the letter as its author wrote it."""


@dataclass(frozen=True)
class Author:
    """An entry of ``docs/.authors.yml``."""

    key: str
    name: str
    city: str = ""
    description: str = ""
    bio: str = ""
    role: str = ""
    avatar: str = ""

    @property
    def first_name(self) -> str:
        """First name as used in salutations ("Beste Wim en Rien")."""
        return self.name.split()[0] if self.name else self.key


@dataclass
class Letter:
    """A letter (brief) in an edition."""

    src: str
    edition: str
    position: int
    author: str
    city: str
    date: PartialDate
    title: str
    stelling: str = ""
    standpunt: str = ""
    quote: str = ""
    draft: bool = False
    publish: PartialDate | None = None
    addressees: list[str] = field(default_factory=list)
    in_reply_to: str | None = None
    replies: list[str] = field(default_factory=list)
    explicit_addressees: bool = False
    body: str = ""
    number: int | None = None
    """The letter's number in the series (``Brief 7``): unique, never changed once given."""
    text: str = TEXT_SUMMARY
    """What the body is: our ``samenvatting`` (summary) or the ``origineel`` letter itself."""


@dataclass
class Edition:
    """An edition (editie): one stelling, a lead and the letters in order."""

    src: str
    slug: str
    title: str
    stelling: str
    date: PartialDate
    lead: str = ""
    draft: bool = False
    publish: PartialDate | None = None
    letters: list[Letter] = field(default_factory=list)
    published_in: str = ""
    """Where the edition first appeared (a magazine and its issue), as the editor wrote it."""
    tags: list[str] = field(default_factory=list)


@dataclass
class Part:
    """A part (deel) of the book."""

    src: str
    number: int
    title: str
    chapters: list[Chapter] = field(default_factory=list)
    body: str = ""


@dataclass
class Chapter:
    """A numbered chapter (hoofdstuk) of the book."""

    src: str
    part: int
    number: int
    title: str
    body: str = ""


@dataclass
class BookPage:
    """An unnumbered book page (introduction, cases, landing page)."""

    src: str
    title: str
    order: int = 50
    body: str = ""


@dataclass
class Term:
    """A glossary term (begrip)."""

    src: str
    slug: str
    term: str
    aliases: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    source: str = ""
    definition: str = ""

    @cached_property
    def first_sentence(self) -> str:
        """The definition's first sentence (used for tooltips, descriptions and every link's title;
        computed once: terms are read once per build)."""
        from .text import first_sentence

        return first_sentence(self.definition)


@dataclass
class Site:
    """Everything read from ``docs/``, cross-referenced."""

    authors: dict[str, Author] = field(default_factory=dict)
    editions: list[Edition] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    book_pages: list[BookPage] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)
    places: dict[str, int] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    """Every Markdown source read without errors, by docs-relative path: its frontmatter and body
    as read (an engine can render a page from this instead of reading and parsing it again)."""

    _by_src: dict[str, Letter | Edition] = field(default_factory=dict, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)

    def reindex(self) -> None:
        """Rebuild the lookup tables (call after changing editions or letters)."""
        self._by_src = {e.src: e for e in self.editions}
        self._by_src.update({x.src: x for x in self.letters()})
        self._position = {e.src: i for i, e in enumerate(self.editions)}
        self._position.update({x.src: i for e in self.editions for i, x in enumerate(e.letters)})

    def position(self, item: Letter | Edition) -> int:
        """Index of an edition in ``editions``, or of a letter in its edition's ``letters``."""
        if item.src not in self._position:  # built by hand, not by load_site
            self.reindex()
        return self._position[item.src]

    def letters(self) -> list[Letter]:
        """All letters, oldest edition first, in edition order."""
        return [letter for edition in self.editions for letter in edition.letters]

    def letter(self, src: str) -> Letter | None:
        """The letter at a docs-relative path."""
        found = self._by_src.get(src)
        return found if isinstance(found, Letter) else None

    def edition_at(self, src: str) -> Edition | None:
        """The edition whose index page is at a docs-relative path."""
        found = self._by_src.get(src)
        return found if isinstance(found, Edition) else None

    def edition(self, slug: str) -> Edition | None:
        """The edition with this folder name."""
        return self.edition_at(f"brieven/{slug}/index.md")

    def letters_by(self, author: str) -> list[Letter]:
        """An author's letters, newest first."""
        mine = [x for x in self.letters() if x.author == author]
        return sorted(mine, key=lambda x: (x.date, x.position), reverse=True)
