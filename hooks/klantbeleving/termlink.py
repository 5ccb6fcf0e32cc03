"""
Term linking.

klantbeleving.termlink
A Python-Markdown extension that links mentions of glossary terms (begrippen) to their pages.
It works on the element tree after inline processing, never on raw Markdown, and it imports no
MkDocs: the adapter passes in the lookups (``url_for``, ``tooltip_for``) and the current page.

Matching (Dutch rules, see ``build_matcher``):

    whole words only      `cult` never in `cultuur`, `CX` never in `CXM`; a hyphen or apostrophe
                          between letters/digits joins a word (`CX-professionals`, `product-klant`,
                          `CX'ers` are one word each), a hyphen before a space or punctuation does
                          not (`CX- en EX-aanpak` mentions `CX`); a dot between letters joins too
                          (`klant.nl`), and URL or e-mail tokens are skipped whole
    case                  a name written without capitals (`klant`, `customer journey`) also
                          matches with a capital first letter (`Klant` at sentence start) and in no
                          other casing (`KLANT` does not match); a name with any capital (acronyms
                          `CX`, `NPS`, `ISO 23592`, proper names `Service Excellence`) matches
                          exactly as written
    whitespace            a space in a name matches any run of whitespace (line breaks included)
    longest match wins    `Customer Experience Management` (CXM) before `Customer Experience` (CX)
    forms and aliases     map to their term's slug

Linking (``TermLinkTreeprocessor``):

    - the first mention of each term per section is linked; a section starts at the document
      start, at every heading (h1-h6) and at the footnotes block; forms and aliases of one term
      count as the same term;
    - never inside `code`, `pre`, `a`, headings, `abbr`, `script`, `style`, `kbd`, `samp`, `sup`
      (footnote references), `summary`, admonition titles, elements with class `kb-noterm` or
      `kb-term-unknown`, also when such a tag is written as raw inline HTML (`<kbd>klant</kbd>`);
      attribute values (image alt text, URLs) are never touched; raw HTML blocks are left alone;
    - the term's own page (``current_slug``) does not link itself;
    - the link is `<a class="kb-term" href="…" data-term="slug" title="…">` (title = tooltip);
      it goes into the text as a raw HTML placeholder, so later tree processors (MkDocs' link
      rewriting among them) never see it: ``url_for`` gives the final URL.

Explicit syntax for authors (inline, also inside emphasis and tables; not inside code):

    [[CXM]]                 link this term here, whatever the first-mention rule says;
                            resolved by term, alias, form or slug, case-insensitively;
                            shown as written
    [[klant|klanten]]       link the term `klant`, show the text `klanten`
    [[!klant]]              show `klant` and never link it (`<span class="kb-noterm">`);
                            `{.kb-noterm}` from attr_list on an element does the same for the
                            element (`*klant*{.kb-noterm}`)

An explicit link counts as the section's mention of its term. On the term's own page, or when
``url_for`` gives no URL, it renders as `<span class="kb-noterm">`; inside an author's own link it
becomes plain text (never an `<a>` inside an `<a>`).
An explicit link to an unknown name renders its text in `<span class="kb-term-unknown">` and calls
``on_unknown(name, line)``; ``line`` is the 1-based line in the Markdown text given to
Python-Markdown (MkDocs strips frontmatter first: the adapter adds the frontmatter's line count),
or None when the name cannot be found back in the source.

Priorities (Python-Markdown runs higher numbers first):

    preprocessor   `kb-termlink-source`   40   before any normalisation (pymdownx 35, core 30),
                                               so line numbers are the author's line numbers
    inline         `kb-termlink-explicit` 172  after code spans (190), escapes (180) and footnote
                                               references (175), before reference links (170)
                                               and links (160), which would otherwise read `[[x]]`
    tree           `kb-termlink`          6    after inline processing (20), footnotes (50, 19,
                                               15), attr_list (8: classes such as kb-noterm are in
                                               place), abbr (7: abbreviations are wrapped and can
                                               be skipped) and pymdownx.smartsymbols (6.1); before
                                               toc (5) and before unescape and MkDocs' link
                                               rewriting (0); an explicit ``[[x]]`` link is an
                                               element, which MkDocs' link rewriting does see
    tree           `kb-termlink-mentions` 4    after toc (5), which gives the headings the ids
                                               the sections' anchors are
    post           `kb-termlink-html`     35   the links' HTML in place of their placeholders

Mentions (``SectionMentions``): while linking, the tree processor counts every mention per
section, also those it does not link, and keeps the text around the first one; ``on_mentions``
receives the page's sections at the end of each conversion. This is the one definition of "a
mention" for the term pages ("Komt voor in"), the terms a page lists and ``klantbeleving check``.

The extension keeps no state between documents except its configuration; one instance may serve
many pages: set ``current_slug`` per page with ``ext.setConfig("current_slug", slug)``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import ahocorasick
from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import _escape_attrib_html, _escape_cdata  # the serializer's own escaping
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = [
    "Matcher",
    "Mention",
    "SectionMentions",
    "TermLike",
    "TermLinkExtension",
    "TermMatch",
    "build_matcher",
    "find_mentions",
    "makeExtension",
]

# --- Constants -----------------------------------------------------------------------------------

#: Characters of a word: Unicode letters and digits (``\w``), soft hyphen, combining accents.
WORD_CHARS = r"\w\u00ad\u0300-\u036f"
#: Characters that join two word parts into one word when they stand between word characters.
JOINERS = "-'\u2019\u2010\u2011"
#: One word: word characters, possibly joined by hyphens/apostrophes (`CX-strategie`, `CX'ers`).
WORD = rf"[{WORD_CHARS}]+(?:[{re.escape(JOINERS)}][{WORD_CHARS}]+)*"
#: Text that is never searched: URLs, e-mail addresses, Python-Markdown placeholders.
RE_SKIP = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:)[^\s<>\"\x02\x03]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\x02[^\x02\x03]*\x03",
    re.IGNORECASE,
)
#: A backslash escape as Python-Markdown keeps it until its unescape step (STX, code point, ETX).
RE_ESCAPE = re.compile("\x02([0-9]+)\x03")
RE_ESCAPE_BEFORE = re.compile("\x02([0-9]+)\x03$")

#: Explicit syntax: ``[[name]]``, ``[[name|shown]]``, ``[[!shown]]``.
EXPLICIT_NAME = "kb-termlink-explicit"
EXPLICIT_PRIORITY = 172
RE_EXPLICIT = r"\[\[(!)?([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]"

#: Elements whose content is never linked.
SKIP_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "img", "script", "style", "kbd", "samp", "sup", "summary", "svg", "math",
     "textarea", "button", "select", "option", "h1", "h2", "h3", "h4", "h5", "h6"}
)
#: Elements whose content is never linked, by class.
SKIP_CLASSES = frozenset({"kb-noterm", "kb-term-unknown", "admonition-title", "headerlink"})
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
#: Headings start a new section (first mention is linked again).
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

LINK_CLASS = "kb-term"
UNKNOWN_CLASS = "kb-term-unknown"
NOTERM_CLASS = "kb-noterm"

SNIPPET_CONTEXT = 60
ELLIPSIS = "\u2026"

# --- Matching (pure) -----------------------------------------------------------------------------


class TermLike(Protocol):
    """What the matcher needs from a term (``klantbeleving.model.Term`` fits)."""

    slug: str
    term: str
    aliases: list[str]
    forms: list[str]


class TermMatch(NamedTuple):
    """One mention found in a text: the term's slug, where, and the text as written (a tuple:
    the matcher makes one per mention, and a frozen dataclass costs four times as much to make)."""

    slug: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention for backlinks: slug, position in the plain text and a short snippet around it."""

    slug: str
    start: int
    end: int
    snippet: str


