"""Checks the loader runs on the sources and the model: the correspondence's relations, names a
reader can see, and explicit ``[[name]]`` links that must name a term.

Each returns problems or messages as data; :mod:`klantbeleving.load` decides where they go.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from .model import Edition, Term
from .problems import Problem
from .sources import Source
from .termlink.matcher import build_matcher
from .termlink.syntax import find_explicit

_VISIBLE_CATEGORIES = frozenset("LNPS")
"""Letters, numbers, punctuation and symbols; separators, control and format characters and lone
combining marks show nothing."""
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that render as empty space (Hangul fillers, the blank Braille pattern)."""


def has_visible(text: str) -> bool:
    """True when ``text`` has at least one character a reader can see."""
    return any(unicodedata.category(c)[0] in _VISIBLE_CATEGORIES and c not in _BLANK_LOOKING for c in text)


def check_visible_names(source: Source, keys: tuple[str, ...]) -> list[Problem]:
    """Names (a term, its aliases and forms) as written, each with a character a reader can see."""
    problems = []
    for key in keys:
        value = source.meta.get(key)
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for name in names:
            if isinstance(name, str) and name != "" and not has_visible(name):
                problems.append(Problem(source.path, source.line_of(key), f"'{key}': {name!r} heeft geen zichtbaar teken"))
    return problems


def check_addressees(author: str, addressees: list[str]) -> list[str]:
    """What is wrong with a letter's explicit addressees: the writer, or a name twice."""
    messages = []
    if author in addressees:
        messages.append(f"de schrijver '{author}' staat zelf bij de geadresseerden")
    for key, count in Counter(addressees).items():
        if count > 1:
            messages.append(f"geadresseerde '{key}' staat er {count} keer in")
    return messages


def check_replies(edition: Edition, sources: Mapping[str, Source]) -> list[Problem]:
    """Every explicit ``in_reply_to`` of an edition's letters names another letter of the same
    edition, and the replies (explicit, or else to the previous letter) form no cycle."""
    problems: list[Problem] = []
    srcs = [x.src for x in edition.letters]
    folder = srcs[0].rsplit("/", 1)[0] + "/" if srcs else ""
    names = ", ".join(s.rsplit("/", 1)[-1] for s in srcs)
    parent: dict[str, str | None] = {}
    explicit: set[str] = set()
    for i, letter in enumerate(edition.letters):
        source = sources[letter.src]
        raw = source.meta.get("in_reply_to")
        parent[letter.src] = srcs[i - 1] if i > 0 else None
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):  # a wrong type is reported by pagekeys
            continue
        name = str(raw).strip()
        if not name:
            continue
        line = source.line_of("in_reply_to")
        target = folder + name
        if "/" in name or "\\" in name or name in (".", ".."):
            problems.append(Problem(source.path, line, f"'in_reply_to' noemt de bestandsnaam van een brief in dezelfde editie, niet '{name}' (brieven uit een andere editie kunnen niet)"))
        elif target == letter.src:
            problems.append(Problem(source.path, line, "'in_reply_to' verwijst naar de brief zelf"))
        elif target not in srcs:
            problems.append(Problem(source.path, line, f"'in_reply_to': onbekende brief '{name}' in deze editie (wel: {names})"))
        else:
            parent[letter.src] = target
            explicit.add(letter.src)
    for src in srcs:
        if src not in explicit:
            continue
        chain = [src]
        step = parent[src]
        while step is not None and step not in chain and len(chain) <= len(srcs):
            chain.append(step)
            step = parent[step]
        if step == src:
            shown = " → ".join(s.rsplit("/", 1)[-1] for s in [*chain, src])
            source = sources[src]
            problems.append(Problem(source.path, source.line_of("in_reply_to"), f"'in_reply_to' vormt een kring: {shown}"))
    return problems


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


def check_numbers(editions: list[Edition], sources: Mapping[str, Source]) -> list[Problem]:
    """Every letter that is not a draft has a ``number``, and no number is given twice (drafts
    included: a number once given stays with its letter). ``editions`` in series order, so the
    later of two letters with one number is the one reported, naming the other."""
    problems: list[Problem] = []
    given: dict[int, str] = {}
    for edition in editions:
        for letter in edition.letters:
            source = sources[letter.src]
            if letter.number is None:
                if not (letter.draft or edition.draft):
                    problems.append(Problem(source.path, source.line_of("number"),
                                            "verplichte sleutel 'number' (het briefnummer in de reeks) ontbreekt; "
                                            "geef het eerstvolgende vrije nummer"))
                continue
            first = given.setdefault(letter.number, letter.src)
            if first != letter.src:
                problems.append(Problem(source.path, source.line_of("number"),
                                        f"briefnummer {letter.number} is al gegeven aan {sources[first].path}; "
                                        "elk nummer hoort bij één brief"))
    return problems
