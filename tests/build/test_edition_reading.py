"""The real site read as an edition: Dutch interface text only, sharing titles, the home page,
the sidebar, the redirect of a page that went away, print pages (built HTML, no browser)."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tests.sitekit import english_pattern

ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def heading(node: object) -> str:
    """A heading's text without its permalink sign."""
    return node.text(strip=True).removesuffix("¶")  # type: ignore[attr-defined]


def shown_text(doc: LexborHTMLParser) -> list[str]:
    """What a reader can see or hear of a page: its text (not scripts or styles), its title and
    the attributes a browser shows or reads out."""
    for node in doc.css("script, style, template"):
        node.decompose()
    found = [doc.css_first("title").text()] if doc.css_first("title") else []
    body = doc.body
    found.append(body.text(separator=" ") if body else "")
    for node in doc.css("[title], [aria-label], [placeholder], [alt]"):
        found += [node.attributes.get(a) or "" for a in ATTRIBUTES]
    return found


def test_no_page_shows_english_interface_text(real_site: Path) -> None:
    pattern = english_pattern()
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 60
    found = {}
    for path in pages:
        hits = {m[0] for text in shown_text(page(real_site, str(path.relative_to(real_site)))) for m in pattern.finditer(text)}
        if hits:
            found[str(path.relative_to(real_site))] = sorted(hits)
    assert found == {}


def test_the_scan_would_find_english_text() -> None:
    pattern = english_pattern()
    assert pattern.search("Made with Material for MkDocs")
    assert pattern.search("Jump back to footnote 12 in the text")
    assert pattern.search("3 matching documents")
    assert not pattern.search("Zoeken in 3 overeenkomende documenten")


def test_footnote_back_links_are_titled_in_dutch(real_site: Path) -> None:
    doc = page(real_site, "boek/deel-1/01-customer-experience/index.html")
    titles = [a.attributes.get("title") for a in doc.css("a.footnote-backref")]
    assert titles and all(t and t.startswith("Terug naar voetnoot ") for t in titles)


def test_a_letter_is_shared_with_its_writer_edition_and_month(real_site: Path) -> None:
    doc = page(real_site, "brieven/2025-12-leiderschap-is-cx/02-rien-brus/index.html")
    assert doc.css_first("meta[property='og:title']").attributes["content"] == "Brief van Rien Brus — Leiderschap is CX (december 2025)"
    assert doc.css_first("meta[name='author']").attributes["content"] == "Rien Brus"
    chapter = page(real_site, "boek/deel-1/01-customer-experience/index.html")
    assert chapter.css_first("meta[name='author']").attributes["content"] == "Jean-Pierre Thomassen en Eric de Haan"
    assert chapter.css_first("meta[property='og:title']").attributes["content"] == "1 Customer Experience"


def test_home_page_is_headed_by_the_site_and_shows_the_newest_edition(real_site: Path) -> None:
    doc = page(real_site, "index.html")
    assert doc.css_first("article h1").text() == "Klantbeleving"
    newest = doc.css_first(".kb-way--newest")
    assert "december 2025" in newest.text() and "Leiderschap is CX." in newest.text()
    assert [a.text() for a in newest.css(".kb-way__stances a")] == ["Jan-Hein Pierik", "Rien Brus", "Wim Rampen"]
    assert len(newest.css(".kb-stance")) == 3
    assert doc.css_first(".kb-way--book a").attributes["href"].endswith("boek/")
    assert doc.css_first(".kb-way--terms a").attributes["href"].endswith("begrippen/")
    assert [a.text() for a in doc.css(".kb-home__editions a")] == ["Moet de CEO CX omarmen?", "Een aparte CX-strategie?"]
    assert doc.css_first("a.kb-home__feed").attributes["href"].endswith("feed.xml")
    assert doc.css_first(".md-copyright a[href$='over/']") is not None


