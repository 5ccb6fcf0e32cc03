"""Reader-side quality gates: no third-party requests, no console errors, no axe violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_reader import search

PAGE_TYPES = {
    "home": "",
    "edition": "brieven/2025-12-leiderschap-is-cx/",
    "letter": "brieven/2025-10-ceo-omarmt-cx/03-rien-brus/",
    "chapter": "boek/deel-1/01-customer-experience/",
    "term": "begrippen/cxm/",
    "author": "auteurs/wim-rampen/",
    "glossary": "begrippen/",
    "register": "brieven/stellingen/",
    "404": "404.html",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_makes_no_request_to_another_host_and_logs_no_error(page: Page, site_url: str, path: str) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    foreign = [u for u in requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert foreign == []
    assert errors == []


def use_dark_mode(page: Page) -> None:
    """Switch to dark mode with the header toggle, as a reader does; then move pointer and focus
    away, so the toggle's own tooltip is not what axe measures."""
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.mouse.move(5, 600)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_function("!document.querySelector('.md-tooltip--active, .md-tooltip2--active')")
    page.wait_for_timeout(300)  # the tooltip fades out


@pytest.mark.parametrize("dark", [False, True], ids=["licht", "donker"])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_reports_no_violations(page: Page, site_url: str, path: str, dark: bool) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if dark:
        use_dark_mode(page)
    results = Axe().run(page)
    violations = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in results.response["violations"]]
    assert violations == []


def test_404_page_offers_search_and_glossary(page: Page, site_url: str, built_site: Path) -> None:
    assert (built_site / "404.html").exists()
    page.goto(site_url + "404.html")
    assert page.locator("h1").first.inner_text() == "Pagina niet gevonden"
    page.locator(".kb-404__search").click()
    expect(page.locator("[data-kb-search-input]")).to_be_focused()
    assert page.locator("a[href$='begrippen/']").count() >= 1


@pytest.mark.parametrize("dark", [False, True], ids=["licht", "donker"])
def test_axe_reports_no_violations_with_the_search_open(page: Page, site_url: str, dark: bool) -> None:
    """The dialog open with the term card, results with highlighted words and sections, filters open."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    if dark:
        use_dark_mode(page)
    search(page, "klantgerichte")
    page.locator(".kb-search-pin a").wait_for(state="visible")
    page.locator("[data-kb-result]").first.wait_for(state="visible")
    page.locator("[data-kb-search-filters] summary").click()
    page.locator("[data-kb-filter=type] option").nth(1).wait_for(state="attached")

    def violations() -> list[tuple[str, list[tuple[str, str]]]]:
        results = Axe().run(page)
        return [(v["id"], [(n["target"], n.get("any", [{}])[0].get("message", "")) for n in v["nodes"]])
                for v in results.response["violations"]]

    assert violations() == []
    page.locator("[data-kb-search-input]").fill("")
    search(page, "klanten")  # a chapter with sections
    page.locator(".kb-search__sections a").first.wait_for(state="visible")
    assert violations() == []
    assert all(u.startswith("http://127.0.0.1:") for u in requests if not u.startswith("data:"))