@dataclass(slots=True)
class _Node:
    """A state of the word automaton: the slug if a name ends here, and the next words."""

    slug: str | None = None
    next: dict[tuple[bool, str], _Node] = field(default_factory=dict)


def _is_plain(name: str) -> bool:
    """True for an ordinary word (no capitals): it also matches with a capital first letter."""
    return not any(ch.isupper() for ch in name)


def _normalise(name: str) -> str:
    return " ".join(name.split())


class Matcher:
    """Finds term mentions in plain text in one pass, whatever the number of terms.

    The words a name can start with are found first (``_first_words``: an Aho-Corasick
    automaton of those words scans the text once, in C); each is looked up in a
    dict-based word automaton (a trie over words), so the cost per word does not depend on how
    many terms there are. Multi-word names walk the automaton over the following words; the
    longest name that ends on a whole word wins.

    Attributes:
        conflicts: ``(name, kept_slug, dropped_slug)`` for names claimed by two terms; the first
            term given to ``build_matcher`` keeps the name.
    """

    def __init__(self, root: dict[str, _Node], resolve: dict[str, str], punctuation: str,
                 conflicts: list[tuple[str, str, str]]) -> None:
        self._root = root
        self._resolve = resolve
        self.conflicts = conflicts
        token = WORD + (f"|[{re.escape(punctuation)}]" if punctuation else "")
        self._token = re.compile(token)
        self._next = re.compile(rf"(\s*)({token})")
        # The words a name starts with, when every name starts with a word (see _first_words).
        self._first = frozenset(root) if all(_WORD_ONLY.match(key) for key in root) else None
        self._automaton: Any = None  # the first words, when there are some and all are words
        if self._first:
            self._automaton = ahocorasick.Automaton()
            for key in sorted(self._first):
                self._automaton.add_word(key, key)
            self._automaton.make_automaton()

    @property
    def slugs(self) -> set[str]:
        """Every slug the matcher can return."""
        return set(self._resolve.values())

    def resolve(self, name: str) -> str | None:
        """The slug for an explicitly written name (term, alias, form or slug; any case)."""
        return self._resolve.get(_normalise(name).casefold())

    def _first_words(self, text: str) -> list[tuple[int, str]]:
        """(position, word) of the words in ``text`` that a name can start with, left to right.

        Cutting the text into words and looking each one up in Python costs most of the scan; so
        when every name starts with a word (not with punctuation) an Aho-Corasick automaton of
        those first words (pyahocorasick, in C) finds every place one of them occurs, in one
        pass over the text whatever the number of terms; only those places are checked to be
        whole words.
        """
        if self._automaton is None:
            if self._first is None:
                return [(m.start(), m.group()) for m in self._token.finditer(text)]
            return []  # no names at all
        found: list[tuple[int, str]] = []
        for last, word in self._automaton.iter(text):
            at = last + 1 - len(word)
            if not _inside_word(text, at) and not _continues_word(text, last + 1):
                found.append((at, word))
        return found  # in the order they end: whole words never overlap, so also the order they start

    def finditer(self, text: str) -> Iterator[TermMatch]:
        """Yield every mention in ``text`` from left to right, longest match first, no overlaps."""
        return iter(self.findall(text))

    def findall(self, text: str) -> list[TermMatch]:
        """Every mention in ``text`` from left to right, longest match first, no overlaps (a list:
        the linker asks for every text of every page, and most have none)."""
        found_all: list[TermMatch] = []
        if not text:
            return found_all
        candidates = self._first_words(text)
        if not candidates:
            return found_all
        skips = _skip_spans(text)
        root = self._root
        get = root.get
        resume = 0
        skip_i = 0
        for start, word in candidates:
            if start < resume:
                continue
            node = get(word)
            if node is None:
                continue
            if skips:
                while skip_i < len(skips) and skips[skip_i][1] <= start:
                    skip_i += 1
                if skip_i < len(skips) and skips[skip_i][0] <= start:
                    continue
            end = start + len(word)
            found = (node.slug, end) if node.slug else None
            pos = end
            while node.next:
                step = self._next.match(text, pos)
                if step is None:
                    break
                node = node.next.get((bool(step.group(1)), step.group(2)))
                if node is None:
                    break
                pos = step.end()
                if node.slug:
                    found = (node.slug, pos)
            if found is None:
                continue
            slug, end = found
            if _joined(text, start, end):
                continue
            if skips and any(s < end and start < e for s, e in skips):
                continue
            resume = end
            found_all.append(TermMatch(slug, start, end, text[start:end]))
        return found_all


