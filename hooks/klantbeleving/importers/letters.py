"""``klantbeleving import letters``: an edition as authors send it → an edition folder.

The input is plain text as the authors send it (see ``../shared/corpus/letters``): a title line
(``Correspondentie over klantbeleving - <onderwerp>``), a lead, then the letters. Each letter opens
with ``<Plaats>, <maand> <jaar>`` and a salutation (``Beste X en Y,``) and closes with ``Groet,`` and a
first name. A pull quote stands on a line of its own between ‘ ’. Debris in the header (a repeated
title, bullets with date and author) is dropped; what follows a signature is sorted by
:mod:`~klantbeleving.importers.trailer`. Every other word is kept as written.

The work is split in pure steps, none of which touches MkDocs:

* :func:`parse_edition_text` — text → :class:`ImportedEdition` (raises :class:`InputError`
  with a Dutch message and a line number);
* :func:`render_edition` — edition → ``{relative path: Markdown text}``;
* :func:`~klantbeleving.importers.writer.write_folders` — writes all files or none.

:func:`run` is the command-line wrapper around them.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from ..dates import PartialDate
from ..layout import AUTHORS_FILE
from ..load import load_site, next_letter_number
from ..model import TEXT_ORIGINAL, Author, Site
from ..placeholders import REVIEW_KEY, STELLING_TODO
from ..sources import find_unsafe_char, parse_source
from .common import InputError, display, docs_folder_of, escapes, find_registry, read_input, read_registry, render_page
from .trailer import Trailer, classify_trailer
from .writer import WriteError, write_folders

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
WRAP_WIDTH = 100
"""Lines of a hard-wrapped paragraph are shorter than this (see :func:`_hard_wrapped`)."""
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…", "’", "”", ")", "'", '"')
MAX_QUOTE = 300
"""A standalone ‘…’ line longer than this is a quoted paragraph, not a pull quote."""
MAX_TITLE = 200
MAX_REVIEW_CHARS = 20_000
"""More unrecognised text after the letters is refused: it goes into index.md's frontmatter."""

SERIES = "Correspondentie over klantbeleving"
"""The series name an export's title line may start with (not part of an edition's title)."""
STELLING_RE = re.compile(r"^stelling\s*[:：]\s*(?P<stelling>\S.*)$", re.IGNORECASE)

