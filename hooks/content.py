"""MkDocs adapter: read the whole content model once per build and expose page views.

Thin on purpose: all logic lives in the engine-neutral ``klantbeleving`` package.
State lives on the config object created for each build (``on_config``), never at
module level: ``mkdocs serve`` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
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
from mkdocs.utils import get_relative_url

from klantbeleving.cmif import CMIF_PATH, render_cmif
from klantbeleving.feeds import FEED_PATH, render_rss
from klantbeleving.generate import render_generated_pages
from klantbeleving.load import load_site
from klantbeleving.meta import page_meta
from klantbeleving.model import Site
from klantbeleving.navigation import build_nav, chapter_title, part_title
from klantbeleving.problems import Problem
from klantbeleving.searchpin import TERM_INDEX_PATH, render_term_index
from klantbeleving.termlink import TermLinkExtension, build_matcher
from klantbeleving.views import page_view
from klantbeleving.xref import MentionIndex, index_mentions

log = logging.getLogger("mkdocs.plugins.klantbeleving")

_STATE_ATTR = "_klantbeleving"


class _State:
    """Per-build state, attached to the build's config object."""

    def __init__(self) -> None:
        self.site = Site()
        self.files: Files | None = None
        self.urls: dict[str, str] = {}
        self.mentions: MentionIndex | None = None
        self.page_src = ""  # the page being rendered (term links are relative to it)
        self.page_root = ""  # from that page's folder to docs/ ("../../")
        self.tooltips: dict[str, str] = {}
        self.termlinks = TermLinkExtension(url_for=self.term_link, tooltip_for=self.tooltips.get)
        self.term_urls: dict[str, str] = {}  # slug → site-relative URL of the term page
        self.page_url_root = ""  # from the rendered page's URL to the site root ("../../")
        self.full_content: tuple[str, str] | None = None  # (src, HTML) while search sees it without term links

    def term_link(self, slug: str) -> str | None:
        """Docs-relative link from the page being rendered to a term page (``_TermHrefs`` swaps it
        for the final URL after MkDocs' link rewriting)."""
        term = self.site.terms.get(slug)
        if term is None:
            return None
        return self.page_root + term.src

    def url_of(self, src: str) -> str | None:
        if src in self.urls:
            return self.urls[src]
        file = self.files.get_file_from_path(src) if self.files is not None else None
        return file.url if file is not None else None


class _TermHrefs(Extension):
    """Hand MkDocs' link rewriting ("relpath", priority 0) the term links with an empty href and
    put the final page-relative URL back afterwards.

    Term links come from the site's own file list, so they cannot break; sending each of them
    through MkDocs' validation costs about as much as linking itself (0.4 s per 20,000 links).
    """

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Any) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_HideTermHrefs(md), "kb-term-href-hide", 0.5)
        md.treeprocessors.register(_SetTermHrefs(md, self.state), "kb-term-href-set", -0.5)


class _HideTermHrefs(Treeprocessor):
    def run(self, root: Any) -> None:
        for link in root.iter("a"):
            if link.get("data-term") and link.get("class") == "kb-term":
                link.set("href", "")


class _SetTermHrefs(Treeprocessor):
    def __init__(self, md: Any, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: Any) -> None:
        urls = self.state.term_urls
        prefix = self.state.page_url_root
        for link in root.iter("a"):
            slug = link.get("data-term")
            if slug and link.get("class") == "kb-term" and link.get("href") == "" and slug in urls:
                link.set("href", prefix + urls[slug])


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
    state.files = files
    state.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    matcher = build_matcher(site.terms.values())
    state.termlinks.setConfig("matcher", matcher)
    state.term_urls = {slug: state.urls[t.src] for slug, t in site.terms.items() if t.src in state.urls}
    state.tooltips.update({slug: f"{t.term}: {t.first_sentence}" for slug, t in site.terms.items()})
    state.mentions = index_mentions(site, matcher)
    files.append(File.generated(config, TERM_INDEX_PATH, content=render_term_index(site, state.url_of)))
    if not config.nav:  # an explicit nav in mkdocs.yml wins
        config.nav = _escape_sections(build_nav(site, {f.src_uri for f in files.documentation_pages()}))
    return files


def _escape_sections(nav: list[Any]) -> list[Any]:
    """Section titles come from frontmatter and Material prints them unescaped: escape them here."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            out.append({(str(escape(k)) if isinstance(v, list) else k): (_escape_sections(v) if isinstance(v, list) else v)
                        for k, v in item.items()})
        else:
            out.append(item)
    return out


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Numbered titles for chapters and parts; every page title escaped exactly once.

    Material prints ``page.title`` unescaped in navigation, header, footer and search, and the
    title may come from frontmatter; so the adapter escapes it here (templates print it as is).
    """
    state = _state(config)
    site = state.site
    src = page.file.src_uri
    state.page_src = src
    folder = posixpath.dirname(src)
    state.page_root = "../" * (folder.count("/") + 1) if folder else ""
    state.page_url_root = "../" * page.url.count("/")
    own = src[len("begrippen/"):-3] if src.startswith("begrippen/") else ""
    state.termlinks.setConfig("current_slug", own if own in site.terms else "")
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
    base = config.site_url or ""
    page_url = base + page.url
    # Views carry links relative to this page, ready to print: the templates need no `url`
    # filter per link (it normalises each URL again; a term page lists thousands).
    def relative(src: str) -> str | None:
        url = state.url_of(src)
        return None if url is None else get_relative_url(url, page.url)

    view = page_view(state.site, page.file.src_uri, relative, page_url, state.mentions)
    context["kb"] = view

    def absolute(src: str) -> str | None:
        url = state.url_of(src)
        return None if url is None else base + url

    meta = page_meta(state.site, view, title=html.unescape(page.title or config.site_name), markdown=page.markdown or "",
                     url=page_url, site_name=config.site_name, site_description=config.site_description or "",
                     absolute=absolute)
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
