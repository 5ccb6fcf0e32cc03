"""MkDocs adapter: Material's search indexes the text of a page without our term-link markup,
and the page's frontmatter title as HTML.

Material's search plugin parses every tag of ``page.content`` in Python (``on_page_context``,
priority 0), and term links are most of the tags on a letter page. Just before it runs, this hook
puts the page's HTML without term links (the same text) in ``page.content``; ``content.py``'s
``on_page_context`` (priority −10, right after the search plugin) puts the full HTML back before
the template is rendered. A separate module because a hook module has one handler per event.

Material's search also takes the title of a page without a heading from ``page.meta["title"]``
and the page's ``tags`` from ``page.meta["tags"]``, and stores both as HTML (its results print
them as such). For the same window it gets a copy of ``page.meta`` with those values escaped;
``content.py`` puts the page's own ``page.meta`` back.

Does nothing unless ``content.py`` is also listed under ``hooks`` (it owns the per-build state),
and leaves pages alone whose HTML carries Material's ``data-search-*`` attributes (the search
plugin rewrites those pages' content itself).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from klantbeleving.termlink import strip_term_links

_STATE_ATTR = "_klantbeleving"  # set by content.py's on_config


# Before Material's search plugin (0) indexes the page.
@event_priority(100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    state = getattr(config, _STATE_ATTR, None)
    escaped = _escaped_meta(page.meta)
    if state is not None and escaped:
        state.own_meta = (page.file.src_uri, page.meta)
        page.meta = {**page.meta, **escaped}
    html = page.content
    if state is None or not html or "data-search-" in html:
        return context
    text_only = strip_term_links(html)
    if text_only is not html:
        state.full_content = (page.file.src_uri, html)
        page.content = text_only
    return context


def _escaped_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The values of ``meta`` that Material's search stores as HTML, escaped (none when absent)."""
    escaped: dict[str, Any] = {}
    if isinstance(meta.get("title"), str):
        escaped["title"] = str(escape(meta["title"]))
    tags = meta.get("tags")
    if isinstance(tags, list):
        escaped["tags"] = [str(escape(tag)) for tag in tags]
    return escaped
