"""What the reader is reading: a summary or the letter itself, the letter's number in the series,
where an edition first appeared (page, feed, CMIF) and the edition's tags."""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from tests.sitekit import EDITION, build_clean, letter, parse_page, small_site

ED = "brieven/2025-12-proef"
ED2 = "brieven/2026-01-tweede"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PUBLISHED = "Klantblad #05 – 2025"


def series_site() -> dict[str, str]:
    files = dict(small_site())
    files[f"{ED}/index.md"] = EDITION.replace(
        "date: 2025-12\n", f"date: 2025-12\npublished_in: '{PUBLISHED}'\ntags: [klantcontact, leiderschap]\n")
    files[f"{ED}/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", number=7)
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", number=8, extra="text: samenvatting\n")
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", number=9, extra="text: origineel\n")
    files[f"{ED2}/index.md"] = "---\ntitle: Tweede\nstelling: Twee is beter.\ndate: 2026-01\n---\n\nDe tweede ronde.\n"
    files[f"{ED2}/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date="2026-01", number=10, extra="text: origineel\n")
    return files


def built(tmp_path: Path, files: dict[str, str]) -> Path:
    return build_clean(tmp_path, dict(files))


page = parse_page


def text_of(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    assert node is not None, selector
    return " ".join(node.text().split())


def test_letter_pages_say_summary_or_original_with_number_and_source(tmp_path: Path) -> None:
    site = built(tmp_path, series_site())
    default = page(site, f"{ED}/01-jan-hein-pierik/index.html")
    note = text_of(default, "article .kb-text-note")
    assert note.startswith("Samenvatting in eigen woorden")
    assert "niet de brief van Jan-Hein Pierik zelf" in note and f"verscheen eerder in {PUBLISHED}" in note
    assert text_of(default, "article .kb-kicker .kb-letter-number") == "Brief 7"
    summary = page(site, f"{ED}/02-rien-brus/index.html")
    assert text_of(summary, "article .kb-text-note").startswith("Samenvatting in eigen woorden")
    original = page(site, f"{ED}/03-wim-rampen/index.html")
    assert "Samenvatting" not in original.css_first("article").text()
    assert text_of(original, "article .kb-text-note") == f"De brief zoals Wim Rampen hem schreef, eerder verschenen in {PUBLISHED}."
    unpublished = page(site, f"{ED2}/01-wim-rampen/index.html")
    assert text_of(unpublished, "article .kb-text-note") == "De brief zoals Wim Rampen hem schreef."
    assert text_of(unpublished, ".kb-letter-number") == "Brief 10"

    apa = text_of(default, ".kb-cite__apa")
    assert "[Brief 7]. Correspondentie over klantbeleving: Proefeditie." in apa
    assert apa.endswith(f"(Oorspronkelijk verschenen in {PUBLISHED})")
    bibtex = default.css_first(".kb-cite__bibtex").text()
    assert "number = {7}" in bibtex
    assert "note = {Brief 7. Oorspronkelijk verschenen in Klantblad \\#05 – 2025}" in bibtex, "BibTeX escapes #"


def test_edition_page_shows_where_it_appeared_its_tags_and_letter_numbers(tmp_path: Path) -> None:
    site = built(tmp_path, series_site())
    edition = page(site, f"{ED}/index.html")
    assert text_of(edition, ".kb-published-in") == f"Eerder verschenen in {PUBLISHED}."
    assert [t.text() for t in edition.css(".kb-tags .md-tag")] == ["klantcontact", "leiderschap"]
    assert [" ".join(n.text().split()) for n in edition.css(".kb-letter-item .kb-letter-number")] == [
        "Brief 7", "Brief 8", "Brief 9"]
    other = page(site, f"{ED2}/index.html")
    assert not other.css(".kb-published-in, .kb-tags"), "nothing to show: nothing shown"


def test_feed_and_cmif_carry_where_an_edition_appeared(tmp_path: Path) -> None:
    site = built(tmp_path, series_site())
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    by_title = {e.title: e for e in feed.entries}
    assert by_title["Proefeditie"].description.endswith(f"Eerder verschenen in: {PUBLISHED}")
    assert "verschenen" not in by_title["Tweede"].description

    root = etree.fromstring((site / "brieven.cmif.xml").read_bytes())
    bibls = root.findall(f".//{TEI}sourceDesc/{TEI}bibl")
    assert [(b.get("type"), b.get(XML_ID)) for b in bibls] == [("online", "klantbeleving"), ("print", "bron-1")]
    assert bibls[1].text == PUBLISHED
    sources = {c.get("ref").rsplit("/", 2)[-2]: c.get("source") for c in root.iter(f"{TEI}correspDesc")}
    assert sources == {"01-jan-hein-pierik": "#bron-1", "02-rien-brus": "#bron-1", "03-wim-rampen": "#bron-1",
                       "01-wim-rampen": "#klantbeleving"}


def test_the_default_site_says_its_letters_are_summaries_numbered_one_to_nine() -> None:
    from klantbeleving.load import load_site

    root = Path(__file__).resolve().parents[2]
    site, problems = load_site(root / "docs")
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert [(x.number, x.text) for x in site.letters()] == [(n, "samenvatting") for n in range(1, 10)]
