"""The explicit term syntax authors write: ``[[name]]``, ``[[name|shown]]``, ``[[!shown]]``.

One grammar for the linker (an inline pattern, where Markdown decides what is code) and for
``klantbeleving check`` (``find_explicit`` over the source, with its line numbers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: ``[[name]]``, ``[[name|shown]]`` and ``[[!shown]]``: groups 1 "!", 2 name, 3 shown text.
RE_EXPLICIT = r"\[\[(!)?([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]"
_EXPLICIT = re.compile(RE_EXPLICIT)

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
#: Inline Markdown an explicit link can stand beside; inside code spans, images, link targets,
#: tags and attribute lists it is no link.
_INLINE = re.compile(
    r"(?P<code>(`+)(?:.+?)(?<!`)\2(?!`))"
    r"|(?P<explicit>" + RE_EXPLICIT + r")"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<linktext>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])"
    r"|(?P<footref>\[\^[^\]]+\])"
    r"|(?P<tag></?[A-Za-z!][^>]*>)"
    r"|(?P<attrs>\{\s*[:.#][^}]*\})"
)


class Explicit(NamedTuple):
    """One explicit link as written: ``name`` to link (unless ``keep_plain``), ``text`` to show."""

    keep_plain: bool  # ``[[!x]]``: shown, never linked
    name: str
    text: str


def normalise_name(name: str) -> str:
    """A name with its runs of whitespace made one space (as names are compared)."""
    return " ".join(name.split())


def parse_explicit(match: re.Match[str]) -> Explicit | None:
    """The link a match of ``RE_EXPLICIT`` stands for (None: an empty name, no link)."""
    bang, name, shown = match.group(1), match.group(2).strip(), match.group(3)
    if not name:
        return None
    return Explicit(bool(bang), normalise_name(name), (shown or name).strip())


def find_explicit(markdown: str) -> Iterator[tuple[int, Explicit]]:
    """(0-based line index, link) of every explicit link outside code, in source order."""
    for index, line in _outside_fences(markdown):
        if "[[" not in line:
            continue
        for m in _INLINE.finditer(line):
            if m.lastgroup == "explicit":
                found = parse_explicit(_EXPLICIT.match(m.group()))  # type: ignore[arg-type]
                if found is not None:
                    yield index, found


def replace_explicit(markdown: str) -> str:
    """``markdown`` with every explicit link replaced by the text it shows."""
    def shown(m: re.Match[str]) -> str:
        found = parse_explicit(m)
        return m.group() if found is None else found.text

    return _EXPLICIT.sub(shown, markdown) if "[[" in markdown else markdown


def _outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """(0-based line index, line) of every line outside fenced code blocks (``` and ~~~)."""
    fence: str | None = None
    for index, raw in enumerate(markdown.splitlines()):
        f = _FENCE.match(raw)
        if fence is not None:
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= len(fence):
                fence = None
        elif f:
            fence = f.group(1)
        else:
            yield index, raw
