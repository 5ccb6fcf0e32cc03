"""``klantbeleving import book``: text extracted from the book's PDF → Markdown sources.

The input is the plain text a PDF reader gives for the book (see ``../shared/corpus/book``):
section openers on a line of their own (``INLEIDING``, ``DEEL I`` with the part's title in capitals,
``HOOFDSTUK 1`` with the chapter's title, ``OVER DE AUTEURS``), hard-wrapped lines with line-break
hyphenation, footnote numbers glued to words, page numbers, running headers, figure text and the
back cover. The importer keeps every word of the running text as written (curly quotes, dashes and
diacritics included) and drops what belongs to the printed page.

Pure steps, none of which touches MkDocs or the file system:

* :func:`clean_lines` — text → numbered :class:`Line` objects;
* :func:`dehyphenate` — join two wrapped lines the Dutch way (``pati-``/``ënten`` → ``patiënten``,
  ``ISO-``/``norm`` → ``ISO-norm``, ``product-``/``en procesgericht`` keeps hyphen and space);
* :func:`mark_notes` — glued footnote numbers → ``[^n]`` references;
* :func:`split_book` — text → :class:`Book` (raises :class:`InputError`);
* :func:`render_book` / :func:`render_glossary` — book → ``{relative path: Markdown}``;

:func:`run` is the command-line wrapper; it writes through :mod:`klantbeleving.importers.writer`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from slugify import slugify

from ..layout import BOOK_DIR
from ..model import Author
from ..placeholders import FOOTNOTE_TODO
from ..sources import parse_source
from ..text import escape_markdown
from .common import InputError, display, docs_folder_of, escapes, find_registry, read_input, read_registry, render_page
from .writer import WriteError, write_folders

# -- constants -----------------------------------------------------------------------------

PAGES = {
    "VOORWOORD": ("voorwoord", "Voorwoord", 0),
    "INLEIDING": ("inleiding", "Inleiding", 0),
    "DANKWOORD": ("dankwoord", "Dankwoord", 97),
    "NAWOORD": ("nawoord", "Nawoord", 96),
    "OVER DE AUTEURS": ("over-de-auteurs", "Over de auteurs", 98),
}
"""Unnumbered sections: opener in capitals → (file name, title, ``order``)."""

PART_RE = re.compile(r"^DEEL\s+(?P<number>[IVXLC]+|\d{1,2})$")
CHAPTER_RE = re.compile(r"^HOOFDSTUK\s+(?P<number>\d{1,2})$")
PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
ISBN_RE = re.compile(r"^(?:ISBN:?)?97[89]\d{10}$")
"""An ISBN-13 line, after spaces and hyphens are taken out (``9 7 8 9 0 2 4 …`` on a back cover)."""
DEFINITION_RE = re.compile(r"^(?P<term>[A-ZÀ-Þ][^:.!?;]{0,60}?)\s*:\s+(?P<text>\S.*)$")
ACRONYM_TERM_RE = re.compile(r"^(?P<long>.+?)\s*\((?P<short>[A-Z][A-Za-z0-9&/+-]{0,7})\)$")
YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")

ELISION_RE = re.compile(r"^(?:en|of|naar|tot|als|noch|en/of|c\.q\.|t/m)\s+\S")
"""A word after a line-final hyphen that makes the hyphen an elision: ``product- en procesgericht``."""
KEEP_PREFIXES = frozenset({"niet", "non", "ex", "oud", "vice"})
"""Prefixes Dutch always writes with a hyphen (``niet-vrijblijvend``, ``oud-directeur``)."""
PARTICLES = frozenset({"de", "den", "der", "van", "het", "ten", "ter", "te", "von", "du", "la", "le", "’t", "'t"})
"""Lower-case words allowed inside a person's name (``Eric de Haan``)."""

TERMINAL = ".!?…"
CLOSERS = "’”)»"
BOX_TYPE = "kader"
"""Admonition type of a box (``!!! kader "Definities"``); style it as ``.admonition.kader``."""
FIGURE_TYPE = "figuur"
FIGURE_TITLE = "Tekst uit een figuur of kader (nakijken: bewaren, herschrijven of weghalen)"
"""A figure block (``!!! figuur``): text from the PDF that is not running text, kept in the page."""
EPIGRAPH_CLASS = "kb-epigraph"
SIGNOFF_CLASS = "kb-signoff"
_NOTE_REF_RE = re.compile(r"\[\^\d+\]")
_HYPHENATED_RE = re.compile(r"[^\W\d_][\w’']*(?:-[\w’']+)+")
_WORD_END_RE = re.compile(r"([\w’'+&/]+)-$")

