"""Term linking: mentions of glossary terms in the texts, linked to the terms' pages.

``syntax``     the explicit ``[[…]]`` links authors write (one grammar, for linker and check)
``matcher``    finding mentions in plain text by Dutch rules, one pass whatever the number of terms
``mentions``   what a page's sections mention, and the snippet around a first mention
``extension``  the Python-Markdown extension that links and counts
"""

from __future__ import annotations

from .extension import (
    TermLinkExtension,
    makeExtension,
    render_link,
    render_link_html,
    resolve_term_hrefs,
    term_href,
)
from .matcher import Matcher, TermLike, TermMatch, build_matcher
from .mentions import SNIPPET_CONTEXT, SectionMentions, snippet
from .syntax import RE_EXPLICIT, Explicit, find_explicit, parse_explicit, replace_explicit

__all__ = [
    "RE_EXPLICIT",
    "SNIPPET_CONTEXT",
    "Explicit",
    "Matcher",
    "SectionMentions",
    "TermLike",
    "TermLinkExtension",
    "TermMatch",
    "build_matcher",
    "find_explicit",
    "makeExtension",
    "parse_explicit",
    "render_link",
    "render_link_html",
    "replace_explicit",
    "resolve_term_hrefs",
    "snippet",
    "term_href",
]
