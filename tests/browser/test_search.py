"""The site's search (Pagefind) as a reader uses it: typed into the real box, by keyboard, on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_reader import open_search, search

RESULTS = "[data-kb-result]"


def results(page: Page) -> list[tuple[str, str, str]]:
    """(href, title, meta line) of every result shown, once the first is there."""
    page.locator(RESULTS).first.wait_for(state="visible")
    page.wait_for_timeout(200)  # a later keystroke's answer replaces the list
    return [(r.locator("a").first.get_attribute("href") or "", r.locator("[data-kb-result-title]").inner_text(),
             r.locator("[data-kb-result-meta]").inner_text()) for r in page.locator(RESULTS).all()]


@pytest.mark.parametrize(("query", "slug"), [
    ("CXM", "cxm"), ("cult", "cult"), ("cultuur", "cultuur"), ("Customer Experience Management", "cxm"),
    ("klantgerichte", "klantgericht"),
])
def test_an_exact_term_alias_or_form_puts_the_card_first(page: Page, site_url: str, query: str, slug: str) -> None:
    page.goto(site_url)
    search(page, query)
    found = results(page)
    links = page.locator("[data-kb-search] .kb-search__output a[href]")
    assert links.first.get_attribute("data-term") == slug
    assert page.locator("[data-kb-component=search-pin]").get_attribute("data-kb-term") == slug
    assert not [href for href, _, _ in found if href.endswith(f"/begrippen/{slug}/")]  # the card stands for it


def test_a_writers_name_gives_the_author_page_then_the_letters(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Rien Brus")
    found = results(page)
    assert found[0][0].endswith("/auteurs/rien-brus/") and found[0][1] == "Rien Brus" and found[0][2] == "Auteur"
    letters = found[1:4]  # he wrote three letters on the real site
    assert all(meta.startswith("Brief · Rien Brus · ") for _, _, meta in letters), found[:5]
    assert len({href for href, _, _ in letters}) == 3 and all(href.endswith("-rien-brus/") for href, _, _ in letters)
    assert {meta.rsplit(" · ", 1)[-1] for _, _, meta in letters} == {"september 2025", "oktober 2025", "december 2025"}


def test_stemming_finds_the_stem_of_an_inflected_word(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "klanten")
    found = results(page)
    pinned = page.locator("[data-kb-component=search-pin]").get_attribute("data-kb-term")
    assert pinned == "klant" or any(href.endswith("/begrippen/klant/") for href, _, _ in found)
    marked = {m.lower() for m in page.locator("[data-kb-search-results] mark").all_inner_texts()}
    assert "klant" in {m.strip(".,:;") for m in marked}  # the word as written on the page, found by its stem


@pytest.mark.parametrize("query", ["CXM", "klant", "leiderschap", "Rien", "strategie", "Customer Experience"])
def test_no_page_appears_twice_and_no_browse_page_or_print_page_at_all(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url)
    search(page, query)
    hrefs = [href for href, _, _ in results(page)]
    more = page.locator("[data-kb-search-more]")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(200)
        hrefs = [r.locator("a").first.get_attribute("href") or "" for r in page.locator(RESULTS).all()]
    assert len(hrefs) == len(set(hrefs))
    never = {"/", "/boek/", "/boek/afdrukken/", "/brieven/", "/brieven/tijdlijn/", "/brieven/per-auteur/",
             "/brieven/per-plaats/", "/brieven/stellingen/", "/begrippen/", "/auteurs/"}
    assert not never & set(hrefs)


def test_letters_show_type_writer_and_month_and_marks_are_not_links(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "strategie")
    found = results(page)
    letter = next(meta for href, _, meta in found if href.startswith("/brieven/") and href.count("/") == 4)
    kind, writer, month = letter.split(" · ")
    assert kind == "Brief" and writer in ("Rien Brus", "Wim Rampen", "Jan-Hein Pierik") and month.endswith("2025")
    mark = page.locator("[data-kb-search-results] mark").first
    style = mark.evaluate("m => { const s = getComputedStyle(m), p = getComputedStyle(m.parentElement);"
                          " return [s.textDecorationLine, s.color === p.color, m.closest('a') !== null]; }")
    assert style[0] == "none" and style[1] is True


def test_a_long_chapter_gives_sections(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "klanten")
    results(page)
    chapter = page.locator(RESULTS).filter(has=page.locator("[data-kb-result-meta]", has_text="Hoofdstuk")).first
    sections = chapter.locator(".kb-search__sections a")
    expect(sections.first).to_be_visible()
    assert "#" in (sections.first.get_attribute("href") or "")


def test_filter_to_letters_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "leiderschap")
    before = results(page)
    assert {meta.split(" · ")[0] for _, _, meta in before} - {"Brief"}  # more than letters at first
    page.locator("[data-kb-search-filters] summary").focus()
    page.keyboard.press("Enter")
    select = page.locator("[data-kb-filter=type]")
    expect(select.locator("option", has_text="Brief")).to_have_count(1)
    select.focus()
    select.select_option(label=select.locator("option", has_text="Brief").inner_text())
    page.wait_for_timeout(300)
    after = results(page)
    assert after and all(meta.startswith("Brief · ") for _, _, meta in after)
    page.locator("[data-kb-filter=writer]").select_option("Wim Rampen")
    page.wait_for_timeout(300)
    assert all(meta.startswith("Brief · Wim Rampen · ") for _, _, meta in results(page))


def test_keys_open_walk_and_close_the_dialog(page: Page, site_url: str) -> None:
    page.goto(site_url + "begrippen/")
    opener = page.locator(".md-header [data-kb-search-open]")
    opener.focus()
    page.keyboard.press("/")
    box = page.locator("[data-kb-search-input]")
    expect(box).to_be_focused()
    box.press_sequentially("CXM", delay=20)
    results(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('data-term')") == "cxm"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('[data-kb-result]')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    for _ in range(25):  # Tab never leaves the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('[data-kb-search]')")
    page.keyboard.press("Escape")
    expect(page.locator("[data-kb-search]")).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("s")
    expect(box).to_be_focused()
    box.fill("CXM")
    results(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}begrippen/cxm/")


def test_pagefind_loads_only_when_search_opens_and_stays_on_this_host(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u]
    search(page, "CXM")
    results(page)
    assert [u for u in requests if u.endswith("/pagefind/pagefind.js")]
    assert all(u.startswith(site_url) for u in requests if not u.startswith(("data:", "blob:")))


def test_search_works_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url)
    page.locator(".md-header [data-kb-search-open]").tap()
    box = open_search(page)
    box.press_sequentially("Rien", delay=20)
    results(page)
    page.locator("[data-kb-search-filters] summary").tap()
    page.locator("[data-kb-filter=type]").select_option("Brief")
    page.wait_for_timeout(300)
    assert all(meta.startswith("Brief · ") for _, _, meta in results(page))
    box_size = page.locator("[data-kb-search]").bounding_box()
    assert box_size is not None and box_size["width"] >= 380  # the dialog fills the screen
    context.close()


def test_slash_opens_search_after_the_colour_toggle_but_not_from_a_text_field(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label[for='__palette_1']").click()  # focus on the palette's radio button
    page.keyboard.press("/")
    expect(page.locator("[data-kb-search-input]")).to_be_focused()
    page.keyboard.press("Escape")
    box = page.locator("[data-kb-search-input]")
    assert not box.evaluate("box => box.closest('dialog').open")
    box.evaluate("box => { const f = document.createElement('input'); f.id = 'probe'; document.body.append(f); f.focus(); }")
    page.keyboard.press("s")
    assert not box.evaluate("box => box.closest('dialog').open")
    assert page.locator("#probe").input_value() == "s"


def test_the_home_pages_search_button_opens_the_dialog(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".kb-home__search").click()
    expect(page.locator("[data-kb-search-input]")).to_be_focused()
