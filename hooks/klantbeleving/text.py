"""Small text helpers for plain-text views of Markdown."""

from __future__ import annotations

import re
import unicodedata

from .termlink import RE_EXPLICIT

_EXPLICIT_TERM = re.compile(RE_EXPLICIT)  # groups: 1 "!", 2 name, 3 shown text
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"[*_`]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00C0-\u024F‘'\"(])")


def plain_text(markdown: str) -> str:
    """Rough plain text of a Markdown fragment: links to their text, no emphasis marks."""
    text = _EXPLICIT_TERM.sub(lambda m: (m.group(3) or m.group(2)).strip(), markdown)
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