_MONTH_ALT = "|".join(MONTHS)
CITY_RE = re.compile(
    rf"^(?P<city>(?:['’]s[- ])?[^\W\d_][^,]{{0,60}}?),\s+(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{_MONTH_ALT})\s+(?P<year>\d{{4}})\.?$",
    re.IGNORECASE,
)
SALUTATION_RE = re.compile(r"^(?:beste|lieve|dag|hoi|hallo|geachte|hey)\s+(?P<names>.+?)\s*[,:!]?$", re.IGNORECASE)
CLOSING_RE = re.compile(
    r"^(?:(?:met\s+)?(?:vriendelijke|hartelijke|warme|lieve)\s+)?groet(?:en|jes)?(?:\s*,\s*(?P<name>\S.*)|\s*,?)$",
    re.IGNORECASE,
)
QUOTE_RE = re.compile(r"^‘(?P<quote>.+)’$")
BULLET_RE = re.compile(r"^[•·▪◦‣●]\s*")
LIST_RE = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+\S")
GLUED_DEBRIS_RE = re.compile(
    r"\s*(?:comments\s+powered\s+by|reacties\s+mogelijk\s+gemaakt\s+door)(?:\s+\S+)?\s*$", re.IGNORECASE
)
TAGS_RE = re.compile(r"^(?:tags|labels|trefwoorden|categorie(?:ën|en)?|onderwerpen)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
PUBLISHED_RE = re.compile(r"^(?:published|gepubliceerd|geplaatst|posted)\s+(?:in|op|on)\b", re.IGNORECASE)
_NAME_SPLIT_RE = re.compile(r"\s*,\s*|\s+en\s+|\s*&\s*", re.IGNORECASE)
_EVERYONE = {"allemaal", "iedereen", "beiden", "allen", "heren", "collega's", "collega’s"}


@dataclass
class ImportedLetter:
    """One letter as read from the text."""

    author: str
    author_name: str
    city: str
    date: PartialDate
    addressees: list[str]
    quote: str
    paragraphs: list[str]
    line: int
    quote_line: int = 0


@dataclass
class ImportedEdition:
    """One edition as read from the text."""

    title: str
    stelling: str
    date: PartialDate
    lead: list[str]
    letters: list[ImportedLetter] = field(default_factory=list)
    trailer: Trailer = field(default_factory=Trailer)

    @property
    def draft(self) -> bool:
        """Written as a draft until an editor gives the stelling."""
        return self.stelling == STELLING_TODO

    @property
    def folder_name(self) -> str:
        """``<jjjj-mm>-<slug van het onderwerp>``."""
        month = f"{self.date.year:04d}-{self.date.month:02d}"
        slug = slugify(self.title, max_length=60, word_boundary=True)
        return f"{month}-{slug}" if slug else month


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


# -- parsing -------------------------------------------------------------------------------


def parse_edition_text(
    text: str, authors: dict[str, Author], *, stelling: str | None = None
) -> ImportedEdition:
    """Split the text of one edition into its title, lead and letters.

    Args:
        text: the whole input file, already decoded.
        authors: the author registry (key → author) to resolve first names against.
        stelling: the edition's stelling; else a ``Stelling: …`` line before the first letter;
            else the edition becomes a draft with a to-write stelling (a title is no thesis).

    Raises:
        InputError: when the text cannot be split into letters.
    """
    if stelling is not None and (unsafe := find_unsafe_char(stelling)) is not None:
        raise InputError(f"--stelling: {unsafe[1]}")
    lines = _clean_lines(text)
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        raise InputError("het bestand is leeg")
    title_line = lines[first]
    if CITY_RE.match(title_line.text):
        raise InputError(
            "de titelregel ontbreekt: verwacht eerst 'Correspondentie over klantbeleving - <onderwerp>'",
            title_line.number,
        )
    if len(title_line.text) > MAX_TITLE:
        raise InputError(
            "de eerste regel is te lang voor een titel: verwacht 'Correspondentie over klantbeleving - <onderwerp>'",
            title_line.number,
        )
    title = parse_title(title_line.text)
    if not title:  # the series name alone: the topic is on the next line
        following = next((i for i in range(first + 1, len(lines)) if lines[i].text), None)
        if following is not None and _title_shaped(lines[following].text):
            title, first = lines[following].text, following
        else:
            title = title_line.text
    title = title[:1].upper() + title[1:]
    starts = [i for i in range(first + 1, len(lines)) if CITY_RE.match(lines[i].text)]
    if not starts:
        raise InputError(
            "geen brieven gevonden: elke brief begint met een regel als 'Zeist, september 2025' (plaats, maand, jaar)"
        )
    header = _drop_debris(lines[first + 1 : starts[0]], title_line.text)
    stated = [ln for ln in header if STELLING_RE.match(ln.text)]
    header = [ln for ln in header if ln not in stated]
    lead, _ = _paragraphs(header, find_quote=False)
    bounds = zip(starts, [*starts[1:], len(lines)], strict=True)
    names = {n.casefold() for a in authors.values() for n in (a.name, a.first_name)}
    trailer = Trailer()
    letters = []
    for a, b in bounds:
        letter, after = _parse_letter(lines[a:b], authors, title_line.text)
        letters.append(letter)
        classify_trailer([(ln.number, ln.text) for ln in after], names, trailer)
    _check_trailer_size(trailer)
    if stelling is None and stated:
        match = STELLING_RE.match(stated[0].text)
        assert match is not None
        stelling = match["stelling"]
    chosen = " ".join(stelling.split()) if stelling is not None else STELLING_TODO
    if not chosen:
        raise InputError("de stelling is leeg")
    return ImportedEdition(
        title=title, stelling=chosen, date=_month(letters[0].date), lead=lead, letters=letters, trailer=trailer
    )


def _title_shaped(text: str) -> bool:
    return len(text) <= MAX_TITLE and not CITY_RE.match(text) and not text.endswith((".", ","))


def parse_title(line: str) -> str:
    """The title without the series name, whatever separates them (``Serie - X``, ``Serie: X``);
    empty when the line is the series name alone. A line without it is the title as it stands."""
    text = " ".join(line.split())
    if text.casefold().startswith(SERIES.casefold()):
        return text[len(SERIES) :].lstrip(" -–—:|·").strip()
    return text


def _clean_lines(text: str) -> list[_Line]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    cleaned = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = GLUED_DEBRIS_RE.sub("", raw.strip()).strip()
        cleaned.append(_Line(number, line))
    return cleaned


def _drop_debris(lines: list[_Line], title: str) -> list[_Line]:
    """Remove web-export debris; keep blank lines (they separate paragraphs)."""
    kept: list[_Line] = []
    in_tags = False
    for ln in lines:
        text = ln.text
        if not text:
            in_tags = False
            kept.append(ln)
            continue
        tags = TAGS_RE.match(text)
        if tags:
            in_tags = not tags["rest"]
            continue
        if in_tags and _looks_like_tag(text):
            continue
        in_tags = False
        if BULLET_RE.match(text) or PUBLISHED_RE.match(text) or _same(text, title):
            continue
        kept.append(ln)
    return kept


def _looks_like_tag(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 4 and not text.endswith((".", "?", "!"))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _parse_letter(zone: list[_Line], authors: dict[str, Author], title: str) -> tuple[ImportedLetter, list[_Line]]:
    """One letter, and the lines after its signature (for :func:`classify_trailer`)."""
    opening = zone[0]
    match = CITY_RE.match(opening.text)
    assert match is not None
    city = match["city"].strip()
    year, month = int(match["year"]), MONTHS[match["month"].lower()]
    day = int(match["day"]) if match["day"] else None
    try:
        date = PartialDate(year, month, day)
        date.as_date()
    except ValueError:
        raise InputError(f"'{opening.text}' is geen bestaande datum", opening.number) from None
    rest = zone[1:]
    sal = next((i for i, ln in enumerate(rest) if ln.text), None)
    salutation = SALUTATION_RE.match(rest[sal].text) if sal is not None else None
    if sal is None or salutation is None:
        where = rest[sal].number if sal is not None else opening.number
        raise InputError(
            f"na '{opening.text}' (regel {opening.number}) verwacht een aanhef zoals 'Beste Wim en Rien,'", where
        )
    addressees = _resolve_addressees(salutation["names"], authors, rest[sal].number)
    close = next((i for i in range(len(rest) - 1, sal, -1) if CLOSING_RE.match(rest[i].text)), None)
    if close is None:
        raise InputError(
            f"de brief die begint met '{opening.text}' heeft geen afsluiting 'Groet,' met een naam",
            opening.number,
        )
    closing = CLOSING_RE.match(rest[close].text)
    assert closing is not None
    if closing["name"]:
        name_line, after = _Line(rest[close].number, closing["name"]), rest[close + 1 :]
    else:
        k = next((i for i in range(close + 1, len(rest)) if rest[i].text), None)
        if k is None:
            raise InputError("na 'Groet,' ontbreekt de naam van de schrijver", rest[close].number)
        name_line, after = rest[k], rest[k + 1 :]
    author = _resolve_name(name_line.text.rstrip(".,!"), authors, name_line.number, "ondertekening")
    paragraphs, quote = _paragraphs(rest[sal + 1 : close], find_quote=True)
    quote_line = next((ln.number for ln in rest[sal + 1 : close] if quote and ln.text.startswith("‘")
                       and quote in ln.text), 0)
    if not paragraphs:
        raise InputError(f"de brief die begint met '{opening.text}' heeft geen tekst", opening.number)
    letter = ImportedLetter(
        author=author,
        author_name=authors[author].name,
        city=city,
        date=date,
        addressees=addressees,
        quote=quote,
        paragraphs=paragraphs,
        line=opening.number,
        quote_line=quote_line,
    )
    return letter, [ln for ln in after if not _same(ln.text, title)]


def _resolve_addressees(names: str, authors: dict[str, Author], line: int) -> list[str]:
    parts = [p.strip() for p in _NAME_SPLIT_RE.split(names) if p.strip()]
    if all(p.casefold() in _EVERYONE for p in parts):
        return []
    keys = [_resolve_name(p, authors, line, "aanhef") for p in parts if p.casefold() not in _EVERYONE]
    return list(dict.fromkeys(keys))


def _resolve_name(name: str, authors: dict[str, Author], line: int, where: str) -> str:
    """A first name, full name or key → the registry key (unique, case-insensitive)."""
    wanted = " ".join(name.split()).casefold()
    hits = [
        a.key for a in authors.values()
        if wanted in (a.first_name.casefold(), a.name.casefold(), a.key.casefold())
    ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError(f"de naam '{name}' in de {where} past bij meer auteurs: {', '.join(hits)}", line)
    known = ", ".join(sorted(a.first_name for a in authors.values()))
    raise InputError(f"onbekende naam '{_short(name)}' in de {where} (bekende auteurs: {known})", line)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _month(date: PartialDate) -> PartialDate:
    return PartialDate(date.year, date.month)


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a width: short, and mostly ending mid-sentence."""
    inner = lines[:-1]
    if not inner or max(len(x) for x in inner) >= WRAP_WIDTH:
        return False
    open_ends = sum(not x.endswith(_SENTENCE_ENDS) for x in inner)
    return open_ends * 2 > len(inner)


def _paragraphs(lines: list[_Line], *, find_quote: bool) -> tuple[list[str], str]:
    """Lines → Markdown blocks (paragraphs and lists) and the pull quote (first ‘…’ line).

    Blank lines separate blocks. Inside a block, a line is a paragraph of its own unless the lines
    look hard-wrapped (all but the last shorter than :data:`WRAP_WIDTH`, most of them ending
    mid-sentence); list items stay together as one block.
    """
    blocks: list[str] = []
    quote = ""
    text_run: list[str] = []
    list_run: list[str] = []

    def flush_text() -> None:
        if _hard_wrapped(text_run):
            blocks.append("\n".join(text_run))
        else:
            blocks.extend(text_run)
        text_run.clear()

    def flush_list() -> None:
        if list_run:
            blocks.append("\n".join(list_run))
        list_run.clear()

    for ln in lines:
        text = ln.text
        if not text:
            flush_text()
            flush_list()
            continue
        if BULLET_RE.match(text):
            text = BULLET_RE.sub("- ", text, count=1)
        if LIST_RE.match(text):
            flush_text()
            list_run.append(text)
            continue
        flush_list()
        pull = QUOTE_RE.match(text) if find_quote and not quote else None
        if pull and len(text) <= MAX_QUOTE and pull["quote"].strip() and "‘" not in pull["quote"]:
            flush_text()
            quote = pull["quote"].strip()
            continue
        text_run.append(text)
    flush_text()
    flush_list()
    return blocks, quote


# -- rendering -----------------------------------------------------------------------------


def render_edition(edition: ImportedEdition, numbers: list[int] | None = None) -> dict[str, str]:
    """The Markdown sources of an edition: ``index.md`` and ``NN-<author>.md`` → text.

    Each letter gets its number in the series from ``numbers`` (in letter order; default 1, 2, 3 …)
    and ``text: origineel``: the body is the letter as its author wrote it."""
    numbers = numbers or list(range(1, len(edition.letters) + 1))
    index: dict[str, Any] = {"title": edition.title, "stelling": edition.stelling, "date": edition.date.iso()}
    trailer = edition.trailer
    if trailer.published_in:
        index["published_in"] = trailer.published_in
    if trailer.tags:
        index["tags"] = list(trailer.tags)
    if trailer.review:
        index[REVIEW_KEY] = [text for _line, text in trailer.review]
    if edition.draft:
        index["draft"] = True
    files = {"index.md": render_page(index, edition.lead)}
    for number, (letter, series_number) in enumerate(zip(edition.letters, numbers, strict=True), start=1):
        meta: dict[str, Any] = {
            "title": f"Brief van {letter.author_name}",
            "number": series_number,
            "text": TEXT_ORIGINAL,
            "author": letter.author,
            "city": letter.city,
            "date": letter.date.iso(),
            "stelling": edition.stelling,
        }
        if letter.addressees:
            meta["addressees"] = list(letter.addressees)
        if letter.quote:
            meta["quote"] = letter.quote
        if edition.draft:
            meta["draft"] = True
        files[f"{number:02d}-{letter.author}.md"] = render_page(meta, letter.paragraphs)
    return files


def _check_trailer_size(trailer: Trailer) -> None:
    """Refuse more trailer text than ``index.md``'s frontmatter may hold (``review``, ``published_in``).

    Raises:
        InputError: at the first line kept for review.
    """
    size = len(trailer.published_in) + sum(len(text) for _line, text in trailer.review)
    if size > MAX_REVIEW_CHARS:
        line = trailer.review[0][0] if trailer.review else None
        raise InputError(f"na de brieven staan meer dan {MAX_REVIEW_CHARS:,} tekens die niet herkend worden; ".replace(",", ".")
                         + "zet die tekst in een brief of haal hem weg", line)


def check_rendered(files: dict[str, str]) -> None:
    """Re-read each rendered file with the project's own parser; raise if it does not read back.

    Raises:
        InputError: when a file does not read back as written (a bug, not bad input).
    """
    for rel, text in files.items():
        _source, problems = parse_source(rel, text)
        if problems:
            raise InputError(f"interne fout: {rel} leest niet terug: {problems[0].message}")


# -- command line --------------------------------------------------------------------------

HELP = """\
Importeer edities zoals de auteurs ze aanleveren (platte tekst, UTF-8): een titelregel
('Correspondentie over klantbeleving - <titel>'; de reeksnaam komt niet in de titel), een
inleiding en dan de brieven, elk beginnend met '<Plaats>, <maand> <jaar>' en 'Beste X en Y,' en
eindigend met 'Groet,' en een naam.

De stelling komt uit --stelling of uit een regel 'Stelling: …' vóór de eerste brief; zonder die
twee wordt de editie een concept (draft: true) met een stelling die nog geschreven moet worden.

Regels na een ondertekening worden naar hun vorm ingedeeld: een publicatievermelding wordt
'published_in', een rij korte regels wordt 'tags', deel-, reactie-, copyright- en navigatieregels
verdwijnen, en wat niet herkend wordt, komt onder 'review' in index.md (met een waarschuwing).
Aan het eind staat per regelnummer wat er wegviel en wat ter controle bewaard is.

Eén bestand: --into is de editiemap zelf, bijv. docs/brieven/2025-10-ceo-omarmt-cx.
Meer bestanden: elk bestand is één editie; --into is dan de map brieven/ en elke editie krijgt
een map <jjjj-mm>-<titel>.

Elke brief krijgt 'text: origineel' (de tekst is de brief zelf) en het eerstvolgende vrije
briefnummer van de site waarin --into ligt ('number'; een brief die met --force vervangen wordt,
houdt zijn nummer).

Er wordt niets overschreven zonder --force, en bij een fout of onderbreking wordt niets geschreven.
Auteurs worden opgezocht in --authors (een .authors.yml of de map waarin die staat), anders in
de docs-map van het doel (<docs>/.authors.yml), anders in docs/ van het project waarin u werkt."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``import letters`` on the ``import`` subparsers."""
    p = sub.add_parser(
        "letters",
        help="importeer een editie zoals de auteurs die aanleveren",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="BESTAND", help="tekstbestand(en), één editie per bestand")
    p.add_argument("--into", required=True, metavar="MAP", help="de editiemap (één bestand) of de map brieven/ (meer)")
    p.add_argument("--force", action="store_true", help="bestaande bestanden overschrijven")
    p.add_argument("--stelling", default=None, help="de stelling van de editie (anders een regel 'Stelling: …'; anders een concept)")
    p.add_argument("--authors", type=Path, default=None, metavar="BESTAND", help="het auteursbestand (.authors.yml) of de map waarin het staat")


class _Stop(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code (0 written, 1 bad input or conflict, 2 wrong usage)."""
    try:
        editions, written = _run(args, Path.cwd())
    except _Stop as stop:
        print(stop.message, file=sys.stderr)
        return stop.code
    for path in written:
        print(f"geschreven: {display(path)}")
    for name, edition in editions:
        print_summary(name, edition)
    return 0


def print_summary(name: str, edition: ImportedEdition) -> None:
    """What the import made of the edition's trailer, pull quotes and stelling, by line number."""
    trailer = edition.trailer
    if trailer.published_in:
        print(f"{name}: verschenen in: {trailer.published_in}")
    if trailer.tags:
        print(f"{name}: tags: {', '.join(trailer.tags)}")
    for line, text, why in trailer.dropped:
        print(f"{name}:{line}: weggelaten ({why}): {_short(text)}")
    for letter in edition.letters:
        if letter.quote:
            print(f"{name}:{letter.quote_line}: citaat bij de brief van {letter.author_name}: ‘{_short(letter.quote)}’")
    for line, text in trailer.review:
        print(f"{name}:{line}: waarschuwing: niet herkend, bewaard onder '{REVIEW_KEY}' in index.md: {_short(text)}",
              file=sys.stderr)
    if edition.draft:
        print(f"{name}: waarschuwing: geen stelling (geef --stelling of een regel 'Stelling: …'); "
              "de editie is als concept geschreven (draft: true)", file=sys.stderr)


def _run(args: argparse.Namespace, cwd: Path) -> tuple[list[tuple[str, ImportedEdition]], list[Path]]:
    into = Path(args.into)
    multi = len(args.files) > 1
    if escapes(into, cwd):
        raise _Stop(f"--into {args.into}: pad valt buiten de map waar het begint (door '..'); geweigerd", 2)
    into = into if into.is_absolute() else cwd / into
    if into.exists() and not into.is_dir():
        raise _Stop(f"--into {args.into}: bestaat al en is geen map", 2)
    if multi and args.stelling is not None:
        raise _Stop("--stelling kan alleen bij één bestand (elke editie heeft haar eigen stelling)", 2)
    authors = _registry(args, docs_folder_of(into if multi else into.parent), cwd)
    editions: list[tuple[str, ImportedEdition]] = []
    errors: list[str] = []
    for name in args.files:
        try:
            text = read_input(Path(name))
            editions.append((name, parse_edition_text(text, authors, stelling=args.stelling)))
        except InputError as exc:
            errors.append(exc.format(name))
    if errors:
        raise _Stop("\n".join([*errors, "niets geschreven"]), 1)
    docs = docs_folder_of(into if multi else into.parent)
    plan = _plan(editions, into, multi, _series_numbers(docs, editions, into, multi))
    try:
        return editions, write_folders(plan, force=args.force, conflicts=_stale_letters)
    except WriteError as exc:
        raise _Stop(f"{exc}\nniets geschreven", 1) from None


def _registry(args: argparse.Namespace, docs: Path, cwd: Path) -> dict[str, Author]:
    explicit = args.authors
    if explicit is not None and not explicit.exists():
        raise _Stop(f"--authors {explicit}: bestand niet gevonden", 2)
    if explicit is not None and explicit.is_file() and explicit.name != AUTHORS_FILE:
        raise _Stop(f"--authors {explicit}: verwacht een bestand {AUTHORS_FILE} of de map waarin het staat", 2)
    found = find_registry(docs, explicit, cwd)
    if found is None:
        raise _Stop(f"geen auteursbestand gevonden: verwacht {docs / AUTHORS_FILE} of geef --authors", 2)
    try:
        return read_registry(found)
    except InputError as exc:
        raise _Stop(exc.message, 1) from None


def _series_numbers(
    docs: Path, editions: list[tuple[str, ImportedEdition]], into: Path, multi: bool
) -> list[list[int]]:
    """Per edition (in input order) the series numbers of its letters: the next free numbers of the
    site in ``docs`` (read with the loader, drafts included), oldest edition first; a letter that
    replaces a file of the same name (``--force``) keeps that file's number. Outside a site (no
    author registry in ``docs``) the numbers start at 1."""
    site = load_site(docs, include_drafts=True)[0] if (docs / AUTHORS_FILE).is_file() else None
    following = next_letter_number(site) if site is not None else 1
    folders = [into / edition.folder_name if multi else into for _name, edition in editions]
    numbers: list[list[int]] = [[] for _ in editions]
    for i in sorted(range(len(editions)), key=lambda i: (editions[i][1].date, editions[i][1].folder_name)):
        edition = editions[i][1]
        for position, letter in enumerate(edition.letters, start=1):
            kept = _existing_number(site, docs, folders[i] / f"{position:02d}-{letter.author}.md")
            if kept is None:
                kept, following = following, following + 1
            numbers[i].append(kept)
    return numbers


def _existing_number(site: Site | None, docs: Path, path: Path) -> int | None:
    """The number of the letter file at ``path`` as the site read it, if it has one."""
    if site is None or not path.is_relative_to(docs):
        return None
    source = site.sources.get(path.relative_to(docs).as_posix())
    number = source.meta.get("number") if source is not None else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _plan(
    editions: list[tuple[str, ImportedEdition]], into: Path, multi: bool, numbers: list[list[int]]
) -> dict[Path, dict[str, str]]:
    plan: dict[Path, dict[str, str]] = {}
    folders: dict[str, str] = {}
    for (name, edition), series_numbers in zip(editions, numbers, strict=True):
        rendered = render_edition(edition, series_numbers)
        try:
            check_rendered(rendered)
        except InputError as exc:
            raise _Stop(exc.format(name), 1) from None
        if not multi:
            return {into: rendered}
        folder = edition.folder_name
        if folder in folders:
            raise _Stop(f"{name} en {folders[folder]} geven allebei de editiemap {folder}; niets geschreven", 1)
        folders[folder] = name
        plan[into / folder] = rendered
    return plan


_NUMBERED_RE = re.compile(r"^\d+-.*\.md$")


def _stale_letters(folder: Path, files: dict[str, str]) -> list[str]:
    """An existing edition folder with other numbered letters would get two letters per place."""
    stale = sorted(p.name for p in folder.iterdir() if _NUMBERED_RE.match(p.name) and p.name not in files)
    if stale:
        return [f"{folder} bevat al andere brieven ({', '.join(stale)}); verwijder die eerst of kies een andere map"]
    return []
