"""MkDocs adapter: after every build, Pagefind indexes the built site (``klantbeleving.searchindex``).

So ``mkdocs build`` and ``mkdocs serve`` both have working search without a step of their own.
A failed index stops the build with the reason (the site would have a search box that finds nothing).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from klantbeleving.searchindex import write_search_index

log = logging.getLogger("mkdocs.plugins.klantbeleving")


# Last (−100): other plugins' post-build outputs are written, the HTML is final.
@event_priority(-100)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    index, problems = write_search_index(Path(config.site_dir))
    if problems:
        raise PluginError("\n".join(p.format() for p in problems))
    if index is not None:
        log.info("Zoekindex: %d pagina's in %s", index.pages, index.folder)
