"""Where content lives: slug ↔ source path, and the model's one lookup per source path."""

from __future__ import annotations

import pytest

from klantbeleving.layout import author_key, author_src, edition_src, is_print_page, term_slug, term_src
from klantbeleving.load import load_site
from klantbeleving.model import BookPage, Chapter, Edition, Letter, Part, Term
from tests.sitekit import ROOT


@pytest.mark.parametrize(
    ("src", "slug"),
    [("begrippen/cxm.md", "cxm"), ("begrippen/index.md", None), ("begrippen/a/b.md", None),
     ("boek/cxm.md", None), ("begrippen/cxm.txt", None), ("begrippen/.md", None)],
)
def test_term_slug(src: str, slug: str | None) -> None:
    assert term_slug(src) == slug
    if slug is not None:
        assert term_src(slug) == src


@pytest.mark.parametrize(("src", "key"), [("auteurs/wim-rampen.md", "wim-rampen"), ("auteurs/index.md", None)])
def test_author_key(src: str, key: str | None) -> None:
    assert author_key(src) == key
    if key is not None:
        assert author_src(key) == src


def test_the_model_says_what_is_at_a_source_path() -> None:
    site, _ = load_site(ROOT / "docs")
    kinds = {type(site.page_at(src)) for src in site.sources}
    assert {Letter, Edition, Part, Chapter, BookPage, Term} <= kinds
    edition = site.editions[-1]
    assert site.page_at(edition_src(edition.slug)) is edition
    assert site.page_at(edition.letters[0].src) is edition.letters[0]
    assert site.page_at("index.md") is None
    chapter = site.chapters[0]
    assert site.page_at(chapter.src) is chapter
    assert chapter.display_title == f"{chapter.number} {chapter.title}"
    assert chapter in site.book_order()
    part = site.part(chapter.part)
    assert part is not None and part.display_title.startswith("Deel I")



@pytest.mark.parametrize(("src", "printed"), [
    ("boek/afdrukken.md", True),
    ("brieven/2025-12-proef/afdrukken.md", True),
    ("brieven/2025-12-proef/01-rien-brus.md", False),
    ("brieven/afdrukken.md", False),
    ("boek/deel-1/afdrukken.md", False),
])
def test_print_pages_are_known_by_their_path(src: str, printed: bool) -> None:
    assert is_print_page(src) is printed