def test_sidebar_lists_the_glossary_once_and_no_page_twice(real_site: Path) -> None:
    doc = page(real_site, "begrippen/cxm/index.html")
    nav = doc.css_first("nav.md-nav--primary")
    links = [a.text(strip=True) for a in nav.css("a.md-nav__link")]
    assert "Begrippen" in links and "CXM" not in links and "Brieven per plaats" not in links
    labels = [" ".join(x.text().split()) for x in nav.css(".md-nav__link")]
    assert sum(label.startswith("Deel I —") for label in labels) == 1
    assert [a.text(strip=True) for a in nav.css("a.md-nav__link[href*='auteurs/']")] == ["Auteurs"]
    authors = page(real_site, "auteurs/index.html")
    assert [a.text() for a in authors.css(".kb-author-list a")] == [
        "Rien Brus", "Eric de Haan", "Jan-Hein Pierik", "Wim Rampen", "Jean-Pierre Thomassen"]  # by surname


def test_a_page_that_went_away_sends_the_reader_on(real_site: Path) -> None:
    doc = page(real_site, "brieven/per-plaats/index.html")
    refresh = doc.css_first("meta[http-equiv='refresh']").attributes["content"]
    assert refresh.endswith("per-auteur/")
    assert doc.css_first("article a").attributes["href"] == refresh.split("url=", 1)[1]


def test_dutch_typography_and_counts(real_site: Path) -> None:
    authors = page(real_site, "auteurs/index.html").css_first("article").text()
    assert "’s-Hertogenbosch" in authors and "'s-Hertogenbosch" not in authors
    assert "(3 brieven)" in authors
    term = page(real_site, "begrippen/cult/index.html").css_first(".kb-source").text()
    assert " ".join(term.split()) == "Gedefinieerd in hoofdstuk 1, Customer Experience"


def test_print_pages_have_a_title_page_and_an_edition_prints_whole(real_site: Path) -> None:
    book = page(real_site, "boek/afdrukken/index.html")
    title = book.css_first(".kb-print-titlepage")
    assert heading(title.css_first("h1")) == "Customer Experience"
    assert "Jean-Pierre Thomassen en Eric de Haan" in title.text() and "Boom, 2024" in title.text()
    assert [a.text() for a in title.css("li a")][:3] == ["Inleiding", "Deel I — Customer experience als uitdaging", "1 Customer Experience"]
    edition = page(real_site, "brieven/2025-12-leiderschap-is-cx/afdrukken/index.html")
    assert [heading(h) for h in edition.css(".kb-print-letter h2")] == [
        "Leiderschap is CX, of beter: HX", "Gebalanceerd leiderschap als brug tussen vak en kwaliteit", "Leiden zoals medewerkers het graag zien"]
    assert edition.css_first("link[rel='next']") is None and edition.css_first(".kb-pager") is None


def test_print_pages_carry_no_term_links_while_the_pages_they_print_do(real_site: Path) -> None:
    """On paper a term link is noise: the print pages show the same text without them."""
    for printed, shown in [("boek/afdrukken/index.html", "boek/deel-1/01-customer-experience/index.html"),
                           ("brieven/2025-12-leiderschap-is-cx/afdrukken/index.html",
                            "brieven/2025-12-leiderschap-is-cx/01-jan-hein-pierik/index.html")]:
        assert page(real_site, printed).css("article a.kb-term") == [], printed
        assert page(real_site, shown).css("article a.kb-term"), shown


def test_a_part_stands_once_in_the_sidebar_and_its_page_keeps_its_numbered_title(real_site: Path) -> None:
    part = page(real_site, "boek/deel-1/index.html")
    labels = [node.text(strip=True) for node in part.css("nav.md-nav--primary .md-nav__link")]
    assert sum(label.startswith("Deel I —") for label in labels) == 1, labels
    assert "Over dit deel" in labels
    assert part.css_first("title").text().startswith("Deel I — Customer experience als uitdaging")
    assert part.css_first(".md-header__topic[data-md-component=header-topic]").text(strip=True).startswith("Deel I —")
