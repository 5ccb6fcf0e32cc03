"""Cross-references between the glossary and the texts: where does each term occur?

klantbeleving.xref
What counts as a mention is defined once, by the term linker in ``termlink`` (its tree processor
counts every mention per section while it links the first one; see ``SectionMentions``). During a
build the adapter collects those counts as MkDocs renders each page; outside a build
(``klantbeleving check``) ``collect_mentions`` renders the pages with Python-Markdown and the same
extension. ``build_index`` turns the per-page sections into the index the term pages ("Komt voor
in") and the pages' term lists read, in reading order. Never imports MkDocs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import markdown
import yaml

from .layout import BOOK_DIR, LETTERS_DIR
from .model import BookPage, Chapter, Part, Site, Term
from .termlink import SNIPPET_CONTEXT, SectionMentions, TermLinkExtension, build_matcher, snippet

CORPUS_BOOK = BOOK_DIR
CORPUS_LETTERS = LETTERS_DIR

#: Places per corpus that show a snippet on a term page; further places are listed as links only
#: (a term mentioned in hundreds of letters would otherwise make a page of hundreds of quotes).
SNIPPETS_PER_CORPUS = 25

#: The extensions MkDocs always adds to a site's own ``markdown_extensions``.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

PageMentions = Mapping[str, Sequence[SectionMentions]]


class Occurrence(NamedTuple):
    """Where a term occurs: one page section, the first mention there and the count there."""

    slug: str
    src: str
    corpus: str
    anchor: str
    section: str
    mentions: int  # how often the term is mentioned in the section
    text: str = ""  # the text of the block of the first mention
    start: int = 0  # the first mention in ``text``
    end: int = 0

    @property
    def snippet(self) -> str:
        """A short snippet around the first mention (made when asked: a term page shows a few)."""
        return snippet(self.text, self.start, self.end, SNIPPET_CONTEXT)


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
        return sum(o.mentions for o in self.of(slug, corpus))


def corpus_pages(site: Site) -> list[tuple[str, str]]:
    """(src, corpus) of the book (reading order) and the letters (oldest edition first)."""
    pages = [(p.src, CORPUS_BOOK) for p in site.book_order()]
    pages += [(x.src, CORPUS_LETTERS) for x in site.letters()]
    return pages


def build_index(site: Site, pages: PageMentions) -> MentionIndex:
    """Where every term occurs in the book and the letters, from the sections each page's
    conversion reported (``pages``: src → its ``SectionMentions``)."""
    index = MentionIndex()
    for src, corpus in corpus_pages(site):
        seen: dict[str, None] = {}
        for section in pages.get(src, ()):
            for slug, count in section.counts.items():
                text, start, end = section.firsts.get(slug, ("", 0, 0))
                index.by_term.setdefault(slug, []).append(
                    Occurrence(slug, src, corpus, section.anchor, section.title, count, text, start, end))
                seen.setdefault(slug)
        if seen:
            index.by_page[src] = list(seen)
    return index


class SnippetBudget:
    """Which first mentions need a snippet source while the pages are converted, in any order.

    A term page shows a snippet at the first ``SNIPPETS_PER_CORPUS`` places of each corpus, in
    reading order (``corpus_pages``, then the page's sections); a place with that many earlier
    places of the same term and corpus needs none, and neither does a page outside the corpora
    (its mentions are not listed); making a source means taking the block's text apart again.
    """

    def __init__(self, site: Site, limit: int = SNIPPETS_PER_CORPUS) -> None:
        self.limit = limit
        self._rank = {src: (corpus, i) for i, (src, corpus) in enumerate(corpus_pages(site))}
        self._kept: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (slug, corpus) → the first places seen

    def page(self, src: str) -> Callable[[str, int], bool]:
        """``wants_snippet(slug, section)`` for the term linker, while ``src`` is converted."""
        where = self._rank.get(src)
        if where is None:
            return _no_snippet
        corpus, rank = where
        kept_of, limit = self._kept, self.limit

        def wants(slug: str, section: int) -> bool:
            place = (rank, section)
            kept = kept_of.get((slug, corpus))
            if kept is None:
                kept = kept_of[(slug, corpus)] = []
            elif len(kept) >= limit and place > kept[-1]:
                return False
            at = bisect_left(kept, place)
            if at == len(kept) or kept[at] != place:  # a page converted twice counts once
                kept.insert(at, place)
                del kept[limit:]
            return True

        return wants


def _no_snippet(slug: str, section: int) -> bool:
    return False


def page_sources(site: Site) -> list[tuple[str, str, str]]:
    """(src, Markdown body, own term slug) of every page whose text can mention a term: the book,
    the letters, the editions' leads and the terms' definitions."""
    found = [(p.src, p.body, "") for p in site.book_order()]
    found += [(x.src, x.body, "") for x in site.letters()]
    found += [(e.src, e.lead, "") for e in site.editions]
    found += [(t.src, t.definition, slug) for slug, t in site.terms.items()]
    return found


def collect_mentions(
    site: Site,
    extensions: Sequence[Any] = MKDOCS_BUILTIN_EXTENSIONS,
    configs: Mapping[str, Any] | None = None,
    only: set[str] | None = None,
) -> dict[str, list[SectionMentions]]:
    """Render the pages (``page_sources``; ``only``: just these srcs) with Python-Markdown, the given
    extensions and the term linker, and return each page's ``SectionMentions``."""
    matcher = build_matcher(site.terms.values())
    found: dict[str, list[SectionMentions]] = {}
    current = [""]

    def record(sections: list[SectionMentions]) -> None:
        found[current[0]] = sections

    ext = TermLinkExtension(matcher=matcher, url_for=lambda slug: "#" + slug, on_mentions=record)
    md = markdown.Markdown(extensions=[*extensions, ext], extension_configs=dict(configs or {}))
    for src, body, own in page_sources(site):
        if only is not None and src not in only:
            continue
        current[0] = src
        ext.setConfig("current_slug", own)
        md.reset()
        md.convert(body)
    return found


def site_extensions(config_file: Path) -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions (and their configs) a site's ``mkdocs.yml`` names, after MkDocs'
    built-in ones; only the built-ins when the file is missing, unreadable or names an extension
    that cannot be loaded. YAML tags such as ``!!python/name`` are read as empty values."""

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    names: list[Any] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Tolerant)  # noqa: S506 (safe loader)
        listed = data.get("markdown_extensions") or [] if isinstance(data, dict) else []
        for entry in listed:
            name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
            if isinstance(name, str) and name not in names:
                names.append(name)
            if isinstance(name, str) and isinstance(options, dict):
                configs[name] = options
        markdown.Markdown(extensions=names, extension_configs=configs)
    except Exception:  # any extension that does not load: the built-ins still count mentions
        return list(MKDOCS_BUILTIN_EXTENSIONS), {}
    return names, configs


def unused_terms(site: Site, pages: PageMentions) -> list[Term]:
    """Terms that no page mentions: not the book, the letters, an edition's lead or another term
    (``pages`` as ``collect_mentions`` gives them)."""
    used = {slug for sections in pages.values() for section in sections for slug in section.counts}
    return [t for slug, t in sorted(site.terms.items()) if slug not in used]


def where_in_book(site: Site, src: str) -> tuple[str, str]:
    """(group title, page title) of a book page: the part it belongs to and its own title."""
    page = site.page_at(src)
    if isinstance(page, Chapter):
        part = site.part(page.part)
        return (part.display_title if part else ""), page.display_title
    title = page.display_title if isinstance(page, (Part, BookPage)) else src
    return title, title
