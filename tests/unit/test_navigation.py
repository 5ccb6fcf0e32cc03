"""The navigation: a long series is grouped by decade, a long glossary by initial, so that the
sidebar every page carries stays short (its size is paid once per page)."""

from __future__ import annotations

from klantbeleving.dates import PartialDate
from klantbeleving.model import Edition, Site, Term
from klantbeleving.navigation import MAX_TERMS, MAX_YEARS, build_nav, escape_section_titles
from klantbeleving.text import term_initial


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
    assert year == [{"juni 2015: Editie 10": ["brieven/2015-06-e/index.md"]}]


def glossary(names: list[str]) -> list:
    terms = {f"t{i}": Term(src=f"begrippen/t{i}.md", slug=f"t{i}", term=name) for i, name in enumerate(names)}
    site = Site(terms=terms)
    return section(build_nav(site, {t.src for t in terms.values()} | {"begrippen/index.md"}), "Begrippen")


def test_a_short_glossary_lists_its_terms() -> None:
    names = [f"begrip {i:02d}" for i in range(MAX_TERMS)]
    assert glossary(names) == ["begrippen/index.md", *({n: f"begrippen/t{i}.md"} for i, n in enumerate(names))]


def test_a_long_glossary_groups_its_terms_by_initial() -> None:
    names = ["Éénduidig", "CX", "cult", "3D-klantbeeld", "_intern", *[f"merk {i:02d}" for i in range(MAX_TERMS)]]
    groups = glossary(names)
    assert groups[0] == "begrippen/index.md"
    assert titles(groups[1:]) == ["#", "C", "E", "M"]  # the glossary page's letters, in its order
    assert section(groups, "#") == [{"3D-klantbeeld": "begrippen/t3.md"}, {"_intern": "begrippen/t4.md"}]
    assert section(groups, "C") == [{"cult": "begrippen/t2.md"}, {"CX": "begrippen/t1.md"}]
    assert section(groups, "E") == [{"Éénduidig": "begrippen/t0.md"}]
    assert len(section(groups, "M")) == MAX_TERMS


def test_term_initial() -> None:
    assert [term_initial(t) for t in ("cxm", "Éénduidig", "ölfabriek", "9 vlakken", "«quote»", " ")] == ["C", "E", "O", "#", "#", "#"]


def test_section_titles_become_html_and_stay_one_byte() -> None:
    nav = [{"A & B <i>": ["x.md", {"2020\u20132029 — é": [{"Pagina <b>": "y.md"}]}]}, "z.md"]
    assert escape_section_titles(nav) == [{"A &amp; B &lt;i&gt;": ["x.md", {"2020&#8211;2029 &#8212; é": [{"Pagina <b>": "y.md"}]}]},
                                          "z.md"]
