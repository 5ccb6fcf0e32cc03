"""Hostile input, second round: mixed partial dates, deep or explosive YAML, characters XML cannot
hold, and symbolic links out of docs/ or into loops. Each bad case gives `path[:line]: message`
from `klantbeleving check` (exit 1) and from a real strict build, never a traceback or a signal;
sources stay byte-identical and nothing from outside docs/ reaches site/."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from klantbeleving.cli import main as cli_main
from klantbeleving.scaffold import create_edition
from tests.sitekit import EDITION, assert_refused, build, changed_site, letter, small_site, snapshot, write_site

ED = "brieven/2025-12-proef"
IDX = f"{ED}/index.md"
L1 = f"{ED}/01-jan-hein-pierik.md"
L2 = f"{ED}/02-rien-brus.md"
SECRET = "GEHEIM-BUITEN-DOCS-7f3a"
"""In every file outside docs/ that a link points at: it must never reach site/."""
OUTSIDE = "@outside"
FIFO = "@fifo"  # as a link's target: a named pipe in its place (reading one waits for a writer)
"""A link target written as ``@outside/<name>`` lies in the test's folder next to docs/."""

BOMB = "&a [x, x, x, x, x, x, x, x, x]"
LAUGHS = "".join(f"  {n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))


def _deep_block(depth: int, indent: str = "") -> str:
    return "".join(indent + " " * i + f"k{i}:\n" for i in range(depth)) + indent + " " * depth + "x\n"


def _frontmatter(*lines: str, body: str = "Tekst.") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + f"---\n\n{body}\n"


A = "author: rien-brus"
C = "city: Zeist"
D = "date: 2025-12"
T = "title: Brief"

Changes = dict[str, "str | bytes | None"]
Links = dict[str, str]

# (id, changes to the small valid site (None deletes), symbolic links (docs path → target), expected start)
DEEP: list[tuple[str, Changes, Links, str]] = [
    ("flow-25000", {L2: letter("rien-brus", "Zeist", extra="x: " + "[" * 25_000 + "]" * 25_000 + "\n")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: te diep genest"),
    ("flow-mappings", {L2: letter("rien-brus", "Zeist", extra="x: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: te diep genest"),
    ("block-mappings", {L2: _frontmatter(A, C, D, "x:" + "\n" + _deep_block(300, "  ").rstrip("\n"))}, {},
     f"docs/{L2}:25: YAML-fout in frontmatter: te diep genest"),
    ("block-sequences", {L2: _frontmatter(A, C, D, "x:", "- " * 3_000 + "y")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: te diep genest"),
    ("authors-block-1000", {".authors.yml": "authors:\n" + _deep_block(1_000, "  ")}, {},
     "docs/.authors.yml:21: YAML-fout: te diep genest"),
    ("authors-sequences-2000", {".authors.yml": "authors:\n  x:\n    " + "- " * 2_000 + "y\n"}, {},
     "docs/.authors.yml:3: YAML-fout: te diep genest"),
    ("authors-flow-25000", {".authors.yml": "authors:\n  x: " + "[" * 25_000 + "]" * 25_000 + "\n"}, {},
     "docs/.authors.yml:2: YAML-fout: te diep genest"),
    ("places-deep", {".places.yml": "places:\n  Zeist: " + "[" * 10_000 + "]" * 10_000 + "\n"}, {},
     "docs/.places.yml:2: YAML-fout: te diep genest"),
    ("bomb-in-draft", {L2: _frontmatter(A, C, D, f"x: {BOMB}", LAUGHS.rstrip("\n"), "draft: *i")}, {},
     f"docs/{L2}:5: YAML-fout in frontmatter: ankers"),
    ("bomb-in-date", {L2: _frontmatter(A, C, f"laughs: {{a: {BOMB}}}", "date: *a")}, {},
     f"docs/{L2}:4: YAML-fout in frontmatter: ankers"),
    ("alias-in-title", {L2: _frontmatter(A, C, D, "title: *t")}, {},
     f"docs/{L2}:5: YAML-fout in frontmatter: verwijzingen"),
    ("bomb-in-authors", {".authors.yml": "laughs:\n  a: " + BOMB + "\n" + LAUGHS}, {},
     "docs/.authors.yml:2: YAML-fout: ankers"),
    ("int-5000-digits", {L2: letter("rien-brus", "Zeist", extra="x: " + "7" * 5_000 + "\n")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: getal met te veel cijfers"),
    ("int-in-chapter", {"boek/deel-1/index.md": "---\ntitle: D\npart: 1\n---\n",
                        "boek/deel-1/01-x.md": _frontmatter("title: X", "part: 1", "chapter: " + "1" * 4_400)}, {},
     "docs/boek/deel-1/01-x.md:4: YAML-fout in frontmatter: getal met te veel cijfers"),
    ("int-in-places", {".places.yml": "places:\n  Zeist:\n    geonames: " + "9" * 5_000 + "\n"}, {},
     "docs/.places.yml:3: YAML-fout: getal met te veel cijfers"),
    ("float-1e400", {"boek/over.md": _frontmatter("title: Over", "order: 1.0e+400")}, {},
     "docs/boek/over.md:3: YAML-fout in frontmatter: getal is te groot"),
    ("float-long-digits", {L2: letter("rien-brus", "Zeist", extra="x: 3." + "1" * 3_000 + "\n")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: getal met te veel cijfers"),
    ("timestamp-tag", {L2: letter("rien-brus", "Zeist", date="!!timestamp 2025-13-01")}, {},
     f"docs/{L2}:5: YAML-fout in frontmatter: '!!timestamp'"),
    ("frontmatter-too-long", {L2: letter("rien-brus", "Zeist", extra="quote: " + "woord " * 20_000 + "\n")}, {},
     f"docs/{L2}:1: YAML-fout in frontmatter: te lang"),
]

CONTROL: list[tuple[str, Changes, Links, str]] = [
    ("city-escape", {L2: letter("rien-brus", '"Zeist\\e[31m"')}, {}, f"docs/{L2}:4: YAML-fout in frontmatter: teken U+001B"),
    ("city-raw", {L2: letter("rien-brus", "Zeist\x1b[2J")}, {}, f"docs/{L2}:4: teken U+001B"),
    ("stelling-raw", {IDX: EDITION.replace("nodig.", "nodig.\x01")}, {}, f"docs/{IDX}:3: teken U+0001"),
    ("stelling-nul-escape", {IDX: EDITION.replace("stelling: Een proef is nodig.", 'stelling: "Een\\0proef"')}, {},
     f"docs/{IDX}:3: YAML-fout in frontmatter: teken U+0000"),
    ("title-c1", {L2: letter("rien-brus", "Zeist").replace("title: Brief", 'title: "Brief\\x9b"')}, {},
     f"docs/{L2}:2: YAML-fout in frontmatter: teken U+009B"),
    ("quote-fffe", {L2: letter("rien-brus", "Zeist", extra="quote: Iets\ufffe\n")}, {}, f"docs/{L2}:6: teken U+FFFE"),
    ("quote-surrogate-escape", {L2: letter("rien-brus", "Zeist", extra='quote: "\\ud800"\n')}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter"),
    ("alias-term-escape", {"begrippen/cxm.md": '---\nterm: CXM\naliases: ["Customer\\x07"]\n---\n\nIets.\n'}, {},
     "docs/begrippen/cxm.md:3: YAML-fout in frontmatter: teken U+0007"),
    ("body-escape", {L2: letter("rien-brus", "Zeist", body="Eerste regel.\n\nDan \x1b]0;x\x07 en verder.")}, {},
     f"docs/{L2}:11: teken U+001B"),
    ("body-vertical-tab", {L1: letter("jan-hein-pierik", "Zeist", body="Regel\x0bna regel.")}, {}, f"docs/{L1}:9: teken U+000B"),
    ("body-nonchar", {"begrippen/cxm.md": "---\nterm: CXM\n---\n\nHet sturen\uffff op klantbeleving.\n"}, {},
     "docs/begrippen/cxm.md:5: teken U+FFFF"),
    ("page-without-frontmatter", {"boek/over.md": "# Over\n\nTekst\x7f.\n"}, {}, "docs/boek/over.md:3: teken U+007F"),
    ("authors-city-escape", {".authors.yml": "authors:\n  rien-brus:\n    name: Rien Brus\n    city: \"Zeist\\e\"\n"}, {},
     "docs/.authors.yml:4: YAML-fout: teken U+001B"),
    ("authors-bio-raw", {".authors.yml": "authors:\n  rien-brus:\n    name: Rien Brus\n    bio: Schrijft\x08.\n"}, {},
     "docs/.authors.yml:4: YAML-fout: teken U+0008"),
    ("file-name", {"boek/over\x1b[2J.md": "# Over\n"}, {}, "docs/boek/over?[2J.md: naam van bestand of map: teken U+001B"),
    ("folder-name", {"boek/deel\x01/over.md": "# Over\n"}, {}, "docs/boek/deel?: naam van bestand of map: teken U+0001"),
    ("places-name-escape", {".places.yml": 'places:\n  "Zeist\\x01":\n    geonames: 2743977\n'}, {},
     "docs/.places.yml:2: YAML-fout: teken U+0001"),
    ("authors-name-bidi-override", {".authors.yml": "authors:\n  rien-brus:\n    name: Rien \u202eBrus\n"}, {},
     "docs/.authors.yml:3: YAML-fout: teken U+202E"),
    ("title-bidi-escape", {L2: letter("rien-brus", "Zeist").replace("title: Brief", 'title: "\\u202eBrief"')}, {},
     f"docs/{L2}:2: YAML-fout in frontmatter: teken U+202E"),
    ("body-bidi-isolate", {L1: letter("jan-hein-pierik", "Zeist", body="Regel \u2067omgekeerd.")}, {}, f"docs/{L1}:9: teken U+2067"),
    ("file-name-bidi", {"boek/over\u202edm.txt.md": "# Over\n"}, {}, "docs/boek/over?dm.txt.md: naam van bestand of map: teken U+202E"),
]

LINKS: list[tuple[str, Changes, Links, str]] = [
    ("etc-passwd", {}, {"boek/passwd.md": "/etc/passwd"}, "docs/boek/passwd.md: symbolische link naar iets buiten"),
    ("relative-outside", {}, {"boek/buiten.md": "../../outside/buiten.md"}, "docs/boek/buiten.md: symbolische link naar iets buiten"),
    ("git-config", {}, {"boek/config.md": f"{OUTSIDE}/.git/config"}, "docs/boek/config.md: symbolische link naar iets buiten"),
    ("folder-outside", {}, {"boek/extern": OUTSIDE}, "docs/boek/extern: symbolische link naar iets buiten"),
    ("loop-parent", {"boek/inleiding.md": "# Inleiding\n"}, {"boek/lus": ".."}, "docs/boek/lus: symbolische link naar een map waar hij zelf in staat"),
    ("loop-docs-root", {}, {"brieven/terug": "../../docs"}, "docs/brieven/terug: symbolische link naar een map waar hij zelf in staat"),
    ("loop-self", {}, {"boek/zelf": "zelf"}, "docs/boek/zelf: symbolische link leidt nergens heen"),
    ("loop-pair", {}, {"boek/a": "b", "boek/b": "a"}, "docs/boek/a: symbolische link leidt nergens heen"),
    ("loop-across-folders", {"boek/deel/x.md": "# X\n", "brieven/extra.txt": "x\n"},
     {"boek/deel/naar-brieven": "../../brieven", "brieven/naar-boek": "../boek"},
     "docs/boek/deel/naar-brieven/naar-boek: symbolische link naar een map waar hij zelf in staat"),
    ("dangling", {}, {"boek/weg.md": "nergens.md"}, "docs/boek/weg.md: symbolische link leidt nergens heen"),
    ("authors-file-outside", {".authors.yml": None}, {".authors.yml": f"{OUTSIDE}/authors.yml"},
     "docs/.authors.yml: symbolische link naar iets buiten"),
    ("places-file-outside", {}, {".places.yml": f"{OUTSIDE}/places.yml"}, "docs/.places.yml: symbolische link naar iets buiten"),
    ("image-outside", {"boek/over.md": "# Over\n\n![logo](img/logo.png)\n"}, {"boek/img": OUTSIDE},
     "docs/boek/img: symbolische link naar iets buiten"),
    ("stylesheet-outside", {}, {"extra.css": f"{OUTSIDE}/buiten.md"}, "docs/extra.css: symbolische link naar iets buiten"),
    ("in-dot-folder", {}, {".verborgen": OUTSIDE}, "docs/.verborgen: symbolische link naar iets buiten"),
    ("page-to-places", {".places.yml": f"places:\n  Zeist:\n    geonames: 2743977\n# {SECRET}\n"}, {"boek/plaatsen.md": "../.places.yml"},
     "docs/boek/plaatsen.md: symbolische link naar een verborgen bestand of map"),
    ("page-to-dotfile", {".intern/notitie.txt": f"# {SECRET}\n"}, {"boek/notitie.md": "../.intern/notitie.txt"},
     "docs/boek/notitie.md: symbolische link naar een verborgen bestand of map"),
    ("folder-to-dot-folder", {".intern/a.md": f"# {SECRET}\n"}, {"boek/intern": "../.intern"},
     "docs/boek/intern: symbolische link naar een verborgen bestand of map"),
    ("fifo-page", {}, {"boek/pijp.md": FIFO}, "docs/boek/pijp.md: geen gewoon bestand"),
    ("fifo-authors", {".authors.yml": None}, {".authors.yml": FIFO}, "docs/.authors.yml: geen gewoon bestand"),
    ("fifo-stylesheet", {}, {"extra.css": FIFO}, "docs/extra.css: geen gewoon bestand"),
    ("link-to-fifo", {}, {"boek/pijp": FIFO, "boek/naar-pijp.md": "pijp"}, "docs/boek/naar-pijp.md: geen gewoon bestand"),
]

DATES: list[tuple[str, Changes, Links, str]] = [
    ("date-day-zero", {L2: letter("rien-brus", "Zeist", date="2025-12-00")}, {}, f"docs/{L2}:5: 'date': '2025-12-00' is geen bestaande"),
    ("date-year-zero", {L2: letter("rien-brus", "Zeist", date="0000")}, {}, f"docs/{L2}:5: 'date': '0' is geen datum"),
    ("date-five-digits", {L2: letter("rien-brus", "Zeist", date="20255")}, {}, f"docs/{L2}:5: 'date': '20255' is geen datum"),
]

CASES = DEEP + CONTROL + LINKS + DATES
DEEP_IDS = {c[0] for c in DEEP}


def _site(tmp_path: Path, changes: Changes, links: Links) -> Path:
    outside = tmp_path / "outside"
    (outside / ".git").mkdir(parents=True)
    for name in ("buiten.md", "authors.yml", "places.yml", ".git/config", "logo.png"):
        (outside / name).write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "authors.yml").write_text(small_site()[".authors.yml"] + f"# {SECRET}\n", encoding="utf-8")
    cfg = write_site(tmp_path, changed_site(changes))
    for rel, target in links.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if target == FIFO:
            os.mkfifo(path)
        else:
            os.symlink(target.replace(OUTSIDE, str(outside)), path)
    return cfg


def _leaked(site_dir: Path) -> list[str]:
    if not site_dir.exists():
        return []
    return [p.as_posix() for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink()
            and (SECRET.encode() in p.read_bytes() or b"root:x:0:0" in p.read_bytes())]


def test_the_table_covers_each_class_with_several_cases() -> None:
    assert len(DEEP) >= 12 and len(CONTROL) >= 10 and len(LINKS) >= 10
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("changes", "links", "expected"), [c[1:] for c in CASES if c[0] not in DEEP_IDS],
                         ids=[c[0] for c in CASES if c[0] not in DEEP_IDS])
def test_bad_input_is_refused_clearly_by_check_and_build(tmp_path: Path, changes: Changes, links: Links, expected: str) -> None:
    printed = assert_refused(_site(tmp_path, changes, links), expected, untouched=tmp_path)
    assert SECRET not in printed
    assert _leaked(tmp_path / "site") == []


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.mark.parametrize(("changes", "links", "expected"), [c[1:] for c in DEEP], ids=[c[0] for c in DEEP])
def test_deep_or_explosive_yaml_is_refused_without_a_signal(tmp_path: Path, changes: Changes, links: Links, expected: str) -> None:
    """In child processes: a stack overflow in the YAML composer would be a signal (negative code)."""
    cfg = _site(tmp_path, changes, links)
    before = snapshot(tmp_path)
    start = time.monotonic()
    check = _run(["-m", "klantbeleving.cli", "check", "--docs", str(tmp_path / "docs")], tmp_path)
    assert check.returncode == 1, check
    assert any(line.startswith(expected) for line in check.stdout.splitlines()), check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    built = _run(["-m", "mkdocs", "build", "--strict", "-f", str(cfg)], tmp_path)
    assert built.returncode == 1, built
    assert expected in built.stderr
    assert "Traceback" not in built.stderr
    assert time.monotonic() - start < 60
    assert snapshot(tmp_path) == before


# -- mixed partial dates: they build ------------------------------------------------------------


def _mixed_dates() -> dict[str, str]:
    files = dict(small_site())
    files[L1] = letter("jan-hein-pierik", "Zeist", date="2025-12-05")
    files[L2] = letter("rien-brus", "Santpoort-Zuid", date="2025-12")
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", date="2025")
    dates = [("2025-12-dag", "2025-12-15"), ("2025-12-maand", "2025-12"), ("2025-jaar", "2025"), ("2026-01-later", "2026-01-02")]
    for n, (slug, date) in enumerate(dates):
        files[f"brieven/{slug}/index.md"] = f"---\nstelling: Stelling {slug}.\ndate: {date}\n---\n\nInleiding.\n"
        files[f"brieven/{slug}/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date=date, number=100 + 2 * n)
        files[f"brieven/{slug}/02-rien-brus.md"] = letter("rien-brus", "Zeist", date=date[:7], number=101 + 2 * n)
    return files


def test_a_site_with_mixed_partial_dates_checks_and_builds(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, _mixed_dates())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main(["check", "--docs", str(tmp_path / "docs")]) == 0, out.getvalue()
    exc, log = build(cfg)
    assert exc is None, log
    site = tmp_path / "site"
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    order = [feed.index(f"Stelling {slug}.") for slug in ("2026-01-later", "2025-12-dag", "2025-12-maand", "2025-jaar")]
    assert order == sorted(order), "the feed lists the newest edition first"
    assert (site / "brieven" / "2025-jaar" / "index.html").exists()
    assert "<time" in (site / "brieven" / "2025-jaar" / "01-wim-rampen" / "index.html").read_text(encoding="utf-8")


def test_new_edition_with_a_day_keeps_check_and_the_next_edition_working(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, small_site())
    docs = tmp_path / "docs"
    assert len(create_edition(docs, "Een dag is genoeg.", "2025-12-15", None)) == 4
    assert len(create_edition(docs, "Een maand is genoeg.", "2025-12", "maand")) == 4
    assert len(create_edition(docs, "Een jaar later.", "2026-12-01", None)) == 4
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main(["check", "--docs", str(docs)]) == 0, out.getvalue()
    exc, log = build(cfg)
    assert exc is None, log


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--stelling", "Een\x1b[2Jproef.", "--date", "2026-01"], "--stelling: teken U+001B"),
     (["--stelling", "Een\x00proef.", "--date", "2026-01"], "--stelling: teken U+0000"),
     (["--stelling", "Een proef.\u0085", "--date", "2026-01"], "--stelling: teken U+0085"),
     (["--stelling", "Een proef.", "--date", "2026-01", "--slug", "proef\n"], "--slug"),
     (["--stelling", "Een proef.", "--date", "2026"], "--date: '2026' noemt geen maand"),
     (["--stelling", "woord " * 20_000, "--date", "2026-01"], "--stelling: YAML-fout in frontmatter: te lang")],
)
def test_new_edition_refuses_unsafe_arguments(tmp_path: Path, argv: list[str], message: str) -> None:
    write_site(tmp_path, small_site())
    docs = tmp_path / "docs"
    before = snapshot(docs)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(["new", "edition", *argv, "--docs", str(docs)])
    assert code == 2
    assert err.getvalue().startswith(message), err.getvalue()
    assert snapshot(docs) == before


# -- mkdocs serve: a hostile change while it runs ------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(proc: subprocess.Popen[str], output: Path, found: Callable[[str], bool], seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = output.read_text(encoding="utf-8", errors="replace")
        if found(text) or proc.poll() is not None:
            return text
        time.sleep(0.3)
    return output.read_text(encoding="utf-8", errors="replace")


SERVE = [
    ("dates", {L2: letter("rien-brus", "Santpoort-Zuid", date="2025-12-05"), f"{ED}/03-wim-rampen.md": letter("wim-rampen", "Helmond", date="2025")},
     {}, None),
    ("deep-yaml", {L2: letter("rien-brus", "Zeist", extra="x: " + "[" * 25_000 + "]" * 25_000 + "\n")}, {},
     f"docs/{L2}:6: YAML-fout in frontmatter: te diep genest"),
    ("control-character", {L2: letter("rien-brus", '"Zeist\\e"')}, {}, f"docs/{L2}:4: YAML-fout in frontmatter: teken U+001B"),
    ("symlink-loop", {}, {"boek/lus": ".."}, "docs/boek/lus: symbolische link naar een map waar hij zelf in staat"),
]


@pytest.mark.parametrize(("changes", "links", "expected"), [c[1:] for c in SERVE], ids=[c[0] for c in SERVE])
def test_a_running_mkdocs_serve_reports_the_problem_and_keeps_running(
        tmp_path: Path, changes: Changes, links: Links, expected: str | None) -> None:
    cfg = _site(tmp_path, {}, {})
    output = tmp_path / "serve.log"
    with output.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{_free_port()}"],
                                stdout=log, stderr=subprocess.STDOUT, text=True, cwd=tmp_path)
    try:
        first = _wait_for(proc, output, lambda text: "Serving on" in text)
        assert "Serving on" in first, first
        built_before = first.count("Documentation built")
        _site_changes(tmp_path, changes, links)
        if expected is None:
            text = _wait_for(proc, output, lambda text: text.count("Documentation built") > built_before)
            assert text.count("Documentation built") > built_before, text
            assert "ERROR" not in text
        else:
            text = _wait_for(proc, output, lambda text: expected in text)
            assert expected in text, text
        assert "Traceback" not in text
        assert proc.poll() is None, f"mkdocs serve ended ({proc.returncode}):\n{text}"
    finally:
        proc.kill()
        proc.wait(timeout=30)


def _site_changes(root: Path, changes: Changes, links: Links) -> None:
    for rel, content in changes.items():
        path = root / "docs" / rel
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
    for rel, target in links.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / "docs" / rel)
