"""Read ``docs/`` once into a :class:`~klantbeleving.model.Site`, with problems as data."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .checks import check_addressees, check_numbers, check_replies, check_visible_names, find_unknown_explicit
from .dates import DateError, PartialDate, parse_date
from .layout import AUTHORS_FILE, BOOK_DIR, GENERATED_SRCS, LETTERS_DIR, PLACES_FILE, TERMS_DIR, author_src, edition_src
from .model import (
    LINK_PAGE,
    LINK_SCOPES,
    STANCES,
    TEXT_KINDS,
    TEXT_SUMMARY,
    Author,
    BookPage,
    Chapter,
    Edition,
    Letter,
    Part,
    Site,
    Term,
)
from .pagekeys import PAGE_KEYS, check_author_fields, check_author_key, check_page_keys, page_kind
from .placeholders import placeholder_problems
from .problems import Problem
from .sources import MAX_REGISTRY_CHARS, UNSAFE_CHAR, Source, find_unsafe_char, load_yaml_with_node, read_source
from .text import typography

_UNSAFE_IN_NAME = re.compile(UNSAFE_CHAR)
_POSITION_RE = re.compile(r"^(\d+)-")


@dataclass
class _Ctx:
    """What the readers below share while loading one site."""

    label: str
    today: dt.date
    problems: list[Problem]

    def where(self, src: str) -> str:
        return f"{self.label}/{src}" if self.label else src

    def add(self, src: str, line: int | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.where(src), line, message, severity))  # type: ignore[arg-type]


@dataclass
class DocsTree:
    """What is under the docs folder.

    Attributes:
        files: docs-relative POSIX paths of every file that may be read (sorted).
        refused: docs-relative path → why it is not read: a symbolic link whose target lies outside
            the docs folder, leads nowhere, or makes a loop (a folder that contains itself).
    """

    files: list[str]
    refused: dict[str, str]

    def problems(self, label: str) -> list[Problem]:
        """The refused paths as errors (paths prefixed with ``label``)."""
        return [Problem(f"{label}/{src}" if label else src, None, why) for src, why in sorted(self.refused.items())]


def scan_docs(docs_dir: Path) -> DocsTree:
    """Walk ``docs_dir`` as MkDocs would (into symlinked folders too), but follow a symbolic link
    only when its real target is inside the docs folder and is not one of the folders it is in."""
    root = os.path.realpath(docs_dir)
    files: list[str] = []
    refused: dict[str, str] = {}
    if not os.path.isdir(root):
        return DocsTree(files, refused)
    stack: list[tuple[str, tuple[str, ...]]] = [("", (root,))]  # (docs-relative folder, its real ancestors)
    while stack:
        folder, ancestors = stack.pop()
        try:
            entries = list(os.scandir(docs_dir / folder if folder else docs_dir))
        except OSError as exc:
            refused[folder.rstrip("/") or "."] = f"map kan niet gelezen worden: {exc.strerror or exc}"
            continue
        for entry in entries:
            rel = folder + entry.name
            unsafe = find_unsafe_char(entry.name)
            if unsafe is not None:
                refused[_UNSAFE_IN_NAME.sub("?", rel)] = f"naam van bestand of map: {unsafe[1]}"
                continue
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                why = _refuse_link(real, root, ancestors) or _refuse_hidden_target(real, root, rel)
                if why:
                    refused[rel] = why
                elif os.path.isdir(real):
                    stack.append((rel + "/", (*ancestors, real)))
                elif os.path.isfile(real):
                    files.append(rel)
                else:
                    refused[rel] = _NOT_A_FILE
            elif entry.is_dir():
                stack.append((rel + "/", (*ancestors, os.path.join(ancestors[-1], entry.name))))
            elif entry.is_file():
                files.append(rel)
            else:
                refused[rel] = _NOT_A_FILE
    return DocsTree(sorted(files), refused)


_NOT_A_FILE = "geen gewoon bestand (een pipe, socket of apparaat): wordt niet gelezen, haal het weg"
"""Reading a named pipe waits forever; such a file never belongs in the docs folder."""


def _refuse_hidden_target(real: str, root: str, rel: str) -> str:
    """Why a visible link to a hidden file or folder in the docs folder (``.authors.yml``,
    ``.git/``) is not followed: MkDocs publishes no name that starts with a dot."""
    if _in_dot_folder(rel) or not _in_dot_folder(os.path.relpath(real, root).replace(os.sep, "/")):
        return ""
    return "symbolische link naar een verborgen bestand of map (naam met een punt): wordt niet gelezen"


def _in_dot_folder(rel: str) -> bool:
    """True when a name in the docs-relative path starts with a dot."""
    return any(part.startswith(".") and part not in (".", "..") for part in rel.split("/"))


def _refuse_link(real: str, root: str, ancestors: tuple[str, ...]) -> str:
    """Why a symbolic link to ``real`` is not followed (empty when it may be)."""
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        return "symbolische link naar iets buiten de docs-map: wordt niet gelezen (kopieer het bestand in docs/)"
    if not os.path.exists(real):
        return "symbolische link leidt nergens heen (doel ontbreekt of de links vormen een kring)"
    if real in ancestors:
        return "symbolische link naar een map waar hij zelf in staat: dat is een lus"
    return ""


def list_sources(docs_dir: Path, tree: DocsTree | None = None) -> list[str]:
    """Docs-relative POSIX paths of all Markdown sources, skipping dot-folders and dotfiles."""
    files = (tree or scan_docs(docs_dir)).files
    return [src for src in files if src.endswith(".md") and not any(part.startswith(".") for part in src.split("/"))]


def load_site(
    docs_dir: Path,
    *,
    label: str = "docs",
    today: dt.date | None = None,
    include_drafts: bool = False,
) -> tuple[Site, list[Problem]]:
    """Read every source under ``docs_dir`` and build the cross-referenced model.

    Args:
        docs_dir: the content folder.
        label: prefix for paths in problems (``docs`` → ``docs/brieven/…``).
        today: the date that decides embargoes (``publish``); defaults to today.
        include_drafts: keep drafts and embargoed letters (for ``mkdocs serve``).

    Returns:
        The site and every problem found (errors and warnings).
    """
    ctx = _Ctx(label, today or dt.date.today(), [])
    tree = scan_docs(docs_dir)
    ctx.problems.extend(tree.problems(label))
    site = Site(authors=_load_authors(docs_dir, tree, ctx), places=_load_places(docs_dir, tree, ctx))
    sources: dict[str, Source] = {}
    broken: set[str] = set()
    for src in list_sources(docs_dir, tree):
        try:
            data = (docs_dir / src).read_bytes()
        except OSError as exc:
            ctx.add(src, None, f"bestand kan niet gelezen worden: {exc.strerror or exc}")
            continue
        source, problems = read_source(ctx.where(src), data)
        ctx.problems.extend(problems)
        if source is None or any(p.severity == "error" for p in problems):
            broken.add(src)  # reported once; not read further (no follow-up noise)
        else:
            sources[src] = source
    for src, source in sources.items():
        ctx.problems.extend(check_page_keys(source, src))
    _check_unique_urls(sorted([*sources, *broken]), [*GENERATED_SRCS, *map(author_src, site.authors)], ctx)
    ctx.problems += placeholder_problems(sources, ctx.where)
    _load_letters(sources, broken, site, ctx)
    ctx.problems.extend(check_numbers(site.editions, sources))
    _load_book(sources, site, ctx)
    _load_terms(sources, site, ctx)
    _load_termlinks(sources, site, ctx)
    ctx.problems.extend(find_unknown_explicit(sources, site.terms.values(), ctx.label))
    _resolve_drafts(site, ctx, include_drafts)
    _resolve_correspondence(site)
    site.reindex()
    site.sources = sources
    return site, ctx.problems


def url_key(src: str) -> str:
    """The page address a source gets (directory URLs), folded for case-insensitive file systems."""
    path = src.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")].rstrip("/")
    return path.casefold()


def _check_unique_urls(srcs: list[str], generated: list[str], ctx: _Ctx) -> None:
    """Two sources that would publish at the same address (duplicate slugs), or a source at the
    address of a generated page under another path (a source at the same path replaces it)."""
    seen: dict[str, str] = {}
    for src in srcs:
        key = url_key(src)
        if key in seen:
            ctx.add(src, None, f"dubbele slug: dit bestand krijgt hetzelfde adres (/{key}/) als {ctx.where(seen[key])}")
        else:
            seen[key] = src
    for page in generated:
        taken = seen.get(url_key(page))
        if taken is not None and taken != page:
            ctx.add(taken, None, f"dubbele slug: dit bestand krijgt hetzelfde adres (/{url_key(page)}/) als de gemaakte pagina {page}")


# -- authors -------------------------------------------------------------------------------


def load_authors(docs_dir: Path, label: str = "docs") -> tuple[dict[str, Author], list[Problem]]:
    """The author registry of ``docs_dir`` alone (for the importers), with its problems."""
    ctx = _Ctx(label, dt.date.today(), [])
    return _load_authors(docs_dir, scan_docs(docs_dir), ctx), ctx.problems


def _load_authors(docs_dir: Path, tree: DocsTree, ctx: _Ctx) -> dict[str, Author]:
    if AUTHORS_FILE not in tree.files:
        return {}
    path = docs_dir / AUTHORS_FILE
    loaded = _read_registry(path, AUTHORS_FILE, ctx)
    if loaded is None:
        return {}
    data, node = loaded
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        ctx.add(AUTHORS_FILE, 1, "verwacht een mapping 'authors:' met per auteur een sleutel")
        return {}
    lines = _mapping_lines(node, "authors")
    authors: dict[str, Author] = {}
    for key, entry in entries.items():
        key = str(key)
        line = lines.get(key)
        if not isinstance(entry, dict):
            ctx.add(AUTHORS_FILE, line, f"auteur '{key}' moet een mapping zijn (name, city, bio …)")
            continue
        wrong = [m for m in [check_author_key(key), *check_author_fields(key, entry)] if m]
        for message in wrong:
            ctx.add(AUTHORS_FILE, line, message)
        if wrong:
            continue
        name = _text(entry.get("name"))
        if not name:
            ctx.add(AUTHORS_FILE, line, f"auteur '{key}' heeft geen 'name'")
            continue
        authors[key] = Author(
            key=key,
            name=typography(name),
            city=typography(_text(entry.get("city"))),
            description=typography(_text(entry.get("description"))),
            bio=_text(entry.get("bio")),
            role=_text(entry.get("role")),
            avatar=_text(entry.get("avatar")),
        )
    return authors


def _load_places(docs_dir: Path, tree: DocsTree, ctx: _Ctx) -> dict[str, int]:
    """``.places.yml``: city name → GeoNames id (for the CMIF export)."""
    if PLACES_FILE not in tree.files:
        return {}
    path = docs_dir / PLACES_FILE
    loaded = _read_registry(path, PLACES_FILE, ctx)
    if loaded is None:
        return {}
    data = loaded[0]
    entries = data.get("places") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        ctx.add(PLACES_FILE, 1, "verwacht een mapping 'places:' met per plaats 'geonames: <id>'")
        return {}
    places: dict[str, int] = {}
    for name, entry in entries.items():
        geonames = entry.get("geonames") if isinstance(entry, dict) else None
        if geonames is None:
            continue
        if isinstance(geonames, bool) or not isinstance(geonames, int):
            ctx.add(PLACES_FILE, None, f"plaats '{name}': 'geonames' moet een getal zijn")
            continue
        places[str(name)] = geonames
    return places


def _read_registry(path: Path, name: str, ctx: _Ctx) -> tuple[Any, yaml.Node | None] | None:
    """A registry file's YAML document and root node, or ``None`` with its problem reported."""
    try:
        text = path.read_bytes().decode("utf-8")
        return load_yaml_with_node(text, max_chars=MAX_REGISTRY_CHARS)
    except OSError as exc:
        ctx.add(name, None, f"bestand kan niet gelezen worden: {exc.strerror or exc}")
    except UnicodeDecodeError:
        ctx.add(name, None, "bestand is geen geldige UTF-8-tekst")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        ctx.add(name, mark.line + 1 if mark else 1, f"YAML-fout: {exc.problem}")
    except yaml.YAMLError as exc:
        ctx.add(name, 1, f"YAML-fout: {exc}")
    return None