Kind = Literal["page", "part", "chapter"]


# -- the model of an imported book ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One input line: 1-based number, text without surrounding blanks, and whether it was indented.

    PDF readers start the first line of a page with a space; after a full stop that marks a new
    paragraph.
    """

    number: int
    text: str
    indented: bool = False


@dataclass(frozen=True)
class Dropped:
    """An input line that is not in the output, and why.

    ``known`` debris (page numbers, running headers, title pages, back cover) is expected;
    other dropped lines (figure text) are reported so an editor can place them by hand.
    """

    line: int
    text: str
    reason: str
    known: bool


@dataclass
class Paragraph:
    text: str
    line: int


@dataclass
class Heading:
    text: str
    line: int


@dataclass
class Epigraph:
    text: str
    attribution: str
    line: int


@dataclass
class Definition:
    term: str
    text: str
    line: int


@dataclass
class Box:
    title: str
    entries: list[Definition]
    line: int


@dataclass
class Signoff:
    lines: list[str]
    line: int


@dataclass
class Figure:
    """Text that is not running text (a figure's words, a display quote): kept for the editor."""

    lines: list[Line]
    line: int


Block = Paragraph | Heading | Epigraph | Box | Signoff | Figure


@dataclass
class Section:
    """One output page: the introduction, a part's title page, a chapter or back matter."""

    kind: Kind
    title: str
    line: int
    slug: str
    number: int = 0
    part: int = 0
    order: int = 50
    blocks: list[Block] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)

    @property
    def rel(self) -> str:
        """Path of the page relative to the book folder."""
        if self.kind == "part":
            return f"deel-{self.number}/index.md"
        if self.kind == "chapter":
            return f"deel-{self.part}/{self.number:02d}-{self.slug}.md"
        return f"{self.slug}.md"


@dataclass
class Book:
    """The imported book: its pages in reading order and the lines left out."""

    sections: list[Section]
    authors: list[str]
    dropped: list[Dropped]
    notes: int = 0

    @property
    def unplaced(self) -> list[Dropped]:
        """Dropped lines that are not known debris (report these)."""
        return [d for d in self.dropped if not d.known]

    @property
    def figures(self) -> list[Line]:
        """Lines kept in figure blocks, for the editor to check."""
        return [x for s in self.sections for b in s.blocks if isinstance(b, Figure) for x in b.lines]


# -- lines ---------------------------------------------------------------------------------


