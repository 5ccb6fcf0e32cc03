"""The Python-Markdown extension that links mentions of glossary terms to their pages.

It works on the element tree after inline processing, never on raw Markdown, and imports no
MkDocs: the caller passes the lookups (``url_for``, ``tooltip_for``) and the current page.

Linking (``TermLinkTreeprocessor``):

    - the first mention of each term on the page is linked; forms and aliases of one term count
      as the same term. Per section instead where the page asks for it (``per_section``) or the
      term does (``section_terms``): a section starts at the document start, at every heading
      (h1-h6) and at the footnotes block;
    - never inside a title of a work or an epigraph: the ``titles`` given (the site's name, the
      book's and the series' titles, exactly as written, wherever they stand), `<cite>`, an
      element with class `titel` (``*The Experience Economy*{.titel}``) and one with class
      `kb-epigraph`; mentions there are counted (``SectionMentions``), never linked, and the
      term's next mention outside is linked;
    - never inside `code`, `pre`, `a`, headings, `abbr`, `script`, `style`, `kbd`, `samp`, `sup`
      (footnote references), `summary`, admonition titles, elements with class `kb-noterm` or
      `kb-term-unknown`, also when such a tag is written as raw inline HTML (`<kbd>klant</kbd>`);
      attribute values (image alt text, URLs) are never touched; raw HTML blocks are left alone;
    - the term's own page (``current_slug``) does not link itself;
    - the link is `<a class="kb-term" href="…" data-term="slug" title="…">` (title = tooltip), with
      the href ``url_for`` gives: in a build a placeholder (``term_href``) that the adapter
      resolves once the page's URL is known (``resolve_term_hrefs``), for explicit and implicit
      links alike.

Explicit links (``syntax``): ``[[CXM]]`` links its term here whatever the first-mention rule says
(by term, alias, form or slug, any case; shown as written); ``[[klant|klanten]]`` links `klant`
showing `klanten`; ``[[!klant]]`` shows `klant` unlinked (`<span class="kb-noterm">`, as
`{.kb-noterm}` from attr_list does for an element). An explicit link counts as the section's
mention of its term. On the term's own page, or when ``url_for`` gives no URL, it renders as
`<span class="kb-noterm">`; inside an author's own link it becomes plain text (never an `<a>`
inside an `<a>`); an unknown name renders as `<span class="kb-term-unknown">` (``klantbeleving
check`` reports it with its line).

Priorities (Python-Markdown runs higher numbers first):

    preprocessor   `kb-termlink-start`    40   resets the page's links; the explicit pattern only
                                               for pages that have ``[[``
    inline         `kb-termlink-explicit` 172  after code spans (190), escapes (180) and footnote
                                               references (175), before reference links (170)
                                               and links (160), which would otherwise read `[[x]]`
    tree           `kb-termlink`          6    after inline processing (20), footnotes (50, 19,
                                               15), attr_list (8), abbr (7) and
                                               pymdownx.smartsymbols (6.1); before toc (5)
    tree           `kb-termlink-mentions` 4    after toc (5), which gives the headings the ids
                                               the sections' anchors are
    post           `kb-termlink-html`     35   the links' HTML in place of their placeholders

Mentions (``mentions.SectionMentions``): while linking, the tree processor counts every mention
per section and keeps the text around the first one; ``on_mentions`` receives the page's sections
at the end of each conversion. One instance may serve many pages: set ``current_slug`` per page
with ``ext.setConfig("current_slug", slug)``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import _escape_attrib_html, _escape_cdata  # the serializer's own escaping
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .matcher import Matcher, TitleFinder, build_matcher
from .mentions import (
    SNIPPET_SKIP_CLASSES,
    SNIPPET_SKIP_TAGS,
    Section,
    SectionMentions,
    always,
    finish_sections,
    readable,
)
from .syntax import RE_EXPLICIT, parse_explicit

EXPLICIT_NAME = "kb-termlink-explicit"
EXPLICIT_PRIORITY = 172
LINK_CLASS = "kb-term"
UNKNOWN_CLASS = "kb-term-unknown"
NOTERM_CLASS = "kb-noterm"
#: The href of a term link until the page's URL is known (see ``resolve_term_hrefs``).
TERM_HREF = "kbterm:"
RE_TERM_HREF = re.compile(r'href="kbterm:([^"]*)"')

#: Elements whose content is never linked.
SKIP_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "img", "script", "style", "kbd", "samp", "sup", "summary", "svg", "math",
     "textarea", "button", "select", "option", "h1", "h2", "h3", "h4", "h5", "h6"}
)
#: Elements whose content is never linked, by class.
SKIP_CLASSES = frozenset({"kb-noterm", "kb-term-unknown", "admonition-title", "headerlink"})
#: Titles of works and epigraphs: their mentions are counted but never linked.
QUIET_TAGS = frozenset({"cite"})
QUIET_CLASSES = frozenset({"titel", "kb-epigraph"})
#: Block elements: raw inline HTML left open inside one does not reach the next.
BLOCKS = frozenset(
    {"div", "p", "li", "dd", "dt", "td", "th", "blockquote", "details", "section", "article", "aside",
     "figure", "figcaption", "table", "ul", "ol", "dl"}
)
#: A Python-Markdown raw HTML placeholder, and the raw tag it stands for.
RE_STASH = re.compile("\x02wzxhzdk:([0-9]+)\x03")
#: Where the linker put a link into the text (``TermLinkPostprocessor`` puts the HTML there).
LINK_PLACEHOLDER = "\x02kbterm:%d\x03"
LINK_PLACEHOLDER_START = "\x02kbterm:"
RE_LINK_PLACEHOLDER = re.compile("\x02kbterm:([0-9]+)\x03")
RE_RAW_TAG = re.compile(r"\s*<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*?)(/?)>\s*$")
RE_NOTERM_ATTR = re.compile(r"""\bclass\s*=\s*["']?[^"'>]*\bkb-noterm\b""")
RE_QUIET_ATTR = re.compile(r"""\bclass\s*=\s*["']?[^"'>]*(?<![\w-])(?:titel|kb-epigraph)(?![\w-])""")
#: Headings start a new section (where terms are linked per section).
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})



