"""Reading the site as an edition, in the browser: one reading order per collection followed
by rel=next, a register that reads on a phone, Dutch text only (also what scripts draw), prints
without a blank last page, a sidebar that stays put."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from klantbeleving.load import load_site
from klantbeleving.reading import book_chain, letters_chain
from tests.browser.test_reader import search
from tests.sitekit import ROOT, english_pattern


def url_of(src: str) -> str:
    """Site-relative URL of a docs source (directory URLs, as the site is built)."""
    stem = src.removesuffix(".md")
    return (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def follow_next(page: Page, start: str) -> list[str]:
    """Every page from ``start`` on, following the one rel=next link; on each page the pager's
    links and the <head>'s agree, and no second navigator is shown."""
    seen: list[str] = []
    url = start
    while url is not None:
        page.goto(url)
        seen.append(page.url)
        assert page.locator("a[rel='next']").count() <= 1 and page.locator("a[rel='prev']").count() <= 1
        assert page.locator(".md-footer__link").count() == 0  # Material's own prev/next is off
        for rel in ("prev", "next"):
            head = page.locator(f"head link[rel='{rel}']")
            body = page.locator(f"nav.kb-pager a[rel='{rel}']")
            assert head.count() == body.count(), (page.url, rel)
            if head.count():
                assert urljoin(page.url, head.get_attribute("href") or "") == urljoin(page.url, body.get_attribute("href") or "")
        following = page.locator("nav.kb-pager a[rel='next']")
        url = urljoin(page.url, following.get_attribute("href") or "") if following.count() else None
        assert len(seen) < 200 and url not in seen
    return seen


@pytest.fixture(scope="module")
def model():  # noqa: ANN201 - the real site's content model
    site, problems = load_site(ROOT / "docs")
    assert not [p for p in problems if p.severity == "error"]
    return site


def test_the_book_reads_from_its_landing_page_to_its_end(page: Page, site_url: str, model: object) -> None:
    expected = [site_url + url_of(src) for src in book_chain(model)]  # type: ignore[arg-type]
    assert expected[0] == site_url + "boek/" and expected[-1] == site_url + "boek/praktijkcases/"
    assert follow_next(page, site_url + "boek/") == expected
    page.goto(site_url + "boek/inleiding/")
    assert page.locator("nav.kb-pager a[rel='prev']").text_content().split()[-2:] == ["Customer", "Experience"]


def test_the_letters_read_from_the_oldest_edition_to_the_newest_letter(page: Page, site_url: str, model: object) -> None:
    expected = [site_url + url_of(src) for src in letters_chain(model)]  # type: ignore[arg-type]
    assert expected[0] == site_url + "brieven/2025-09-aparte-cx-strategie/"
    seen = follow_next(page, expected[0])
    assert seen == expected
    assert all(u.startswith(site_url + "brieven/20") and "afdrukken" not in u for u in seen)
    page.goto(site_url + "brieven/2025-12-leiderschap-is-cx/02-rien-brus/")
    assert " ".join(page.locator("nav.kb-pager a[rel='next']").text_content().split()) == (
        "Volgende brief → Wim Rampen — Leiden zoals medewerkers het graag zien")
    page.goto(site_url + "brieven/2025-10-ceo-omarmt-cx/03-rien-brus/")
    assert " ".join(page.locator("nav.kb-pager a[rel='next']").text_content().split()) == (
        "Volgende editie → december 2025 — Leiderschap is CX")
    page.goto(site_url + "brieven/2025-10-ceo-omarmt-cx/")
    assert page.locator("nav.kb-pager a[rel='prev']").text_content().strip().startswith("← Vorige brief")


