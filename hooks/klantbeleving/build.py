"""One build of the site, engine-neutral: what an adapter (``hooks/content.py``) asks at each
step, from reading ``docs/`` to writing the feed. Made anew for every build and dropped with it.

The steps, in order: ``scan`` the content folder before the engine walks it; ``read`` the
sources; add ``generated_pages``; tell it every file's URL (``set_urls``); per page
``start_page`` before its conversion (the term linker counts its mentions), ``resolve_links``
after it; ``index_mentions`` once every page is converted; per page ``view``, ``meta`` and
``pager`` for its template; ``outputs`` at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .cmif import CMIF_PATH, render_cmif
from .feeds import FEED_PATH, render_rss
from .generate import GeneratedPage, render_generated_pages
from .layout import is_print_page, term_slug
from .load import load_site, scan_docs
from .meta import page_meta
from .model import LINK_SECTION, Chapter, Part, Site
from .navigation import build_nav, escape_section_titles
from .problems import Problem
from .reading import Neighbours, pager_view, reading_neighbours
from .searchpin import TERM_INDEX_PATH, render_term_index
from .termlink import SectionMentions, TermLinkExtension, build_matcher, resolve_term_hrefs, term_href
from .urls import root_of
from .views import Links, View, page_view
from .xref import MentionIndex, SnippetBudget, build_index, collect_mentions, corpus_pages


class SiteBuild:
    """The model, the URLs and the term linker of one build."""

    def __init__(self) -> None:
        self.site = Site()
        self.urls: dict[str, str] = {}  # src → site-relative URL, every file of the build
        self.term_urls: dict[str, str] = {}  # slug → site-relative URL of the term's page
        self.snippets = SnippetBudget(self.site)
        self.page_mentions: dict[str, list[SectionMentions]] = {}  # src → what its conversion counted
        self.mentions: MentionIndex | None = None
        self.reading: dict[str, Neighbours] = {}  # src → its neighbours in its collection's reading order
        self.termlinks = TermLinkExtension(url_for=self._term_href, tooltip_for=self._tooltip,
                                           on_mentions=self._record_mentions)
        self._page_src = ""  # the page being converted
        self._links: dict[str, Links] = {}  # per way up to the site root: see links_from

    # -- before the pages ---------------------------------------------------------------------

    def scan(self, docs_dir: Path) -> list[Problem]:
        """What an engine would meet walking ``docs_dir``: symbolic links out of it or round in
        loops, unsafe names (paths in problems start with its name)."""
        return scan_docs(docs_dir).problems(docs_dir.name)

    def read(self, docs_dir: Path, *, include_drafts: bool, site_name: str = "") -> list[Problem]:
        """Read every source under ``docs_dir`` (paths in problems start with its name).
        ``site_name`` is a title of a work, like the book's and the series' titles: never linked."""
        self.site, problems = load_site(docs_dir, label=docs_dir.name, include_drafts=include_drafts)
        self.snippets = SnippetBudget(self.site)
        self.reading = reading_neighbours(self.site)
        terms = self.site.terms.values()
        self.termlinks.setConfig("matcher", build_matcher(terms))
        self.termlinks.setConfig("section_terms", frozenset(t.slug for t in terms if t.link == LINK_SECTION))
        self.termlinks.setConfig("titles", (site_name, *self.site.titles_of_works()))
        return problems

    def generated_pages(self, existing: set[str]) -> list[GeneratedPage]:
        """The pages the build adds (none where ``existing`` has a page written by hand)."""
        return render_generated_pages(self.site, existing)

    def set_urls(self, urls: Mapping[str, str]) -> None:
        """Every file's site-relative URL, by source path."""
        self.urls = dict(urls)
        self.term_urls = {slug: self.urls[t.src] for slug, t in self.site.terms.items() if t.src in self.urls}

    def url_of(self, src: str) -> str | None:
        return self.urls.get(src)

    def term_index(self) -> tuple[str, str]:
        """(path, JSON) of the table the search box pins terms with."""
        return TERM_INDEX_PATH, render_term_index(self.site, self.url_of)

    def nav(self, pages: set[str]) -> list[Any]:
        """The navigation over these page sources, section titles as HTML."""
        return escape_section_titles(build_nav(self.site, pages))

    # -- each page ----------------------------------------------------------------------------

    def numbered_title(self, src: str) -> str | None:
        """The title of a part or chapter with its number (None: another page)."""
        page = self.site.page_at(src)
        return page.display_title if isinstance(page, (Part, Chapter)) else None

    def start_page(self, src: str) -> None:
        """The term linker converts ``src`` next."""
        self._page_src = src
        slug = term_slug(src)
        self.termlinks.setConfig("current_slug", slug if slug in self.site.terms else "")
        self.termlinks.setConfig("wants_snippet", self.snippets.page(src))
        self.termlinks.setConfig("per_section", self.site.termlinks.get(src) == LINK_SECTION)
        self.termlinks.setConfig("enabled", not is_print_page(src))  # on paper a link is noise

    def resolve_links(self, html: str, page_url: str) -> str:
        """The converted page with its term links pointing at the terms' pages."""
        root = root_of(page_url)
        term_urls = self.term_urls
        return resolve_term_hrefs(html, lambda slug: root + term_urls[slug] if slug in term_urls else None)

    def index_mentions(self, extensions: Sequence[Any], configs: Mapping[str, Any]) -> None:
        """Once every page is converted: where each term is mentioned. Pages this build did not
        convert (``mkdocs serve --dirty``) are converted here with the site's ``extensions``."""
        missing = {src for src, _ in corpus_pages(self.site) if src not in self.page_mentions}
        if missing:
            others = [e for e in extensions if not isinstance(e, TermLinkExtension)]
            self.page_mentions.update(collect_mentions(self.site, others, configs, only=missing))
        self.mentions = build_index(self.site, self.page_mentions)

    def view(self, src: str, page_url: str, base: str) -> View | None:
        """A page's view; its links are relative to the page (``page_url``, site-relative) and
        go up to the site root and down again, as the term links do."""
        return page_view(self.site, src, self.links_from(root_of(page_url)), base + page_url, self.mentions)

    def meta(self, view: View | None, *, page_url: str, base: str, title: str, markdown: str,
             site_name: str, site_description: str) -> dict[str, Any]:
        """A page's sharing and search metadata (absolute URLs under ``base``)."""
        def absolute(src: str) -> str | None:
            url = self.url_of(src)
            return None if url is None else base + url

        return page_meta(self.site, view, title=title, markdown=markdown, url=base + page_url, site_name=site_name,
                         site_description=site_description, absolute=absolute)

    def pager(self, src: str, page_url: str) -> View | None:
        """A page's previous/next in its collection's reading order (None: in none)."""
        return pager_view(self.site, self.reading, src, self.links_from(root_of(page_url)))

    def links_from(self, to_root: str) -> Links:
        """Links as printed on pages ``to_root`` below the site root; one per depth and build,
        so the references to letters, authors and terms are made once per depth."""
        links = self._links.get(to_root)
        if links is None:
            url_of = self.url_of

            def relative(src: str) -> str | None:
                url = url_of(src)
                return None if url is None else to_root + url

            links = self._links[to_root] = Links(relative)
        return links

    # -- after the pages ----------------------------------------------------------------------

    def outputs(self, *, base: str, title: str, description: str) -> dict[str, bytes]:
        """The feed and the CMIF export (published letters only), by path in the built site."""
        return {
            FEED_PATH: render_rss(self.site, base_url=base, url_of=self.url_of, title=title, description=description),
            CMIF_PATH: render_cmif(self.site, base_url=base, url_of=self.url_of),
        }

    # -- the term linker's lookups -------------------------------------------------------------

    def _term_href(self, slug: str) -> str | None:
        return term_href(slug) if slug in self.term_urls else None

    def _tooltip(self, slug: str) -> str | None:
        term = self.site.terms.get(slug)
        return term.tooltip if term is not None else None

    def _record_mentions(self, sections: list[SectionMentions]) -> None:
        self.page_mentions[self._page_src] = sections
