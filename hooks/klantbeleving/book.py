"""The book as a reader meets it: chapter order, part pages and the print edition."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple

from .generate import markdown_text
from .model import BookPage, Chapter, Part, Site
from .navigation import ROMAN, chapter_title, part_title

PRINT_SRC = "boek/afdrukken.md"
_LINK = re.compile(r"(\]\()([^)\s#]+\.md)(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING = re.compile(r"^(#{1,5})(\s)", re.MULTILINE)


def reading_order(site: Site) -> list[BookPage | Part | Chapter]:
    """Every book page in reading order: front matter, parts with their chapters, back matter."""
    pages = [p for p in site.book_pages if p.src != "boek/index.md"]
    order: list[BookPage | Part | Chapter] = [p for p in pages if p.order < 50]
    for part in site.parts:
        order.append(part)
        order.extend(part.chapters)
    order += [p for p in pages if p.order >= 50]
    return order


def display_title(page: BookPage | Part | Chapter) -> str:
    """The title as the reader sees it (numbered for parts and chapters)."""
    if isinstance(page, Chapter):
        return chapter_title(page.number, page.title)
    if isinstance(page, Part):
        return part_title(page.number, page.title)
    return page.title


def _rebase_links(markdown: str, src: str, target: str) -> str:
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


def _prefix_footnotes(markdown: str, prefix: str) -> str:
    return _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m[1]}]", markdown)


def _demote(markdown: str) -> str:
    return _HEADING.sub(lambda m: "#" + m[1] + m[2], markdown)


class BookFacts(NamedTuple):
    """The book as its landing page's frontmatter describes it (``authors`` as names)."""

    title: str
    authors: list[str]
    imprint: str  # "Boom, 2024": publisher and year, as far as given


def book_facts(site: Site) -> BookFacts:
    """Title, authors and imprint from ``boek/index.md`` (keys ``title``, ``authors``, ``publisher``, ``year``)."""
    source = site.sources.get("boek/index.md")
    meta = source.meta if source is not None else {}
    given = meta.get("authors")
    keys = given if isinstance(given, list) else []
    names = [site.authors[str(k)].name if str(k) in site.authors else str(k) for k in keys]
    imprint = ", ".join(str(meta[k]) for k in ("publisher", "year") if isinstance(meta.get(k), (str, int)))
    return BookFacts(str(meta.get("title") or "Customer Experience"), names, imprint)


def _title_page(site: Site, order: list[BookPage | Part | Chapter]) -> str:
    """The print edition's first page: title, authors, publisher and year, and the contents."""
    from .printed import md_text
    from .views import join_names

    facts = book_facts(site)
    lines = ['<section class="kb-print-titlepage" markdown="1">\n', f"# {md_text(facts.title)} {{ .kb-print-title }}\n"]
    if facts.authors:
        lines.append(f"{md_text(join_names(facts.authors))}\n{{ .kb-print-byline }}\n")
    if facts.imprint:
        lines.append(f"{md_text(facts.imprint)}\n{{ .kb-print-byline }}\n")
    lines.append("Samenvattingen in eigen woorden; de oorspronkelijke tekst blijft van de auteurs.\n{ .kb-print-note }\n")
    lines.append("**Inhoud**\n{ .kb-print-toc-title }\n")
    lines += [f"- [{md_text(display_title(page))}](#print-{i})" for i, page in enumerate(order, start=1)]
    lines.append("\n</section>\n")
    return "\n".join(lines)


def render_print_markdown(site: Site) -> str | None:
    """One Markdown document with the whole book in order, for printing or saving as PDF.

    Each page becomes a ``<section class="kb-print-chapter">`` (page break before it in print);
    footnote labels are prefixed per page so they stay unique; relative links are rebased.
    """
    order = reading_order(site)
    if not order:
        return None
    parts = ["---\ntitle: Customer Experience — afdrukversie\n---\n", _title_page(site, order),
             "Het hele boek op één pagina, in leesvolgorde: druk af of bewaar als pdf via je browser.\n{ .kb-print-intro }\n"]
    for i, page in enumerate(order, start=1):
        body = _demote(_prefix_footnotes(_rebase_links(page.body, page.src, PRINT_SRC), f"p{i}"))
        title = display_title(page)
        anchor = f"print-{i}"
        kind = "part" if isinstance(page, Part) else "chapter"
        parts.append(
            f'<section class="kb-print-{kind}" markdown="1">\n\n## {markdown_text(title)} {{ #{anchor} }}\n\n{body.strip()}\n\n</section>\n'
        )
    return "\n".join(parts)


__all__ = ["PRINT_SRC", "ROMAN", "display_title", "reading_order", "render_print_markdown"]
