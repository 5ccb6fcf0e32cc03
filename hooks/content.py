"""MkDocs adapter: each event hands the core's ``SiteBuild`` what MkDocs has at that moment.

The ``SiteBuild`` is made in ``on_config`` and kept on that build's config object, never at
module level: ``mkdocs serve`` keeps this module loaded across rebuilds. Pages and their
metadata are changed only here: ``on_page_markdown`` (frontmatter, title), ``on_page_content``
(term link URLs) and ``on_page_context`` (the view for the template).
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from klantbeleving.build import SiteBuild
from klantbeleving.problems import Problem

log = logging.getLogger("mkdocs.plugins.klantbeleving")

_STATE_ATTR = "_klantbeleving"


class _State(SiteBuild):
    """The build, plus what the adapter itself hands from one event to the next."""

    def __init__(self) -> None:
        super().__init__()
        self.fed_src = ""  # the page whose body on_page_read_source handed MkDocs


def _state(config: MkDocsConfig) -> _State:
    return getattr(config, _STATE_ATTR)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = _State()
    setattr(config, _STATE_ATTR, state)
    _report(state.scan(Path(config.docs_dir)))  # before MkDocs walks docs/ (it follows every symlink)
    config.markdown_extensions.append(state.termlinks)  # type: ignore[arg-type]
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
# on_files (Material's plugins run at 0 and −50) see the file list.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state(config)
    show_drafts = os.environ.get("KLANTBELEVING_DRAFTS") == "1"
    _report(state.read(Path(config.docs_dir), include_drafts=show_drafts, site_name=config.site_name))
    for src in sorted(state.site.excluded):
        file = files.get_file_from_path(src)
        if file is not None and not show_drafts:
            files.remove(file)
    for page in state.generated_pages({f.src_uri for f in files}):
        files.append(File.generated(config, page.src, content=page.markdown))
    state.set_urls({f.src_uri: f.url for f in files})
    path, content = state.term_index()
    files.append(File.generated(config, path, content=content))
    if not config.nav:  # an explicit nav in mkdocs.yml wins
        config.nav = state.nav({f.src_uri for f in files.documentation_pages()})
    return files


#: What MkDocs gets before a page's body instead of its frontmatter: a blank line, so it finds
#: no metadata to parse; ``on_page_markdown`` gives the page the frontmatter we read.
_NO_FRONTMATTER = "\n"


def on_page_read_source(page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Sources are read once: MkDocs gets the body ``load_site`` read. Every source, also one
    without frontmatter: MkDocs would take its first ``Key: value`` lines as metadata that
    ``load_site`` never checked. Generated pages are left to MkDocs."""
    state = _state(config)
    source = state.site.sources.get(page.file.src_uri)
    if source is None or page.file.generated_by:
        state.fed_src = ""
        return None
    state.fed_src = page.file.src_uri
    return _NO_FRONTMATTER + source.body


# Early (100): other plugins' on_page_markdown see the page's frontmatter and escaped title.
@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """The page's frontmatter (as ``load_site`` read and checked it: ``klantbeleving.pagekeys``);
    numbered titles for parts and chapters; the page title escaped once.

    Material prints ``page.title`` unescaped (navigation, header, footer), so it is the one
    value escaped ahead of printing; ``page.meta`` stays as written and the templates escape what
    they print of it (``overrides/main.html``, ``overrides/partials/header.html``).
    """
    state = _state(config)
    src = page.file.src_uri
    if state.fed_src == src:
        page.meta = dict(state.site.sources[src].meta)
    state.start_page(src)
    numbered = state.numbered_title(src)
    if numbered is not None:  # numbered wherever the title stands alone: header, search, sharing
        page.meta["title"] = numbered
    if page.title is not None:  # the navigation's label ("Over dit deel"); the page's own title is in meta
        page.title = str(escape(page.title))
    return markdown


# Early (100): other plugins read the page's HTML with its term links' final URLs.
@event_priority(100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Term links get their URLs, relative to this page."""
    return _state(config).resolve_links(html, page.url)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page is converted now (templates come after this event): index the mentions."""
    _state(config).index_mentions(config.markdown_extensions, config.mdx_configs)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    state = _state(config)
    base = config.site_url or ""
    view = state.view(page.file.src_uri, page.url, base)
    own = page.meta.get("title")
    title = own if isinstance(own, str) and own else html.unescape(page.title or config.site_name)
    meta = state.meta(view, page_url=page.url, base=base, title=title,
                      markdown=page.markdown or "", site_name=config.site_name,
                      site_description=config.site_description or "")
    context["kb"] = view
    context["kb_meta"] = meta
    context["kb_pager"] = state.pager(page.file.src_uri, page.url)
    return context


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Write the feed and the CMIF export next to the HTML."""
    outputs = _state(config).outputs(base=config.site_url or "/", title=config.site_name,
                                     description=config.site_description or config.site_name)
    for name, data in outputs.items():
        (Path(config.site_dir) / name).write_bytes(data)
