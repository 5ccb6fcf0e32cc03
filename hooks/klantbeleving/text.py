"""Small text helpers for plain-text views of Markdown."""

from __future__ import annotations

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
