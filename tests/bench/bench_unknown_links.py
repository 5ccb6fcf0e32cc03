"""Benchmark: ``[[x]]`` links to unknown names cost time linear in their number.

Not a test (pytest collects ``test_*.py`` only). Run it with::

    .venv/bin/python -m tests.bench.bench_unknown_links [--lines 20000] [--no-build]

It writes a small site whose one book page has ``--lines`` and ``2 × --lines`` lines, each with an
explicit link to a name that is no term, and times ``klantbeleving check`` and a real MkDocs build
at both sizes (one paragraph, the worst case: Python-Markdown copies a paragraph's text at each
inline match, so there even plain links grow faster than linearly). Our own part is linear.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from klantbeleving.cli import check
from tests.sitekit import build, small_site, write_site


def _site(root: Path, lines: int, *, paragraphs: bool = False) -> Path:
    files: dict[str, str | bytes] = dict(small_site())
    body = ("\n\n" if paragraphs else "\n").join(f"Zie [[onbekend-{i % 97}]]." for i in range(lines))
    files["boek/lang.md"] = f"---\ntitle: Lang\n---\n\n{body}\n"
    return write_site(root, files)


def _time_check(config: Path) -> float:
    start = time.perf_counter()
    check(config.parent / "docs", out=io.StringIO())
    return time.perf_counter() - start


def _time_build(config: Path) -> float:
    start = time.perf_counter()
    build(config, strict=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000, help="lines of the smaller page")
    parser.add_argument("--no-build", action="store_true", help="time `check` only")
    parser.add_argument("--paragraphs", action="store_true", help="a blank line after each line (one paragraph each)")
    args = parser.parse_args()
    for lines in (args.lines, 2 * args.lines):
        with tempfile.TemporaryDirectory() as folder:
            config = _site(Path(folder), lines, paragraphs=args.paragraphs)
            checked = _time_check(config)
            built = None if args.no_build else _time_build(config)
            shown = "" if built is None else f"  build {built:6.2f} s"
            print(f"{lines:>7} lines with unknown [[x]]: check {checked:6.2f} s{shown}", flush=True)


if __name__ == "__main__":
    main()
