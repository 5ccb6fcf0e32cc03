"""Glossary in a real build: term links, tooltips, self-links, backlinks, the search card's table, check."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from klantbeleving.cli import main as cli_main
from tests.sitekit import build, build_clean, letter, parse_page, small_site, write_site

ED = "brieven/2025-12-proef"
TERMS = {
    "begrippen/cult.md": "---\nterm: cult\n---\n\nEen losse aanpak in een hoek van de organisatie. Meer niet.\n",
    "begrippen/cultuur.md": "---\nterm: cultuur\nforms: [bedrijfscultuur]\nrelated: [cult]\n---\n\nHoe het er echt aan toe gaat. "
                            "Niet te verwarren met een cult.\n",
    "begrippen/klantgericht.md": "---\nterm: klantgericht\nforms: [klantgerichte, klantgerichtheid]\n---\n\n"
                                 "Werken vanuit wat de klant nodig heeft.\n",
}
CHAPTER = (
    "---\ntitle: Over beleving\npart: 1\nchapter: 1\n---\n\n"
    "# Over beleving\n\n"
    "De bedrijfscultuur bepaalt veel. Een cultuur verandert traag, en CXM ook.\n\n"
    "## Klantgerichte organisaties\n\n"
    "Een klantgerichte aanpak is geen cult. `cult` in code telt niet, [cult](https://cult.example/) in een link evenmin.\n\n"
    "## Geen link\n\nHier staat [[!cult]] bewust zonder link, en [[klantgericht|klantgerichtheid]] met.\n"
)


def site_files() -> dict[str, str]:
    files = dict(small_site())
    files.update(TERMS)
    files["boek/deel-1/index.md"] = "---\ntitle: Het begin\npart: 1\n---\n\nInleiding op deel I.\n"
    files["boek/deel-1/01-over-beleving.md"] = CHAPTER
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", body="Onze cultuur is een cult geworden, zegt de CXM-er niet.")
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", extra="draft: true\n", body="Geheim: cultuur ZEBRAWOORD.")
    return files


def built(tmp_path: Path) -> Path:
    return build_clean(tmp_path, site_files())


html = parse_page


def term_links(doc: LexborHTMLParser) -> list[tuple[str, str, str]]:
    return [(a.attributes.get("data-term") or "", a.text(), a.attributes.get("href") or "")
            for a in doc.css("article a.kb-term")]


def test_chapter_links_first_mention_per_page(tmp_path: Path) -> None:
    site = built(tmp_path)
    chapter = html(site, "boek/deel-1/01-over-beleving/index.html")
    assert term_links(chapter) == [
        ("cultuur", "bedrijfscultuur", "../../../begrippen/cultuur/"),
        ("cxm", "CXM", "../../../begrippen/cxm/"),
        ("klantgericht", "klantgerichte", "../../../begrippen/klantgericht/"),
        ("cult", "cult", "../../../begrippen/cult/"),
        ("klantgericht", "klantgerichtheid", "../../../begrippen/klantgericht/"),
    ]
    first = chapter.css_first("article a.kb-term")
    assert first.attributes["title"] == "cultuur: Hoe het er echt aan toe gaat."
    assert not chapter.css("h1 a.kb-term, h2 a.kb-term, code a.kb-term, a a.kb-term")
    assert [s.text() for s in chapter.css("article span.kb-noterm")] == ["cult"]


SECTIONS = (
    "De cultuur eerst, en een cult.\n\n## Twee\n\nWeer de cultuur en een cult.\n\n"
    "## Drie\n\nNog eens cultuur en cult.\n"
)


def test_a_page_or_a_term_asks_for_links_per_section(tmp_path: Path) -> None:
    files = site_files()
    files["boek/deel-1/01-over-beleving.md"] = "---\ntitle: Over beleving\npart: 1\nchapter: 1\n---\n\n" + SECTIONS
    files["boek/deel-1/02-per-sectie.md"] = (
        "---\ntitle: Per sectie\npart: 1\nchapter: 2\ntermlinks: sectie\n---\n\n" + SECTIONS)
    files["begrippen/cult.md"] = files["begrippen/cult.md"].replace("term: cult\n", "term: cult\nlink: sectie\n")
    exc, log = build(write_site(tmp_path, files))
    assert exc is None, log
    site = tmp_path / "site"
    by_term = [t for t, _, _ in term_links(html(site, "boek/deel-1/01-over-beleving/index.html"))]
    assert by_term == ["cultuur", "cult", "cult", "cult"]
    by_page = [t for t, _, _ in term_links(html(site, "boek/deel-1/02-per-sectie/index.html"))]
    assert by_page == ["cultuur", "cult", "cultuur", "cult", "cultuur", "cult"]
    cultuur = html(site, "begrippen/cultuur/index.html")  # counting is the same whatever is linked
    assert " ".join(cultuur.css_first(".kb-mentions--boek h3").text().split()) == "Boek 6 vermeldingen"


def test_titles_of_works_and_epigraphs_are_not_linked(tmp_path: Path) -> None:
    files = site_files()
    files["index.md"] = ("---\ntitle: Proef\n---\n\nWelkom op Proef: een *Cultuur*{.titel} "
                         "en <cite>Cult</cite>. Dan pas de cult.\n")
    files["boek/index.md"] = "---\ntitle: De Cult\n---\n\nHet boek *De Cult* gaat over cultuur.\n"
    files["boek/deel-1/01-over-beleving.md"] = (
        "---\ntitle: Over beleving\npart: 1\nchapter: 1\n---\n\n"
        '<blockquote class="kb-epigraph" markdown>\nEen cult is geen cultuur.\n</blockquote>\n\n'
        "Over De Cult, een cult en een cultuur.\n")
    exc, log = build(write_site(tmp_path, files))
    assert exc is None, log
    site = tmp_path / "site"
    home = html(site, "index.html")
    assert [(t, text) for t, text, _ in term_links(home)] == [("cult", "cult")]
    book = html(site, "boek/index.html")
    assert [(t, text) for t, text, _ in term_links(book)] == [("cultuur", "cultuur")]
    chapter = html(site, "boek/deel-1/01-over-beleving/index.html")
    assert [(t, text) for t, text, _ in term_links(chapter)] == [("cult", "cult"), ("cultuur", "cultuur")]
    assert not chapter.css("blockquote.kb-epigraph a")


def test_term_page_does_not_link_itself_but_links_others(tmp_path: Path) -> None:
    site = built(tmp_path)
    cultuur = html(site, "begrippen/cultuur/index.html")
    assert [t for t, _, _ in term_links(cultuur)] == ["cult"]


def test_term_page_lists_book_and_letters_with_snippets_and_counts(tmp_path: Path) -> None:
    site = built(tmp_path)
    cultuur = html(site, "begrippen/cultuur/index.html")
    book = cultuur.css_first(".kb-mentions--boek")
    assert " ".join(book.css_first("h3").text().split()) == "Boek 2 vermeldingen"
    assert book.css_first(".kb-mentions__group").text() == "Deel I — Het begin"
    place = book.css_first(".kb-mentions__list li a")
    assert place.attributes["href"] == "../../boek/deel-1/01-over-beleving/#over-beleving"
    assert "1 Over beleving" in place.text()
    assert "bedrijfscultuur" in book.css_first(".kb-snippet").text()
    letters = cultuur.css_first(".kb-mentions--brieven")
    assert " ".join(letters.css_first("h3").text().split()) == "Brieven 1 vermelding"
    assert letters.css_first(".kb-mentions__group a").attributes["href"] == "../../brieven/2025-12-proef/"
    assert "Rien Brus, Santpoort-Zuid" in letters.css_first(".kb-mentions__list a").text()
    assert "ZEBRAWOORD" not in (site / "begrippen/cultuur/index.html").read_text(encoding="utf-8")


def test_a_term_nobody_mentions_says_so(tmp_path: Path) -> None:
    site = built(tmp_path)
    cult = html(site, "begrippen/cult/index.html")
    assert cult.css(".kb-mentions--boek li")  # the chapter mentions cult
    files = site_files()
    files["begrippen/wees.md"] = "---\nterm: weesbegrip\n---\n\nNiemand noemt dit.\n"
    exc, log = build(write_site(tmp_path / "b", files))
    assert exc is None, log
    wees = html(tmp_path / "b" / "site", "begrippen/wees/index.html")
    assert "komt (nog) niet voor" in wees.css_first("article").text()


def test_search_table_names_terms_aliases_and_forms(tmp_path: Path) -> None:
    site = built(tmp_path)
    table = json.loads((site / "assets/begrippen.json").read_text(encoding="utf-8"))
    assert table["names"]["klantgerichte"] == "klantgericht"
    assert table["names"]["customer experience management"] == "cxm"
    assert table["names"]["cult"] == "cult"
    assert table["terms"]["cxm"]["url"] == "begrippen/cxm/"
    assert table["terms"]["cult"]["short"] == "Een losse aanpak in een hoek van de organisatie."


def test_check_lists_unused_terms_without_failing(tmp_path: Path) -> None:
    files = site_files()
    files["begrippen/wees.md"] = "---\nterm: weesbegrip\n---\n\nNiemand noemt dit.\n"
    write_site(tmp_path, files)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_main(["check", "--docs", str(tmp_path / "docs")])
    assert code == 0, out.getvalue()
    assert "begrippen/wees.md: begrip 'weesbegrip' wordt nergens genoemd" in out.getvalue()
    assert "klantgericht.md" not in out.getvalue()


def test_letters_and_chapters_list_the_terms_they_mention(tmp_path: Path) -> None:
    site = built(tmp_path)
    letter_page = html(site, f"{ED}/02-rien-brus/index.html")
    aside = letter_page.css_first("aside.kb-page-terms")
    assert aside.css_first("h2").text() == "Begrippen in deze brief"
    assert [a.text() for a in aside.css("li a")] == ["cultuur", "cult"]  # "CXM-er" is a word of its own
    assert aside.css_first("li a").attributes["href"] == "../../../begrippen/cultuur/"
    chapter = html(site, "boek/deel-1/01-over-beleving/index.html")
    assert [a.text() for a in chapter.css("aside.kb-page-terms li a")] == ["cultuur", "CXM", "klantgericht", "cult"]
    assert not html(site, f"{ED}/01-jan-hein-pierik/index.html").css("aside.kb-page-terms")


def test_a_term_in_many_letters_quotes_its_first_places_in_a_real_build(tmp_path: Path) -> None:
    """The build makes snippet sources only for the places a term page quotes (the first 25 per
    corpus, in reading order): those are all there, the later places are listed without one."""
    from klantbeleving.xref import SNIPPETS_PER_CORPUS

    files = site_files()
    count = SNIPPETS_PER_CORPUS + 5
    for n in range(count):  # one edition with one letter per month, from January 2001
        ed, date = f"brieven/{2001 + n // 12}-{n % 12 + 1:02d}-maand-{n}", f"{2001 + n // 12}-{n % 12 + 1:02d}"
        files[f"{ed}/index.md"] = f"---\ntitle: Maand {n}\nstelling: Stelling {n}\ndate: {date}\n---\n\nInleiding.\n"
        files[f"{ed}/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date=date, body=f"Brief nummer{n} gaat over cultuur.")
    exc, log = build(write_site(tmp_path, files))
    assert exc is None and log == "", log
    doc = html(tmp_path / "site", "begrippen/cultuur/index.html")
    places = doc.css(".kb-mentions--brieven .kb-mentions__list > li")
    assert len(places) == count + 1  # and the letter of the edition of December 2025
    quoted = [li.css_first(".kb-snippet").text() for li in places if li.css_first(".kb-snippet")]
    assert len(quoted) == SNIPPETS_PER_CORPUS
    assert all(f"nummer{n} gaat over cultuur" in quote for n, quote in enumerate(quoted))


def test_every_term_link_gets_its_url_before_anyone_reads_the_page(tmp_path: Path) -> None:
    """Term links carry a placeholder href while the page converts; no placeholder is left in any
    page, the search index or the feed."""
    site = built(tmp_path)
    left = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")
            and b"kbterm:" in p.read_bytes()]
    assert left == []
    assert term_links(html(site, f"{ED}/02-rien-brus/index.html"))[0][2] == "../../../begrippen/cultuur/"
