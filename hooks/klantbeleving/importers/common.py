"""What the importers and ``klantbeleving new edition`` share: input errors, reading an input file
with a size cap, rendering a page, the author registry and paths on the command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from ..layout import AUTHORS_FILE
from ..load import load_authors
from ..model import Author
from ..sources import find_unsafe_char

MAX_INPUT_BYTES = 8 * 1024 * 1024
"""Largest input file an importer reads (a whole book as text is well under 2 MB)."""


class InputError(Exception):
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


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """The text of an input file, read only when it is a regular file and at most ``limit`` bytes.

    The file is opened without blocking and checked on the open descriptor, so a FIFO or a device
    (``/dev/zero``) is refused without waiting for or reading from it.

    Raises:
        InputError: when the file is missing, not a regular file, too large, binary or not UTF-8.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("bestand niet gevonden") from None
    except IsADirectoryError:
        raise InputError("dit is een map, geen bestand") from None
    except OSError as exc:
        raise InputError(f"bestand kan niet gelezen worden: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("dit is een map, geen bestand")
        if not stat.S_ISREG(mode):
            raise InputError("dit is geen gewoon bestand (een pipe of apparaat?); geef een tekstbestand")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"bestand kan niet gelezen worden: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"bestand is te groot (meer dan {limit // (1024 * 1024)} MB); is dit wel de tekst?")
    if b"\x00" in data:
        raise InputError("bestand is binair, geen tekst")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("bestand is geen geldige UTF-8-tekst (sla het op als UTF-8)", line) from None
    unsafe = find_unsafe_char(text)
    if unsafe is not None:
        raise InputError(unsafe[1], unsafe[0])
    return text


def render_page(meta: dict[str, Any], blocks: list[str]) -> str:
    """Frontmatter (``yaml.safe_dump``, so every value is safely quoted) and body blocks."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    body = "\n\n".join(blocks)
    page = f"---\n{front}---\n"
    return f"{page}\n{body}\n" if body else page


def read_registry(docs: Path) -> dict[str, Author]:
    """The author registry ``docs/.authors.yml``, read by the build's own loader.

    Raises:
        InputError: with ``path:line: message`` when the loader reports a problem or finds no authors.
    """
    authors, problems = load_authors(docs, label=str(docs))
    if problems:
        raise InputError("\n".join(p.format() for p in problems))
    if not authors:
        raise InputError(f"{docs / AUTHORS_FILE}: geen auteurs gevonden (verwacht 'authors:' met per auteur een 'name')")
    return authors


def find_registry(docs: Path, explicit: Path | None, cwd: Path) -> Path | None:
    """The docs folder whose ``.authors.yml`` names the authors: ``--authors`` (the file or its
    folder), the target's docs folder, or the project around ``cwd``; ``None`` when there is none."""
    if explicit is not None:
        return explicit.parent if explicit.name == AUTHORS_FILE else explicit
    candidates = [docs]
    for folder in [cwd, *cwd.parents]:
        if (folder / "mkdocs.yml").exists() and (folder / "docs").is_dir():
            candidates.append(folder / "docs")
            break
    return next((c for c in candidates if (c / AUTHORS_FILE).is_file()), None)


def docs_folder_of(path: Path) -> Path:
    """The ``docs`` folder a target lies in (the nearest ancestor named ``docs``), else its parent."""
    for folder in [path, *path.parents]:
        if folder.name == "docs":
            return folder
    return path.parent


def escapes(path: Path, cwd: Path) -> bool:
    """True when a path with ``..`` segments resolves outside where it starts.

    A relative path must stay inside ``cwd``; an absolute one inside its part before the first ``..``.
    """
    parts = path.parts
    if ".." not in parts:
        return False
    anchor = Path(*parts[: parts.index("..")]) if path.is_absolute() else cwd
    return not (cwd / path).resolve().is_relative_to(anchor.resolve())


def display(path: Path) -> str:
    """A path as the user gave it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
