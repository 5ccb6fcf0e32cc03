"""The content model: plain dataclasses, no behaviour that needs MkDocs.

Dutch ↔ code names: brief = Letter, editie = Edition, deel = Part, hoofdstuk = Chapter,
begrip = Term, auteur = Author, stelling = ``stelling`` (kept Dutch), standpunt = ``standpunt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .dates import PartialDate
from .layout import BOOK_INDEX, LETTERS_INDEX, edition_src
from .sources import Source
from .termlink.matcher import continues_word
from .text import first_sentence

STANCES = ("eens", "genuanceerd", "oneens")
LINK_PAGE = "pagina"
LINK_SECTION = "sectie"
#: How often a term is linked: its first mention per page (the default) or per section.
LINK_SCOPES = (LINK_PAGE, LINK_SECTION)
#: Dutch articles a definition may start with before the term's name ("Een klant is …").
_ARTICLES = ("de ", "het ", "een ", "'t ")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}


def part_title(number: int, title: str) -> str:
    """``Deel I — Customer experience als uitdaging``."""
    return f"Deel {ROMAN.get(number, str(number))} — {title}"


def chapter_title(number: int, title: str) -> str:
    """``1 Customer Experience``."""
    return f"{number} {title}"


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

    @property
    def display_title(self) -> str:
        """The title as the reader sees it, with the part's roman numeral."""
        return part_title(self.number, self.title)


@dataclass
class Chapter:
    """A numbered chapter (hoofdstuk) of the book."""

    src: str
    part: int
    number: int
    title: str
    body: str = ""

    @property
    def display_title(self) -> str:
        """The title as the reader sees it, with the chapter's number."""
        return chapter_title(self.number, self.title)


@dataclass
class BookPage:
    """An unnumbered book page (introduction, cases, landing page)."""

    src: str
    title: str
    order: int = 50
    body: str = ""

    @property
    def display_title(self) -> str:
        return self.title


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
    link: str = LINK_PAGE
    """``sectie``: linked at its first mention in every section of a page, not once per page."""

    @cached_property
    def first_sentence(self) -> str:
        """The definition's first sentence (tooltips, descriptions, every link's title)."""
        return first_sentence(self.definition)

    @property
    def tooltip(self) -> str:
        """What a link to the term shows on hovering: the first sentence, after the term's name
        unless the sentence starts with the name or an alias or form of it (after an article,
        any case: "CX, voluit …", "Een klant is …")."""
        sentence = self.first_sentence
        return sentence if self._names_itself(sentence) else f"{self.term}: {sentence}"

    def _names_itself(self, sentence: str) -> bool:
        start = sentence.casefold()
        for article in _ARTICLES:
            if start.startswith(article):
                start = start[len(article):]
                break
        for name in (self.term, *self.aliases, *self.forms):
            name = name.casefold()
            if start.startswith(name) and not continues_word(start, len(name)):
                return True
        return False


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
    termlinks: dict[str, str] = field(default_factory=dict)
    """Pages that say how their terms are linked (``termlinks: sectie``), by source path."""
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    """Every Markdown source read without errors, by docs-relative path: its frontmatter and body
    as read (an engine can render a page from this instead of reading and parsing it again)."""

    _by_src: dict[str, Page] = field(default_factory=dict, repr=False)
    _book_order: list[BookPage | Part | Chapter] = field(default_factory=list, repr=False)
    _indexed: bool = field(default=False, repr=False)

    def reindex(self) -> None:
        """Rebuild the lookup tables (call after changing what the site holds)."""
        pages = sorted((p for p in self.book_pages if p.src != BOOK_INDEX), key=lambda p: (p.order, p.src))
        self._book_order = [p for p in pages if p.order < 50]
        for part in self.parts:
            self._book_order += [part, *part.chapters]
        self._book_order += [p for p in pages if p.order >= 50]
        self._by_src = {p.src: p for p in self.book_pages}
        self._by_src.update({p.src: p for p in self._book_order})
        self._by_src.update({t.src: t for t in self.terms.values()})
        self._by_src.update({e.src: e for e in self.editions})
        self._by_src.update({x.src: x for x in self.letters()})
        self._indexed = True

    def _index(self) -> dict[str, Page]:
        if not self._indexed:  # built by hand, not by load_site
            self.reindex()
        return self._by_src

    def page_at(self, src: str) -> Page | None:
        """What the source at a docs-relative path is: a letter, an edition, a book page, part,
        chapter or term (None: another page)."""
        return self._index().get(src)

    def book_order(self) -> list[BookPage | Part | Chapter]:
        """The book's pages in reading order: front matter, parts each followed by its chapters,
        back matter (not the landing page, which ``reading.book_chain`` puts in front)."""
        self._index()
        return self._book_order

    def part(self, number: int) -> Part | None:
        return next((p for p in self.parts if p.number == number), None)

    def titles_of_works(self) -> list[str]:
        """The book's and the series' titles (of the book's and the letters' landing pages)."""
        titles = []
        for src in (BOOK_INDEX, LETTERS_INDEX):
            source = self.sources.get(src)
            title = source.meta.get("title") if source is not None else None
            if isinstance(title, str) and title.strip():
                titles.append(title.strip())
        return titles

    def letters(self) -> list[Letter]:
        """All letters, oldest edition first, in edition order."""
        return [letter for edition in self.editions for letter in edition.letters]

    def letter(self, src: str) -> Letter | None:
        """The letter at a docs-relative path."""
        found = self.page_at(src)
        return found if isinstance(found, Letter) else None

    def edition_at(self, src: str) -> Edition | None:
        """The edition whose index page is at a docs-relative path."""
        found = self.page_at(src)
        return found if isinstance(found, Edition) else None

    def edition(self, slug: str) -> Edition | None:
        """The edition with this folder name."""
        return self.edition_at(edition_src(slug))

    def author_name(self, key: str) -> str:
        """The registered name of author ``key``; the key itself when the registry lacks it."""
        author = self.authors.get(key)
        return author.name if author else key

    def letters_by(self, author: str) -> list[Letter]:
        """An author's letters, newest first."""
        mine = [x for x in self.letters() if x.author == author]
        return sorted(mine, key=lambda x: (x.date, x.position), reverse=True)


Page = Letter | Edition | BookPage | Part | Chapter | Term
