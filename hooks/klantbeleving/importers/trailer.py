"""What follows a letter's signature in an export, classified by the shape of its lines.

* a publication note (a sentence naming a medium with an issue or a year, or led by a word like
  "gepubliceerd", spelling mistakes allowed) → ``published_in``;
* a run of short lines of one to four words (bulleted, under a ``Tags:`` header, or two or more
  together) → ``tags``, without the writers' own names;
* share, comment, copyright and navigation widgets, dates and the writers' names → dropped;
* anything else → kept for the editor to review (never dropped silently).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_BULLET_RE = re.compile(r"^(?:[-*+•·▪◦‣●]|\d{1,2}[.)])\s*")
_TAGS_HEADER_RE = re.compile(
    r"^(?:tags|labels|trefwoorden|categorie(?:ën|en)?|onderwerpen|thema'?s)\s*:\s*(?P<rest>.*)$", re.IGNORECASE
)
_ISSUE_RE = re.compile(r"(?:#\s?\d+|\b(?:nr|no|nummer|editie|uitgave|issue|jaargang)\.?\s*\d+|\b(?:19|20)\d\d\b)",
                       re.IGNORECASE)
_MEDIUM_RE = re.compile(r"\b(?:in|uit|op|on)\s+(?P<medium>[\w#“‘\"'].*)$", re.IGNORECASE)
_PUBLISH_WORDS = ("gepubliceerd", "verschenen", "published", "geplaatst", "posted", "uitgegeven", "opgenomen",
                  "eerder", "oorspronkelijk", "originally")
_WIDGETS = {
    "deelknoppen": re.compile(r"\b(?:deel|delen|share|sharen|tweet|linkedin|facebook|whatsapp|e-?mail)\b", re.I),
    "reacties": re.compile(r"\b(?:reacties?|reageer|reageren|comments?|powered\s+by|disqus)\b", re.I),
    "copyright": re.compile(r"©|\(c\)\s*\d{4}|\b(?:alle\s+rechten|all\s+rights|copyright)\b", re.I),
    "navigatie": re.compile(
        r"^(?:[«‹←<]|vorige|volgende|terug\b|lees\s+(?:ook|meer|verder)|previous|next|home\b|naar\s+boven)|[»›→>]$",
        re.I,
    ),
}
_DATE_RE = re.compile(
    r"^\d{1,2}[-\s/.](?:\d{1,2}|jan\w*|feb\w*|maa\w*|apr\w*|mei|jun\w*|jul\w*|aug\w*|sep\w*|okt\w*|oct\w*|nov\w*|dec\w*)"
    r"[-\s/.]\d{2,4}$",
    re.IGNORECASE,
)
MAX_WIDGET_WORDS = 15
MAX_TAG_WORDS = 4
MAX_TAG_CHARS = 40


@dataclass
class Trailer:
    """The classified lines after the signatures of an edition."""

    published_in: str = ""
    tags: list[str] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, text, why) of every line dropped as debris."""
    review: list[tuple[int, str]] = field(default_factory=list)
    """(line, text) of every line not understood: kept for the editor."""


def classify_trailer(lines: list[tuple[int, str]], names: set[str], trailer: Trailer | None = None) -> Trailer:
    """Sort the lines after a signature into metadata, debris and lines to review.

    Args:
        lines: (line number, text) pairs, blank lines included (they end a run of tags).
        names: the writers' names and first names, case-folded (never tags).
        trailer: a trailer to add to (one per edition).
    """
    trailer = trailer or Trailer()
    run: list[tuple[int, str, bool]] = []
    in_tags = False

    def flush() -> None:
        nonlocal in_tags
        if run and (len(run) >= 2 or in_tags or run[0][2]):
            for number, text, _bullet in run:
                _add_tag(trailer, number, text, names)
        else:
            for number, text, _bullet in run:
                _classify_single(trailer, number, text, names)
        run.clear()

    for number, raw in lines:
        text = " ".join(raw.split())
        if not text:
            flush()
            in_tags = False
            continue
        header = _TAGS_HEADER_RE.match(text)
        if header:
            flush()
            trailer.dropped.append((number, text, "kop van de tags"))
            rest = header["rest"]
            for tag in re.split(r"\s*[,;|]\s*", rest):
                if tag:
                    _add_tag(trailer, number, tag, names)
            in_tags = not rest
            continue
        bare = _BULLET_RE.sub("", text, count=1)
        if _tag_shaped(bare) and not _widget(bare) and not _is_date(bare) and not is_publication(bare):
            run.append((number, bare, bare != text))
            continue
        flush()
        in_tags = False
        _classify_single(trailer, number, bare, names)
    flush()
    return trailer


def is_publication(text: str) -> bool:
    """A sentence naming a medium (``in X``) with an issue or year, or led by a publication word."""
    medium = _MEDIUM_RE.search(text)
    if medium is None or len(text.split()) > MAX_WIDGET_WORDS:
        return False
    return bool(_ISSUE_RE.search(medium["medium"])) or any(_like_publish_word(w) for w in text.split()[:4])


def publication_medium(text: str) -> str:
    """``Deze brieven zijn gepubliceerd in X #5 - 2025.`` → ``X #5 - 2025``."""
    medium = _MEDIUM_RE.search(text)
    return (medium["medium"] if medium else text).strip().rstrip(".!")


def _like_publish_word(word: str) -> bool:
    word = word.casefold().strip(".,:;")
    return any(difflib.SequenceMatcher(None, word, known).ratio() >= 0.8 for known in _PUBLISH_WORDS)


def _tag_shaped(text: str) -> bool:
    return (
        0 < len(text.split()) <= MAX_TAG_WORDS
        and len(text) <= MAX_TAG_CHARS
        and not text.endswith((".", "!", "?", ":", ";", ","))
        and any(c.isalpha() for c in text)
    )


def _widget(text: str) -> str | None:
    if len(text.split()) > MAX_WIDGET_WORDS:
        return None
    if text.count("|") >= 2:
        return "deelknoppen"
    return next((why for why, pattern in _WIDGETS.items() if pattern.search(text)), None)


def _is_date(text: str) -> bool:
    return _DATE_RE.match(text) is not None


def _add_tag(trailer: Trailer, number: int, text: str, names: set[str]) -> None:
    tag = text.strip().strip("#").strip()
    if tag.casefold() in names:
        trailer.dropped.append((number, text, "naam van een schrijver"))
    elif _is_date(tag):
        trailer.dropped.append((number, text, "datum"))
    elif tag and tag not in trailer.tags:
        trailer.tags.append(tag)


def _classify_single(trailer: Trailer, number: int, text: str, names: set[str]) -> None:
    if is_publication(text) and not trailer.published_in:
        trailer.published_in = publication_medium(text)
        trailer.dropped.append((number, text, "publicatievermelding → published_in"))
        return
    widget = _widget(text)
    if widget:
        trailer.dropped.append((number, text, widget))
    elif _is_date(text):
        trailer.dropped.append((number, text, "datum"))
    elif text.casefold() in names:
        trailer.dropped.append((number, text, "naam van een schrijver"))
    else:
        trailer.review.append((number, text))
