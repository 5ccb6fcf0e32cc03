"""Hostile frontmatter never becomes executable markup: stelling, author name, term, title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import serve
from tests.browser.test_reader import search
from tests.sitekit import AUTHORS, build, letter, small_site, write_site

ED = "brieven/2025-12-proef"
EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"onmouseover="window.__pwned=3'
YAML_EVIL = EVIL.replace('"', '\\"')


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("evil")
    files = dict(small_site())
    files[".authors.yml"] = AUTHORS.replace("name: Rien Brus", f'name: "Rien {YAML_EVIL}"')
    files[f"{ED}/index.md"] = f'---\ntitle: "Editie {YAML_EVIL}"\nstelling: "Stelling {YAML_EVIL}"\ndate: 2025-12\n---\n\nLead.\n'
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", f'"Stad {YAML_EVIL}"',
                                            extra=f'quote: "Citaat {YAML_EVIL}"\nstelling: "Stelling {YAML_EVIL}"\n')
    files["begrippen/cxm.md"] = (f'---\nterm: "CXM {YAML_EVIL}"\naliases: ["Alias {YAML_EVIL}"]\nforms: [stuurwiel]\n---\n\n'
                                 'Het sturen op klantbeleving.\n')  # the body is the author's Markdown: trusted
    files[f"{ED}/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", body="Over het stuurwiel van de organisatie.")
    exc, log = build(write_site(root, files))
    assert exc is None, log
    yield from serve(root / "site")


PAGES = ["", f"{ED}/", f"{ED}/02-rien-brus/", "auteurs/rien-brus/", "auteurs/", "begrippen/", "begrippen/cxm/",
         "brieven/stellingen/", "brieven/per-plaats/", "brieven/tijdlijn/", "brieven/per-auteur/", f"{ED}/afdrukken/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_and_no_element_is_injected(page: Page, evil_site: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(evil_site + path)
    page.wait_for_load_state("networkidle")
    for el in page.locator("article a:visible, article h1:visible, article blockquote:visible").all()[:40]:
        el.hover(timeout=2000)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("script", has_text="__pwned").count() == 0
    assert page.locator("[onmouseover], [onerror]").count() == 0
    assert dialogs == []


def test_search_results_do_not_execute_markup(page: Page, evil_site: str) -> None:
    page.goto(evil_site)
    search(page, "Stelling")
    page.locator("[data-kb-result]").first.wait_for()
    page.locator("[data-kb-search-input]").fill("")
    search(page, "Rien")  # the writer's name in the results' meta line
    page.locator("[data-kb-result]").first.wait_for()
    page.locator("[data-kb-search-filters] summary").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("[data-kb-search] img[src=x], [data-kb-search] [onerror], [data-kb-search] script").count() == 0
    assert "<script>" in page.locator("[data-kb-search]").inner_text()  # shown as text


def test_feed_and_cmif_escape_values(evil_site: str, tmp_path: Path) -> None:
    import urllib.request

    from lxml import etree

    for name in ("feed.xml", "brieven.cmif.xml"):
        data = urllib.request.urlopen(evil_site + name).read()  # noqa: S310 - loopback only
        etree.fromstring(data)  # well-formed despite the markup in values
        assert b"<script>" not in data


def test_term_tooltip_and_search_card_do_not_execute_markup(page: Page, evil_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(evil_site + f"{ED}/01-jan-hein-pierik/")
    link = page.locator("article a.kb-term").first
    link.hover()
    page.wait_for_timeout(300)
    link.focus()
    search(page, "stuurwiel")
    card = page.locator(".kb-search-pin a")
    card.wait_for(state="visible")
    assert "<script>" in card.inner_text()  # shown as text
    card.hover()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img[src=x], [onmouseover], [onerror]").count() == 0
    assert dialogs == []
