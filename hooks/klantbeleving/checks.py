"""Checks across sources that need the glossary: explicit ``[[name]]`` links must name a term."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Term
from .problems import Problem
from .sources import Source
from .termlink.matcher import build_matcher
from .termlink.syntax import find_explicit


def find_unknown_explicit(sources: dict[str, Source], terms: Iterable[Term], where: str = "") -> list[Problem]:
    """A warning per ``[[name]]`` link whose name is no term, alias, form or slug, with its file
    line (``where``: the prefix of the paths in the problems, e.g. ``docs``)."""
    with_links = {src: s for src, s in sources.items() if "[[" in s.body}
    if not with_links:
        return []
    matcher = build_matcher(terms)
    problems: list[Problem] = []
    for src, source in sorted(with_links.items()):
        path = f"{where}/{src}" if where else src
        for offset, link in find_explicit(source.body):
            if not link.keep_plain and matcher.resolve(link.name) is None:
                problems.append(Problem(path, source.body_line + offset,
                                        f"[[{link.name}]] verwijst naar een onbekend begrip (geen term, alias of woordvorm)",
                                        "warning"))
    return problems
