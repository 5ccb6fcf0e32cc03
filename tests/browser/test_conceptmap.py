"""The glossary's concept map in the browser: nodes lead to their terms, the list says the same,
labels are legible on a desktop and on a phone, axe finds nothing with the list open."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_quality import use_dark_mode

GLOSSARY = "begrippen/"


def edges_drawn(page: Page) -> set[tuple[str, str]]:
    pairs = page.eval_on_selector_all(
        ".kb-map svg path.kb-map__edge", "ps => ps.map(p => [p.dataset.source, p.dataset.target].sort().join(' '))")
    return {tuple(p.split(" ")) for p in pairs}


@pytest.mark.parametrize("slug", ["cx", "transformatief-leiderschap", "iso-23592"])
def test_a_node_leads_to_its_term(page: Page, site_url: str, slug: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + GLOSSARY)
    node = page.locator(f".kb-map svg a[data-term='{slug}']")
    node.scroll_into_view_if_needed()
    node.click()
    expect(page).to_have_url(f"{site_url}begrippen/{slug}/")


def test_a_node_is_reached_and_followed_with_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + GLOSSARY)
    page.locator(".kb-map svg a[data-term='cxm']").focus()
    assert page.evaluate("document.activeElement.dataset.term") == "cxm"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}begrippen/cxm/")


def test_the_list_names_the_relations_the_map_draws(page: Page, site_url: str) -> None:
    page.goto(site_url + GLOSSARY)
    page.locator(".kb-map__list summary").click()
    items = page.locator(".kb-map__list li")
    expect(items.first).to_be_visible()
    listed = page.eval_on_selector_all(".kb-map__list li", """lis => lis.flatMap(li => {
        const slug = a => a.href.replace(/\\/$/, '').split('/').pop();
        const [head, ...rest] = [...li.querySelectorAll('a')];
        return rest.map(a => [slug(head), slug(a)].sort().join(' '));
    })""")
    drawn = edges_drawn(page)
    assert len(drawn) > 20
    assert {tuple(p.split(" ")) for p in listed} == drawn
    assert items.count() == page.locator(".kb-map svg a.kb-map__node").count()


@pytest.mark.parametrize(("width", "smallest"), [(1280, 12), (390, 13)])
def test_labels_are_legible(page: Page, site_url: str, width: int, smallest: float) -> None:
    """On a desktop the map fits the column; on a phone it keeps its size and scrolls sideways,
    inside its own box (the page itself does not)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + GLOSSARY)
    sizes = page.eval_on_selector_all(
        ".kb-map__label", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert min(sizes) >= smallest
    box = page.locator(".kb-map__scroll")
    fits = box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert fits == (width == 1280)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("dark", [False, True], ids=["licht", "donker"])
def test_axe_reports_no_violations_with_the_list_open(page: Page, site_url: str, dark: bool) -> None:
    page.goto(site_url + GLOSSARY)
    page.wait_for_load_state("networkidle")
    if dark:
        use_dark_mode(page)
    page.locator(".kb-map__list summary").click()
    page.locator(".kb-map svg a[data-term='cx']").focus()  # the focus ring is drawn too
    results = Axe().run(page)
    violations = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in results.response["violations"]]
    assert violations == []
