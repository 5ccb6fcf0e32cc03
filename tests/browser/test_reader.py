"""What a reader does: open the home page, search for a term."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def search(page: Page, query: str) -> None:
    """Type into Material's real search box, as a reader does (desktop layout)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)


def test_home_page_renders(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page).to_have_title(re.compile("Klantbeleving"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("article h1").first).to_be_visible()


def test_search_for_cxm_lists_the_cxm_term(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "CXM")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__link[href*='begrippen/cxm/']").first).to_be_attached()
