"""The book as a whole: its facts from the landing page, and the print edition (the whole book
on one page, in reading order). The helpers that carry a page's Markdown onto a print page serve
the editions' print pages too (``printed.py``)."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple

from .layout import BOOK_INDEX, PRINT_SRC
from .model import BookPage, Chapter, Part, Site
from .text import join_names, markdown_line, markdown_text

_LINK = re.compile(r"(\]\()([^)\s#]+\.md)(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING = re.compile(r"^(#{1,5})(\s)", re.MULTILINE)


def rebase_links(markdown: str, src: str, target: str) -> str:
    """Rewrite relative ``.md`` links written for ``src`` so they work from ``target``."""
    here, there = posixpath.dirname(src), posixpath.dirname(target)

    def fix(match: re.Match[str]) -> str:
        link = match[2]
        if "://" in link or link.startswith("/"):
            return match[0]
        resolved = posixpath.normpath(posixpath.join(here, link))
        new = posixpath.relpath(resolved, there or ".")
        return f"{match[1]}{new}{match[3] or ''}{match[4] or ''})"

    return _LINK.sub(fix, markdown)


def prefix_footnotes(markdown: str, prefix: str) -> str:
    """Footnote labels made unique on a page that joins several sources."""
    return _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m[1]}]", markdown)


def demote_headings(markdown: str) -> str:
    """Every heading one level down (the page's own title is the ``##`` above it)."""
    return _HEADING.sub(lambda m: "#" + m[1] + m[2], markdown)


class BookFacts(NamedTuple):
    """The book as its landing page's frontmatter describes it (``authors`` as names)."""

    title: str
    authors: list[str]
    imprint: str  # "Boom, 2024": publisher and year, as far as given


def book_facts(site: Site) -> BookFacts:
    """Title, authors and imprint from the book's landing page (keys ``title``, ``authors``,
    ``publisher``, ``year``)."""
    source = site.sources.get(BOOK_INDEX)
    meta = source.meta if source is not None else {}
    given = meta.get("authors")
    keys = given if isinstance(given, list) else []
    names = [site.author_name(str(k)) for k in keys]
    imprint = ", ".join(str(meta[k]) for k in ("publisher", "year") if isinstance(meta.get(k), (str, int)))
    return BookFacts(str(meta.get("title") or "Customer Experience"), names, imprint)


def _title_page(site: Site, order: list[BookPage | Part | Chapter]) -> str:
    """The print edition's first page: title, authors, publisher and year, and the contents."""
    facts = book_facts(site)
    lines = ['<section class="kb-print-titlepage" markdown="1">\n',
             f"# {markdown_line(facts.title)} {{ .kb-print-title }}\n"]
    if facts.authors:
        lines.append(f"{markdown_line(join_names(facts.authors))}\n{{ .kb-print-byline }}\n")
    if facts.imprint:
        lines.append(f"{markdown_line(facts.imprint)}\n{{ .kb-print-byline }}\n")
    lines.append("Samenvattingen in eigen woorden; de oorspronkelijke tekst blijft van de auteurs.\n{ .kb-print-note }\n")
    lines.append("**Inhoud**\n{ .kb-print-toc-title }\n")
    lines += [f"- [{markdown_line(page.display_title)}](#print-{i})" for i, page in enumerate(order, start=1)]
    lines.append("\n</section>\n")
    return "\n".join(lines)


def render_print_markdown(site: Site) -> str | None:
    """One Markdown document (without frontmatter) with the whole book in order, for printing or saving as PDF.

    Each page becomes a ``<section class="kb-print-chapter">`` (page break before it in print);
    footnote labels are prefixed per page so they stay unique; relative links are rebased.
    """
    order = site.book_order()
    if not order:
        return None
    parts = [_title_page(site, order),
             "Het hele boek op één pagina, in leesvolgorde: druk af of bewaar als pdf via je browser.\n{ .kb-print-intro }\n"]
    for i, page in enumerate(order, start=1):
        body = demote_headings(prefix_footnotes(rebase_links(page.body, page.src, PRINT_SRC), f"p{i}"))
        anchor = f"print-{i}"
        kind = "part" if isinstance(page, Part) else "chapter"
        parts.append(
            f'<section class="kb-print-{kind}" markdown="1">\n\n## {markdown_text(page.display_title)} {{ #{anchor} }}\n\n'
            f"{body.strip()}\n\n</section>\n"
        )
    return "\n".join(parts)
