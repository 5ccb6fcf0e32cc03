"""``klantbeleving import letters``: an edition as authors send it → an edition folder.

The input is plain text as the authors send it (see ``../shared/corpus/letters``): a title line
(``Correspondentie over klantbeleving - <onderwerp>``), a lead, then the letters. Each letter opens
with ``<Plaats>, <maand> <jaar>`` and a salutation (``Beste X en Y,``) and closes with ``Groet,`` and a
first name. A pull quote stands on a line of its own between ‘ ’. Web exports add debris (a repeated
title, bullets with date and author, tag lists, "published in …", "comments powered by …"), which is
dropped; every other word is kept as written.

The work is split in pure steps, none of which touches MkDocs:

* :func:`parse_edition_text` — text → :class:`ImportedEdition` (raises :class:`LetterImportError`
  with a Dutch message and a line number);
* :func:`render_edition` — edition → ``{relative path: Markdown text}``;
* :func:`write_files` — writes all files or none (staged in a temporary folder, then moved in).

:func:`run` is the command-line wrapper around them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from ..dates import PartialDate
from ..sources import MAX_REGISTRY_CHARS, find_unsafe_char, load_yaml, parse_source

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

AUTHORS_FILE = ".authors.yml"
BUILTIN_AUTHORS = {
    "wim-rampen": ("Wim Rampen", "Helmond"),
    "jan-hein-pierik": ("Jan-Hein Pierik", "Zeist"),
    "rien-brus": ("Rien Brus", "Santpoort-Zuid"),
}
"""Used only when no ``.authors.yml`` can be found."""

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


class LetterImportError(Exception):
    """Input that cannot be imported; the message is Dutch and meant for an author.

    Attributes:
        message: what is wrong.
        line: 1-based line in the input file, when known.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def format(self, source: str) -> str:
        """``source:line: message`` (the line part only when known)."""
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message}"


class WriteError(Exception):
    """Files that cannot (or may not) be written; the message is Dutch."""


@dataclass(frozen=True)
class RegistryAuthor:
    """The part of an ``.authors.yml`` entry the importer needs."""

    key: str
    name: str
    city: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else self.key


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


@dataclass
class ImportedEdition:
    """One edition as read from the text."""

    title: str
    stelling: str
    date: PartialDate
    lead: list[str]
    letters: list[ImportedLetter] = field(default_factory=list)

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
    text: str, authors: dict[str, RegistryAuthor], *, stelling: str | None = None
) -> ImportedEdition:
    """Split the text of one edition into its title, lead and letters.

    Args:
        text: the whole input file, already decoded.
        authors: the author registry (key → author) to resolve first names against.
        stelling: the edition's stelling; defaults to the onderwerp of the title line.

    Raises:
        LetterImportError: when the text cannot be split into letters.
    """
    unsafe = find_unsafe_char(text)
    if unsafe is not None:
        raise LetterImportError(unsafe[1], unsafe[0])
    if stelling is not None and (unsafe := find_unsafe_char(stelling)) is not None:
        raise LetterImportError(f"--stelling: {unsafe[1]}")
    lines = _clean_lines(text)
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        raise LetterImportError("het bestand is leeg")
    title_line = lines[first]
    if CITY_RE.match(title_line.text):
        raise LetterImportError(
            "de titelregel ontbreekt: verwacht eerst 'Correspondentie over klantbeleving - <onderwerp>'",
            title_line.number,
        )
    if len(title_line.text) > MAX_TITLE:
        raise LetterImportError(
            "de eerste regel is te lang voor een titel: verwacht 'Correspondentie over klantbeleving - <onderwerp>'",
            title_line.number,
        )
    title = parse_title(title_line.text)
    starts = [i for i in range(first + 1, len(lines)) if CITY_RE.match(lines[i].text)]
    if not starts:
        raise LetterImportError(
            "geen brieven gevonden: elke brief begint met een regel als 'Zeist, september 2025' (plaats, maand, jaar)"
        )
    header = _drop_debris(lines[first + 1 : starts[0]], title_line.text)
    lead, _ = _paragraphs(header, find_quote=False)
    bounds = zip(starts, [*starts[1:], len(lines)], strict=True)
    letters = [_parse_letter(lines[a:b], authors, title_line.text) for a, b in bounds]
    chosen = " ".join((stelling if stelling is not None else title).split())
    if not chosen:
        raise LetterImportError("de stelling is leeg")
    return ImportedEdition(title=title, stelling=chosen, date=_month(letters[0].date), lead=lead, letters=letters)


