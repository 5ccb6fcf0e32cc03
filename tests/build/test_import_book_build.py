"""The imported book builds strictly with the project's real hooks; its HTML has notes, epigraph and box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from klantbeleving.cli import main
from tests.sitekit import build, small_site, write_site

FRAGMENT = "book/customer-experience-fragment.txt"
EXTENSIONS = "  - admonition\n"


def fill_notes(docs: Path) -> None:
    """What an editor does before publishing: give every placeholder footnote its text."""
    for page in (docs / "boek").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"Voetnoot \d+ ontbreekt in de pdf-tekst; vul de bron aan\.", "Bron volgt.", text),
                        encoding="utf-8")


def html(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


def test_imported_book_builds_strict(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = write_site(tmp_path, small_site(), config_extra=EXTENSIONS)
    monkeypatch.chdir(tmp_path)
    code = main(["import", "book", str(corpus / FRAGMENT), "--into", "docs/boek"])
    assert code == 0
    exc, log = build(cfg)
    assert exc is not None, "placeholder footnotes must not be published"
    assert "boek/deel-1/01-customer-experience.md:" in f"{exc}{log}" and "voetnoot 2 heeft nog geen tekst" in f"{exc}{log}"
    fill_notes(tmp_path / "docs")
    exc, log = build(cfg)
    assert exc is None, log
    assert log == ""
    site = tmp_path / "site"

    chapter = html(site, "boek/deel-1/01-customer-experience/index.html")
    assert " ".join(chapter.css_first("h1").text().split()).endswith("Customer Experience")
    notes = chapter.css(".footnote li")
    assert len(notes) == 8  # notes 2–9; note 1 stands in the introduction
    assert all("Bron volgt." in n.text() for n in notes)
    assert len(chapter.css("sup a.footnote-ref")) == 8
    epigraph = chapter.css_first("article blockquote.kb-epigraph")
    assert epigraph is not None
    assert epigraph.css_first("p").text().startswith("Elke twintig jaar")
    assert epigraph.css_first("p.kb-epigraph__bron").text() == "— Don Peppers"
    box = chapter.css_first(".admonition.kader")
    assert box is not None
    assert box.css_first(".admonition-title").text() == "Definities"
    assert len(box.css("strong")) == 7
    assert len(chapter.css("article h2")) >= 5

    intro = html(site, "boek/inleiding/index.html")
    assert len(intro.css(".footnote li")) == 1
    assert [" ".join(p.text().split()) for p in intro.css("p.kb-signoff")][-1] == "Jean-Pierre Thomassen Eric de Haan"

    part = html(site, "boek/deel-1/index.html")
    assert " ".join(part.css_first("h1").text().split()).endswith("Customer experience als uitdaging")


def test_imported_glossary_builds_strict(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = write_site(tmp_path, small_site(), config_extra=EXTENSIONS)
    monkeypatch.chdir(tmp_path)
    argv = ["import", "book", str(corpus / FRAGMENT), "--into", "docs/boek", "--glossary", "docs/begrippen"]
    assert main(argv) == 1, "the site's own cxm.md must not be overwritten without --force"
    assert main([*argv, "--force"]) == 0
    fill_notes(tmp_path / "docs")
    exc, log = build(cfg)
    assert exc is None, log
    assert log == ""
    term = html(tmp_path / "site", "begrippen/cx/index.html")
    assert "subjectieve beleving" in term.css_first("article").text()
