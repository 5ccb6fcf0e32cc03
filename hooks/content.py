"""MkDocs adapter: read the whole content model once per build and expose page views.

Thin on purpose: all logic lives in the engine-neutral ``klantbeleving`` package.
State lives on the config object created for each build (``on_config``), never at
module level: ``mkdocs serve`` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from klantbeleving.cmif import CMIF_PATH, render_cmif
from klantbeleving.feeds import FEED_PATH, render_rss
from klantbeleving.generate import render_generated_pages
from klantbeleving.load import load_site
from klantbeleving.meta import page_meta
from klantbeleving.model import Site
from klantbeleving.navigation import build_nav, chapter_title, escape_section_titles, part_title
from klantbeleving.problems import Problem
from klantbeleving.searchpin import TERM_INDEX_PATH, render_term_index
from klantbeleving.termlink import SectionMentions, TermLinkExtension, build_matcher
from klantbeleving.urls import root_of
from klantbeleving.views import Links, View, page_view
from klantbeleving.xref import MentionIndex, SnippetBudget, build_index, collect_mentions, corpus_pages

log = logging.getLogger("mkdocs.plugins.klantbeleving")

_STATE_ATTR = "_klantbeleving"


class _State:
    """Per-build state, attached to the build's config object."""

    def __init__(self) -> None:
        self.site = Site()
        self.files: Files | None = None
        self.urls: dict[str, str] = {}
        self.mentions: MentionIndex | None = None  # built in on_env from page_mentions
        self.page_mentions: dict[str, list[SectionMentions]] = {}  # src → what its conversion counted
        self.snippets = SnippetBudget(self.site)  # which first mentions need a snippet source
        self.page_src = ""  # the page being rendered (term links are relative to it)
        self.fed_src = ""  # the page whose body on_page_read_source handed MkDocs (its frontmatter follows)
        self.page_has_explicit = False  # its Markdown has [[…]] links (link elements, see _TermHrefs)
        self.tooltips: dict[str, str] = {}
        self.termlinks = TermLinkExtension(url_for=self.term_link, tooltip_for=self.tooltips.get,
                                           on_mentions=self.record_mentions)
        self.term_urls: dict[str, str] = {}  # slug → site-relative URL of the term page
        self.page_url_root = ""  # from the rendered page's URL to the site root ("../../")
        self.links: dict[str, Links] = {}  # by the way up to the site root: see links_from
        self.full_content: tuple[str, str] | None = None  # (src, HTML) while search sees it without term links

    def term_link(self, slug: str) -> str | None:
        """The URL of a term page, relative to the page being rendered. Term links come from the
        site's own file list, so they cannot break: MkDocs' link validation never sees them."""
        url = self.term_urls.get(slug)
        return None if url is None else self.page_url_root + url

    def record_mentions(self, sections: list[SectionMentions]) -> None:
        """The term linker's count for the page being rendered."""
        self.page_mentions[self.page_src] = sections

    def links_from(self, to_root: str) -> Links:
        """Links as printed on pages ``to_root`` below the site root; one per depth and build, so
        the references to letters, authors and terms are made once per depth."""
        links = self.links.get(to_root)
        if links is None:
            url_of = self.url_of

            def relative(src: str) -> str | None:
                url = url_of(src)
                return None if url is None else to_root + url

            links = self.links[to_root] = Links(relative)
        return links

    def url_of(self, src: str) -> str | None:
        if src in self.urls:
            return self.urls[src]
        file = self.files.get_file_from_path(src) if self.files is not None else None
        return file.url if file is not None else None


class _TermHrefs(Extension):
    """Hand MkDocs' link rewriting ("relpath", priority 0) the explicit ``[[…]]`` term links with
    an empty href and put the final page-relative URL back afterwards (it would read them as
    links to files). The other term links are raw HTML by then, which MkDocs does not rewrite.
    """

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Any) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_HideTermHrefs(md, self.state), "kb-term-href-hide", 0.5)
        md.treeprocessors.register(_SetTermHrefs(md, self.state), "kb-term-href-set", -0.5)


