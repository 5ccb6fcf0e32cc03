"""``klantbeleving import book``: an edition as authors send it → an edition folder.

(Stub: filled in by the book-importer work.)
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``import book`` on the ``import`` subparsers."""
    p = sub.add_parser("book", help="importeer tekst uit de pdf van het boek")
    p.add_argument("file")
    p.add_argument("--into", required=True)
    p.add_argument("--force", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    print("nog niet beschikbaar")
    return 2
