"""Placeholders our own tools write (importers, ``new edition``) and where they still stand.

A placeholder in a draft is work in progress (``klantbeleving check`` notes it); in a page that is
published it is an error, so a to-write text never reaches the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .problems import Problem, Severity
from .sources import Source

STELLING_TODO = "NOG SCHRIJVEN: de stelling van deze editie (één stellige zin; de titel is geen stelling)"
LEAD_TODO = (
    "Inleiding van de redactie (nog schrijven): in twee of drie zinnen waar deze editie over gaat "
    "en wie de eerste brief schrijft. Haal `draft: true` weg uit alle bestanden van deze map zodra "
    "de editie af is."
)
LETTER_TODO = "Hier komt de brief (nog schrijven). De aanhef en de groet komen niet in de tekst."
FOOTNOTE_TODO = "Voetnoot {n} ontbreekt in de pdf-tekst; vul de bron aan."
REVIEW_KEY = "review"
"""Frontmatter key under which an importer keeps lines it did not understand."""

_FOOTNOTE_RE = re.compile(r"^\[\^\d+\]:\s*Voetnoot (?P<number>\d+) ontbreekt in de pdf-tekst")
_BODY_MARKS = {LEAD_TODO[:40]: "de inleiding is nog niet geschreven", LETTER_TODO[:30]: "de brief is nog niet geschreven"}


def find_placeholders(page: Source) -> list[tuple[int | None, str]]:
    """``(line, message)`` for every placeholder our tools wrote that still stands in ``page``."""
    found: list[tuple[int | None, str]] = []
    if page.meta.get("stelling") == STELLING_TODO:
        found.append((page.line_of("stelling"), "de stelling is nog niet geschreven (plaatshouder)"))
    if page.meta.get(REVIEW_KEY):
        found.append((page.line_of(REVIEW_KEY), f"'{REVIEW_KEY}' bevat nog regels uit de import om na te kijken"))
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        match = _FOOTNOTE_RE.match(line)
        if match:
            found.append((number, f"voetnoot {match['number']} heeft nog geen tekst (plaatshouder)"))
        for mark, message in _BODY_MARKS.items():
            if line.startswith(mark):
                found.append((number, f"{message} (plaatshouder)"))
    return found


def placeholder_problems(
    pages: Mapping[str, Source], where: Callable[[str], str], *, drafts: bool = False
) -> list[Problem]:
    """Placeholders in published pages as errors (``drafts``: in draft pages, as warnings)."""
    draft_editions = {src.rsplit("/", 1)[0] for src, page in pages.items()
                      if src.endswith("/index.md") and page.meta.get("draft") is True}
    severity: Severity = "warning" if drafts else "error"
    problems = []
    for src, page in pages.items():
        is_draft = page.meta.get("draft") is True or src.rsplit("/", 1)[0] in draft_editions
        if is_draft != drafts:
            continue
        problems += [Problem(where(src), line, message, severity) for line, message in find_placeholders(page)]
    return problems
