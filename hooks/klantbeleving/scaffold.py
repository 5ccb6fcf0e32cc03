"""``klantbeleving new edition``: scaffold an edition folder with three letter files.

The letters follow the rotation of the series: the latest edition's order, moved on by one (the
writer who opened last time closes now). Without editions the registry's order is used. Every new
file carries ``draft: true``, so a half-written edition never publishes; each letter gets the next
free number in the series.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from slugify import slugify

from .dates import DateError, PartialDate, parse_date
from .importers.common import display, render_page
from .importers.writer import WriteError, write_folders
from .load import AUTHORS_FILE, LETTERS_DIR, load_site, next_letter_number
from .model import TEXT_SUMMARY, Author, Edition
from .placeholders import LEAD_TODO, LETTER_TODO
from .sources import find_unsafe_char, parse_source

LETTER_ROLE = "brieven"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")



class ScaffoldError(Exception):
    """Why the edition cannot be created; Dutch message and the exit code to use."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def next_order(authors: dict[str, Author], editions: list[Edition]) -> list[str]:
    """The writers of the next edition, in order.

    The latest edition (by date, then folder name) that has letters gives the order, rotated by one:
    its first writer moves to the end. Without editions: the registry's letter writers (role
    ``brieven``; everyone when no author has that role), in registry order.
    """
    for edition in reversed(editions):
        order = [x for x in dict.fromkeys(letter.author for letter in edition.letters) if x in authors]
        if order:
            return order[1:] + order[:1]
    writers = [key for key, author in authors.items() if author.role == LETTER_ROLE]
    return writers or list(authors)


def render_scaffold(
    authors: dict[str, Author], order: list[str], stelling: str, date: PartialDate, first_number: int = 1
) -> dict[str, str]:
    """The files of a new edition folder: ``index.md`` and ``NN-<author>.md`` → text.

    The letters get the series numbers ``first_number``, ``first_number + 1`` … in order, and
    ``text: samenvatting`` (the site publishes our summaries; an editor who pastes the letter
    itself changes it to ``origineel``)."""
    files = {
        "index.md": render_page(
            {"title": stelling, "stelling": stelling, "date": date.iso(), "draft": True}, [LEAD_TODO]
        )
    }
    for number, key in enumerate(order, start=1):
        author = authors[key]
        if not author.city:
            raise ScaffoldError(f"auteur '{key}' heeft geen 'city' in {AUTHORS_FILE}; vul die eerst aan")
        meta: dict[str, Any] = {
            "title": f"Brief van {author.name}",
            "number": first_number + number - 1,
            "text": TEXT_SUMMARY,
            "author": key,
            "city": author.city,
            "date": date.iso(),
            "stelling": stelling,
            "draft": True,
        }
        files[f"{number:02d}-{key}.md"] = render_page(meta, [LETTER_TODO])
    return files


def edition_folder(stelling: str, date: PartialDate, slug: str | None) -> str:
    """``<jjjj-mm>-<slug>``; the slug defaults to the stelling's.

    Raises:
        ScaffoldError: when the slug is not lowercase letters, digits and hyphens (exit code 2).
    """
    if slug is None:
        slug = slugify(stelling, max_length=50, word_boundary=True)
        if not slug:
            raise ScaffoldError("van deze stelling valt geen mapnaam te maken; geef --slug", 2)
    elif not _SLUG_RE.fullmatch(slug):
        raise ScaffoldError(f"--slug '{slug}': gebruik alleen kleine letters, cijfers en streepjes (bijv. ceo-omarmt-cx)", 2)
    return f"{date.year:04d}-{date.month or 1:02d}-{slug}"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``new edition`` on the ``new`` subparsers."""
    p = sub.add_parser(
        "edition",
        help="maak een nieuwe editie aan",
        description=(
            "Maak docs/brieven/<jjjj-mm>-<slug>/ aan met index.md en drie brieven in de volgorde van de "
            "rotatie (de eerste schrijver van de vorige editie sluit nu af). Alle bestanden krijgen "
            "'draft: true'; haal dat weg zodra de editie af is. Elke brief krijgt het eerstvolgende vrije "
            "briefnummer ('number') en 'text: samenvatting'."
        ),
    )
    p.add_argument("--stelling", required=True, help="de stelling van de editie (ook de titel)")
    p.add_argument("--date", required=True, metavar="JJJJ-MM", help="maand van de editie, bijv. 2026-01")
    p.add_argument("--docs", type=Path, default=None, help="de inhoudsmap (standaard: docs/ van dit project)")
    p.add_argument("--slug", default=None, help="mapnaam na de maand (standaard: gemaakt van de stelling)")


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code (0 created, 1 refused, 2 wrong usage)."""
    try:
        written = create_edition(args.docs or _find_docs(Path.cwd()), args.stelling, args.date, args.slug)
    except ScaffoldError as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    for path in written:
        print(f"geschreven: {display(path)}")
    print("Let op: alle bestanden staan op 'draft: true'; haal dat weg zodra de editie af is.")
    return 0


def create_edition(docs: Path, stelling: str, date_text: str, slug: str | None) -> list[Path]:
    """Validate, plan and write a new edition folder under ``docs/brieven``.

    Raises:
        ScaffoldError: with exit code 2 for wrong usage, 1 when the edition cannot be created.
    """
    unsafe = find_unsafe_char(stelling)
    if unsafe is not None:
        raise ScaffoldError(f"--stelling: {unsafe[1]}", 2)
    stelling = " ".join(stelling.split())
    if not stelling:
        raise ScaffoldError("--stelling mag niet leeg zijn", 2)
    try:
        date = parse_date(date_text)
    except DateError as exc:
        raise ScaffoldError(f"--date: {exc}", 2) from None
    if date.month is None:
        raise ScaffoldError(f"--date: '{date_text}' noemt geen maand (verwacht jjjj-mm of jjjj-mm-dd)", 2)
    folder = edition_folder(stelling, date, slug)
    if not docs.is_dir():
        raise ScaffoldError(f"{docs}: map niet gevonden (geef --docs)", 2)
    target = docs / LETTERS_DIR / folder
    if target.exists():
        raise ScaffoldError(f"{target} bestaat al; kies een andere --slug of --date")
    site, _problems = load_site(docs, include_drafts=True)
    if not site.authors:
        raise ScaffoldError(f"{docs / AUTHORS_FILE}: geen auteurs gevonden (bestand ontbreekt, is leeg of onleesbaar)")
    order = next_order(site.authors, site.editions)
    files = render_scaffold(site.authors, order, stelling, date, next_letter_number(site))
    for name, text in files.items():  # what the loader would refuse is never written
        _source, problems = parse_source(name, text)
        if problems:
            raise ScaffoldError(f"--stelling: {problems[0].message}", 2)
    try:
        return write_folders({target: files}, force=False)
    except WriteError as exc:
        raise ScaffoldError(f"{exc}\nniets geschreven") from None


def _find_docs(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").exists() and (folder / "docs").is_dir():
            return folder / "docs"
    return start / "docs"
