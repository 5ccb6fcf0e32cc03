"""Glossary in the browser: the pinned term in search, term links and their tooltips."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_reader import search

# query typed by the reader → the term whose card must come first
PINNED = [
    ("CXM", "cxm"),
    ("cult", "cult"),
    ("cultuur", "cultuur"),
    ("Customer Experience Management", "cxm"),
    ("klantgerichte", "klantgericht"),
    ("klantgedreven", "klantgedreven"),
    ("  NPS ", "nps"),
]


def first_result_link(page: Page) -> str:
    """The href of the first link the reader meets in the search results."""
    first = page.locator("[data-kb-search] .kb-search__output a[href]").first
    expect(first).to_be_visible()
    return first.get_attribute("href") or ""


@pytest.mark.parametrize(("query", "slug"), PINNED)
def test_query_equal_to_a_name_pins_its_term_first(page: Page, site_url: str, query: str, slug: str) -> None:
    page.goto(site_url)
    search(page, query)
    # the ordinary results still follow the card
    expect(page.locator("[data-kb-result]").first).to_be_visible()
    card = page.locator(".kb-search-pin a")
    expect(card).to_have_attribute("data-term", slug)
    assert first_result_link(page).endswith(f"begrippen/{slug}/")
    page.locator(".kb-search-pin a").click()
    expect(page).to_have_url(f"{site_url}begrippen/{slug}/")


def test_cult_card_is_not_cultuur(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "cult")
    expect(page.locator(".kb-search-pin .kb-search-pin__term")).to_have_text("cult")


def test_no_card_for_a_prefix_or_an_ordinary_word(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "cul")
    expect(page.locator("[data-kb-result]").first).to_be_visible()
    expect(page.locator(".kb-search-pin")).to_be_hidden()
    page.locator("[data-kb-search-input]").fill("")
    search(page, "leiderschap bij de")
    expect(page.locator(".kb-search-pin")).to_be_hidden()


def test_card_follows_the_query_as_it_changes(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "cultuur")
    expect(page.locator(".kb-search-pin a")).to_have_attribute("data-term", "cultuur")
    box = page.locator("[data-kb-search-input]")
    for _ in range(3):
        box.press("Backspace")
    expect(page.locator(".kb-search-pin a")).to_have_attribute("data-term", "cult")
    box.press("Backspace")
    expect(page.locator(".kb-search-pin")).to_be_hidden()


def test_card_reachable_with_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "CXM")
    expect(page.locator(".kb-search-pin a")).to_be_visible()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement && document.activeElement.getAttribute('data-term')")
    assert focused == "cxm"


CHAPTER = "boek/deel-1/01-customer-experience/"


def test_term_links_in_a_chapter_lead_to_the_glossary(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    link = page.locator("article a.kb-term[data-term='nps']").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{site_url}begrippen/nps/")
    expect(page.locator("article h1")).to_have_text("NPS")


def test_tooltip_on_hover_and_on_keyboard_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    link = page.locator("article a.kb-term[data-term='nps']").first
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("NPS")
    expect(tooltip).to_contain_text("klantloyaliteit")
    page.mouse.move(0, 0)
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active")).to_have_count(0)
    link.focus()
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active").first).to_contain_text("klantloyaliteit")


def test_tooltip_is_announced_to_screen_readers(page: Page, site_url: str) -> None:
    page.goto(site_url + CHAPTER)
    link = page.locator("article a.kb-term[data-term='nps']").first
    link.focus()
    name = page.evaluate(
        """el => {
            const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            return ids.map(id => document.getElementById(id)?.textContent || '').join(' ') || el.title;
        }""",
        link.element_handle(),
    )
    assert "klantloyaliteit" in name


def test_term_page_lists_where_the_term_occurs(page: Page, site_url: str) -> None:
    page.goto(site_url + "begrippen/cultuur/")
    expect(page.locator("#komt-voor-in")).to_be_visible()
    book = page.locator(".kb-mentions--boek")
    letters = page.locator(".kb-mentions--brieven")
    expect(book.locator("li").first).to_be_visible()
    expect(letters.locator("li").first).to_be_visible()
    book.locator("li a").first.click()
    expect(page).to_have_url(re.compile(r"/boek/.+#[a-z0-9-]+$"))