@dataclass
class _DocState:
    """Per-document state shared by the processors of one Markdown instance."""

    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # placeholder → (slug, text) of a link made
    html: list[str] = field(default_factory=list)  # the HTML of link N (placeholder N)


class TermLinkPreprocessor(Preprocessor):
    """Start a page: no links yet; the explicit pattern only where ``[[`` occurs (an inline
    pattern runs on every text of the page)."""

    def __init__(self, md: Any, state: _DocState, explicit: ExplicitTermProcessor) -> None:
        super().__init__(md)
        self.state = state
        self.explicit = explicit

    def run(self, lines: list[str]) -> list[str]:
        self.state.links = {}
        self.state.html = []
        wanted = any("[[" in line for line in lines)
        present = EXPLICIT_NAME in self.md.inlinePatterns
        if wanted and not present:
            self.md.inlinePatterns.register(self.explicit, EXPLICIT_NAME, EXPLICIT_PRIORITY)
        elif present and not wanted:
            self.md.inlinePatterns.deregister(EXPLICIT_NAME)
        return lines


class ExplicitTermProcessor(InlineProcessor):
    """``[[name]]``, ``[[name|shown]]`` and ``[[!shown]]``."""

    def __init__(self, pattern: str, md: Any, ext: TermLinkExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        found = parse_explicit(m)
        if found is None:
            return None, None, None
        text = found.text
        if found.keep_plain:
            return _span(NOTERM_CLASS, text), m.start(0), m.end(0)
        matcher: Matcher = self.ext.getConfig("matcher")
        slug = matcher.resolve(found.name)
        if slug is None:
            return _span(UNKNOWN_CLASS, text), m.start(0), m.end(0)
        url = self.ext.url(slug) if slug != self.ext.getConfig("current_slug") else None
        if not url:
            return _span(NOTERM_CLASS, text), m.start(0), m.end(0)
        link = render_link(slug, url, self.ext.tooltip(slug), text)
        link.text = text  # not atomic: emphasis in the shown text is still processed
        return link, m.start(0), m.end(0)


def _span(cls: str, text: str) -> etree.Element:
    span = etree.Element("span", {"class": cls})
    span.text = text
    return span


def render_link_html(slug: str, url: str, tooltip: str | None, text: str) -> str:
    """The `<a class="kb-term">` for one mention as HTML, exactly as the serializer would write
    the element from ``render_link`` (attributes in name order)."""
    title = f' title="{_escape_attrib_html(tooltip)}"' if tooltip else ""
    return (f'<a class="{LINK_CLASS}" data-term="{_escape_attrib_html(slug)}" href="{_escape_attrib_html(url)}"'
            f"{title}>{_escape_cdata(text)}</a>")


def render_link(slug: str, url: str, tooltip: str | None, text: str) -> etree.Element:
    """The `<a class="kb-term">` element for one mention (text kept atomic)."""
    link = etree.Element("a", {"class": LINK_CLASS, "href": url, "data-term": slug})
    if tooltip:
        link.set("title", tooltip)
    link.text = AtomicString(text)
    return link

#: A raw inline HTML tag left open: its name, and whether its content is skipped (`<kbd>`) or
#: only left unlinked (`<cite>`).
RawTag = tuple[str, bool]


class TermLinkTreeprocessor(Treeprocessor):
    """Link the first mention of each term per page (or per section) in the element tree, and
    count them all per section (``SectionMentions``, handed to ``on_mentions`` by
    ``TermMentionsTreeprocessor``)."""

    def __init__(self, md: Any, ext: TermLinkExtension, state: _DocState) -> None:
        super().__init__(md)
        self.ext = ext
        self.state = state
        self._seen: set[str] = set()
        self.sections: list[Section] = []
        self._block: etree.Element | None = None
        self.messy: set[int] = set()  # ids of blocks with text a snippet leaves out (footnote markers)
        self._matcher: Matcher = ext.getConfig("matcher")
        self._current = ""
        self._per_section = False
        self._section_terms: frozenset[str] = frozenset()
        self._titles = TitleFinder(())
        self._quiet = False  # inside a title of a work or an epigraph

    def run(self, root: etree.Element) -> None:
        """Walk the tree in document order; safe to run twice (existing kb-term links count)."""
        self._seen = set()
        self.sections = [Section(None, "")]
        self._block = root
        self.messy = set()
        self._matcher = self.ext.getConfig("matcher")
        self._current = self.ext.getConfig("current_slug")
        self._per_section = self.ext.getConfig("per_section")
        self._section_terms = frozenset(self.ext.getConfig("section_terms"))
        self._titles = self.ext.titles
        self._quiet = False
        if self.ext.getConfig("enabled"):
            self._walk(root, [])

    def _new_section(self) -> None:
        """A heading or the footnotes: terms linked per section may be linked again."""
        if self._per_section:
            self._seen.clear()
        elif self._section_terms:
            self._seen -= self._section_terms

    def _walk(self, el: etree.Element, raw_open: list[RawTag]) -> None:
        """Link the text of ``el`` and its descendants.

        ``raw_open`` holds raw inline HTML tags (``<kbd>``, ``<code>``, ``<a href>``, ``<cite>``
        written as HTML) that are open at this point of the current block: text inside them is
        not linked. Python-Markdown keeps such tags as placeholders in the text until after this
        processor.
        """
        outer = self._block
        if el.tag in BLOCKS:
            raw_open = []
            self._block = el
        if el.text and not isinstance(el.text, AtomicString):
            self._link_text(el, -1, raw_open)
        for i, child in enumerate(el):
            self._visit(child, raw_open)
            if child.tail and not isinstance(child.tail, AtomicString):
                self._link_text(el, i, raw_open)
        self._block = outer

    def _visit(self, el: etree.Element, raw_open: list[RawTag]) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            return
        classes = (el.get("class") or "").split()
        if tag == "a":
            slug = el.get("data-term")
            if LINK_CLASS in classes and slug:
                self._seen.add(slug)
                self._count(slug, "".join(el.itertext()))
            else:
                _unwrap_nested_links(el)
                self._count_in_link(el)
                if SNIPPET_SKIP_CLASSES.intersection(classes):
                    self.messy.add(id(self._block))
            return
        if tag in HEADINGS:
            self._new_section()
            self.sections.append(Section(el, " ".join(readable("".join(el.itertext())).split())))
        if tag in HEADINGS or tag in SKIP_TAGS or SKIP_CLASSES.intersection(classes):
            if tag in SNIPPET_SKIP_TAGS:
                self.messy.add(id(self._block))
            for link in el.iter("a"):  # explicit [[…]] inside an author's link in a skipped element
                if LINK_CLASS not in (link.get("class") or "").split():
                    _unwrap_nested_links(link)
            return
        if tag == "div" and "footnote" in classes:
            self._new_section()
        if not self._quiet and (tag in QUIET_TAGS or QUIET_CLASSES.intersection(classes)):
            self._quiet = True
            self._walk(el, raw_open)
            self._quiet = False
            return
        self._walk(el, raw_open)

    def _count(self, slug: str, written: str) -> None:
        """Count one mention of ``slug`` in the current section (not on the term's own page)."""
        if slug == self._current:
            return
        section = self.sections[-1]
        section.counts[slug] = section.counts.get(slug, 0) + 1
        if slug not in section.firsts:
            assert self._block is not None
            section.firsts[slug] = (self._block, written)

    def _count_in_link(self, link: etree.Element) -> None:
        """Mentions in the text of an author's link count, though they are never linked."""
        for m in self._matcher.findall(readable("".join(link.itertext()))):
            self._count(m.slug, m.text)

    def _link_text(self, parent: etree.Element, index: int, raw_open: list[RawTag]) -> None:
        """Link mentions in ``parent.text`` (index -1) or in ``parent[index].tail``.

        A link goes into the text as a placeholder (``LINK_PLACEHOLDER``) that
        ``TermLinkPostprocessor`` replaces by its HTML, not as an element: the later tree
        processors (unescape, MkDocs' link checks, the serializer) have nothing to do for it,
        and the page's HTML is the same.
        """
        text = parent.text if index < 0 else parent[index].tail
        assert text is not None
        if LINK_PLACEHOLDER_START in text:  # links made by an earlier run over this tree
            for found in RE_LINK_PLACEHOLDER.finditer(text):
                if found.group() in self.state.links:
                    slug, shown = self.state.links[found.group()]
                    self._seen.add(slug)
                    self._count(slug, shown)
        blocked, quiet = self._raw_html_spans(text, raw_open) if raw_open or "\x02" in text else ([], [])
        mentions = self._matcher.findall(text)
        if not mentions:
            return
        if self._quiet:
            quiet = [(0, len(text))]
        elif self._titles:
            quiet += self._titles.spans(text)
        pieces: list[str] = []
        pos = 0
        links, made = self.state.links, self.state.html
        seen, current, count, link_html = self._seen, self._current, self._count, self.ext.link_html
        for m in mentions:  # count every mention; link the first of each term on the page or in the section
            slug = m.slug
            if slug == current:
                continue
            if blocked and any(s < m.end and m.start < e for s, e in blocked):
                continue
            count(slug, m.text)
            if slug in seen or (quiet and any(s <= m.start and m.end <= e for s, e in quiet)):
                continue
            made_html = link_html(slug, m.text)
            if made_html is None:
                continue
            seen.add(slug)
            placeholder = LINK_PLACEHOLDER % len(made)
            made.append(made_html)
            links[placeholder] = (slug, m.text)
            pieces += (text[pos:m.start], placeholder)
            pos = m.end
        if not pieces:
            return
        pieces.append(text[pos:])
        if index < 0:
            parent.text = "".join(pieces)
        else:
            parent[index].tail = "".join(pieces)

    def _raw_html_spans(self, text: str, raw_open: list[RawTag]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans of ``text`` inside raw inline HTML tags: (never looked into, e.g. `<kbd>`;
        counted but not linked, `<cite>` and class `titel`)."""
        spans: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
        state = _raw_state(raw_open)
        start = 0
        stash = self.md.htmlStash.rawHtmlBlocks
        for m in RE_STASH.finditer(text):
            index = int(m.group(1))
            raw = stash[index] if index < len(stash) else ""
            tag = RE_RAW_TAG.match(raw if isinstance(raw, str) else "")
            if tag is None:
                continue
            closing, name, attrs, selfclosing = tag.groups()
            name = name.lower()
            names = [open_name for open_name, _ in raw_open]
            if closing:
                if name not in names:
                    continue
                del raw_open[len(names) - 1 - names[::-1].index(name):]
                at = m.end()
            elif selfclosing:
                continue
            elif name in SKIP_TAGS or RE_NOTERM_ATTR.search(attrs):
                raw_open.append((name, True))
                at = m.start()
            elif name in QUIET_TAGS or RE_QUIET_ATTR.search(attrs):
                raw_open.append((name, False))
                at = m.start()
            else:
                continue
            new_state = _raw_state(raw_open)
            if new_state != state:
                if state is not None:
                    spans[state].append((start, at))
                state, start = new_state, at
        if state is not None:
            spans[state].append((start, len(text)))
        return spans[True], spans[False]


def _raw_state(raw_open: list[RawTag]) -> bool | None:
    """Inside the open raw tags: True never looked into, False not linked, None neither."""
    if not raw_open:
        return None
    return any(skipped for _, skipped in raw_open)


def _unwrap_nested_links(link: etree.Element) -> None:
    """Replace kb-term links inside an author's link by their text (no `<a>` inside `<a>`)."""
    for parent in list(link.iter()):
        i = 0
        while i < len(parent):
            child = parent[i]
            if child.tag == "a" and LINK_CLASS in (child.get("class") or "").split():
                _replace_by_content(parent, i)
                continue
            i += 1


def _replace_by_content(parent: etree.Element, i: int) -> None:
    child = parent[i]
    before = parent[i - 1] if i > 0 else None
    text = (child.text or "")
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text
    grandchildren = list(child)
    parent.remove(child)
    for n, gc in enumerate(grandchildren):
        parent.insert(i + n, gc)
    last = grandchildren[-1] if grandchildren else before
    tail = child.tail or ""
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail


def _no_value(slug: str) -> None:
    return None


def _ignore_mentions(sections: list[SectionMentions]) -> None:
    return None


class TermLinkPostprocessor(Postprocessor):
    """Put each link's HTML where the linker left its placeholder."""

    def __init__(self, md: Any, state: _DocState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        made = self.state.html
        if not made:
            return text
        return RE_LINK_PLACEHOLDER.sub(lambda m: made[int(m.group(1))], text)


class TermMentionsTreeprocessor(Treeprocessor):
    """Hand the mentions the linker counted to ``on_mentions``, once the toc extension has given
    the headings their ids (the sections' anchors)."""

    def __init__(self, md: Any, ext: TermLinkExtension, linker: TermLinkTreeprocessor) -> None:
        super().__init__(md)
        self.ext = ext
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        report: Callable[[list[SectionMentions]], None] = self.ext.getConfig("on_mentions")
        if report is not _ignore_mentions:
            report(finish_sections(self.linker.sections, self.linker.messy, self.linker.state.links,
                                    self.ext.getConfig("wants_snippet")))
        self.linker.sections = []


class TermLinkExtension(Extension):
    """Term linking extension (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        # Defaults are not None: Python-Markdown's setConfig turns values of None-default options
        # into booleans.
        self.config = {
            "matcher": [build_matcher(()), "Matcher from build_matcher(terms)"],
            "url_for": [_no_value, "callable(slug) -> URL or None (None: do not link)"],
            "tooltip_for": [_no_value, "callable(slug) -> tooltip text or None"],
            "current_slug": ["", "slug of the term whose own page this is (not linked)"],
            "on_mentions": [_ignore_mentions, "callable(sections) with the page's SectionMentions"],
            "wants_snippet": [always, "callable(slug, section) -> False when that first mention needs no snippet"],
            "per_section": [False, "link the first mention of each term per section, not per page"],
            "enabled": [True, "False: this page gets no term links and counts no mentions (a print page)"],
            "section_terms": [frozenset(), "slugs of the terms linked once per section on every page"],
            "titles": [(), "titles of works, never linked wherever they stand as written"],
        }
        self._html: dict[tuple[str, str, str], str] = {}  # (slug, URL, text) -> link HTML: see link_html
        self.titles = TitleFinder(())
        super().__init__(**kwargs)

    def setConfig(self, key: str, value: Any) -> None:  # noqa: N802 (Python-Markdown's name)
        super().setConfig(key, value)
        if key in ("url_for", "tooltip_for"):
            self._html.clear()
        elif key == "titles":
            self.titles = TitleFinder(value)

    def link_html(self, slug: str, text: str) -> str | None:
        """The HTML of a link to ``slug`` showing ``text`` from the current page, or None when the
        term has no URL (then it is not linked).

        Made once per URL and text: a term is linked from most pages, with the same few words
        and, from pages at one depth, the same relative URL. ``tooltip_for`` must give the same
        answer for as long as ``url_for`` and ``tooltip_for`` are not set again."""
        url = self.url(slug)
        if not url:
            return None
        key = (slug, url, text)
        made = self._html.get(key)
        if made is None:
            made = self._html[key] = render_link_html(slug, url, self.tooltip(slug), text)
        return made

    def url(self, slug: str) -> str | None:
        """The URL of a term's page, or None (then it is not linked)."""
        url_for: Callable[[str], str | None] = self.getConfig("url_for")
        return url_for(slug)

    def tooltip(self, slug: str) -> str | None:
        """The tooltip (title attribute) for a term, or None."""
        tooltip_for: Callable[[str], str | None] = self.getConfig("tooltip_for")
        return tooltip_for(slug)

    def extendMarkdown(self, md: Any) -> None:
        """Register the five processors (priorities explained in the module docstring)."""
        state = _DocState()
        explicit = ExplicitTermProcessor(RE_EXPLICIT, md, self)
        md.preprocessors.register(TermLinkPreprocessor(md, state, explicit), "kb-termlink-start", 40)
        md.inlinePatterns.register(explicit, EXPLICIT_NAME, EXPLICIT_PRIORITY)
        linker = TermLinkTreeprocessor(md, self, state)
        md.treeprocessors.register(linker, "kb-termlink", 6)
        md.treeprocessors.register(TermMentionsTreeprocessor(md, self, linker), "kb-termlink-mentions", 4)
        md.postprocessors.register(TermLinkPostprocessor(md, state), "kb-termlink-html", 35)


def makeExtension(**kwargs: Any) -> TermLinkExtension:  # noqa: N802 (Python-Markdown's name)
    """Return the extension."""
    return TermLinkExtension(**kwargs)


def term_href(slug: str) -> str:
    """The placeholder href of a link to ``slug`` (``url_for`` for a build; ``resolve_term_hrefs``
    puts the URL in)."""
    return TERM_HREF + slug


def resolve_term_hrefs(page_html: str, url_of: Callable[[str], str | None]) -> str:
    """``page_html`` with the href of every term link made with ``term_href`` set to
    ``url_of(slug)`` (a URL as printed on this page)."""
    if TERM_HREF not in page_html:
        return page_html

    def resolve(m: re.Match[str]) -> str:
        url = url_of(html.unescape(m.group(1)))
        return m.group() if url is None else f'href="{_escape_attrib_html(url)}"'

    return RE_TERM_HREF.sub(resolve, page_html)