class _HideTermHrefs(Treeprocessor):
    def __init__(self, md: Any, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: Any) -> None:
        if not self.state.page_has_explicit:
            return
        for link in root.iter("a"):
            if link.get("data-term") and link.get("class") == "kb-term":
                link.set("href", "")


class _SetTermHrefs(Treeprocessor):
    def __init__(self, md: Any, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: Any) -> None:
        if not self.state.page_has_explicit:
            return
        for link in root.iter("a"):
            slug = link.get("data-term")
            if slug and link.get("class") == "kb-term" and link.get("href") == "":
                url = self.state.term_link(slug)
                if url is not None:
                    link.set("href", url)


def _state(config: MkDocsConfig) -> _State:
    return getattr(config, _STATE_ATTR)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = _State()
    setattr(config, _STATE_ATTR, state)
    # Term linking runs as a Markdown extension on every page; the terms arrive in on_files.
    config.markdown_extensions.append(state.termlinks)  # type: ignore[arg-type]
    config.markdown_extensions.append(_TermHrefs(state))  # type: ignore[arg-type]
    return config


def _report(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity != "error":
            log.warning(problem.format())
    if errors:
        listed = "\n".join(p.format() for p in errors)
        raise PluginError(f"{len(errors)} fout(en) in de bronbestanden:\n{listed}")


# Early (50): the model and the generated pages must exist before other plugins'
# on_files (Material's blog/tags/search run at 0 and −50) see the file list.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state(config)
    show_drafts = os.environ.get("KLANTBELEVING_DRAFTS") == "1"
    site, problems = load_site(Path(config.docs_dir), label=Path(config.docs_dir).name, include_drafts=show_drafts)
    _report(problems)
    for src in sorted(site.excluded):
        file = files.get_file_from_path(src)
        if file is not None and not show_drafts:
            files.remove(file)
    existing = {f.src_uri for f in files}
    for page in render_generated_pages(site, existing):
        files.append(File.generated(config, page.src, content=page.markdown))
    state.site = site
    state.snippets = SnippetBudget(site)
    state.files = files
    state.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    matcher = build_matcher(site.terms.values())
    state.termlinks.setConfig("matcher", matcher)
    state.term_urls = {slug: state.urls[t.src] for slug, t in site.terms.items() if t.src in state.urls}
    state.tooltips.update({slug: f"{t.term}: {t.first_sentence}" for slug, t in site.terms.items()})
    files.append(File.generated(config, TERM_INDEX_PATH, content=render_term_index(site, state.url_of)))
    if not config.nav:  # an explicit nav in mkdocs.yml wins
        config.nav = escape_section_titles(build_nav(site, {f.src_uri for f in files.documentation_pages()}))
    return files


#: What MkDocs gets before a page's body instead of its frontmatter: a blank line. MkDocs then
#: finds no metadata (no YAML block, and MultiMarkdown-style ``Key: value`` lines end at the first
#: blank line) and takes the rest as the body, without starting a YAML parser for an empty
#: mapping on every page; ``on_page_markdown`` gives the page the frontmatter we read.
_NO_FRONTMATTER = "\n"


def on_page_read_source(page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Sources are read once: MkDocs gets the body ``load_site`` read (it would read the file and
    parse its frontmatter again). Pages without frontmatter and generated
    pages are left to MkDocs."""
    state = _state(config)
    source = state.site.sources.get(page.file.src_uri)
    if source is None or not (source.meta or source.lines) or page.file.generated_by:
        state.fed_src = ""
        return None
    state.fed_src = page.file.src_uri
    return _NO_FRONTMATTER + source.body


# Early (100): other plugins' on_page_markdown see the page's frontmatter and escaped title.
@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """The page's frontmatter (as ``load_site`` read it); numbered titles for chapters and parts;
    every page title escaped exactly once.

    Material prints ``page.title`` unescaped in navigation, header, footer and search, and the
    title may come from frontmatter; so the adapter escapes it here (templates print it as is).
    """
    state = _state(config)
    site = state.site
    src = page.file.src_uri
    if state.fed_src == src:
        source = site.sources[src]
        page.meta = dict(source.meta)
        if markdown == source.body:  # MkDocs made its own copy of the body we fed it: keep one of the two
            markdown = source.body
    state.page_src = src
    state.page_has_explicit = "[[" in markdown
    state.page_url_root = root_of(page.url)
    own = src[len("begrippen/"):-3] if src.startswith("begrippen/") else ""
    state.termlinks.setConfig("current_slug", own if own in site.terms else "")
    state.termlinks.setConfig("wants_snippet", state.snippets.page(src))
    if own in site.terms:
        page.meta.setdefault("search", {"boost": 2})  # a term's own page ranks above mentions
    title = page.title
    for part in site.parts:
        if part.src == src:
            title = part_title(part.number, part.title)
        for chapter in part.chapters:
            if chapter.src == src:
                title = chapter_title(chapter.number, chapter.title)
    if title is not None:
        page.title = str(escape(title))
    for key in ("title", "author", "description"):  # printed unescaped by Material's header/base
        if isinstance(page.meta.get(key), str):
            page.meta[key] = str(escape(page.meta[key]))
    return markdown


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page's Markdown is converted now (MkDocs renders templates only after this event):
    index the mentions the term linker counted, for the term pages and the pages' term lists."""
    state = _state(config)
    missing = {src for src, _ in corpus_pages(state.site) if src not in state.page_mentions}
    if missing:  # not converted in this build (``mkdocs serve --dirty``): convert them here
        ours = (TermLinkExtension, _TermHrefs)
        extensions = [e for e in config.markdown_extensions if not isinstance(e, ours)]
        state.page_mentions.update(collect_mentions(state.site, extensions, config.mdx_configs, only=missing))
    state.mentions = build_index(state.site, state.page_mentions)
    return env


def _page_views(state: _State, page: Page, config: MkDocsConfig) -> tuple[View | None, dict[str, Any]]:
    """A page's view (links relative to the page) and its sharing and search metadata."""
    base = config.site_url or ""
    page_url = base + page.url
    # Views carry links relative to this page, ready to print: the templates need no `url`
    # filter per link (it normalises each URL again; a term page lists thousands). The links go
    # up to the site root and down again ("../../brieven/…/"), as the term links do: the same
    # target as MkDocs' shortest form, for the cost of one string concatenation.
    view = page_view(state.site, page.file.src_uri, state.links_from(root_of(page.url)), page_url, state.mentions)

    def absolute(src: str) -> str | None:
        url = state.url_of(src)
        return None if url is None else base + url

    meta = page_meta(state.site, view, title=html.unescape(page.title or config.site_name), markdown=page.markdown or "",
                     url=page_url, site_name=config.site_name, site_description=config.site_description or "",
                     absolute=absolute)
    return view, meta


# After Material's search plugin (0): search_text.py gave it the page without term links; the
# template gets the full HTML back.
@event_priority(-10)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    state = _state(config)
    if state.full_content is not None:
        src, full = state.full_content
        state.full_content = None
        if src == page.file.src_uri:
            page.content = full
    view, meta = _page_views(state, page, config)
    context["kb"] = view
    context["kb_meta"] = meta
    # Material prints page.meta.description unescaped: hand it an escaped value.
    page.meta["description"] = str(escape(meta["description"]))
    return context


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Write the feed and the CMIF export next to the HTML (published letters only)."""
    state = _state(config)
    base = config.site_url or "/"
    outputs = {
        FEED_PATH: render_rss(state.site, base_url=base, url_of=state.url_of,
                              title=config.site_name, description=config.site_description or config.site_name),
        CMIF_PATH: render_cmif(state.site, base_url=base, url_of=state.url_of),
    }
    for name, data in outputs.items():
        path = Path(config.site_dir) / name
        path.write_bytes(data)
