"""The authors' command line: ``klantbeleving check`` (and the importers).

Exit codes: 0 clean, 1 problems found, 2 wrong usage or unreadable input.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import scaffold
from .importers import book as import_book
from .importers import letters as import_letters
from .layout import TERMS_DIR
from .load import list_sources, load_site
from .placeholders import placeholder_problems
from .problems import Problem
from .xref import collect_mentions, site_extensions, unused_terms


def _find_docs(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").exists() and (folder / "docs").is_dir():
            return folder / "docs"
    return start / "docs"


def check(docs: Path, *, out: TextIO | None = None) -> int:
    """Validate every source under ``docs``; print ``path:line: message`` per problem."""
    out = out or sys.stdout
    if not docs.is_dir():
        print(f"{docs}: map niet gevonden", file=out)
        return 2
    base = docs.parent
    label = docs.relative_to(base).as_posix() if docs.is_absolute() else docs.as_posix()
    site, problems = load_site(docs, label=label, include_drafts=True)
    problems += find_unfinished(docs, label)
    for problem in sorted(problems, key=_sort_key):
        print(problem.format(), file=out)
    for note in placeholder_problems(site.sources, lambda src: f"{label}/{src}", drafts=True):
        print(f"{note.format()} (concept; info)", file=out)  # a draft may still hold placeholders
    extensions, configs = site_extensions(base / "mkdocs.yml")
    unused = unused_terms(site, collect_mentions(site, extensions, configs))
    if unused:
        # A notice, not a problem: a new term may wait for its first mention.
        print(f"{len(unused)} begrip(pen) die geen pagina noemt:", file=out)
        for term in unused:
            print(f"{label}/{term.src}: begrip '{term.term}' wordt nergens genoemd (info)", file=out)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} fout(en), {warnings} waarschuwing(en)", file=sys.stderr)
        return 1
    return 0


def find_unfinished(docs: Path, label: str) -> list[Problem]:
    """Editorial loose ends the build tolerates but an editor must see: terms still quoted from
    the book (``quoted: true``). Placeholders in drafts are found by :func:`placeholder_problems`."""
    found: list[Problem] = []
    for src in list_sources(docs):
        try:
            text = (docs / src).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # load_site already reported it
        if src.startswith(TERMS_DIR + "/") and re.search(r"^quoted:\s*true\s*$", text, re.MULTILINE):
            found.append(Problem(f"{label}/{src}", None, "definitie is nog letterlijk uit het boek overgenomen (quoted: true): herschrijf in eigen woorden", "warning"))
    return found


def _sort_key(problem: Problem) -> tuple[str, int]:
    return (problem.path, problem.line or 0)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (subcommands register themselves here)."""
    parser = argparse.ArgumentParser(prog="klantbeleving", description="Gereedschap voor de auteurs van Klantbeleving.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="controleer alle bronbestanden (wijzigt niets)")
    p_check.add_argument("--docs", type=Path, default=None, help="de inhoudsmap (standaard: docs/ van dit project)")
    p_import = sub.add_parser("import", help="importeer teksten van de auteurs")
    import_sub = p_import.add_subparsers(dest="what", required=True)
    import_letters.add_parser(import_sub)
    import_book.add_parser(import_sub)
    p_new = sub.add_parser("new", help="maak nieuwe bronbestanden aan")
    new_sub = p_new.add_subparsers(dest="what", required=True)
    scaffold.add_parser(new_sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``klantbeleving`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.docs or _find_docs(Path.cwd()))
    try:
        if args.command == "import":
            return (import_letters if args.what == "letters" else import_book).run(args)
        if args.command == "new":
            return scaffold.run(args)
    except KeyboardInterrupt:
        # The writer has already put back what it had started to change.
        print("onderbroken: er is niets half geschreven (alles staat er, of niets)", file=sys.stderr)
        return 130
    parser.error(f"onbekend commando {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
