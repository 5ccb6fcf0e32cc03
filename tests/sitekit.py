"""Test helpers: write a tiny site into a folder and build it for real with MkDocs."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import logging
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

from selectolax.lexbor import LexborHTMLParser

from klantbeleving.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

AUTHORS = """\
authors:
  wim-rampen:
    name: Wim Rampen
    city: Helmond
    role: brieven
    bio: Schrijft over klantwaarde.
  jan-hein-pierik:
    name: Jan-Hein Pierik
    city: Zeist
    role: brieven
    bio: Schrijft over strategie.
  rien-brus:
    name: Rien Brus
    city: Santpoort-Zuid
    role: brieven
    bio: Schrijft over leiderschap.
"""

EDITION = """\
---
title: Proefeditie
stelling: Een proef is nodig.
date: 2025-12
---

Een korte inleiding van de redactie.
"""


def letter(
    author: str, city: str, *, date: str = "2025-12", extra: str = "", body: str = "Een samenvatting.",
    number: int | None = None, numbered: bool = True, title: str = "",
) -> str:
    """Markdown source of a letter with the given frontmatter.

    ``number`` (its number in the series, required once a letter is published) stands last,
    after ``extra``; without one, a number made from the other arguments (the same for the same
    letter; two letters made alike need their own), or none when ``numbered`` is false. ``title`` is
    the title as YAML (quoted where it needs to be); by default "Brief van <author>"."""
    if numbered and number is None:
        number = zlib.crc32(f"{author}|{city}|{date}|{extra}|{body}".encode()) % 1_000_000_000 + 1
    numbered_line = f"number: {number}\n" if numbered else ""
    return f"---\ntitle: {title or f'Brief van {author}'}\nauthor: {author}\ncity: {city}\ndate: {date}\n{extra}{numbered_line}---\n\n{body}\n"


def small_site() -> dict[str, str]:
    """docs-relative path → text for a minimal valid site with one edition of three letters."""
    ed = "brieven/2025-12-proef"
    return {
        "index.md": "---\ntitle: Start\n---\n\nWelkom.\n",
        ".authors.yml": AUTHORS,
        f"{ed}/index.md": EDITION,
        f"{ed}/01-jan-hein-pierik.md": letter("jan-hein-pierik", "Zeist"),
        f"{ed}/02-rien-brus.md": letter("rien-brus", "Santpoort-Zuid", extra="standpunt: oneens\n"),
        f"{ed}/03-wim-rampen.md": letter("wim-rampen", "Helmond"),
        "begrippen/cxm.md": "---\nterm: CXM\naliases: [Customer Experience Management]\n---\n\nHet sturen op klantbeleving.\n",
    }


def mkdocs_yml(site_dir: Path, extra: str = "", features: tuple[str, ...] = ()) -> str:
    """A config that uses the project's real hooks, theme overrides and extensions
    (and the given Material ``features``)."""
    return dedent(f"""\
        site_name: Proef
        site_url: https://proef.example/
        docs_dir: docs
        site_dir: {site_dir}
        theme:
          name: material
          language: nl
          custom_dir: {ROOT / 'overrides'}
          font: false
          features: [{", ".join(features)}]
        hooks:
          - {ROOT / 'hooks' / 'content.py'}
          - {ROOT / 'hooks' / 'search_index.py'}
        plugins: []
        markdown_extensions:
          - attr_list
          - md_in_html
          - footnotes:
              BACKLINK_TITLE: "Terug naar voetnoot {{}} in de tekst"
          - toc:
              permalink: true
              permalink_title: Link naar deze sectie
        """) + extra


def write_site(root: Path, files: dict[str, str | bytes], config_extra: str = "", features: tuple[str, ...] = ()) -> Path:
    """Write docs files and mkdocs.yml under ``root``; return the config path."""
    for rel, content in files.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    cfg = root / "mkdocs.yml"
    cfg.write_text(mkdocs_yml(root / "site", config_extra, features), encoding="utf-8")
    return cfg


def build(config_file: Path, *, strict: bool = True) -> tuple[Exception | None, str]:
    """Run a real in-process MkDocs build; return (exception or None, captured log text)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), strict=strict)
        mkdocs_build(config)
        return None, stream.getvalue()
    except BaseException as exc:  # SystemExit/Abort/PluginError all end a build
        return exc, stream.getvalue()
    finally:
        logger.removeHandler(handler)


def changed_site(changes: dict[str, str | bytes | None]) -> dict[str, str | bytes]:
    """``small_site()`` with ``changes`` applied (``None`` deletes a file)."""
    files: dict[str, str | bytes] = dict(small_site())
    for rel, content in changes.items():
        if content is None:
            files.pop(rel, None)
        else:
            files[rel] = content
    return files


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's hash and every link's target below ``folder``, without following links."""
    found = {}
    for base, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_refused(config_file: Path, expected: str, *, untouched: Path | None = None) -> str:
    """``klantbeleving check`` (exit 1) and a real strict build both refuse the site with a message
    starting ``expected``, without a traceback, and leave ``untouched`` (default: the site's
    ``docs``) as it was. Returns what the check printed."""
    docs = config_file.parent / "docs"
    watched = untouched or docs
    before = snapshot(watched)

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["check", "--docs", str(docs)])
    assert code == 1
    lines = out.getvalue().splitlines()
    assert any(line.startswith(expected) for line in lines), lines
    assert "Traceback" not in out.getvalue() + err.getvalue()

    exc, log = build(config_file)
    assert exc is not None, "the build must fail"
    assert expected in log, log
    assert "Traceback" not in log
    assert snapshot(watched) == before, "sources must be left untouched"
    return out.getvalue()


def site_bytes(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file under a built site with its bytes as a reader's browser sees them: the search
    index's files (Pagefind gzips its fragments, index chunks, filters and metadata) decompressed."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            yield path, gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def english_interface_strings() -> list[str]:
    """The English interface text a page could show: every value of Material's English language
    partial, its footer credit line, and Python-Markdown's footnote back-link title. Values that are
    configuration (``en``, ``ltr``, the search pipeline) or also Dutch words (``in``, ``Metadata``)
    are left out; ``#`` (a count) stays a placeholder for :func:`english_pattern`."""
    import material
    from markdown.extensions.footnotes import FootnoteExtension

    partial = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    values = re.findall(r'^\s*"[a-z.]+":\s*"((?:[^"\\]|\\.)*)"', partial.read_text(encoding="utf-8"), re.MULTILINE)
    dutch_too = {"en", "ltr", "stopWordFilter", "in", "Metadata"}
    strings = [v for v in values if v not in dutch_too and not v.startswith("[")]
    backlink = str(FootnoteExtension().getConfig("BACKLINK_TITLE")).replace("{}", "#").replace("%d", "#")
    return sorted(set(strings) | {"Made with", "Material for MkDocs", backlink})


def english_pattern() -> re.Pattern[str]:
    """One pattern for all of :func:`english_interface_strings`, whole words, ``#`` as any number."""
    parts = [re.escape(s).replace("\\#", "#").replace("#", r"\d+") for s in english_interface_strings()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w-])")


def build_clean(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` as a site under ``root`` and build it strict; it must build without a
    warning. Returns the built site's folder."""
    exc, log = build(write_site(root, files))
    assert exc is None, log
    assert log == "", log
    return root / "site"


def parse_page(site: Path, rel: str) -> LexborHTMLParser:
    """A built page, parsed."""
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))