def clean_lines(text: str) -> list[Line]:
    """Text → numbered lines: newlines normalised, soft hyphens removed, blanks trimmed."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.replace("\u00ad", "").replace("\t", " ").replace("\u00a0", " ")
        lines.append(Line(number, " ".join(raw.split()), raw[:1] == " " and bool(raw.strip())))
    return lines


def hyphenated_words(lines: list[Line]) -> frozenset[str]:
    """Words the text writes with a hyphen inside a line (``CX-professionals``), lower-cased, with
    their hyphenated beginnings (``a-b-c`` also gives ``a-b``) so a lookup is one set test."""
    found: set[str] = set()
    for line in lines:
        for match in _HYPHENATED_RE.finditer(line.text.removesuffix("-")):
            word = match.group().casefold()
            found.add(word)
            found.update(word[:i] for i in range(word.index("-") + 1, len(word)) if word[i] == "-")
    return frozenset(found)


def dehyphenate(left: str, right: str, hyphenated: frozenset[str] = frozenset()) -> str:
    """Join two wrapped lines, deciding what a hyphen at the end of ``left`` is.

    * a word split at the line end is joined: ``pati-`` + ``ënten`` → ``patiënten``;
    * an elision keeps hyphen and space: ``product-`` + ``en procesgericht``;
    * a hyphen that belongs to the word stays: after a capital, digit or symbol (``ISO-norm``),
      after ``niet`` and similar prefixes, before a capital (``Teheux-Dalstra``), or when the text
      writes the joined word with a hyphen elsewhere (``hyphenated``).
    """
    left, right = left.rstrip(), right.strip()
    if not left or not right:
        return left or right
    match = _WORD_END_RE.search(left)
    if match is None:
        return f"{left} {right}"
    if ELISION_RE.match(right):
        return f"{left} {right}"
    before = match.group(1)
    token = left.split()[-1].lstrip("(‘“\"'")
    head = right.split()[0]
    keep = (
        not before[-1].islower()
        or before.casefold() in KEEP_PREFIXES
        or right[0].isupper()
        or _seen_hyphenated(f"{token}{head}", hyphenated)
    )
    return left + right if keep else left[:-1] + right


def _seen_hyphenated(word: str, hyphenated: frozenset[str]) -> bool:
    """Whether the text writes ``word`` (or a longer compound starting with it) with this hyphen."""
    return word.casefold().rstrip(".,;:!?…’”)") in hyphenated


def join_lines(lines: list[str], hyphenated: frozenset[str] = frozenset()) -> str:
    """Wrapped lines → one line of text, in time linear in its length.

    :func:`dehyphenate` looks only at the last word before the break, so only that word is carried
    from line to line; everything before it is final.
    """
    done: list[str] = []
    last = ""
    for line in lines:
        joined = dehyphenate(last, line, hyphenated) if last else " ".join(line.split())
        head, _space, last = joined.rpartition(" ")
        if head:
            done.append(head)
    done.append(last)
    return " ".join(" ".join(done).split())


# -- footnotes -----------------------------------------------------------------------------


def mark_notes(text: str, expected: int = 1) -> tuple[str, int]:
    """Glued footnote numbers → ``[^n]`` references.

    A number is a footnote reference only when it is the next one expected (the book numbers its
    notes 1, 2, 3 … throughout) and it is glued to the end of a word (``breken1``, ``Thaler6``) or
    to a year (``Trendrapport 20247`` = 2024 and note 7). Acronyms with a digit (``CO2``) and free
    numbers (``1999``, ``10 euro``, ``9+-organisatie``) stay as they are.

    Returns:
        The text with references and the next expected note number.
    """
    out: list[str] = []
    pos = 0
    for match in re.finditer(r"\d+", text):
        start, end = match.span()
        digits = match.group()
        after = text[end : end + 1]
        if after and not (after.isspace() or after in ".,;:!?…" + CLOSERS):
            continue
        before = text[start - 1] if start else ""
        cut = None
        if before and (before.isalpha() or before in CLOSERS):
            word = _word_before(text, start)
            acronym = len(word) > 1 and word.isupper()
            if digits == str(expected) and not acronym:
                cut = start
        elif not before or before.isspace() or before in "(‘“":
            year, rest = digits[:4], digits[4:]
            if len(digits) in (5, 6) and YEAR_RE.match(year) and rest == str(expected):
                cut = start + 4
        if cut is None:
            continue
        out.append(text[pos:cut])
        out.append(f"[^{expected}]")
        pos = end
        expected += 1
    out.append(text[pos:])
    return "".join(out), expected


def _word_before(text: str, end: int) -> str:
    """The run of letters that ends at ``end`` (read backwards, so the cost is the word's length)."""
    start = end
    while start and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


# -- splitting the book --------------------------------------------------------------------


@dataclass
class _Span:
    kind: Kind
    key: str
    number: int
    line: int
    title_words: str = ""
    body: list[Line] = field(default_factory=list)


@dataclass
class _Context:
    """What the section readers below share while splitting one book."""

    hyphenated: frozenset[str]
    text: str
    headers: set[str]
    dropped: list[Dropped]
    parts: dict[int, int] = field(default_factory=dict)
    chapters: dict[tuple[int, int], int] = field(default_factory=dict)
    part: int = 0
    lone_part: int | None = None
    known_parts: dict[int, int] = field(default_factory=dict)


def split_book(text: str, *, part: int | None = None, known_parts: dict[int, int] | None = None) -> Book:
    """Split the PDF text of the book into its pages.

    Args:
        text: the text of the PDF.
        part: the part of a chapter that stands before any ``DEEL`` line (a lone chapter).
        known_parts: chapter number → part number of the book already written (see
            :func:`known_parts`), used for a lone chapter when ``part`` is not given.

    Raises:
        InputError: when the text is empty, has no introduction or chapter, or a part or
            chapter is missing, duplicated or without a title.
    """
    lines = clean_lines(text)
    if not any(line.text for line in lines):
        raise InputError("bestand is leeg")
    dropped: list[Dropped] = []
    lines = _cut_back_cover(lines, dropped)
    spans = _find_spans(lines, dropped)
    if not any(s.kind == "chapter" or s.key == "INLEIDING" for s in spans):
        raise InputError("geen inleiding of hoofdstuk gevonden: verwacht een regel 'INLEIDING' of 'HOOFDSTUK 1'")
    ctx = _Context(
        hyphenated=hyphenated_words(lines),
        text="\n".join(line.text for line in lines),
        headers={" ".join(s.title_words.split()) for s in spans if s.title_words},
        dropped=dropped,
        lone_part=part,
        known_parts=known_parts or {},
    )
    sections = []
    for span in spans:
        body = _drop_page_furniture(span.body, ctx)
        if span.kind == "part":
            sections.append(_part_section(span, body, ctx))
        elif span.kind == "chapter":
            sections.append(_chapter_section(span, body, ctx))
        else:
            sections.append(_page_section(span, body, ctx))
    notes = _mark_all_notes(sections)
    dropped.sort(key=lambda d: d.line)
    return Book(sections, _book_authors(sections), dropped, notes)


def _part_section(span: _Span, body: list[Line], ctx: _Context) -> Section:
    if span.number in ctx.parts:
        raise InputError(f"deel {span.number} staat er twee keer in (ook op regel {ctx.parts[span.number]})", span.line)
    ctx.parts[span.number] = span.line
    ctx.part = span.number
    title = recase_title(span.title_words, ctx.text) if span.title_words else f"Deel {span.number}"
    section = Section("part", title, span.line, f"deel-{span.number}", number=span.number)
    section.blocks = _part_blocks(body, ctx)
    return section


def _chapter_section(span: _Span, body: list[Line], ctx: _Context) -> Section:
    part = ctx.part or ctx.lone_part or ctx.known_parts.get(span.number)
    if not part:
        raise InputError(
            f"hoofdstuk {span.number} staat niet in een deel: geef --part N (het nummer van het deel), "
            "of importeer in een boekmap waarin dit hoofdstuk al in een deel staat",
            span.line,
        )
    if not span.title_words:
        raise InputError(f"hoofdstuk {span.number} heeft geen titel (verwacht een regel in hoofdletters)", span.line)
    key = (part, span.number)
    if key in ctx.chapters:
        raise InputError(f"hoofdstuk {span.number} staat er twee keer in (ook op regel {ctx.chapters[key]})", span.line)
    ctx.chapters[key] = span.line
    title = recase_title(span.title_words, ctx.text)
    slug = slugify(title, max_length=60, word_boundary=True) or "hoofdstuk"
    section = Section("chapter", title, span.line, slug, number=span.number, part=part)
    section.blocks = _text_blocks(body, ctx, epigraph=True)
    return section


def _page_section(span: _Span, body: list[Line], ctx: _Context) -> Section:
    slug, title, order = PAGES[span.key]
    section = Section("page", title, span.line, slug, order=order)
    section.blocks = _text_blocks(body, ctx, bios=span.key == "OVER DE AUTEURS")
    signoffs = [b for b in section.blocks if isinstance(b, Signoff)]
    if signoffs and all(_is_name(x) for x in signoffs[-1].lines):
        section.signers = signoffs[-1].lines
    return section


def _cut_back_cover(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """Drop the back cover: from the last page number before an ISBN line to the end."""
    isbn = next((i for i in range(len(lines) - 1, -1, -1) if _is_isbn(lines[i].text)), None)
    if isbn is None:
        return lines
    start = isbn
    for i in range(isbn - 1, -1, -1):
        if PAGE_NUMBER_RE.match(lines[i].text):
            start = i
            break
        if _opener(lines[i].text) is not None:
            start = isbn
            break
    for line in lines[start:]:
        if line.text:
            reason = "ISBN" if _is_isbn(line.text) else "achterplat"
            dropped.append(Dropped(line.number, line.text, reason, True))
    return lines[:start]


def _is_isbn(text: str) -> bool:
    return ISBN_RE.match(re.sub(r"[\s-]", "", text)) is not None


def _opener(text: str) -> tuple[Kind, str, int] | None:
    if text in PAGES:
        return ("page", text, 0)
    part = PART_RE.match(text)
    if part:
        return ("part", text, _number(part["number"]))
    chapter = CHAPTER_RE.match(text)
    if chapter:
        return ("chapter", text, int(chapter["number"]))
    return None


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


def _find_spans(lines: list[Line], dropped: list[Dropped]) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = _opener(line.text)
        if opener is None:
            if spans:
                spans[-1].body.append(line)
            elif line.text:
                known = bool(PAGE_NUMBER_RE.match(line.text))
                dropped.append(Dropped(line.number, line.text, "vóór de eerste kop (INLEIDING, DEEL, HOOFDSTUK)", known))
            i += 1
            continue
        kind, key, number = opener
        span = _Span(kind, key, number, line.number)
        i += 1
        if kind != "page":
            words = []
            while i < len(lines) and (not lines[i].text or _is_upper(lines[i].text)) and _opener(lines[i].text) is None:
                if lines[i].text:
                    words.append(lines[i].text)
                i += 1
            span.title_words = " ".join(words)
        spans.append(span)
    return spans


def _is_upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _drop_page_furniture(lines: list[Line], ctx: _Context) -> list[Line]:
    """Drop page numbers and running headers (a part or chapter title in capitals)."""
    kept = []
    for line in lines:
        if PAGE_NUMBER_RE.match(line.text):
            ctx.dropped.append(Dropped(line.number, line.text, "paginanummer", True))
        elif _is_upper(line.text) and line.text in ctx.headers:
            ctx.dropped.append(Dropped(line.number, line.text, "kopregel", True))
        else:
            kept.append(line)
    return kept


def recase_title(words: str, text: str) -> str:
    """A title set in capitals → how the text writes it.

    The spelling the running text uses most (``Customer Experience``), otherwise sentence case
    with acronyms kept (``Customer experience als uitdaging``).
    """
    phrase = " ".join(words.split())
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)
    spellings = Counter(" ".join(m.group().split()) for m in pattern.finditer(text) if not _is_upper(m.group()))
    if spellings:
        return spellings.most_common(1)[0][0]
    acronyms = {w for ln in text.splitlines() if not _is_upper(ln) for w in re.findall(r"\b[A-Z]{2,6}\b", ln)}
    out = []
    for i, word in enumerate(phrase.split()):
        lower = word.lower()
        out.append(word if word in acronyms else lower[:1].upper() + lower[1:] if i == 0 else lower)
    return " ".join(out)


# -- blocks --------------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in TERMINAL


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Blank lines separate groups; an indented line after a full stop starts one (a new page)."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not line.text:
            if current:
                groups.append(current)
            current = []
            continue
        if current and line.indented and _ends_sentence(current[-1].text):
            groups.append(current)
            current = []
        current.append(line)
    if current:
        groups.append(current)
    merged: list[list[Line]] = []
    for group in groups:
        first = group[0].text
        if merged and not _ends_sentence(merged[-1][-1].text) and first[:1].islower() and not _is_upper(merged[-1][-1].text):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return merged


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    for word in words:
        if word in PARTICLES:
            continue
        if not re.fullmatch(r"[A-ZÀ-Þ][\w’'.-]*", word) or _is_upper(word) and len(word) > 1:
            return False
    return words[-1] not in PARTICLES


def _is_heading(group: list[Line]) -> bool:
    if len(group) != 1:
        return False
    text = group[0].text
    words = text.split()
    return (
        1 <= len(words) <= 12
        and len(text) <= 100
        and text[:1].isupper()
        and not _is_upper(text)
        and text[-1] not in ".,;:-–—"
    )


def _is_box(group: list[Line]) -> bool:
    hits = [line for line in group if _definition_match(line.text)]
    return len(hits) >= 2 and _definition_match(group[0].text) is not None


def _definition_match(text: str) -> re.Match[str] | None:
    match = DEFINITION_RE.match(text)
    if match is None or len(match["term"].split()) > 6:
        return None
    return match


def _box(group: list[Line], ctx: _Context) -> Box:
    entries: list[tuple[str, int, list[str]]] = []
    for line in group:
        match = _definition_match(line.text)
        if match:
            entries.append((match["term"].strip(), line.number, [match["text"]]))
        else:
            entries[-1][2].append(line.text)
    definitions = [Definition(term, join_lines(parts, ctx.hyphenated), number) for term, number, parts in entries]
    return Box("Definities", definitions, group[0].number)


def _join(group: list[Line], ctx: _Context) -> str:
    return join_lines([x.text for x in group], ctx.hyphenated)


def _figure(blocks: list[Block], group: list[Line]) -> None:
    """Add ``group`` to a figure block (the one just before it, if any)."""
    if blocks and isinstance(blocks[-1], Figure):
        blocks[-1].lines.extend(group)
    else:
        blocks.append(Figure(list(group), group[0].number))


def _part_blocks(lines: list[Line], ctx: _Context) -> list[Block]:
    """A part's title page: its introduction; what follows it on the page is title-page debris."""
    blocks: list[Block] = []
    done = False
    for group in _groups(lines):
        if not done and _ends_sentence(group[-1].text) and not _is_upper(group[0].text):
            blocks.append(Paragraph(_join(group, ctx), group[0].number))
            continue
        done = bool(blocks)
        ctx.dropped.extend(Dropped(x.number, x.text, "titelpagina", True) for x in group)
    return blocks


def _text_blocks(lines: list[Line], ctx: _Context, *, epigraph: bool = False, bios: bool = False) -> list[Block]:
    """Running text: paragraphs, sub-headings, a box of definitions, an epigraph (chapters), author
    bios (``bios``) and a closing greeting with place, date and names (other pages)."""
    groups = _groups(lines)
    blocks: list[Block] = []
    start = 0
    if (
        epigraph
        and len(groups) >= 3
        and _ends_sentence(groups[0][-1].text)
        and len(groups[0]) <= 4
        and len(groups[1]) == 1
        and _is_name(groups[1][0].text)
    ):
        blocks.append(Epigraph(_join(groups[0], ctx), groups[1][0].text, groups[0][0].number))
        start = 2
    signoff = _signoff_start(groups) if not epigraph and not bios else len(groups)
    for index, group in enumerate(groups[start:signoff], start=start):
        text = _join(group, ctx)
        following = groups[index + 1] if index + 1 < len(groups) else None
        if _is_box(group):
            blocks.append(_box(group, ctx))
        elif bios and len(group) >= 2 and _is_name(group[0].text):
            blocks.append(Heading(group[0].text, group[0].number))
            blocks.append(Paragraph(_join(group[1:], ctx), group[1].number))
        elif _is_upper(text) or len(text) < 3:
            _figure(blocks, group)
        elif _is_heading(group) and following is not None and not _is_heading(following):
            blocks.append(Heading(text, group[0].number))
        elif not _ends_sentence(text) and (len(group) == 1 or max(len(x.text) for x in group) < 45):
            _figure(blocks, group)
        else:
            blocks.append(Paragraph(text, group[0].number))
    if signoff < len(groups):
        greeting = groups[signoff]
        blocks.append(Paragraph(_join(greeting, ctx), greeting[0].number))
        for group in groups[signoff + 1 :]:
            blocks.append(Signoff([x.text for x in group], group[0].number))
    return blocks


def _signoff_start(groups: list[list[Line]]) -> int:
    """Index of a closing greeting (``Voor nu, veel leesplezier,``) followed only by place, date and names."""
    if not groups:
        return 0
    names_last = all(_is_name(x.text) for x in groups[-1])
    for index in range(len(groups) - 2, -1, -1):
        after = groups[index + 1]
        if not (len(after) <= 3 and all(len(x.text) <= 60 for x in after) and not _ends_sentence(after[-1].text)):
            return len(groups)
        group = groups[index]
        if len(group) == 1 and group[0].text.endswith(",") and names_last:
            return index
    return len(groups)


def _mark_all_notes(sections: list[Section]) -> int:
    expected = 1
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph | Heading | Epigraph):
                block.text, expected = mark_notes(block.text, expected)
            elif isinstance(block, Box):
                for entry in block.entries:
                    entry.text, expected = mark_notes(entry.text, expected)
    return expected - 1


