"""Reading orders: one chain per collection, forward in time, never crossing collections."""

from __future__ import annotations

from klantbeleving.dates import PartialDate
from klantbeleving.model import Author, BookPage, Chapter, Edition, Letter, Part, Site
from klantbeleving.reading import book_chain, letters_chain, pager_view, reading_neighbours
from klantbeleving.views import Links


def edition(slug: str, year: int, month: int, authors: list[str]) -> Edition:
    ed = Edition(src=f"brieven/{slug}/index.md", slug=slug, title=f"Titel {slug}", stelling="S.", date=PartialDate(year, month))
    ed.letters = [Letter(src=f"brieven/{slug}/0{i + 1}-{a}.md", edition=slug, position=i + 1, author=a, city="X",
                         date=PartialDate(year, month), title=f"Brief {i + 1}") for i, a in enumerate(authors)]
    return ed


def site() -> Site:
    chapters = [Chapter("boek/deel-1/01-a.md", 1, 1, "A"), Chapter("boek/deel-1/02-b.md", 1, 2, "B")]
    parts = [Part("boek/deel-1/index.md", 1, "Een", chapters), Part("boek/deel-2/index.md", 2, "Twee", [])]
    pages = [BookPage("boek/index.md", "Boek"), BookPage("boek/inleiding.md", "Inleiding", order=10),
             BookPage("boek/cases.md", "Cases", order=90)]
    s = Site(authors={"wim": Author("wim", "Wim Rampen"), "rien": Author("rien", "Rien Brus")},
             editions=[edition("2025-12-b", 2025, 12, ["wim", "rien"]), edition("2025-10-a", 2025, 10, ["rien"])],
             parts=parts, chapters=chapters, book_pages=pages)
    s.reindex()
    return s


def test_the_book_runs_from_its_landing_page_through_parts_and_chapters() -> None:
    assert book_chain(site()) == ["boek/index.md", "boek/inleiding.md", "boek/deel-1/index.md", "boek/deel-1/01-a.md",
                                  "boek/deel-1/02-b.md", "boek/deel-2/index.md", "boek/cases.md"]


def test_the_letters_run_from_the_oldest_edition_forward() -> None:
    assert letters_chain(site()) == ["brieven/2025-10-a/index.md", "brieven/2025-10-a/01-rien.md",
                                     "brieven/2025-12-b/index.md", "brieven/2025-12-b/01-wim.md", "brieven/2025-12-b/02-rien.md"]


def test_chains_never_cross_and_other_pages_have_no_neighbours() -> None:
    around = reading_neighbours(site())
    assert around["boek/cases.md"].next is None and around["brieven/2025-10-a/index.md"].previous is None
    assert around["boek/index.md"].previous is None and around["brieven/2025-12-b/02-rien.md"].next is None
    assert "begrippen/cx.md" not in around and "boek/afdrukken.md" not in around


def test_the_pager_says_what_comes() -> None:
    s = site()
    links = Links(lambda src: "/" + src)
    pager = pager_view(s, reading_neighbours(s), "brieven/2025-10-a/01-rien.md", links)
    assert pager is not None
    assert pager["previous"] == {"url": "/brieven/2025-10-a/index.md", "label": "Vorige editie", "who": "oktober 2025",
                                 "title": "Titel 2025-10-a"}
    assert (pager["next"]["label"], pager["next"]["who"], pager["next"]["title"]) == ("Volgende editie", "december 2025", "Titel 2025-12-b")
    pager = pager_view(s, reading_neighbours(s), "brieven/2025-12-b/01-wim.md", links)
    assert pager is not None and (pager["next"]["label"], pager["next"]["who"], pager["next"]["title"]) == ("Volgende brief", "Rien Brus", "Brief 2")
    pager = pager_view(s, reading_neighbours(s), "boek/deel-1/01-a.md", links)
    assert pager is not None
    assert (pager["previous"]["label"], pager["previous"]["title"]) == ("Vorig deel", "Deel I — Een")
    assert (pager["next"]["label"], pager["next"]["title"]) == ("Volgend hoofdstuk", "2 B")
    assert pager_view(s, reading_neighbours(s), "index.md", links) is None
