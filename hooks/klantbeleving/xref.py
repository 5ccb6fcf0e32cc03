"""Cross-references between the glossary and the texts: where does each term occur?

klantbeleving.xref
Reads the Markdown bodies of the book and the letters as plain text per section (a section
starts at every heading, with the anchor MkDocs' ``toc`` gives it) and finds term mentions with
the same matcher the links use (``termlink.build_matcher``). The result feeds the term pages
("Komt voor in"), ``klantbeleving check`` (unknown explicit links, unused terms) and nothing
else; it never imports MkDocs.

What counts as a mention: what the reader sees as text. Code (fenced and inline), URLs, image
alt text, HTML tags, attribute lists, footnote markers, abbreviation and link definitions and
admonition markers are left out; headings start a section and are not mentions themselves (the
linker does not link inside headings either); ``[[!x]]`` (no link) does not count; ``[[x]]`` and
``[[x|shown]]`` count as a mention of ``x``'s term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

from .book import display_title, reading_order
from .model import Site, Term
from .problems import Problem
from .termlink import RE_EXPLICIT, SNIPPET_CONTEXT, Matcher, _snippet, build_matcher

CORPUS_BOOK = "boek"
CORPUS_LETTERS = "brieven"

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*$")
_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_HEADING_ID = re.compile(r"#([\w-]+)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_SKIP_LINE = re.compile(
    r"^\s*(?:\*\[[^\]]*\]:"                     # abbreviation definition
    r"|\[(?!\^)[^\]]+\]:\s*\S"                  # link reference definition
    r"|(?:!!!|\?\?\?\+?)\s*\S"                  # admonition / details marker
    r"|\|?[\s:|-]*-[\s:|-]*$)"                  # table separator row (and horizontal rules)
)
_LINE_PREFIX = re.compile(r"^\s*(?:>\s?)*\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[\^[^\]]+\]:\s*)?")
_INLINE = re.compile(
    r"(?P<code>(`+)(?:.+?)(?<!`)\2(?!`))"
    r"|(?P<explicit>" + RE_EXPLICIT + r")"  # the linker's own pattern (inner groups unused here)
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<linktext>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])"
    r"|(?P<footref>\[\^[^\]]+\])"
    r"|(?P<tag></?[A-Za-z!][^>]*>)"
    r"|(?P<attrs>\{\s*[:.#][^}]*\})"
    r"|(?P<marks>\*+|(?<!\w)_+|_+(?!\w))"
    r"|(?P<pipe>\|)"
)
_EXPLICIT = re.compile(RE_EXPLICIT)
_SPECIAL = re.compile(r"[`\[<{*_|]")  # a line without these is plain text already


@dataclass(frozen=True)
class Section:
    """One section of a page as plain text."""

    title: str
    anchor: str
    text: str
    explicit: tuple[tuple[str, int, int], ...] = ()  # (name, start, end) of [[name]] in text
    blocked: tuple[tuple[int, int], ...] = ()        # spans of [[!x]] in text


@dataclass(frozen=True)
class Occurrence:
    """Where a term occurs: one page section, the first mention there and the count there."""

    slug: str
    src: str
    corpus: str
    anchor: str
    section: str
    count: int
    text: str = field(default="", repr=False, compare=False)  # the section's plain text
    start: int = 0  # the first mention in ``text``
    end: int = 0

    @property
    def snippet(self) -> str:
        """A short snippet around the first mention (made when asked: a term page shows a few)."""
        return _snippet(self.text, self.start, self.end, SNIPPET_CONTEXT)


@dataclass
class MentionIndex:
    """All occurrences of all terms, in reading order per corpus."""

    by_term: dict[str, list[Occurrence]] = field(default_factory=dict)
    by_page: dict[str, list[str]] = field(default_factory=dict)  # src → slugs, first mention first

    def of(self, slug: str, corpus: str | None = None) -> list[Occurrence]:
        """Occurrences of one term (optionally of one corpus)."""
        found = self.by_term.get(slug, [])
        return [o for o in found if corpus is None or o.corpus == corpus]

    def terms_on(self, src: str) -> list[str]:
        """The terms a page mentions, in the order of their first mention."""
        return self.by_page.get(src, [])

    def count(self, slug: str, corpus: str) -> int:
        """Number of mentions of a term in one corpus."""
        return sum(o.count for o in self.of(slug, corpus))


def outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """(0-based line index, line) of every line outside fenced code blocks (``` and ~~~)."""
    fence: str | None = None
    for index, raw in enumerate(markdown.splitlines()):
        f = _FENCE.match(raw)
        if fence is not None:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence):
                fence = None
        elif f:
            fence = f.group(1)
        else:
            yield index, raw


def _inline_plain(line: str) -> tuple[str, list[tuple[str, int, int]], list[tuple[int, int]]]:
    """Plain text of one line, with explicit links and suppressed spans located in it."""
    if not _SPECIAL.search(line):
        return line, [], []
    out: list[str] = []
    length = 0
    explicit: list[tuple[str, int, int]] = []
    blocked: list[tuple[int, int]] = []
    pos = 0
    for m in _INLINE.finditer(line):
        piece = line[pos:m.start()]
        out.append(piece)
        length += len(piece)
        pos = m.end()
        kind = m.lastgroup
        if kind == "explicit":
            e = _EXPLICIT.match(m.group())
            assert e is not None
            bang, name, shown = e.group(1), e.group(2).strip(), e.group(3)
            text = (shown or name).strip()
            (blocked.append((length, length + len(text))) if bang
             else explicit.append((name, length, length + len(text))))
            out.append(text)
            length += len(text)
        elif kind == "linktext":
            inner, inner_explicit, inner_blocked = _inline_plain(m.group("linktext"))
            explicit += [(n, s + length, e + length) for n, s, e in inner_explicit]
            blocked += [(s + length, e + length) for s, e in inner_blocked]
            out.append(inner)
            length += len(inner)
        elif kind == "pipe":
            out.append(" ")
            length += 1
    out.append(line[pos:])
    return "".join(out), explicit, blocked


def plain_sections(markdown: str) -> list[Section]:
    """A page body as plain-text sections, each with the anchor ``toc`` gives its heading."""
    sections: list[Section] = []
    ids: set[str] = set()
    title, anchor = "", ""
    lines: list[str] = []
    explicit: list[tuple[str, int, int]] = []
    blocked: list[tuple[int, int]] = []
    size = 0

    def close() -> None:
        text = "\n".join(lines)
        if text.strip():
            sections.append(Section(title, anchor, text, tuple(explicit), tuple(blocked)))

    for _, raw in outside_code(markdown):
        h = _HEADING.match(raw)
        if h:
            close()
            heading = _CLOSING_HASHES.sub("", h.group(2))
            attrs = _HEADING_ATTRS.search(heading)
            given = _HEADING_ID.search(attrs.group()) if attrs else None
            heading = heading[: attrs.start()] if attrs else heading
            title = " ".join(_inline_plain(heading)[0].split())
            anchor = given.group(1) if given else unique(slugify(title, "-"), ids)
            if given:
                ids.add(anchor)
            lines, explicit, blocked, size = [], [], [], 0
            continue
        if _SKIP_LINE.match(raw):
            continue
        line = _LINE_PREFIX.sub("", raw, count=1)
        text, ex, bl = _inline_plain(line)
        explicit += [(n, s + size, e + size) for n, s, e in ex]
        blocked += [(s + size, e + size) for s, e in bl]
        lines.append(text)
        size += len(text) + 1
    close()
    return sections


def section_mentions(section: Section, matcher: Matcher) -> Iterator[tuple[str, int, int]]:
    """Every mention in a section as (slug, start, end), in text order."""
    found: list[tuple[str, int, int]] = []
    explicit_spans = [(s, e) for _, s, e in section.explicit]
    skip = [*section.blocked, *explicit_spans]
    for m in matcher.finditer(section.text):
        if not any(s < m.end and m.start < e for s, e in skip):
            found.append((m.slug, m.start, m.end))
    for name, start, end in section.explicit:
        slug = matcher.resolve(name)
        if slug is not None:
            found.append((slug, start, end))
    return iter(sorted(found, key=lambda x: x[1]))


def _page_occurrences(src: str, corpus: str, body: str, matcher: Matcher, own: str = "") -> Iterator[Occurrence]:
    for section in plain_sections(body):
        first: dict[str, tuple[int, int]] = {}
        counts: dict[str, int] = {}
        for slug, start, end in section_mentions(section, matcher):
            if slug == own:
                continue
            first.setdefault(slug, (start, end))
            counts[slug] = counts.get(slug, 0) + 1
        for slug, (start, end) in first.items():
            yield Occurrence(slug, src, corpus, section.anchor, section.title, counts[slug], section.text, start, end)


def index_mentions(site: Site, matcher: Matcher | None = None) -> MentionIndex:
    """Where every term occurs in the book (reading order) and the letters (oldest edition first)."""
    matcher = matcher or build_matcher(site.terms.values())
    index = MentionIndex()
    pages = [(p.src, CORPUS_BOOK, p.body) for p in reading_order(site)]
    pages += [(x.src, CORPUS_LETTERS, x.body) for x in site.letters()]
    for src, corpus, body in pages:
        seen: dict[str, None] = {}
        for occ in _page_occurrences(src, corpus, body, matcher):
            index.by_term.setdefault(occ.slug, []).append(occ)
            seen.setdefault(occ.slug)
        if seen:
            index.by_page[src] = list(seen)
    return index


def unused_terms(site: Site, index: MentionIndex, matcher: Matcher | None = None) -> list[Term]:
    """Terms that no page mentions: not the book, the letters, an edition's lead or another term."""
    matcher = matcher or build_matcher(site.terms.values())
    used = {slug for slug, found in index.by_term.items() if found}
    others: list[tuple[str, str]] = [(e.src, e.lead) for e in site.editions]
    others += [(t.src, t.definition) for t in site.terms.values()]
    for src, body in others:
        own = src[len("begrippen/"):-3] if src.startswith("begrippen/") else ""
        used.update(o.slug for o in _page_occurrences(src, "", body, matcher, own))
    return [t for slug, t in sorted(site.terms.items()) if slug not in used]


def find_unknown_explicit(src: str, body: str, body_line: int, matcher: Matcher) -> list[Problem]:
    """``[[name]]`` links in a body whose name is no term, alias or form (line = file line)."""
    problems: list[Problem] = []
    for offset, raw in outside_code(body):
        for m in _INLINE.finditer(raw):
            if m.lastgroup != "explicit":
                continue
            e = _EXPLICIT.match(m.group())
            assert e is not None
            if e.group(1):
                continue
            name = e.group(2).strip()
            if name and matcher.resolve(name) is None:
                problems.append(Problem(src, body_line + offset,
                                        f"[[{name}]] verwijst naar een onbekend begrip (geen term, alias of woordvorm)",
                                        "warning"))
    return problems


def where_in_book(site: Site, src: str) -> tuple[str, str]:
    """(group title, page title) of a book page: the part it belongs to and its own title."""
    for part in site.parts:
        if part.src == src:
            return display_title(part), display_title(part)
        for chapter in part.chapters:
            if chapter.src == src:
                return display_title(part), display_title(chapter)
    page = next((p for p in site.book_pages if p.src == src), None)
    title = page.title if page else src
    return title, title