def _book_authors(sections: list[Section]) -> list[str]:
    for section in sections:
        if section.slug == "over-de-auteurs":
            names = [b.text for b in section.blocks if isinstance(b, Heading)]
            if names:
                return names
    for section in sections:
        if section.signers:
            return section.signers
    return []


# -- rendering -----------------------------------------------------------------------------

def _markdown(text: str) -> str:
    """Escape text that carries ``[^n]`` references (added by :func:`mark_notes`), keeping them."""
    pieces = re.split(r"(\[\^\d+\])", text)
    return "".join(
        piece if _NOTE_REF_RE.fullmatch(piece) else escape_markdown(piece, block_start=i == 0)
        for i, piece in enumerate(pieces)
    )


def render_block(block: Block) -> str:
    """One block → Markdown."""
    if isinstance(block, Paragraph):
        return _markdown(block.text)
    if isinstance(block, Heading):
        return "## " + _markdown(block.text)
    if isinstance(block, Epigraph):
        return (
            f'<blockquote class="{EPIGRAPH_CLASS}" markdown>\n{_markdown(block.text)}\n\n'
            f"— {escape_markdown(block.attribution)}\n{{: .{EPIGRAPH_CLASS}__bron }}\n</blockquote>"
        )
    if isinstance(block, Box):
        title = block.title.replace('"', "'")
        items = [f"    **{escape_markdown(e.term)}**: {_markdown(e.text)}" for e in block.entries]
        return f'!!! {BOX_TYPE} "{title}"\n\n' + "\n\n".join(items)
    if isinstance(block, Figure):
        lines = "<br>\n".join(f"    {escape_markdown(x.text)}" for x in block.lines)
        return f'!!! {FIGURE_TYPE} "{FIGURE_TITLE}"\n\n{lines}'
    return "<br>\n".join(escape_markdown(x) for x in block.lines) + f"\n{{: .{SIGNOFF_CLASS} }}"