def parse_title(line: str) -> str:
    """The onderwerp after the series name: ``Correspondentie over klantbeleving - X`` → ``X``."""
    for dash in (" - ", " – ", " — "):
        if dash in line:
            rest = line.split(dash, 1)[1].strip()
            if rest:
                return rest
    return line.strip()


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


def _parse_letter(zone: list[_Line], authors: dict[str, RegistryAuthor], title: str) -> ImportedLetter:
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
        raise LetterImportError(f"'{opening.text}' is geen bestaande datum", opening.number) from None
    rest = zone[1:]
    sal = next((i for i, ln in enumerate(rest) if ln.text), None)
    salutation = SALUTATION_RE.match(rest[sal].text) if sal is not None else None
    if sal is None or salutation is None:
        where = rest[sal].number if sal is not None else opening.number
        raise LetterImportError(
            f"na '{opening.text}' (regel {opening.number}) verwacht een aanhef zoals 'Beste Wim en Rien,'", where
        )
    addressees = _resolve_addressees(salutation["names"], authors, rest[sal].number)
    close = next((i for i in range(len(rest) - 1, sal, -1) if CLOSING_RE.match(rest[i].text)), None)
    if close is None:
        raise LetterImportError(
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
            raise LetterImportError("na 'Groet,' ontbreekt de naam van de schrijver", rest[close].number)
        name_line, after = rest[k], rest[k + 1 :]
    author = _resolve_name(name_line.text.rstrip(".,!"), authors, name_line.number, "ondertekening")
    leftover = [ln for ln in _drop_debris(after, title) if ln.text]
    if leftover:
        raise LetterImportError(
            f"onverwachte tekst na de ondertekening '{name_line.text}': '{_short(leftover[0].text)}'",
            leftover[0].number,
        )
    paragraphs, quote = _paragraphs(rest[sal + 1 : close], find_quote=True)
    if not paragraphs:
        raise LetterImportError(f"de brief die begint met '{opening.text}' heeft geen tekst", opening.number)
    return ImportedLetter(
        author=author,
        author_name=authors[author].name,
        city=city,
        date=date,
        addressees=addressees,
        quote=quote,
        paragraphs=paragraphs,
        line=opening.number,
    )


def _resolve_addressees(names: str, authors: dict[str, RegistryAuthor], line: int) -> list[str]:
    parts = [p.strip() for p in _NAME_SPLIT_RE.split(names) if p.strip()]
    if all(p.casefold() in _EVERYONE for p in parts):
        return []
    keys = [_resolve_name(p, authors, line, "aanhef") for p in parts if p.casefold() not in _EVERYONE]
    return list(dict.fromkeys(keys))


def _resolve_name(name: str, authors: dict[str, RegistryAuthor], line: int, where: str) -> str:
    """A first name, full name or key → the registry key (unique, case-insensitive)."""
    wanted = " ".join(name.split()).casefold()
    hits = [
        a.key for a in authors.values()
        if wanted in (a.first_name.casefold(), a.name.casefold(), a.key.casefold())
    ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise LetterImportError(f"de naam '{name}' in de {where} past bij meer auteurs: {', '.join(hits)}", line)
    known = ", ".join(sorted(a.first_name for a in authors.values()))
    raise LetterImportError(f"onbekende naam '{_short(name)}' in de {where} (bekende auteurs: {known})", line)


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


def render_edition(edition: ImportedEdition) -> dict[str, str]:
    """The Markdown sources of an edition: ``index.md`` and ``NN-<author>.md`` → text."""
    files = {
        "index.md": render_page(
            {"title": edition.title, "stelling": edition.stelling, "date": edition.date.iso()}, edition.lead
        )
    }
    for number, letter in enumerate(edition.letters, start=1):
        meta: dict[str, Any] = {
            "title": f"Brief van {letter.author_name}",
            "author": letter.author,
            "city": letter.city,
            "date": letter.date.iso(),
            "stelling": edition.stelling,
        }
        if letter.addressees:
            meta["addressees"] = list(letter.addressees)
        if letter.quote:
            meta["quote"] = letter.quote
        files[f"{number:02d}-{letter.author}.md"] = render_page(meta, letter.paragraphs)
    return files


def render_page(meta: dict[str, Any], blocks: list[str]) -> str:
    """Frontmatter (``yaml.safe_dump``, so every value is safely quoted) and body."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    body = "\n\n".join(blocks)
    page = f"---\n{front}---\n"
    return f"{page}\n{body}\n" if body else page


def check_rendered(files: dict[str, str]) -> None:
    """Re-read each rendered file with the project's own parser; raise if it does not read back.

    Raises:
        LetterImportError: when a file does not read back as written (a bug, not bad input).
    """
    for rel, text in files.items():
        _source, problems = parse_source(rel, text)
        if problems:
            raise LetterImportError(f"interne fout: {rel} leest niet terug: {problems[0].message}")


# -- the author registry -------------------------------------------------------------------


def load_registry(path: Path) -> dict[str, RegistryAuthor]:
    """Read an ``.authors.yml`` (Material's format: ``authors: {key: {name, city, …}}``).

    Raises:
        LetterImportError: when the file cannot be read or has no authors.
    """
    try:
        data = load_yaml(path.read_bytes().decode("utf-8"), max_chars=MAX_REGISTRY_CHARS)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LetterImportError(f"auteursbestand: YAML-fout: {exc.problem}", mark.line + 1 if mark else None) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LetterImportError(f"auteursbestand kan niet gelezen worden: {exc}") from None
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise LetterImportError("verwacht een mapping 'authors:' met per auteur een sleutel")
    authors = {}
    for key, entry in entries.items():
        if isinstance(entry, dict) and entry.get("name"):
            authors[str(key)] = RegistryAuthor(str(key), str(entry["name"]).strip(), str(entry.get("city") or ""))
    if not authors:
        raise LetterImportError("het auteursbestand bevat geen auteurs met een 'name'")
    return authors


def builtin_registry() -> dict[str, RegistryAuthor]:
    """The three letter writers, for when no ``.authors.yml`` is found."""
    return {key: RegistryAuthor(key, name, city) for key, (name, city) in BUILTIN_AUTHORS.items()}


def find_registry(docs_guess: Path, explicit: Path | None, cwd: Path) -> Path | None:
    """Where the author registry is: ``--authors``, the target site, this project, or nowhere."""
    if explicit is not None:
        return explicit
    candidates = [docs_guess / AUTHORS_FILE]
    for folder in [cwd, *cwd.parents]:
        if (folder / "mkdocs.yml").exists() and (folder / "docs").is_dir():
            candidates.append(folder / "docs" / AUTHORS_FILE)
            break
    project = Path(__file__).resolve().parents[3]
    if (project / "mkdocs.yml").exists():
        candidates.append(project / "docs" / AUTHORS_FILE)
    return next((c for c in candidates if c.is_file()), None)


# -- writing -------------------------------------------------------------------------------


def escapes(path: Path, cwd: Path) -> bool:
    """True when a path with ``..`` segments resolves outside where it starts.

    A relative path must stay inside ``cwd``; an absolute one inside its part before the first ``..``.
    """
    parts = path.parts
    if ".." not in parts:
        return False
    anchor = Path(*parts[: parts.index("..")]) if path.is_absolute() else cwd
    return not (cwd / path).resolve().is_relative_to(anchor.resolve())


def _nearest_dir(path: Path) -> Path:
    for folder in [path, *path.parents]:
        if folder.is_dir():
            return folder
    return Path.cwd()


def write_files(root: Path, files: dict[str, str], *, force: bool) -> list[Path]:
    """Write ``files`` (paths relative to ``root``): all of them or none.

    Everything is first written to a temporary folder next to ``root`` and checked, then moved into
    place; if a move fails, files already moved are taken back and overwritten ones restored.

    Raises:
        WriteError: when a file exists (and ``force`` is off), a path is blocked, or writing fails.
    """
    targets = {rel: root / rel for rel in files}
    blocked = []
    for target in targets.values():
        for folder in [target.parent, *target.parent.parents]:
            if folder.exists() and not folder.is_dir():
                blocked.append(f"{folder} bestaat al en is geen map")
                break
        if target.is_dir():
            blocked.append(f"{target} is een map")
        elif target.exists() and not force:
            blocked.append(f"{target} bestaat al (gebruik --force om te overschrijven)")
    if blocked:
        raise WriteError("\n".join(dict.fromkeys(blocked)))
    try:
        staging = Path(tempfile.mkdtemp(prefix=".klantbeleving-import-", dir=_nearest_dir(root.parent)))
    except OSError as exc:
        raise WriteError(f"kan geen tijdelijke map maken naast {root}: {exc.strerror or exc}") from None
    try:
        new, old = staging / "new", staging / "old"
        try:
            for rel, text in files.items():
                path = new / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise WriteError(f"schrijven mislukt: {exc.strerror or exc}") from None
        _commit(targets, new, old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return list(targets.values())


def _commit(targets: dict[str, Path], new: Path, old: Path) -> None:
    created: list[Path] = []
    placed: list[Path] = []
    saved: list[tuple[Path, Path]] = []
    try:
        for rel, target in targets.items():
            missing = [f for f in [target.parent, *target.parent.parents] if not f.exists()]
            for folder in reversed(missing):
                folder.mkdir()
                created.append(folder)
            if target.exists():
                backup = old / rel
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backup)
                saved.append((backup, target))
            os.replace(new / rel, target)
            placed.append(target)
    except OSError as exc:
        for target in reversed(placed):
            target.unlink(missing_ok=True)
        for backup, target in reversed(saved):
            os.replace(backup, target)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise WriteError(f"schrijven mislukt, niets gewijzigd: {exc.strerror or exc}") from None


# -- command line --------------------------------------------------------------------------

HELP = """\
Importeer edities zoals de auteurs ze aanleveren (platte tekst, UTF-8): een titelregel
'Correspondentie over klantbeleving - <onderwerp>', een inleiding en dan de brieven, elk beginnend
met '<Plaats>, <maand> <jaar>' en 'Beste X en Y,' en eindigend met 'Groet,' en een voornaam.
Rommel uit webexports (bullets, tags, 'published in …', 'comments powered by …') verdwijnt.

Eén bestand: --into is de editiemap zelf, bijv. docs/brieven/2025-10-ceo-omarmt-cx.
Meer bestanden: elk bestand is één editie; --into is dan de map brieven/ en elke editie krijgt
een map <jjjj-mm>-<onderwerp> (van de titelregel).

Er wordt niets overschreven zonder --force, en bij een fout wordt niets geschreven.
Auteurs worden opgezocht in --authors, anders in <docs>/.authors.yml naast de doelmap,
anders in docs/.authors.yml van dit project."""


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
    p.add_argument("--stelling", default=None, help="de stelling van de editie (standaard: het onderwerp uit de titel)")
    p.add_argument("--authors", type=Path, default=None, metavar="BESTAND", help="het auteursbestand (.authors.yml)")


class _Stop(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code (0 written, 1 bad input or conflict, 2 wrong usage)."""
    try:
        written = _run(args, Path.cwd())
    except _Stop as stop:
        print(stop.message, file=sys.stderr)
        return stop.code
    for path in written:
        print(f"geschreven: {_display(path)}")
    return 0


def _run(args: argparse.Namespace, cwd: Path) -> list[Path]:
    into = Path(args.into)
    multi = len(args.files) > 1
    if escapes(into, cwd):
        raise _Stop(f"--into {args.into}: pad valt buiten de map waar het begint (door '..'); geweigerd", 2)
    into = into if into.is_absolute() else cwd / into
    if into.exists() and not into.is_dir():
        raise _Stop(f"--into {args.into}: bestaat al en is geen map", 2)
    if multi and args.stelling is not None:
        raise _Stop("--stelling kan alleen bij één bestand (elke editie heeft haar eigen stelling)", 2)
    authors = _registry(args, into if multi else into.parent, cwd)
    editions: list[tuple[str, ImportedEdition]] = []
    errors: list[str] = []
    for name in args.files:
        try:
            editions.append((name, _parse_file(Path(name), authors, args.stelling)))
        except LetterImportError as exc:
            errors.append(exc.format(name))
    if errors:
        raise _Stop("\n".join([*errors, "niets geschreven"]), 1)
    files = _plan(editions, multi)
    if not multi:
        _refuse_stale(into, files)
    else:
        for _name, edition in editions:
            _refuse_stale(into / edition.folder_name, {
                rel.split("/", 1)[1]: t for rel, t in files.items() if rel.startswith(edition.folder_name + "/")
            })
    try:
        return write_files(into, files, force=args.force)
    except WriteError as exc:
        raise _Stop(f"{exc}\nniets geschreven", 1) from None


def _registry(args: argparse.Namespace, brieven: Path, cwd: Path) -> dict[str, RegistryAuthor]:
    explicit = args.authors
    if explicit is not None and not explicit.is_file():
        raise _Stop(f"--authors {explicit}: bestand niet gevonden", 2)
    path = find_registry(brieven.parent, explicit, cwd)
    if path is None:
        return builtin_registry()
    try:
        return load_registry(path)
    except LetterImportError as exc:
        raise _Stop(exc.format(str(path)), 1) from None


def _parse_file(path: Path, authors: dict[str, RegistryAuthor], stelling: str | None) -> ImportedEdition:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LetterImportError(f"bestand kan niet gelezen worden: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LetterImportError("bestand is geen geldige UTF-8-tekst (sla het op als UTF-8)", line) from None
    if "\x00" in text:
        raise LetterImportError("bestand is binair, geen tekst")
    return parse_edition_text(text, authors, stelling=stelling)


def _plan(editions: list[tuple[str, ImportedEdition]], multi: bool) -> dict[str, str]:
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    for name, edition in editions:
        rendered = render_edition(edition)
        try:
            check_rendered(rendered)
        except LetterImportError as exc:
            raise _Stop(exc.format(name), 1) from None
        if not multi:
            return rendered
        folder = edition.folder_name
        if folder in folders:
            raise _Stop(f"{name} en {folders[folder]} geven allebei de editiemap {folder}; niets geschreven", 1)
        folders[folder] = name
        files.update({f"{folder}/{rel}": text for rel, text in rendered.items()})
    return files


_NUMBERED_RE = re.compile(r"^\d+-.*\.md$")


def _refuse_stale(folder: Path, files: dict[str, str]) -> None:
    """An existing edition folder with other numbered letters would get two letters per place."""
    if not folder.is_dir():
        return
    stale = sorted(p.name for p in folder.iterdir() if _NUMBERED_RE.match(p.name) and p.name not in files)
    if stale:
        raise _Stop(
            f"{folder} bevat al andere brieven ({', '.join(stale)}); verwijder die eerst of kies een andere map; "
            "niets geschreven",
            1,
        )


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