@pytest.mark.parametrize("path", ["", "begrippen/cxm/", "auteurs/wim-rampen/", "brieven/stellingen/", "boek/afdrukken/"])
def test_pages_outside_a_reading_order_have_no_pager(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert page.locator("[rel='next'], [rel='prev']").count() == 0


def test_the_register_reads_on_a_phone_without_a_broken_word(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "brieven/stellingen/")
    stances = page.locator(".kb-register .kb-stance")
    assert stances.count() == 9
    lines = stances.evaluate_all("""els => els.map(el => {
        const range = document.createRange(); range.selectNodeContents(el);
        return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    })""")
    assert lines == [1] * 9
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first = page.locator(".kb-register tbody tr").first
    assert first.evaluate("el => getComputedStyle(el).display") == "block"  # one block per edition
    assert "Rien Brus" in first.inner_text()  # each stance says whose it is
    colours = set(stances.evaluate_all("els => els.map(el => getComputedStyle(el).borderLeftColor)"))
    marks = set(stances.evaluate_all("els => els.map(el => getComputedStyle(el, '::before').content)"))
    assert len(colours) == 3 and len(marks) == 3  # eens, genuanceerd, oneens: by colour and by mark
    assert page.locator(".kb-register__legend .kb-stance").count() == 4
    assert all(h and "/brieven/" in h for h in page.locator(".kb-register a.kb-register__cell").evaluate_all(
        "els => els.map(a => a.href)"))


@pytest.mark.parametrize("path", ["", "brieven/2025-12-leiderschap-is-cx/", "brieven/2025-10-ceo-omarmt-cx/03-rien-brus/",
                                  "boek/deel-1/01-customer-experience/", "begrippen/cxm/", "brieven/stellingen/"])
def test_no_english_text_drawn_by_scripts(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    search(page, "klant")
    page.locator("[data-kb-result]").first.wait_for(state="visible")
    shown = page.evaluate("""() => [document.title, document.body.innerText,
        ...[...document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')].flatMap(
            el => ['title', 'aria-label', 'placeholder', 'alt'].map(a => el.getAttribute(a) || ''))]""")
    found = sorted({m[0] for text in shown for m in english_pattern().finditer(text)})
    assert found == []


def test_search_counts_its_results_in_dutch(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Goleman")
    page.locator("[data-kb-result]").first.wait_for(state="visible")
    page.wait_for_timeout(300)
    shown = page.locator("[data-kb-result]").count()
    status = page.locator("[data-kb-search-status]").inner_text()
    total = int(status.split()[0])
    assert 1 <= shown <= total  # a page of results is shown, the status counts them all
    assert status == ("1 resultaat" if total == 1 else f"{total} resultaten") + " voor ‘Goleman’"


def pdf_pages(page: Page) -> list[str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


@pytest.mark.parametrize("path", ["brieven/2025-12-leiderschap-is-cx/02-rien-brus/", "brieven/2025-12-leiderschap-is-cx/afdrukken/",
                                  "boek/deel-1/01-customer-experience/", "boek/afdrukken/"])
def test_prints_end_without_a_blank_page_and_without_screen_only_lines(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    texts = pdf_pages(page)
    assert all(texts), [i for i, t in enumerate(texts) if not t]  # no blank page, last one included
    joined = " ".join(texts)
    assert "Leestijd" not in joined and "afdrukversie" not in joined.lower()
    assert "Volgende" not in joined and "Citeer deze brief" not in joined


def test_an_edition_prints_whole_with_a_page_per_letter(page: Page, site_url: str) -> None:
    page.goto(site_url + "brieven/2025-12-leiderschap-is-cx/afdrukken/")
    texts = pdf_pages(page)
    assert texts[0].startswith("Leiderschap is CX") and "Stelling: Leiderschap is CX." in texts[0]
    starts = [next(i for i, t in enumerate(texts) if t.startswith(title)) for title in
              ("Leiderschap is CX, of beter: HX", "Gebalanceerd leiderschap", "Leiden zoals medewerkers")]
    assert starts == sorted(starts) and len(set(starts)) == 3


def test_the_book_prints_a_title_page_with_authors_and_contents(page: Page, site_url: str) -> None:
    page.goto(site_url + "boek/afdrukken/")
    first = pdf_pages(page)[0]
    assert first.startswith("Customer Experience") and "Jean-Pierre Thomassen en Eric de Haan" in first
    assert "Inhoud" in first and "1 Customer Experience" in first


@pytest.mark.parametrize("path", ["begrippen/verandermanagement/", "auteurs/jean-pierre-thomassen/"])
def test_the_sidebar_keeps_its_top_on_term_and_author_pages(page: Page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.locator(".md-sidebar--primary .md-sidebar__scrollwrap").evaluate("el => el.scrollTop") == 0


def test_a_cited_page_that_went_away_forwards(page: Page, site_url: str, built_site: Path) -> None:
    page.goto(site_url + "brieven/per-plaats/")
    page.wait_for_url(site_url + "brieven/per-auteur/")


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_terms_of_a_page_are_a_compact_row(page: Page, site_url: str, media: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "boek/deel-1/01-customer-experience/")
    page.emulate_media(media=media)  # type: ignore[arg-type]
    items = page.locator(".kb-page-terms__list > li")
    assert items.count() > 10
    rows = set(items.evaluate_all("els => els.map(el => Math.round(el.getBoundingClientRect().top))"))
    assert len(rows) <= items.count() / 4  # wrapped into a few rows, not one term a line
    assert page.locator(".kb-page-terms__list").evaluate("el => getComputedStyle(el).listStyleType") == "none"