def _notes_in(section: Section) -> list[int]:
    numbers: list[int] = []
    for block in section.blocks:
        texts = [e.text for e in block.entries] if isinstance(block, Box) else [getattr(block, "text", "")]
        for text in texts:
            numbers.extend(int(m.group()[2:-1]) for m in _NOTE_REF_RE.finditer(text))
    return numbers


def author_key(name: str, registry: dict[str, Author]) -> str:
    """The registry key of the author called ``name`` (same name, any case), else its slug."""
    wanted = " ".join(name.split()).casefold()
    return next((key for key, author in registry.items() if author.name.casefold() == wanted), slugify(name))


def render_book(book: Book, registry: dict[str, Author] | None = None) -> dict[str, str]:
    """The Markdown sources of the book: path relative to the book folder → text.

    Authors are named by their key in ``registry`` (``.authors.yml``) when it has their name.
    """
    registry = registry or {}
    keys = [author_key(name, registry) for name in book.authors]
    files: dict[str, str] = {}
    for section in book.sections:
        meta: dict[str, Any] = {"title": section.title}
        if section.kind == "chapter":
            meta.update(part=section.part, chapter=section.number)
        elif section.kind == "part":
            meta["part"] = section.number
        else:
            meta["order"] = section.order
        authors = [author_key(name, registry) for name in section.signers] or keys
        if section.kind == "chapter" or section.signers:
            meta["authors"] = authors
        blocks = [render_block(block) for block in section.blocks]
        notes = [f"[^{n}]: {FOOTNOTE_TODO.format(n=n)}" for n in _notes_in(section)]
        if notes:
            blocks.append("\n".join(notes))
        files[section.rel] = render_page(meta, blocks)
    return files


