"""Small text helpers: plain-text views of Markdown, plain text as Markdown, Dutch names and order."""

from __future__ import annotations

import html
import re
import unicodedata

from .termlink.syntax import replace_explicit

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"[*_`]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00C0-\u024F‘'\"(])")


def plain_text(markdown: str) -> str:
    """Rough plain text of a Markdown fragment: links to their text, no emphasis marks."""
    text = replace_explicit(markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARK.sub("", text)
    lines = [ln.strip().lstrip("#>-").strip() for ln in text.splitlines()]
    return " ".join(ln for ln in lines if ln)


def first_sentence(markdown: str) -> str:
    """The first sentence of the first paragraph."""
    paragraph = markdown.strip().split("\n\n", 1)[0]
    text = plain_text(paragraph)
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0].strip() if parts else ""


def reading_minutes(markdown: str, words_per_minute: int = 220) -> int:
    """Reading time in whole minutes (at least 1)."""
    words = len(markdown.split())  # markup is a rounding error at 220 words a minute
    return max(1, round(words / words_per_minute))


def term_sort_key(term: str) -> str:
    """Glossary order: letters without their accents, case-insensitive (``Éénduidig`` among the E)."""
    decomposed = unicodedata.normalize("NFKD", term.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def term_initial(term: str) -> str:
    """The glossary group of a term: its first letter without accent (``Éénduidig`` → ``E``); ``#`` otherwise."""
    first = term_sort_key(term)[:1].upper()
    return first if first.isalpha() else "#"


#: Dutch surname prefixes (tussenvoegsels): "Eric de Haan" sorts under H, "Jan van der Berg" under B.
TUSSENVOEGSELS = frozenset({"van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "in", "op", "d'", "d’",
                            "la", "le", "du", "des", "von", "vande", "vander", "uit"})


def surname_sort_key(name: str) -> tuple[str, str]:
    """Dutch order of a person's name: by surname without its prefix, then by the rest.

    ``Eric de Haan`` → ``("haan", "eric de")``; ``Jan-Hein Pierik`` → ``("pierik", "jan-hein")``;
    a name that starts with a prefix (``De Haan``) also sorts under the surname.
    """
    words = name.split()
    if not words:
        return ("", "")
    start = len(words) - 1  # the surname: the last word, with any prefixes just before it
    first = next((i for i, w in enumerate(words) if w.casefold() in TUSSENVOEGSELS and i < len(words) - 1), None)
    if first is not None:
        start = first
        while start < len(words) - 1 and words[start].casefold() in TUSSENVOEGSELS:
            start += 1
    surname = " ".join(words[start:])
    rest = " ".join(words[:start])
    return (term_sort_key(surname), term_sort_key(rest))


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<![\w'])'(?=(?:s|t|n|k)\b)", re.IGNORECASE)


def typography(text: str) -> str:
    """Dutch typography for a short display text: a straight apostrophe becomes ’ — inside a word
    (``zo'n``) and before an elided article (``'s-Hertogenbosch``, ``'t Zand``); quotes stay as written."""
    return _APOSTROPHE.sub("’", text) if "'" in text else text


def join_names(names: list[str]) -> str:
    """Dutch enumeration: ``Wim``, ``Wim en Rien``, ``Wim, Rien en Jan-Hein``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


_BLOCK_START_RE = re.compile(r"^(?:[#>]|[-+*](?:\s|$)|\d+[.)](?:\s|$))")
_INLINE_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}])")


def escape_markdown(text: str, *, block_start: bool = True) -> str:
    """Plain text → Markdown that renders as the same text.

    Emphasis, code, link and attribute characters are escaped and ``<`` written as ``&lt;``; with
    ``block_start``, a paragraph that would start a heading, quote or list (``1994. Dat jaar``) is
    escaped too.
    """
    text = _INLINE_SPECIAL_RE.sub(r"\\\1", text).replace("<", "&lt;")
    match = _BLOCK_START_RE.match(text) if block_start else None
    if match:
        cut = len(match.group().rstrip(" .)")) if match.group()[0].isdigit() else 0
        text = text[:cut] + "\\" + text[cut:]
    return text


def markdown_text(text: str) -> str:
    """Plain text (a field of ``.authors.yml``) as Markdown that shows exactly that text: no HTML,
    links, attributes or emphasis; paragraphs stay paragraphs, lines within one are joined."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(escape_markdown(p) for p in paragraphs if p)


_MARKDOWN_CHARS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_line(value: str) -> str:
    """``value`` on one line as literal text inside Markdown (print pages): no markup, no HTML, no links."""
    return html.escape(_MARKDOWN_CHARS.sub(r"\\\1", " ".join(value.split())), quote=False)
