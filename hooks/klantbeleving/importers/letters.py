"""``klantbeleving import letters``: an edition as authors send it → an edition folder.

(Stub: filled in by the letters-importer work.)
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``import letters`` on the ``import`` subparsers."""
    p = sub.add_parser("letters", help="importeer een editie zoals de auteurs die aanleveren")
    p.add_argument("files", nargs="+")
    p.add_argument("--into", required=True)
    p.add_argument("--force", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    print("nog niet beschikbaar")
    return 2