def glossary_terms(book: Book) -> list[tuple[Definition, Section]]:
    """Every definition in a box, with the page it stands on."""
    return [
        (entry, section)
        for section in book.sections
        for block in section.blocks
        if isinstance(block, Box)
        for entry in block.entries
    ]


def render_glossary(book: Book, book_dir: str = BOOK_DIR) -> dict[str, str]:
    """One term file per definition: ``<slug>.md`` → text, marked ``quoted: true`` (rewrite it).

    Args:
        book: the imported book.
        book_dir: the book folder relative to ``docs/`` (for ``source``).
    """
    files: dict[str, str] = {}
    for entry, section in glossary_terms(book):
        match = ACRONYM_TERM_RE.match(entry.term)
        term, aliases = (match["short"], [match["long"]]) if match else (entry.term, [])
        slug = slugify(term) or "begrip"
        name, n = f"{slug}.md", 2
        while name in files:
            name, n = f"{slug}-{n}.md", n + 1
        meta = {"term": term, "aliases": aliases, "source": f"{book_dir}/{section.rel}", "quoted": True}
        text = _NOTE_REF_RE.sub("", entry.text)
        body = escape_markdown(text[:1].upper() + text[1:])
        files[name] = render_page(meta, [body])
    return files


# -- writing -------------------------------------------------------------------------------


