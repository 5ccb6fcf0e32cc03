"""Citations of a letter: APA (7th) and BibTeX."""

from __future__ import annotations

import re
import unicodedata

from .model import Author, Letter

SERIES = "Correspondentie over klantbeleving"
_BIBTEX_SPECIAL = re.compile(r"([{}%&$#_\\])")


def _apa_name(name: str) -> str:
    """``Jan-Hein Pierik`` → ``Pierik, J.-H.``; ``Eric de Haan`` → ``de Haan, E.``."""
    parts = name.split()
    if len(parts) < 2:
        return name
    particles = {"de", "den", "der", "van", "ten", "ter", "het"}
    i = 1
    while i < len(parts) - 1 and parts[i].lower() not in particles:
        i += 1
    if parts[i].lower() not in particles:
        i = len(parts) - 1
    given, family = parts[:i], " ".join(parts[i:])
    initials = " ".join("-".join(p[0] + "." for p in g.split("-") if p) for g in given)
    return f"{family}, {initials}"


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text) if _BIBTEX_SPECIAL.search(text) else text


def _key_name(name: str) -> str:
    """The family name in a BibTeX key: ``de Haan`` → ``dehaan``, accents dropped."""
    family = _apa_name(name).split(",")[0]
    return unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode().replace(" ", "").lower()


def _kind(letter: Letter) -> str:
    """``Brief 7`` (the letter's number in the series), or ``Brief`` while it has none."""
    return f"Brief {letter.number}" if letter.number is not None else "Brief"


def cite_apa(letter: Letter, author: Author, edition_title: str, url: str, published_in: str = "") -> str:
    """APA reference, e.g. ``Rampen, W. (2025, oktober). Titel [Brief 7]. Reeks: editie. URL``,
    followed by ``(Oorspronkelijk verschenen in …)`` when the edition names where it first appeared."""
    when = ", ".join(filter(None, [str(letter.date.year), letter.date.month_name()]))
    cited = f"{_apa_name(author.name)} ({when}). {letter.title} [{_kind(letter)}]. {SERIES}: {edition_title}. {url}"
    return f"{cited} (Oorspronkelijk verschenen in {published_in})" if published_in else cited


def cite_bibtex(letter: Letter, author: Author, edition_title: str, url: str, published_in: str = "") -> str:
    """A ``@misc`` BibTeX entry with a stable key; ``number`` is the letter's number in the series."""
    key = f"{_key_name(author.name)}{letter.date.year}{letter.date.month or 0:02d}{letter.position:02d}"
    fields = {
        "author": author.name,
        "title": letter.title,
        "year": str(letter.date.year),
        "month": letter.date.month_name(),
        "howpublished": f"{SERIES}: {edition_title}",
        "number": str(letter.number) if letter.number is not None else "",
        "note": f"{_kind(letter)}. Oorspronkelijk verschenen in {published_in}" if published_in else _kind(letter),
        "url": url,
    }
    body = ",\n".join(f"  {k} = {{{_bibtex_escape(v)}}}" for k, v in fields.items() if v)
    return f"@misc{{{key},\n{body}\n}}"
