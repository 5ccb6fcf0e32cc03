"""``klantbeleving new edition``: scaffold an edition folder with three letter files.

(Stub: filled in by the letters work.)
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``new edition`` on the ``new`` subparsers."""
    p = sub.add_parser("edition", help="maak een nieuwe editie aan")
    p.add_argument("--stelling", required=True)
    p.add_argument("--date", required=True)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    print("nog niet beschikbaar")
    return 2
