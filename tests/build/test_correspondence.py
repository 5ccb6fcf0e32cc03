"""The letter series as a correspondence: browse pages, register, citations, feed, CMIF, drafts."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from lxml import etree

from tests.sitekit import build_clean, letter, parse_page, site_bytes, small_site

ED = "brieven/2025-12-proef"
TEI = "{http://www.tei-c.org/ns/1.0}"


def built(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    return build_clean(tmp_path, dict(files or small_site()))


page = parse_page


def two_editions() -> dict[str, str]:
    files = dict(small_site())
    ed2 = "brieven/2026-01-tweede"
    files[f"{ed2}/index.md"] = "---\ntitle: Tweede\nstelling: Twee is beter dan een.\ndate: 2026-01\n---\n\nDe tweede ronde.\n"
    files[f"{ed2}/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date="2026-01", extra="standpunt: eens\n")
    files[f"{ed2}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", date="2026-01")
    files[".places.yml"] = "places:\n  Helmond:\n    geonames: 2754447\n"
    return files


def test_browse_pages_and_register(tmp_path: Path) -> None:
    site = built(tmp_path, two_editions())
    timeline = page(site, "brieven/tijdlijn/index.html")
    assert [h.text() for h in timeline.css("article h2")] == ["2026", "2025"]
    by_author = page(site, "brieven/per-auteur/index.html")
    assert [h.text() for h in by_author.css("article h2")] == ["Rien Brus", "Jan-Hein Pierik", "Wim Rampen"]  # by surname
    by_city = page(site, "brieven/per-plaats/index.html")  # went away: its URL sends the reader on
    assert by_city.css_first("meta[http-equiv='refresh']").attributes["content"] == "0; url=../../brieven/per-auteur/"
    register = page(site, "brieven/stellingen/index.html")
    assert [th.text() for th in register.css("table.kb-register thead th")][1:] == ["Rien Brus", "Jan-Hein Pierik", "Wim Rampen"]
    rows = register.css("table.kb-register tbody tr")
    assert len(rows) == 2

    def cells(row: object) -> list[str]:
        return [" ".join(td.css_first(".kb-stance, .kb-register__none").text().split()) for td in row.css("td")]  # type: ignore[attr-defined]

    assert cells(rows[0]) == ["geen standpunt", "geen brief", "eens"]  # Rien, Jan-Hein, Wim
    assert cells(rows[1]) == ["oneens", "geen standpunt", "geen standpunt"]


def test_edition_prev_next_and_letter_citation(tmp_path: Path) -> None:
    site = built(tmp_path, two_editions())
    edition = page(site, f"{ED}/index.html")  # the reading order: edition → its letters → the next edition
    assert edition.css_first(".kb-pager__next").attributes["href"] == "../../brieven/2025-12-proef/01-jan-hein-pierik/"
    last = page(site, f"{ED}/03-wim-rampen/index.html")
    assert last.css_first(".kb-pager__next").attributes["href"] == "../../../brieven/2026-01-tweede/"
    assert last.css_first("link[rel='next']").attributes["href"] == "../../../brieven/2026-01-tweede/"
    assert " ".join(last.css_first(".kb-pager__next").text().split()) == "Volgende editie → januari 2026 — Tweede"
    letter_page = page(site, f"{ED}/03-wim-rampen/index.html")
    apa = letter_page.css_first(".kb-cite__apa").text()
    assert re.match(r"Rampen, W\. \(2025, december\)\. Brief van wim-rampen \[Brief \d+\]\.", apa), apa
    assert apa.endswith("https://proef.example/brieven/2025-12-proef/03-wim-rampen/")
    assert "@misc{rampen20251203," in letter_page.css_first(".kb-cite__bibtex").text()


def test_feed_lists_editions_newest_first(tmp_path: Path) -> None:
    site = built(tmp_path, two_editions())
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == ["Tweede", "Proefeditie"]
    assert feed.entries[0].link == "https://proef.example/brieven/2026-01-tweede/"
    assert "Twee is beter dan een." in feed.entries[0].description
    head = page(site, "index.html").css_first("link[type='application/rss+xml']")
    assert head.attributes["href"] == "feed.xml"


def test_cmif_is_well_formed_and_complete(tmp_path: Path) -> None:
    site = built(tmp_path, two_editions())
    root = etree.parse(str(site / "brieven.cmif.xml")).getroot()
    assert root.tag == f"{TEI}TEI"
    header = root.find(f"{TEI}teiHeader")
    assert header.findtext(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    assert header.find(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}editor/{TEI}email") is not None
    assert header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}idno[@type='url']") is not None
    assert header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}availability/{TEI}licence").get("target")
    bibl = header.find(f"{TEI}fileDesc/{TEI}sourceDesc/{TEI}bibl")
    assert bibl.get("{http://www.w3.org/XML/1998/namespace}id") == "klantbeleving"
    corresp = header.findall(f"{TEI}profileDesc/{TEI}correspDesc")
    assert len(corresp) == 5
    for desc in corresp:
        assert desc.get("ref", "").startswith("https://proef.example/brieven/")
        assert desc.get("source") == "#klantbeleving"
        sent = desc.find(f"{TEI}correspAction[@type='sent']")
        received = desc.find(f"{TEI}correspAction[@type='received']")
        assert sent.findtext(f"{TEI}persName") and sent.findtext(f"{TEI}placeName")
        assert sent.find(f"{TEI}date").get("when")
        assert received.findall(f"{TEI}persName")
    helmond = [d for d in corresp if d.findtext(f".//{TEI}placeName") == "Helmond"]
    assert {d.find(f".//{TEI}placeName").get("ref") for d in helmond} == {"https://www.geonames.org/2754447"}


def test_draft_and_embargoed_letters_leave_no_trace(tmp_path: Path) -> None:
    files = two_editions()
    files[f"{ED}/02-rien-brus.md"] = letter(
        "rien-brus", "Santpoort-Zuid", extra="draft: true\n", body="Het woord zwartekousensentinel staat hier."
    )
    files[f"{ED}/03-wim-rampen.md"] = letter(
        "wim-rampen", "Helmond", extra="publish: 2999-01-01\n", body="Hier staat embargobewaakwoord."
    )
    files["brieven/2026-02-concept/index.md"] = (
        "---\ntitle: Conceptuitgave\nstelling: Conceptstellingwoord.\ndate: 2026-02\ndraft: true\n---\n\nLead.\n"
    )
    files["brieven/2026-02-concept/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date="2026-02")
    files[f"{ED}/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", body="Gepubliceerd controlewoord.")
    site = built(tmp_path, files)
    searchable = b""  # what the search index's files hold, decompressed
    for path, data in site_bytes(site):
        for word in (b"zwartekousensentinel", b"embargobewaakwoord", b"Conceptstellingwoord", b"Conceptuitgave"):
            assert word not in data, f"{word!r} leaked into {path.relative_to(site)}"
        assert b"2025-12-proef/02-rien-brus" not in data, path
        assert b"2025-12-proef/03-wim-rampen" not in data, path
        if path.relative_to(site).parts[0] == "pagefind":
            searchable += data
    assert b"controlewoord" in searchable and b"2025-12-proef/01-jan-hein-pierik" in searchable  # read decompressed
    assert not (site / ED / "02-rien-brus").exists()
    assert not (site / "brieven/2026-02-concept").exists()