HELP = """\
Importeer de tekst uit de pdf van het boek (platte tekst, UTF-8). Herkend worden: 'INLEIDING',
'DEEL I' met de titel in hoofdletters, 'HOOFDSTUK 1' met de titel, 'OVER DE AUTEURS'. Afbrekingen
aan het regeleinde worden hersteld (ISO-norm, niet-vrijblijvend en 'product- en' blijven staan),
voetnootcijfers worden [^n]-verwijzingen met een zichtbare plaatshouder, paginanummers, kopregels,
titelpagina's en het achterplat verdwijnen. Tekst die geen lopende tekst is (woorden uit een
figuur, een losse quote) komt als blok '!!! figuur' in de pagina en wordt met regelnummer gemeld:
bewaar, herschrijf of verwijder die.

--into is de boekmap, bijv. docs/boek: daarin komen inleiding.md, deel-1/index.md,
deel-1/01-<titel>.md … Met --glossary MAP komt elke definitie uit een kader als begrip in MAP
(gemarkeerd met 'quoted: true': herschrijf de definitie in eigen woorden).

Een los hoofdstuk (zonder regel 'DEEL …' ervoor) komt in het deel van --part N, of anders in
het deel waarin dat hoofdstuk al in de boekmap staat.

Er wordt niets overschreven zonder --force, en bij een fout wordt niets geschreven."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``import book`` on the ``import`` subparsers."""
    p = sub.add_parser(
        "book",
        help="importeer tekst uit de pdf van het boek",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="BESTAND", help="de tekst uit de pdf (UTF-8)")
    p.add_argument("--into", required=True, metavar="MAP", help="de boekmap, bijv. docs/boek")
    p.add_argument("--force", action="store_true", help="bestaande bestanden overschrijven")
    p.add_argument("--glossary", default=None, metavar="MAP", help="schrijf de definities uit kaders als begrippen in MAP")
    p.add_argument("--part", type=_part_number, default=None, metavar="N",
                   help="het deel van een los hoofdstuk (zonder regel 'DEEL …' ervoor)")


