"""What a reader does: open the home page, search for a term."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


def open_search(page: Page) -> Locator:
    """Open the search dialog with the header button, as a reader does; the field has the focus."""
    if not page.locator("[data-kb-search]").evaluate("d => d.open"):
        page.locator(".md-header [data-kb-search-open]").click()
    box = page.locator("[data-kb-search-input]")
    expect(box).to_be_focused()
    return box


def search(page: Page, query: str) -> None:
    """Type into the site's real search box, key by key."""
    open_search(page).press_sequentially(query, delay=20)


def test_home_page_renders(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page).to_have_title(re.compile("Klantbeleving"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("article h1").first).to_be_visible()


def test_search_for_cxm_lists_results_after_the_cxm_card(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "CXM")
    expect(page.locator("[data-kb-result]").first).to_be_visible()
    expect(page.locator("[data-kb-component=search-pin] a[href$='begrippen/cxm/']")).to_be_visible()
