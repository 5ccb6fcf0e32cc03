"""Benchmark: inputs that once took quadratic time, each timed at two sizes so linearity shows.

Not a test (pytest collects ``test_*.py`` only). Run it with::

    .venv/bin/python -m tests.bench.bench_hostile [--repeat 3]

Cases (all input generated here, our own filler words):

    book paragraph   ``split_book`` on one long paragraph without blank lines, every line ending in
                     a hyphen half the time (``import book`` of one 610 KB paragraph)
    letters          ``parse_edition_text`` of an edition whose one letter is that paragraph
    check [[x]]      ``klantbeleving check`` on a site with one page of N lines of unknown ``[[x]]``

A linear case shows a ratio near the size ratio (4×); a quadratic one near its square (16×).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from klantbeleving.importers.book import split_book
from klantbeleving.importers.letters import parse_edition_text
from klantbeleving.model import Author

WORDS = ("de klant ervaart een dienst die niet altijd klopt maar wel beter kan door aan"
         "dacht voor wat mensen echt belangrijk vinden in hun dagelijkse werk").split()
REGISTRY = {
    "a": Author("a", "Anna Aalders", "Ede"),
    "b": Author("b", "Bert Bos", "Epe"),
}


def long_paragraph(size: int) -> list[str]:
    """Wrapped lines of one paragraph of about ``size`` characters; every other line breaks a word."""
    lines, line, i = [], [], 0
    total = 0
    while total < size:
        line.append(WORDS[i % len(WORDS)])
        i += 1
        if len(" ".join(line)) > 70:
            text = " ".join(line)
            if len(lines) % 2:
                text = text[:-3] + "-"
                line = [WORDS[(i - 1) % len(WORDS)][-3:]]
            else:
                line = []
            lines.append(text)
            total += len(text) + 1
    return lines


def book_text(size: int) -> str:
    return "INLEIDING\n\n" + "\n".join(long_paragraph(size)) + ".\n"


def letters_text(size: int) -> str:
    body = "\n".join(long_paragraph(size))
    return f"Titel - Proef\n\nInleiding.\n\nEde, mei 2026\nBeste Bert,\n{body}.\nGroet,\nAnna\n"


def check_site(folder: Path, lines: int) -> Path:
    docs = folder / "docs"
    (docs / "begrippen").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Proef\n", encoding="utf-8")
    (docs / "index.md").write_text("# Proef\n", encoding="utf-8")
    body = "\n".join(f"Regel {n} noemt [[x]] en verder niets." for n in range(lines))
    (docs / "los.md").write_text(f"---\ntitle: Los\n---\n\n{body}\n", encoding="utf-8")
    return docs


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def run_check(docs: Path) -> None:
    subprocess.run([sys.executable, "-m", "klantbeleving.cli", "check", "--docs", str(docs)],
                   capture_output=True, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'geval':<16} {'klein':>18} {'groot (4×)':>18} {'verhouding':>10}")

    def row(name: str, small: str, large: str, t_small: float, t_large: float) -> None:
        print(f"{name:<16} {small:>8} {t_small:8.3f} s {large:>8} {t_large:8.3f} s {t_large / t_small:9.1f}×")

    for kb in ((150, 600),):
        texts = [book_text(k * 1000) for k in kb]
        times = [best(lambda t=t: split_book(t), args.repeat) for t in texts]
        row("book paragraph", f"{kb[0]} KB", f"{kb[1]} KB", *times)
        texts = [letters_text(k * 1000) for k in kb]
        times = [best(lambda t=t: parse_edition_text(t, REGISTRY), args.repeat) for t in texts]
        row("letters", f"{kb[0]} KB", f"{kb[1]} KB", *times)
    with tempfile.TemporaryDirectory() as tmp:
        sizes = (10_000, 40_000)
        sites = [check_site(Path(tmp) / str(n), n) for n in sizes]
        times = [best(lambda d=d: run_check(d), 1) for d in sites]
        row("check [[x]]", f"{sizes[0]:,}", f"{sizes[1]:,}", *times)


if __name__ == "__main__":
    main()