_WORD_ONLY = re.compile(rf"{WORD}\Z")


def _inside_word(text: str, start: int) -> bool:
    """True when ``start`` is not where a word (``WORD``) begins: a word character or a joined
    joiner (`CX-team`: `team` is inside) precedes it."""
    if start == 0:
        return False
    before = text[start - 1]
    if _is_word_char(before):
        return True
    return before in JOINERS and start >= 2 and _is_word_char(text[start - 2])


def _continues_word(text: str, end: int) -> bool:
    """True when the word does not end at ``end``: a word character, or a joiner followed by one,
    comes next (`CX-team` continues after `CX`)."""
    if end >= len(text):
        return False
    after = text[end]
    if _is_word_char(after):
        return True
    return after in JOINERS and end + 1 < len(text) and _is_word_char(text[end + 1])


def _skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and placeholders (computed only when one may be present).

    Text without ``://``, ``www.``, ``WWW.``, ``@``, ``mailto:`` and STX has nothing ``RE_SKIP``
    finds; those are looked for with ``in`` (a regular expression of these alternatives steps
    through every character in Python's engine), without a generator: every text asks."""
    if not ("\x02" in text or "@" in text or "://" in text or "www." in text or "WWW." in text
            or "mailto:" in text):
        return []
    return [m.span() for m in RE_SKIP.finditer(text)]


def _joined(text: str, start: int, end: int) -> bool:
    """True when a match is glued to its surroundings and so part of a longer word.

    A dot between word characters glues (`klant.nl`, `www.cx`); so does a backslash-escaped word
    character or joiner (`CX\\_x`, `CX\\-team`), which Python-Markdown keeps as a placeholder
    until after term linking.
    """
    if end < len(text):
        after = text[end]
        if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return True
        if after == "\x02" and (esc := RE_ESCAPE.match(text, end)):
            ch = chr(int(esc.group(1)))
            nxt = text[esc.end():esc.end() + 1]
            if _is_word_char(ch) or (ch in JOINERS and nxt.isalnum()):
                return True
    if start >= 1:
        before = text[start - 1]
        if before == "." and start >= 2 and text[start - 2].isalnum():
            return True
        if before == "\x03" and (esc := RE_ESCAPE_BEFORE.search(text, max(0, start - 12), start)):
            ch = chr(int(esc.group(1)))
            prev = text[esc.start() - 1:esc.start()] if esc.start() else ""
            if _is_word_char(ch) or (ch in JOINERS and prev.isalnum()):
                return True
    return False


#: The word characters that are not alphanumeric: underscore, soft hyphen, combining accents.
_WORD_EXTRA = frozenset(["_", "\u00ad", *map(chr, range(0x300, 0x370))])


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_EXTRA


def build_matcher(terms: Iterable[TermLike]) -> Matcher:
    """Build the one-pass matcher for these terms (term, aliases and forms map to the slug).

    Names that contain punctuation other than word joiners (`C++`, `B2B/B2C`) work too: those
    punctuation marks become words of their own, for the text as well as for the names.
    """
    terms = list(terms)
    entries: list[tuple[str, str]] = []  # (name, slug) in priority order
    resolve: dict[str, str] = {}
    for term in terms:
        names = [term.term, *term.aliases, *term.forms]
        for raw in names:
            name = _normalise(str(raw))
            if name:
                entries.append((name, term.slug))
                resolve.setdefault(name.casefold(), term.slug)
    for term in terms:
        resolve.setdefault(term.slug.casefold(), term.slug)

    word = re.compile(WORD)
    punctuation = sorted({ch for name, _ in entries for ch in word.sub("", name) if not ch.isspace()})
    tokenizer = re.compile(WORD + (f"|[{re.escape(''.join(punctuation))}]" if punctuation else ""))

    root: dict[str, _Node] = {}
    owner: dict[str, str] = {}
    conflicts: list[tuple[str, str, str]] = []
    variants: list[tuple[list[tuple[bool, str]], str]] = []
    for name, slug in entries:
        path = _tokenise(name, tokenizer)
        if name in owner:
            if owner[name] != slug:
                conflicts.append((name, owner[name], slug))
            continue
        owner[name] = slug
        _insert(root, path, slug, replace=True)
        first = path[0][1]
        if _is_plain(name) and first[:1].isalpha():
            variants.append(([(False, first[0].upper() + first[1:]), *path[1:]], slug))
    for path, slug in variants:  # a capitalised variant never overrides a name written that way
        _insert(root, path, slug, replace=False)
    return Matcher(root, resolve, "".join(punctuation), conflicts)


def _tokenise(name: str, tokenizer: re.Pattern[str]) -> list[tuple[bool, str]]:
    """A name as words, each with whether whitespace precedes it."""
    path: list[tuple[bool, str]] = []
    prev = 0
    for m in tokenizer.finditer(name):
        path.append((m.start() > prev, m.group()))
        prev = m.end()
    return path


def _insert(root: dict[str, _Node], path: list[tuple[bool, str]], slug: str, *, replace: bool) -> None:
    node = root.setdefault(path[0][1], _Node())
    for key in path[1:]:
        node = node.next.setdefault(key, _Node())
    if replace or node.slug is None:
        node.slug = slug


def find_mentions(text: str, matcher: Matcher, *, context: int = SNIPPET_CONTEXT) -> list[Mention]:
    """Every term mention in a plain text, with a snippet of about ``context`` characters each side.

    Args:
        text: plain text (e.g. one rendered section of a page, markup removed).
        matcher: from ``build_matcher``; the same rules as the links.
        context: characters of context on each side; cut at whole words, "…" marks a cut.

    Returns:
        Mentions in text order (all of them; the caller decides whether to keep the first only).
    """
    return [Mention(m.slug, m.start, m.end, _snippet(text, m.start, m.end, context))
            for m in matcher.finditer(text)]


def _snippet(text: str, start: int, end: int, context: int) -> str:
    """About ``context`` characters each side of ``text[start:end]``, cut at whole words ("…"
    where cut), whitespace collapsed. The spaces are found by regular expression, in C: a term
    page quotes up to 25 places per corpus, and a site of 300 terms makes thousands."""
    left_from = max(0, start - context)
    left = text[left_from:start]
    cut_left = left_from > 0 and _NOT_SPACE.search(text, 0, left_from) is not None
    if cut_left and not text[left_from - 1].isspace():
        first_space = _SPACE.search(left)
        left = left[first_space.end():] if first_space else ""
    right_to = min(len(text), end + context)
    right = text[end:right_to]
    cut_right = _NOT_SPACE.search(text, right_to) is not None
    if cut_right and not text[right_to].isspace():
        last_space = _UP_TO_LAST_SPACE.match(right)
        right = right[:last_space.end() - 1] if last_space else ""
    body = " ".join((left + text[start:end] + right).split())
    return (ELLIPSIS if cut_left else "") + body + (ELLIPSIS if cut_right else "")


#: Whitespace as ``str.isspace`` and ``str.split`` see it (``\s`` of a str pattern is the same set).
_SPACE = re.compile(r"\s")
_NOT_SPACE = re.compile(r"\S")
_UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


# --- Markdown processors -------------------------------------------------------------------------


@dataclass
class _DocState:
    """Per-document state shared by the processors of one Markdown instance."""

    lines: list[str] = field(default_factory=list)
    seen_tokens: dict[str, int] = field(default_factory=dict)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # placeholder → (slug, text) of a link made
    html: list[str] = field(default_factory=list)  # the HTML of link N (placeholder N)

    @property
    def source(self) -> str:
        """The Markdown as written (joined only when a line number is asked for)."""
        return "\n".join(self.lines)

    def line_of(self, raw: str) -> int | None:
        """Line of the next not yet reported occurrence of ``raw`` in the source (1-based)."""
        words = raw.split()
        if not words:
            return None
        pattern = re.compile(r"[\s>]+".join(re.escape(w) for w in words))
        index = self.seen_tokens.get(raw, 0)
        self.seen_tokens[raw] = index + 1
        for i, m in enumerate(pattern.finditer(self.source)):
            if i == index:
                return self.source.count("\n", 0, m.start()) + 1
        return None


class TermSourcePreprocessor(Preprocessor):
    """Record the source as written, for line numbers of unknown explicit links."""

    def __init__(self, md: Any, state: _DocState, explicit: ExplicitTermProcessor) -> None:
        super().__init__(md)
        self.state = state
        self.explicit = explicit

    def run(self, lines: list[str]) -> list[str]:
        self.state.lines = lines
        self.state.seen_tokens = {}
        self.state.links = {}
        self.state.html = []
        # The explicit syntax costs an inline pattern on every text; most pages never use it.
        wanted = any("[[" in line for line in lines)
        present = EXPLICIT_NAME in self.md.inlinePatterns
        if wanted and not present:
            self.md.inlinePatterns.register(self.explicit, EXPLICIT_NAME, EXPLICIT_PRIORITY)
        elif present and not wanted:
            self.md.inlinePatterns.deregister(EXPLICIT_NAME)
        return lines


class ExplicitTermProcessor(InlineProcessor):
    """``[[name]]``, ``[[name|shown]]`` and ``[[!shown]]``."""

    def __init__(self, pattern: str, md: Any, ext: TermLinkExtension, state: _DocState) -> None:
        super().__init__(pattern, md)
        self.ext = ext
        self.state = state

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        bang, name, shown = m.group(1), m.group(2).strip(), m.group(3)
        if not name:
            return None, None, None
        text = (shown or name).strip()
        if bang:
            return _span(NOTERM_CLASS, text), m.start(0), m.end(0)
        matcher: Matcher = self.ext.getConfig("matcher")
        slug = matcher.resolve(name)
        if slug is None:
            self.ext.getConfig("on_unknown")(_normalise(name), self.state.line_of(m.group(0)))
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


@dataclass(slots=True)
class SectionMentions:
    """The term mentions in one section of a page, as the reader sees them (a section starts at
    every heading; the text before the first heading is a section too).

    Counted: every mention the linker may link (linked or not: only the first one per section is),
    explicit ``[[x]]`` links, and mentions in the text of an author's own links. Not counted:
    anything the linker never looks into (code, headings, abbreviations, footnote markers,
    ``[[!x]]``, attributes, URLs, raw HTML blocks) and the term's own page.

    Attributes:
        title: the heading's text ("" before the first heading).
        anchor: the heading's id as the toc extension gave it ("" before the first heading).
        counts: slug → number of mentions, in the order of first mention.
        firsts: slug → (text of the block that holds the first mention, start, end of it there);
            not for a slug whose snippet is not wanted (the extension's ``wants_snippet``).
    """

    title: str = ""
    anchor: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    firsts: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def snippet(self, slug: str, context: int = SNIPPET_CONTEXT) -> str:
        """A short snippet around the first mention of ``slug`` in this section."""
        text, start, end = self.firsts[slug]
        return _snippet(text, start, end, context)


@dataclass(slots=True)
class _Section:
    """A section while the tree is walked: its heading and, per term, where it was first seen
    (the block element and the text as written)."""

    heading: etree.Element | None
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    firsts: dict[str, tuple[etree.Element, str]] = field(default_factory=dict)


#: A placeholder Python-Markdown leaves in the text until after the tree processors: a backslash
#: escape (the escaped character), or anything else (raw HTML, the footnote back-link), no text.
RE_PLACEHOLDER = re.compile("\x02(?:([0-9]+)|[^\x02\x03]*)\x03")
#: Not part of a snippet's text: footnote markers, scripts, and links Python-Markdown adds itself.
SNIPPET_SKIP_TAGS = frozenset({"sup", "script", "style"})
SNIPPET_SKIP_CLASSES = frozenset({"footnote-backref", "headerlink"})


def _readable(text: str, links: dict[str, tuple[str, str]] | None = None) -> str:
    """Text with Python-Markdown's placeholders resolved: escapes to their character, the term
    links this extension made (``links``) to their text, other raw HTML to nothing; and the
    entities of code spans resolved."""
    if "\x02" in text:
        def resolve(m: re.Match[str]) -> str:
            if m.group(1):
                return chr(int(m.group(1)))
            return links[m.group()][1] if links and m.group() in links else ""

        text = RE_PLACEHOLDER.sub(resolve, text)
    return html.unescape(text) if "&" in text else text


def _block_text(block: etree.Element, plain: bool, links: dict[str, tuple[str, str]]) -> str:
    """The readable text of a block element. ``plain``: it holds nothing ``SNIPPET_SKIP_*`` names,
    so the C ``itertext`` will do."""
    if plain:
        return _readable("".join(block.itertext()), links)
    pieces: list[str] = []

    def visit(el: etree.Element) -> None:
        if el.text:
            pieces.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in SNIPPET_SKIP_TAGS and \
                    not SNIPPET_SKIP_CLASSES.intersection((child.get("class") or "").split()):
                visit(child)
            if child.tail:
                pieces.append(child.tail)

    visit(block)
    return _readable("".join(pieces), links)


def _find_word(text: str, word: str) -> int:
    """Where ``word`` first stands as a whole word in ``text`` (else where it first occurs, or 0)."""
    at = text.find(word)
    first = at
    while at >= 0:
        if not _inside_word(text, at) and not _continues_word(text, at + len(word)):
            return at
        at = text.find(word, at + 1)
    return max(first, 0)


def _always(slug: str, section: int) -> bool:
    return True


def _finish_sections(sections: list[_Section], messy: set[int], links: dict[str, tuple[str, str]],
                     wants_snippet: Callable[[str, int], bool] = _always) -> list[SectionMentions]:
    """The sections that mention a term, with anchors (toc has run) and snippet sources.
    ``messy``: ids of blocks that hold footnote markers or other text a snippet leaves out;
    ``links``: the placeholders of the links made; ``wants_snippet(slug, section)``: False when
    the first mention of ``slug`` in the ``section``-th section (counting from 0, the text
    before the first heading) needs no snippet source."""
    done: list[SectionMentions] = []
    texts: dict[int, str] = {}
    for number, section in enumerate(sections):
        if not section.counts:
            continue
        anchor = section.heading.get("id", "") if section.heading is not None else ""
        firsts: dict[str, tuple[str, int, int]] = {}
        for slug, (block, written) in section.firsts.items():
            if not wants_snippet(slug, number):
                continue
            text = texts.get(id(block))
            if text is None:
                text = texts[id(block)] = _block_text(block, id(block) not in messy, links)
            start = _find_word(text, written)
            firsts[slug] = (text, start, min(len(text), start + len(written)))
        done.append(SectionMentions(section.title, anchor, section.counts, firsts))
    return done


class TermLinkTreeprocessor(Treeprocessor):
    """Link the first mention of each term per section in the element tree, and count them all
    per section (``SectionMentions``, handed to ``on_mentions`` by ``TermMentionsTreeprocessor``)."""

    def __init__(self, md: Any, ext: TermLinkExtension, state: _DocState) -> None:
        super().__init__(md)
        self.ext = ext
        self.state = state
        self._seen: set[str] = set()
        self.sections: list[_Section] = []
        self._block: etree.Element | None = None
        self.messy: set[int] = set()  # ids of blocks with text a snippet leaves out (footnote markers)
        self._matcher: Matcher = ext.getConfig("matcher")
        self._current = ""

    def run(self, root: etree.Element) -> None:
        """Walk the tree in document order; safe to run twice (existing kb-term links count)."""
        self._seen = set()
        self.sections = [_Section(None, "")]
        self._block = root
        self.messy = set()
        self._matcher = self.ext.getConfig("matcher")
        self._current = self.ext.getConfig("current_slug")
        self._walk(root, [])

    def _walk(self, el: etree.Element, raw_open: list[str]) -> None:
        """Link the text of ``el`` and its descendants.

        ``raw_open`` holds raw inline HTML tags (``<kbd>``, ``<code>``, ``<a href>`` written as
        HTML) that are open at this point of the current block: text inside them is not linked.
        Python-Markdown keeps such tags as placeholders in the text until after this processor.
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

    def _visit(self, el: etree.Element, raw_open: list[str]) -> None:
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
            self._seen.clear()
            self.sections.append(_Section(el, " ".join(_readable("".join(el.itertext())).split())))
        if tag in HEADINGS or tag in SKIP_TAGS or SKIP_CLASSES.intersection(classes):
            if tag in SNIPPET_SKIP_TAGS:
                self.messy.add(id(self._block))
            for link in el.iter("a"):  # explicit [[…]] inside an author's link in a skipped element
                if LINK_CLASS not in (link.get("class") or "").split():
                    _unwrap_nested_links(link)
            return
        if tag == "div" and "footnote" in classes:
            self._seen.clear()
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
        for m in self._matcher.finditer(_readable("".join(link.itertext()))):
            self._count(m.slug, m.text)

    def _link_text(self, parent: etree.Element, index: int, raw_open: list[str]) -> None:
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
        blocked = self._raw_html_spans(text, raw_open) if raw_open or "\x02" in text else []
        mentions = self._matcher.findall(text)
        if not mentions:
            return
        pieces: list[str] = []
        pos = 0
        links, made = self.state.links, self.state.html
        seen, current, count, link_html = self._seen, self._current, self._count, self.ext.link_html
        for m in mentions:  # count every mention; link the first of each term in the section
            slug = m.slug
            if slug == current:
                continue
            if blocked and any(s < m.end and m.start < e for s, e in blocked):
                continue
            count(slug, m.text)
            if slug in seen:
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

    def _raw_html_spans(self, text: str, raw_open: list[str]) -> list[tuple[int, int]]:
        """Spans of ``text`` inside raw inline HTML tags whose content is never linked."""
        spans: list[tuple[int, int]] = []
        start = 0 if raw_open else -1
        stash = self.md.htmlStash.rawHtmlBlocks
        for m in RE_STASH.finditer(text):
            index = int(m.group(1))
            raw = stash[index] if index < len(stash) else ""
            tag = RE_RAW_TAG.match(raw if isinstance(raw, str) else "")
            if tag is None:
                continue
            closing, name, attrs, selfclosing = tag.groups()
            name = name.lower()
            if closing:
                if name in raw_open:
                    del raw_open[len(raw_open) - 1 - raw_open[::-1].index(name):]
                    if not raw_open and start >= 0:
                        spans.append((start, m.end()))
                        start = -1
            elif not selfclosing and (name in SKIP_TAGS or RE_NOTERM_ATTR.search(attrs)):
                if not raw_open:
                    start = m.start()
                raw_open.append(name)
        if start >= 0:
            spans.append((start, len(text)))
        return spans


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


# --- Extension -----------------------------------------------------------------------------------


def _no_value(slug: str) -> None:
    return None


def _ignore_unknown(name: str, line: int | None) -> None:
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
            report(_finish_sections(self.linker.sections, self.linker.messy, self.linker.state.links,
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
            "on_unknown": [_ignore_unknown, "callable(name, line) for an explicit [[name]] that is no term"],
            "on_mentions": [_ignore_mentions, "callable(sections) with the page's SectionMentions"],
            "wants_snippet": [_always, "callable(slug, section) -> False when that first mention needs no snippet"],
        }
        self._html: dict[tuple[str, str, str], str] = {}  # (slug, URL, text) -> link HTML: see link_html
        super().__init__(**kwargs)

    def setConfig(self, key: str, value: Any) -> None:  # noqa: N802 (Python-Markdown's name)
        super().setConfig(key, value)
        if key in ("url_for", "tooltip_for"):
            self._html.clear()

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
        explicit = ExplicitTermProcessor(RE_EXPLICIT, md, self, state)
        md.preprocessors.register(TermSourcePreprocessor(md, state, explicit), "kb-termlink-source", 40)
        md.inlinePatterns.register(explicit, EXPLICIT_NAME, EXPLICIT_PRIORITY)
        linker = TermLinkTreeprocessor(md, self, state)
        md.treeprocessors.register(linker, "kb-termlink", 6)
        md.treeprocessors.register(TermMentionsTreeprocessor(md, self, linker), "kb-termlink-mentions", 4)
        md.postprocessors.register(TermLinkPostprocessor(md, state), "kb-termlink-html", 35)


def makeExtension(**kwargs: Any) -> TermLinkExtension:  # noqa: N802 (Python-Markdown's name)
    """Return the extension."""
    return TermLinkExtension(**kwargs)
