"""Provenance guard: find runs of words copied from the authors' corpus."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

RUN_LENGTH = 9
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = RUN_LENGTH) -> set[str]:
    """All runs of ``n`` consecutive words (lower case)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def corpus_shingles(corpus: Path, n: int = RUN_LENGTH) -> set[str]:
    """Shingles of every ``*.txt`` file under the corpus folder."""
    found: set[str] = set()
    for path in sorted(corpus.rglob("*.txt")):
        found |= shingles(path.read_text(encoding="utf-8", errors="replace"), n)
    return found


def copied_runs(files: Iterable[Path], reference: set[str], n: int = RUN_LENGTH) -> dict[Path, set[str]]:
    """Files that share word runs with the reference, with the runs they share."""
    hits: dict[Path, set[str]] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        shared = shingles(text, n) & reference
        if shared:
            hits[path] = shared
    return hits
