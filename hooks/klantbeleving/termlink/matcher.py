"""Finding term mentions in plain text, by Dutch rules (no Markdown here).

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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import ahocorasick

from .syntax import normalise_name

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


class TermLike(Protocol):
    """What the matcher needs from a term (``klantbeleving.model.Term`` fits)."""

    slug: str
    term: str
    aliases: list[str]
    forms: list[str]


class TermMatch(NamedTuple):
    """One mention found in a text: the term's slug, where, and the text as written."""

    slug: str
    start: int
    end: int
    text: str



@dataclass(slots=True)
class _Node:
    """A state of the word automaton: the slug if a name ends here, and the next words."""

    slug: str | None = None
    next: dict[tuple[bool, str], _Node] = field(default_factory=dict)




def _is_plain(name: str) -> bool:
    """True for an ordinary word (no capitals): it also matches with a capital first letter."""
    return not any(ch.isupper() for ch in name)



class Matcher:
    """Finds term mentions in plain text in one pass, whatever the number of terms.

    The words a name can start with are found first (``_first_words``: an Aho-Corasick
    automaton of those words scans the text once); each is looked up in a word automaton (a
    trie over words), so the work per word does not depend on how many terms there are. Multi-word names walk the automaton over the following words; the
    longest name that ends on a whole word wins.

    A name claimed by two terms belongs to the first given to ``build_matcher``.
    """

    def __init__(self, root: dict[str, _Node], resolve: dict[str, str], punctuation: str) -> None:
        self._root = root
        self._resolve = resolve
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

    def resolve(self, name: str) -> str | None:
        """The slug for an explicitly written name (term, alias, form or slug; any case)."""
        return self._resolve.get(normalise_name(name).casefold())

    def _first_words(self, text: str) -> list[tuple[int, str]]:
        """(position, word) of the words in ``text`` that a name can start with, left to right.

        When every name starts with a word (not with punctuation) an Aho-Corasick automaton of
        those first words finds every place one of them occurs in one pass, and only those
        places are checked to be whole words; otherwise the text is cut into words.
        """
        if self._automaton is None:
            if self._first is None:
                return [(m.start(), m.group()) for m in self._token.finditer(text)]
            return []  # no names at all
        found: list[tuple[int, str]] = []
        for last, word in self._automaton.iter(text):
            at = last + 1 - len(word)
            if not inside_word(text, at) and not continues_word(text, last + 1):
                found.append((at, word))
        return found  # in the order they end: whole words never overlap, so also the order they start

    def findall(self, text: str) -> list[TermMatch]:
        """Every mention in ``text`` from left to right, longest match first, no overlaps."""
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


def inside_word(text: str, start: int) -> bool:
    """True when ``start`` is not where a word (``WORD``) begins: a word character or a joined
    joiner (`CX-team`: `team` is inside) precedes it."""
    if start == 0:
        return False
    before = text[start - 1]
    if _is_word_char(before):
        return True
    return before in JOINERS and start >= 2 and _is_word_char(text[start - 2])


def continues_word(text: str, end: int) -> bool:
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
            name = normalise_name(str(raw))
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
    variants: list[tuple[list[tuple[bool, str]], str]] = []
    for name, slug in entries:
        path = _tokenise(name, tokenizer)
        if name in owner:
            continue
        owner[name] = slug
        _insert(root, path, slug, replace=True)
        first = path[0][1]
        if _is_plain(name) and first[:1].isalpha():
            variants.append(([(False, first[0].upper() + first[1:]), *path[1:]], slug))
    for path, slug in variants:  # a capitalised variant never overrides a name written that way
        _insert(root, path, slug, replace=False)
    return Matcher(root, resolve, "".join(punctuation))


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



class TitleFinder:
    """Where titles of works (the site's name, the book's and the series' titles) stand in a text:
    exactly as written (case-sensitive, any whitespace between words), as whole words.

    A capitalised title is told apart from the term it contains by its capital (`Klantbeleving`,
    the site, against `klantbeleving`, the concept); a title written in lower case would hide
    every mention of its words.
    """

    def __init__(self, titles: Iterable[str]) -> None:
        names = sorted({normalise_name(t) for t in titles if t.strip()}, key=len, reverse=True)
        alternatives = [r"\s+".join(map(re.escape, name.split())) for name in names]
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every title in ``text``, left to right."""
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(text)
                if not inside_word(text, m.start()) and not continues_word(text, m.end())]