def _mapping_lines(node: Any, key: str) -> dict[str, int]:
    """Line numbers of the keys of the mapping stored under ``key`` in a YAML node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key_node, value in node.value:
        if key_node.value == key and isinstance(value, yaml.MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in value.value}
    return {}


# -- letters -------------------------------------------------------------------------------


def _load_letters(sources: dict[str, Source], broken: set[str], site: Site, ctx: _Ctx) -> None:
    by_folder: dict[str, list[str]] = {}
    for src in [*sources, *broken]:
        parts = src.split("/")  # docs-relative POSIX paths, as list_sources gives them
        if parts[0] != LETTERS_DIR or len(parts) == 1:
            continue
        if len(parts) == 2:
            if parts[1] != "index.md":
                ctx.add(src, None, "brief staat niet in een editiemap (brieven/<jjjj-mm-onderwerp>/)")
            continue
        if len(parts) > 3:
            ctx.add(src, None, "te diep genest: een editie is één map onder brieven/")
            continue
        by_folder.setdefault(parts[1], []).append(src)
    for slug, files in sorted(by_folder.items()):
        index = edition_src(slug)
        if index in broken:
            continue
        if index not in sources:
            if index not in files:
                for src in files:
                    ctx.add(src, None, f"editie '{slug}' heeft geen index.md met stelling en datum")
            continue
        edition = _read_edition(sources[index], index, slug, ctx)
        if edition is None:
            continue
        seen: dict[int, str] = {}
        for src in sorted(files):
            if src == index or src in broken:
                continue
            letter = _read_letter(sources[src], src, edition, site, ctx)
            if letter is None:
                continue
            if letter.position in seen:
                ctx.add(src, None, f"volgnummer {letter.position} is al in gebruik door {ctx.where(seen[letter.position])}")
                continue
            seen[letter.position] = src
            edition.letters.append(letter)
        edition.letters.sort(key=lambda x: x.position)
        ctx.problems.extend(check_replies(edition, sources))
        site.editions.append(edition)
    site.editions.sort(key=lambda e: (e.date, e.slug))


def next_letter_number(site: Site) -> int:
    """The number the next letter gets: one above every number already given, to a loaded letter
    or in any letter source read (drafts, embargoed or refused letters too). A gap is never filled:
    a number once cited must not come to mean another letter."""
    given = [x.number for x in site.letters() if x.number is not None]
    for src, source in site.sources.items():
        number = source.meta.get("number")
        if src.startswith(LETTERS_DIR + "/") and isinstance(number, int) and not isinstance(number, bool):
            given.append(number)
    return max(given, default=0) + 1


def _read_edition(source: Source, src: str, slug: str, ctx: _Ctx) -> Edition | None:
    meta = source.meta
    stelling = _required_text(source, src, "stelling", ctx)
    date = _required_date(source, src, "date", ctx)
    draft = _bool(source, src, "draft", ctx)
    publish = _optional_date(source, src, "publish", ctx)
    if stelling is None or date is None:
        return None
    return Edition(
        src=src,
        slug=slug,
        title=typography(_text(meta.get("title")) or stelling),
        stelling=typography(stelling),
        date=date,
        lead=source.body.strip(),
        draft=draft,
        publish=publish,
        published_in=_text(meta.get("published_in")),
        tags=_str_list(source, src, "tags", ctx),
    )


def _read_letter(source: Source, src: str, edition: Edition, site: Site, ctx: _Ctx) -> Letter | None:
    meta = source.meta
    name = src.rsplit("/", 1)[-1]
    match = _POSITION_RE.match(name)
    if not match:
        ctx.add(src, None, "bestandsnaam van een brief begint met een volgnummer, bijv. 01-wim-rampen.md")
        return None
    author = _required_text(source, src, "author", ctx)
    city = _required_text(source, src, "city", ctx)
    date = _required_date(source, src, "date", ctx)
    ok = author is not None and city is not None and date is not None
    if author is not None and site.authors and author not in site.authors:
        known = ", ".join(sorted(site.authors))
        ctx.add(src, source.line_of("author"), f"onbekende auteur '{author}' (bekend in {AUTHORS_FILE}: {known})")
        ok = False
    elif author is not None and not site.authors:
        ctx.add(src, source.line_of("author"), f"auteur '{author}' kan niet opgezocht worden: {AUTHORS_FILE} ontbreekt of is leeg")
        ok = False
    stelling = _text(meta.get("stelling"))
    if stelling and _norm(stelling) != _norm(edition.stelling):
        ctx.add(src, source.line_of("stelling"), f"stelling wijkt af van de stelling van de editie in {ctx.where(edition.src)}")
        ok = False
    standpunt = _text(meta.get("standpunt")).lower()
    if standpunt and standpunt not in STANCES:
        ctx.add(src, source.line_of("standpunt"), f"standpunt '{standpunt}' is niet een van: {', '.join(STANCES)}")
        ok = False
    addressees = _str_list(source, src, "addressees", ctx)
    for key in addressees:
        if key not in site.authors:
            ctx.add(src, source.line_of("addressees"), f"onbekende geadresseerde '{key}'")
            ok = False
    for message in check_addressees(author or "", addressees):
        ctx.add(src, source.line_of("addressees"), message)
        ok = False
    text = _text(meta.get("text")).lower() or TEXT_SUMMARY
    if text not in TEXT_KINDS:
        ctx.add(src, source.line_of("text"), f"'text' is '{text}', niet een van: {', '.join(TEXT_KINDS)}")
        ok = False
    number = meta.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
        ctx.add(src, source.line_of("number"), f"'number' (het briefnummer) moet een geheel getal van 1 of hoger zijn, niet '{number}'")
        ok = False
    draft = _bool(source, src, "draft", ctx)
    publish = _optional_date(source, src, "publish", ctx)
    if not ok:
        return None
    assert author is not None and city is not None and date is not None
    in_reply_to = _text(meta.get("in_reply_to"))
    return Letter(
        src=src,
        edition=edition.slug,
        position=int(match[1]),
        author=author,
        city=typography(city),
        date=date,
        title=typography(_text(meta.get("title"))) or f"Brief van {site.authors[author].name}",
        stelling=edition.stelling,
        standpunt=standpunt,
        quote=typography(_text(meta.get("quote"))),
        draft=draft,
        publish=publish,
        addressees=addressees,
        explicit_addressees=bool(addressees),
        in_reply_to=f"{LETTERS_DIR}/{edition.slug}/{in_reply_to}" if in_reply_to else None,
        body=source.body,
        number=number,
        text=text,
    )


def _resolve_drafts(site: Site, ctx: _Ctx, include_drafts: bool) -> None:
    """Mark drafts and embargoed editions/letters as excluded (unless drafts are shown)."""
    for edition in site.editions:
        hidden_edition = _hidden(edition.draft, edition.publish, ctx.today)
        for letter in edition.letters:
            if hidden_edition or _hidden(letter.draft, letter.publish, ctx.today):
                site.excluded.add(letter.src)
        if hidden_edition:
            site.excluded.add(edition.src)
    if include_drafts:
        return
    for edition in site.editions:
        edition.letters = [x for x in edition.letters if x.src not in site.excluded]
    site.editions = [e for e in site.editions if e.src not in site.excluded]


def _hidden(draft: bool, publish: PartialDate | None, today: dt.date) -> bool:
    return draft or (publish is not None and publish.as_date() > today)


def _resolve_correspondence(site: Site) -> None:
    """Addressees and replies follow the order of letters unless given explicitly."""
    for edition in site.editions:
        letters = edition.letters
        srcs = {x.src for x in letters}
        for i, letter in enumerate(letters):
            if not letter.explicit_addressees:
                letter.addressees = _unique(x.author for x in letters if x.author != letter.author)
            # checks.check_replies refused unknown targets; one left out here is a draft or embargoed
            if letter.in_reply_to is None or letter.in_reply_to not in srcs:
                letter.in_reply_to = letters[i - 1].src if i > 0 else None
        for letter in letters:
            letter.replies = [x.src for x in letters if x.in_reply_to == letter.src]


# -- book ----------------------------------------------------------------------------------


def _load_book(sources: dict[str, Source], site: Site, ctx: _Ctx) -> None:
    parts: dict[int, Part] = {}
    chapters: list[Chapter] = []
    for src, source in sources.items():
        if not src.startswith(BOOK_DIR + "/"):
            continue
        path = PurePosixPath(src)
        meta = source.meta
        title = _text(meta.get("title"))
        if "chapter" in meta:
            number = _int(source, src, "chapter", ctx)
            part = _int(source, src, "part", ctx)
            if number is None or part is None:
                continue
            if not title:
                ctx.add(src, source.line_of("title") or 1, "hoofdstuk zonder 'title'")
                continue
            chapters.append(Chapter(src, part, number, title, source.body))
        elif "part" in meta:
            number = _int(source, src, "part", ctx)
            if number is None:
                continue
            if number in parts:
                ctx.add(src, source.line_of("part"), f"deel {number} bestaat al in {ctx.where(parts[number].src)}")
                continue
            parts[number] = Part(src, number, title or f"Deel {number}", body=source.body)
        else:
            order = meta.get("order", 50)
            site.book_pages.append(BookPage(src, title or path.stem, order if isinstance(order, int) else 50, source.body))
    seen: dict[tuple[int, int], str] = {}
    for chapter in sorted(chapters, key=lambda c: (c.part, c.number)):
        if chapter.part not in parts:
            ctx.add(chapter.src, None, f"hoofdstuk hoort bij deel {chapter.part}, maar dat deel bestaat niet")
            continue
        if (chapter.part, chapter.number) in seen:
            ctx.add(chapter.src, None, f"hoofdstuk {chapter.number} bestaat al in {ctx.where(seen[(chapter.part, chapter.number)])}")
            continue
        seen[(chapter.part, chapter.number)] = chapter.src
        parts[chapter.part].chapters.append(chapter)
        site.chapters.append(chapter)
    site.parts = [parts[n] for n in sorted(parts)]
    site.book_pages.sort(key=lambda p: (p.order, p.src))


# -- terms ---------------------------------------------------------------------------------


def _load_terms(sources: dict[str, Source], site: Site, ctx: _Ctx) -> None:
    names: dict[str, str] = {}
    for src, source in sorted(sources.items()):
        if not src.startswith(TERMS_DIR + "/"):
            continue
        path = PurePosixPath(src)
        if path.name == "index.md":
            continue
        if len(path.parts) != 2:
            ctx.add(src, None, "begrippen staan direct in begrippen/, niet in een submap")
            continue
        term = _required_text(source, src, "term", ctx)
        definition = source.body.strip()
        if not definition:
            ctx.add(src, source.body_line, "begrip zonder definitie (de tekst onder de frontmatter is leeg)")
        aliases = _str_list(source, src, "aliases", ctx)
        forms = _str_list(source, src, "forms", ctx)
        related = _str_list(source, src, "related", ctx)
        if term is None or not definition:
            continue
        invisible = check_visible_names(source, ("term", "aliases", "forms"))
        if invisible:
            ctx.problems.extend(invisible)
            continue
        clash = False
        for name in [term, *aliases, *forms]:
            other = names.get(name.casefold())
            if other and other != src:
                ctx.add(src, source.line_of("term"), f"'{name}' hoort al bij een ander begrip ({ctx.where(other)})")
                clash = True
            names[name.casefold()] = src
        if clash:
            continue
        source_ref = _text(source.meta.get("source"))
        if source_ref and source_ref not in sources:
            ctx.add(src, source.line_of("source"), f"'source' verwijst naar een onbekende pagina: {source_ref}")
            source_ref = ""
        link = _link_scope(source, src, "link", ctx) or LINK_PAGE
        site.terms[path.stem] = Term(src, path.stem, term, aliases, forms, related, source_ref, definition, link)
    for slug, entry in site.terms.items():
        source = sources[entry.src]
        for other in entry.related:
            if other == slug:
                ctx.add(entry.src, source.line_of("related"), "een begrip kan niet aan zichzelf verwant zijn")
            elif other not in site.terms:
                ctx.add(entry.src, source.line_of("related"), f"verwant begrip '{other}' bestaat niet (geen begrippen/{other}.md)")
        entry.related = [x for x in entry.related if x in site.terms and x != slug]


def _load_termlinks(sources: dict[str, Source], site: Site, ctx: _Ctx) -> None:
    """``termlinks: sectie``: the page links each term at its first mention per section."""
    for src, source in sources.items():
        if "termlinks" not in source.meta or "termlinks" not in PAGE_KEYS[page_kind(src, source.meta)]:
            continue  # where the key is not allowed, check_page_keys says so
        scope = _link_scope(source, src, "termlinks", ctx)
        if scope:
            site.termlinks[src] = scope


# -- value helpers ------------------------------------------------------------------------


def _link_scope(source: Source, src: str, key: str, ctx: _Ctx) -> str | None:
    """A key that says how often terms are linked: ``pagina`` or ``sectie`` (None: not given or wrong)."""
    value = source.meta.get(key)
    if value is None:
        return None
    scope = value.strip().lower() if isinstance(value, str) else None
    if scope not in LINK_SCOPES:
        ctx.add(src, source.line_of(key), f"'{key}' moet {' of '.join(LINK_SCOPES)} zijn, niet '{_text(value)}'")
        return None
    return scope


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _norm(text: str) -> str:
    return " ".join(typography(text).split()).casefold()


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _required_text(source: Source, src: str, key: str, ctx: _Ctx) -> str | None:
    value = source.meta.get(key)
    if value is None or value == "":
        ctx.add(src, source.line_of(key) if key in source.lines else 1, f"verplichte sleutel '{key}' ontbreekt")
        return None
    if isinstance(value, (dict, list)):
        ctx.add(src, source.line_of(key), f"'{key}' moet tekst zijn, geen lijst of mapping")
        return None
    return _text(value)


def _required_date(source: Source, src: str, key: str, ctx: _Ctx) -> PartialDate | None:
    if source.meta.get(key) in (None, ""):
        ctx.add(src, 1, f"verplichte sleutel '{key}' ontbreekt")
        return None
    return _optional_date(source, src, key, ctx)


def _optional_date(source: Source, src: str, key: str, ctx: _Ctx) -> PartialDate | None:
    value = source.meta.get(key)
    if value in (None, ""):
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        ctx.add(src, source.line_of(key), f"'{key}': {exc}")
        return None


def _bool(source: Source, src: str, key: str, ctx: _Ctx) -> bool:
    value = source.meta.get(key, False)
    if not isinstance(value, bool):
        ctx.add(src, source.line_of(key), f"'{key}' moet true of false zijn, niet '{value}'")
        return False
    return value


def _int(source: Source, src: str, key: str, ctx: _Ctx) -> int | None:
    value = source.meta.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        ctx.add(src, source.line_of(key), f"'{key}' moet een geheel getal zijn, niet '{value}'")
        return None
    return value


def _str_list(source: Source, src: str, key: str, ctx: _Ctx) -> list[str]:
    value = source.meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list) or any(isinstance(x, (dict, list)) or x is None for x in value):
        ctx.add(src, source.line_of(key), f"'{key}' moet een lijst met tekst zijn")
        return []
    return [_text(x) for x in value if _text(x)]
