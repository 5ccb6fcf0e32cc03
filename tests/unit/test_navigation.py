"""The navigation: a long series is grouped by decade, the glossary and the authors are one entry
each, so that the sidebar every page carries stays short (its size is paid once per page); names
sort by surname, Dutch style."""

from __future__ import annotations

import pytest

from klantbeleving.dates import PartialDate
from klantbeleving.model import Author, Edition, Site, Term
from klantbeleving.navigation import MAX_YEARS, build_nav, escape_section_titles
from klantbeleving.text import surname_sort_key, term_initial, typography


def series(years: int) -> Site:
    editions = [Edition(src=f"brieven/{2025 - y}-06-e/index.md", slug=f"e{y}", title=f"Editie {y}", stelling="S.",
                        date=PartialDate(2025 - y, 6)) for y in range(years)]
    return Site(editions=editions)


def section(nav: list, title: str) -> list:
    return next(v for item in nav if isinstance(item, dict) for k, v in item.items() if k == title)


def titles(items: list) -> list[str]:
    return [k for item in items if isinstance(item, dict) for k in item]


def test_a_short_series_lists_its_years() -> None:
    site = series(MAX_YEARS)
    nav = build_nav(site, {e.src for e in site.editions})
    assert titles(section(nav, "Brieven")) == [str(2025 - y) for y in range(MAX_YEARS)]


def test_a_long_series_groups_its_years_by_decade_newest_first() -> None:
    site = series(MAX_YEARS + 8)  # 2025 … 2008
    nav = build_nav(site, {e.src for e in site.editions})
    decades = section(nav, "Brieven")
    assert titles(decades) == ["2020\u20132029", "2010\u20132019", "2000\u20132009"]
    assert titles(section(decades, "2020\u20132029")) == ["2025", "2024", "2023", "2022", "2021", "2020"]
    assert titles(section(decades, "2000\u20132009")) == ["2009", "2008"]
    year = section(section(decades, "2010\u20132019"), "2015")  # year → edition → its page
    assert year == [{"juni 2015: Editie 10": [{"Stelling en inleiding": "brieven/2015-06-e/index.md"}]}]


def test_the_glossary_and_the_authors_are_one_entry_each() -> None:
    terms = {f"t{i}": Term(src=f"begrippen/t{i}.md", slug=f"t{i}", term=f"begrip {i}") for i in range(50)}
    authors = {"eric-de-haan": Author("eric-de-haan", "Eric de Haan")}
    site = Site(terms=terms, authors=authors)
    sources = {t.src for t in terms.values()} | {"begrippen/index.md", "auteurs/index.md", "auteurs/eric-de-haan.md", "over.md"}
    nav = build_nav(site, sources)
    assert nav == [{"Begrippen": "begrippen/index.md"}, {"Auteurs": "auteurs/index.md"}, "over.md"]


def test_the_home_page_is_the_start_and_a_redirect_stays_out() -> None:
    nav = build_nav(Site(), {"index.md", "brieven/per-plaats.md", "elders.md"})
    assert nav == [{"Startpagina": "index.md"}, "elders.md"]


@pytest.mark.parametrize(("name", "key"), [
    ("Eric de Haan", ("haan", "eric de")),
    ("De Haan", ("haan", "de")),
    ("Jan van der Berg", ("berg", "jan van der")),
    ("Piet in 't Veld", ("veld", "piet in 't")),
    ("Jan-Hein Pierik", ("pierik", "jan-hein")),
    ("Émile Zola", ("zola", "emile")),
    ("Cher", ("cher", "")),
])
def test_names_sort_by_surname_with_dutch_prefixes(name: str, key: tuple[str, str]) -> None:
    assert surname_sort_key(name) == key


def test_authors_sort_by_surname() -> None:
    names = ["Wim Rampen", "Eric de Haan", "Rien Brus", "Jan van Aken", "Jean-Pierre Thomassen"]
    assert sorted(names, key=surname_sort_key) == ["Jan van Aken", "Rien Brus", "Eric de Haan", "Wim Rampen", "Jean-Pierre Thomassen"]


@pytest.mark.parametrize(("text", "expected"), [
    ("'s-Hertogenbosch", "’s-Hertogenbosch"),
    ("'t Zand", "’t Zand"),
    ("zo'n plan", "zo’n plan"),
    ("risico's", "risico’s"),
    ("het woord 'apart' staat", "het woord 'apart' staat"),
    ("geen apostrof", "geen apostrof"),
])
def test_typography_turns_apostrophes_not_quotes(text: str, expected: str) -> None:
    assert typography(text) == expected


def test_term_initial() -> None:
    assert [term_initial(t) for t in ("cxm", "Éénduidig", "ölfabriek", "9 vlakken", "«quote»", " ")] == ["C", "E", "O", "#", "#", "#"]


def test_section_titles_become_html_and_stay_one_byte() -> None:
    nav = [{"A & B <i>": ["x.md", {"2020\u20132029 — é": [{"Pagina <b>": "y.md"}]}]}, "z.md"]
    assert escape_section_titles(nav) == [{"A &amp; B &lt;i&gt;": ["x.md", {"2020&#8211;2029 &#8212; é": [{"Pagina <b>": "y.md"}]}]},
                                          "z.md"]