def _part_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 99:
        raise argparse.ArgumentTypeError(f"'{text}' is geen deelnummer (1 tot en met 99)")
    return int(text)


class _Stop(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code (0 written, 1 bad input or conflict, 2 wrong usage)."""
    try:
        book, written = _run(args, Path.cwd())
    except _Stop as stop:
        print(stop.message, file=sys.stderr)
        return stop.code
    for path in written:
        print(f"geschreven: {display(path)}")
    for item in book.unplaced:
        print(f"niet geplaatst: regel {item.line}: {item.text}", file=sys.stderr)
    for line in book.figures:
        print(f"{args.file}:{line.number}: als figuurtekst in de pagina gezet (nakijken): {line.text}", file=sys.stderr)
    known = [d for d in book.dropped if d.known]
    if known:
        reasons = ", ".join(sorted({d.reason for d in known}))
        print(f"weggelaten: {len(known)} regels ({reasons})")
    if book.notes:
        print(f"{book.notes} voetnoten hebben nog geen tekst: zoek op 'ontbreekt in de pdf-tekst' en vul ze aan")
    return 0


def _run(args: argparse.Namespace, cwd: Path) -> tuple[Book, list[Path]]:
    roots = {"--into": args.into, "--glossary": args.glossary}
    for option, value in roots.items():
        if value is None:
            continue
        path = Path(value)
        if escapes(path, cwd):
            raise _Stop(f"{option} {value}: pad valt buiten de map waar het begint (door '..'); geweigerd", 2)
        full = path if path.is_absolute() else cwd / path
        if full.exists() and not full.is_dir():
            raise _Stop(f"{option} {value}: bestaat al en is geen map", 2)
    into = _absolute(Path(args.into), cwd)
    try:
        book = split_book(read_input(Path(args.file)), part=args.part, known_parts=known_parts(into))
    except InputError as exc:
        raise _Stop(f"{exc.format(args.file)}\nniets geschreven", 1) from None
    registry = _registry(docs_folder_of(into), cwd)
    plan: dict[Path, dict[str, str]] = {into: render_book(book, registry)}
    if args.glossary is not None:
        glossary = _absolute(Path(args.glossary), cwd)
        if glossary == into:
            raise _Stop("--glossary mag niet dezelfde map zijn als --into", 2)
        plan[glossary] = render_glossary(book, book_dir_of(into))
    try:
        return book, write_folders(plan, force=args.force)
    except WriteError as exc:
        raise _Stop(f"{exc}\nniets geschreven", 1) from None


def _registry(docs: Path, cwd: Path) -> dict[str, Author]:
    """The target's author registry when there is one (authors are named by its keys)."""
    found = find_registry(docs, None, cwd)
    if found is None:
        return {}
    try:
        return read_registry(found)
    except InputError as exc:
        raise _Stop(f"{exc.message}\nniets geschreven", 1) from None


def known_parts(book_dir: Path) -> dict[int, int]:
    """Chapter number → part number of the chapters already in ``book_dir`` (their frontmatter)."""
    found: dict[int, int] = {}
    for path in sorted(book_dir.glob("deel-*/*.md")) if book_dir.is_dir() else []:
        try:
            meta = parse_source(path.name, path.read_text(encoding="utf-8"))[0].meta
        except (OSError, UnicodeDecodeError):
            continue
        chapter, part = meta.get("chapter"), meta.get("part")
        if type(chapter) is int and type(part) is int:
            found[chapter] = part
    return found


def book_dir_of(into: Path) -> str:
    """The book folder relative to ``docs/`` (``…/docs/boek`` → ``boek``); its own name otherwise."""
    parts = into.parts
    if "docs" in parts:
        rest = parts[len(parts) - 1 - parts[::-1].index("docs") + 1 :]
        if rest:
            return "/".join(rest)
    return into.name or BOOK_DIR


def _absolute(path: Path, cwd: Path) -> Path:
    return path if path.is_absolute() else cwd / path
