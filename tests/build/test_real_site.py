"""Smoke test: the real mkdocs.yml builds strict, as a subprocess, with zero warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sitekit import ROOT


def test_real_site_builds_strict_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith(("WARNING", "ERROR"))]
    assert warnings == []
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").exists()  # the search index, made by the build


def test_check_command_is_clean_on_the_real_docs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "klantbeleving.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_real_chapter_shows_epigraph_box_and_linked_terms(real_site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser((real_site / "boek/deel-1/01-customer-experience/index.html").read_text(encoding="utf-8"))
    epigraph = doc.css_first("article blockquote.kb-epigraph")
    assert epigraph is not None
    assert "Don Peppers" in epigraph.css_first(".kb-epigraph__bron").text()
    box = doc.css_first("article .admonition.kader")
    assert box is not None
    assert {a.attributes.get("href") for a in box.css("a")} >= {"../../../begrippen/klant/", "../../../begrippen/cult/"}
    mentions = [a.attributes.get("data-term") for a in doc.css("article a.kb-term")]
    assert {"cx", "nps", "klantgedreven"} <= set(mentions)


def test_real_chapter_links_each_term_once_and_never_in_titles(real_site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser((real_site / "boek/deel-1/01-customer-experience/index.html").read_text(encoding="utf-8"))
    running = [a.attributes.get("data-term") for a in doc.css("article a.kb-term")
               if not any(p.tag == "div" and "admonition" in (p.attributes.get("class") or "") for p in _parents(a))]
    assert running and len(running) == len(set(running)), running
    assert not doc.css("article blockquote.kb-epigraph a, article h1 a.kb-term, article .titel a.kb-term, article cite a")
    assert doc.css_first("article em.titel").text() == "The Experience Economy"
    for page in ["index.html", "boek/index.html", "brieven/index.html"]:
        article = LexborHTMLParser((real_site / page).read_text(encoding="utf-8")).css_first("article")
        assert article.css("em.titel"), page
        linked = [a.text() for a in article.css("a.kb-term")]
        assert not {"Klantbeleving", "Customer Experience"} & set(linked), (page, linked)
        assert not article.css(".titel a.kb-term, cite a.kb-term"), page


def _parents(node):  # type: ignore[no-untyped-def]
    while node.parent is not None:
        node = node.parent
        yield node


def test_real_term_pages_know_where_they_occur(real_site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser((real_site / "begrippen/cx/index.html").read_text(encoding="utf-8"))
    assert doc.css(".kb-mentions--boek li") and doc.css(".kb-mentions--brieven li")
    groups = [h.text() for h in doc.css(".kb-mentions--brieven .kb-mentions__group")]
    assert groups[0].startswith("september 2025")


def test_term_source_can_be_the_letter_that_introduced_it(real_site: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    hx = LexborHTMLParser((real_site / "begrippen/hx/index.html").read_text(encoding="utf-8")).css_first(".kb-source")
    assert " ".join(hx.text().split()) == "Ingebracht in de brief van Jan-Hein Pierik, december 2025"
    assert hx.css_first("a").attributes["href"] == "../../brieven/2025-12-leiderschap-is-cx/01-jan-hein-pierik/"
    cult = LexborHTMLParser((real_site / "begrippen/cult/index.html").read_text(encoding="utf-8")).css_first(".kb-source")
    assert " ".join(cult.text().split()) == "Gedefinieerd in hoofdstuk 1, Customer Experience"
