"""The book in the browser: the print edition prints to PDF with every chapter in order."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

ORDER = ["Inleiding", "Deel I", "1 Customer Experience", "Deel II", "Deel III", "Praktijkcases"]


def test_print_edition_prints_chapters_in_order(page: Page, site_url: str) -> None:
    page.goto(site_url + "boek/afdrukken/")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    pdf = page.pdf(format="A4")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= len(ORDER)
    starts = [(reader.pages[i].extract_text() or "").lstrip() for i in range(len(reader.pages))]
    # each chapter opens a page of its own (page break before it), in reading order
    first_page = {t: next((i for i, s in enumerate(starts) if re.match(rf"{re.escape(t)}(\s|$)", s)), None) for t in ORDER}
    assert None not in first_page.values(), first_page
    assert list(first_page.values()) == sorted(first_page.values())
    assert len(set(first_page.values())) == len(ORDER)


def test_footnote_and_chapter_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "boek/deel-1/01-customer-experience/")
    expect(page.locator("h1")).to_contain_text("Customer Experience")
    page.locator(".kb-pager__next").click()
    expect(page.locator("h1")).to_contain_text("Deel II")


def test_footnote_tooltip_on_hover_and_focus_and_back_link(page: Page, site_url: str) -> None:
    page.goto(site_url + "boek/deel-1/01-customer-experience/")
    ref = page.locator("article sup[id^='fnref'] a").first
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    expect(tooltip).to_contain_text("bibliografische gegevens")
    page.mouse.move(0, 0)
    ref.focus()
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active").first).to_contain_text("bibliografische gegevens")
    ref.click()
    note = page.locator(".footnote li").first
    expect(note).to_contain_text("bibliografische gegevens")
    note.locator("a.footnote-backref").click()
    expect(page).to_have_url(re.compile(r"#fnref:1$"))


def test_a_letter_prints_as_a_letter(page: Page, site_url: str) -> None:
    page.goto(site_url + "brieven/2025-12-leiderschap-is-cx/01-jan-hein-pierik/")
    page.emulate_media(media="print")
    for hidden in [".md-header", ".md-sidebar--primary", ".kb-cite", ".kb-pager", ".md-footer"]:
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("article .kb-stelling")).to_be_visible()
    term = page.locator("article a.kb-term").first
    assert term.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join((p.extract_text() or "") for p in pdf.pages)
    assert "stelling" in text.lower() and "Citeer deze brief" not in text
