"""What counts as a mention and the snippet shown around it on a term page."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from .matcher import continues_word, inside_word

SNIPPET_CONTEXT = 60
ELLIPSIS = "\u2026"


def snippet(text: str, start: int, end: int, context: int) -> str:
    """About ``context`` characters each side of ``text[start:end]``, cut at whole words ("…"
    where cut), whitespace collapsed."""
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


@dataclass(slots=True)
class SectionMentions:
    """The term mentions in one section of a page, as the reader sees them (a section starts at
    every heading; the text before the first heading is a section too).

    Counted: every mention the linker may link (linked or not: only the first one per page or
    section is), mentions in titles of works and epigraphs (never linked), explicit ``[[x]]``
    links, and mentions in the text of an author's own links. Not counted:
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



@dataclass(slots=True)
class Section:
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


def readable(text: str, links: dict[str, tuple[str, str]] | None = None) -> str:
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
        return readable("".join(block.itertext()), links)
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
    return readable("".join(pieces), links)


def _find_word(text: str, word: str) -> int:
    """Where ``word`` first stands as a whole word in ``text`` (else where it first occurs, or 0)."""
    at = text.find(word)
    first = at
    while at >= 0:
        if not inside_word(text, at) and not continues_word(text, at + len(word)):
            return at
        at = text.find(word, at + 1)
    return max(first, 0)


def always(slug: str, section: int) -> bool:
    return True


def finish_sections(sections: list[Section], messy: set[int], links: dict[str, tuple[str, str]],
                     wants_snippet: Callable[[str, int], bool] = always) -> list[SectionMentions]:
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

