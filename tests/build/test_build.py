"""Real MkDocs builds of small sites written into tmp_path; HTML parsed with selectolax."""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import re
import textwrap
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.sitekit import build, letter, small_site, write_site

ED = "brieven/2025-12-proef"


def html(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


def text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    assert node is not None, f"no {selector}"
    return " ".join(node.text().split())


def test_letter_page_shows_author_city_dutch_date_and_stelling(tmp_path: Path) -> None:
    exc, log = build(write_site(tmp_path, small_site()))
    assert exc is None, log
    assert log == ""
    page = html(tmp_path / "site", f"{ED}/02-rien-brus/index.html")
    author = page.css_first("article.kb-letter .kb-author")
    assert author.text() == "Rien Brus"
    assert author.attributes["href"] == "../../../auteurs/rien-brus/"
    assert text(page, ".kb-city") == "Santpoort-Zuid"
    assert text(page, "time.kb-date") == "december 2025"
    assert text(page, ".kb-stelling") .startswith("Stelling Een proef is nodig.")
    assert text(page, ".kb-addressees") == "Jan-Hein en Wim"
    assert text(page, ".kb-reply-to").startswith("Brief van jan-hein-pierik")


def test_edition_page_lists_its_letters_in_order(tmp_path: Path) -> None:
    exc, log = build(write_site(tmp_path, small_site()))
    assert exc is None, log
    page = html(tmp_path / "site", f"{ED}/index.html")
    assert text(page, ".kb-stelling") == "Stelling Een proef is nodig."
    assert "Een korte inleiding van de redactie." in text(page, ".kb-lead")
    items = [" ".join(n.text().split()).split(" · ", 1) for n in page.css(".kb-letter-item__meta")]
    assert [item[1] for item in items] == ["Jan-Hein Pierik, Zeist", "Rien Brus, Santpoort-Zuid", "Wim Rampen, Helmond"]
    assert all(item[0].startswith("Brief ") for item in items), "each letter with its number in the series"


def test_author_page_is_generated_with_letters(tmp_path: Path) -> None:
    exc, log = build(write_site(tmp_path, small_site()))
    assert exc is None, log
    assert not (tmp_path / "docs" / "auteurs").exists(), "generated pages must not be written into docs/"
    page = html(tmp_path / "site", "auteurs/wim-rampen/index.html")
    assert text(page, "h1") == "Wim Rampen"
    assert "Schrijft over klantwaarde." in text(page, "article")
    assert [a.attributes["href"] for a in page.css(".kb-letter-list a")] == ["../../brieven/2025-12-proef/03-wim-rampen/"]


def test_broken_letter_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    files = dict(small_site())
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Zeist", date="2025-13-01")
    before = hashlib.sha256(files[f"{ED}/02-rien-brus.md"].encode()).hexdigest()
    exc, log = build(write_site(tmp_path, files))
    assert exc is not None
    assert f"docs/{ED}/02-rien-brus.md:5: 'date': '2025-13-01' is geen bestaande datum" in log
    assert "Traceback" not in log
    after = hashlib.sha256((tmp_path / "docs" / ED / "02-rien-brus.md").read_bytes()).hexdigest()
    assert before == after


#: Pagefind's filter and metadata files (and the entry file naming them) may list the same values in
#: another order from one run to the next (Pagefind issue #638); its fragments and index chunks do not.
UNORDERED = re.compile(r"pagefind/(filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")


def test_two_builds_in_one_process_are_byte_identical(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, small_site())

    def snapshot() -> dict[str, str]:
        exc, log = build(cfg)
        assert exc is None, log
        site = tmp_path / "site"
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.endswith(".gz") and not UNORDERED.match(p.relative_to(site).as_posix())
        }

    first = snapshot()
    second = snapshot()
    assert first == second
    assert "auteurs/rien-brus/index.html" in first
    assert any(name.startswith("pagefind/fragment/") for name in first)


def test_pages_get_their_frontmatter_from_the_one_read(tmp_path: Path) -> None:
    """MkDocs does not read a source again (``on_page_read_source`` hands it the body we read);
    the page still gets its frontmatter: Material's own keys work, the body is the page."""
    files = small_site()
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", extra="search:\n  exclude: true\nhide: [toc]\n",
                                            body="Aan: Jan-Hein\n\nDe eerste alinea.")
    files["over.md"] = "---\ntitle: Over deze site\nhide: [navigation]\n---\n\nTekst.\n"
    exc, log = build(write_site(tmp_path, files))
    assert exc is None, log
    site = tmp_path / "site"
    marked = [f"{ED}/{name}/index.html" for name in ("02-rien-brus", "03-wim-rampen")]
    assert [b"data-pagefind-body" in (site / rel).read_bytes() for rel in marked] == [True, False]  # search: exclude
    page = html(site, f"{ED}/03-wim-rampen/index.html")
    assert "hidden" in page.css_first(".md-sidebar--secondary").attributes  # hide: [toc]
    assert [p.text() for p in page.css("article.kb-letter > p")][:2] == ["Aan: Jan-Hein", "De eerste alinea."]
    other = html(site, "over/index.html")
    assert text(other, "title") == "Over deze site - Proef"
    assert "hidden" in other.css_first(".md-sidebar--primary").attributes  # hide: [navigation]
    assert "hidden" not in html(site, f"{ED}/02-rien-brus/index.html").css_first(".md-sidebar--secondary").attributes


def site_with_probe(tmp_path: Path, code: str) -> Path:
    """The small site with one more hook before ours (``code``, a hook module); its mkdocs.yml."""
    probe = tmp_path / "probe.py"
    probe.write_text(textwrap.dedent(code), encoding="utf-8")
    cfg = write_site(tmp_path, small_site())
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("hooks:\n", f"hooks:\n  - {probe}\n"), encoding="utf-8")
    return cfg


def test_a_build_leaves_the_process_as_it_found_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing of a build reaches outside it: the cycle collector's settings, its frozen objects
    and the exit handlers are the same during, after a good and after a failed build."""
    # Another hook: notes the collector's state while a page renders, fails on demand.
    cfg = site_with_probe(tmp_path, f"""\
        import gc, os
        def on_page_context(context, page, config, nav):
            open({str(tmp_path / "during.txt")!r}, "w").write(repr((gc.get_freeze_count(), gc.isenabled())))
            if os.environ.get("KB_PROBE_FAIL"):
                raise RuntimeError("kapot")
            return context
        """)
    before = (gc.get_freeze_count(), gc.isenabled(), gc.get_threshold(), atexit._ncallbacks())
    exc, log = build(cfg)
    assert exc is None, log
    assert (tmp_path / "during.txt").read_text() == repr(before[:2])
    assert (gc.get_freeze_count(), gc.isenabled(), gc.get_threshold(), atexit._ncallbacks()) == before
    monkeypatch.setenv("KB_PROBE_FAIL", "1")
    exc, log = build(cfg)
    assert isinstance(exc, RuntimeError)
    assert (gc.get_freeze_count(), gc.isenabled(), gc.get_threshold(), atexit._ncallbacks()) == before


def test_a_dirty_rebuild_renders_a_page_out_of_order_as_the_full_build_did(tmp_path: Path) -> None:
    """``mkdocs serve --dirty`` renders only what changed: that page gets the same view as in the
    full build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cfg = write_site(tmp_path, small_site())
    exc, log = build(cfg)
    assert exc is None, log
    site = tmp_path / "site"
    changed, other = site / ED / "02-rien-brus" / "index.html", site / ED / "01-jan-hein-pierik" / "index.html"

    def ours() -> list[str]:  # what the view and the metadata print (a dirty build's sidebar is MkDocs' own guess)
        tree = html(site, str(changed.relative_to(site)))
        return [node.html or "" for node in tree.css("article.kb-letter, script[type='application/ld+json'], meta[property]")]

    expected = ours()
    assert len(expected) > 5
    untouched = other.stat().st_mtime_ns
    later = changed.stat().st_mtime + 10
    os.utime(tmp_path / "docs" / ED / "02-rien-brus.md", (later, later))
    mkdocs_build(load_config(str(cfg)), dirty=True)
    assert ours() == expected
    assert changed.stat().st_mtime > later - 10 and other.stat().st_mtime_ns == untouched  # only the changed page was rendered


def test_pages_of_one_byte_sources_stay_one_byte_text(tmp_path: Path) -> None:
    """Our templates write dashes and arrows as character references: one character above U+00FF
    makes Python hold a whole page as two-byte text. Pages whose sources have none stay one
    byte per character."""
    exc, log = build(write_site(tmp_path, small_site()))
    assert exc is None, log
    site = tmp_path / "site"
    pages = list(site.glob("**/*.html"))
    assert len(pages) >= 15
    wide = {str(p.relative_to(site)): sorted({c for c in p.read_text(encoding="utf-8") if ord(c) > 0xFF}) for p in pages}
    assert {page: chars for page, chars in wide.items() if chars} == {}


def test_a_long_series_shows_decades_in_the_sidebar_and_opens_only_the_current_one(tmp_path: Path) -> None:
    """12 years of editions: the sidebar lists decades; a letter's page carries its own decade's
    years and its own year's editions, not every year's (Material prunes closed sections)."""
    files = small_site()
    for year in range(2013, 2025):
        ed = f"brieven/{year}-06-editie-{year}"
        files[f"{ed}/index.md"] = f"---\ntitle: Editie {year}\nstelling: Stelling van {year}.\ndate: {year}-06\n---\n\nLead.\n"
        files[f"{ed}/01-wim-rampen.md"] = letter("wim-rampen", "Helmond", date=f"{year}-06")
    exc, log = build(write_site(tmp_path, files, features=("navigation.prune", "navigation.sections")))  # as in mkdocs.yml
    assert exc is None, log
    page = html(tmp_path / "site", "brieven/2014-06-editie-2014/01-wim-rampen/index.html")
    sidebar = page.css_first(".md-sidebar--primary")
    labels = [" ".join(n.text().split()) for n in sidebar.css("label.md-nav__link")]
    assert labels == ["Brieven", "2010\u20132019", "2014", "juni 2014: Editie 2014"]
    links = {n.attributes.get("href", ""): " ".join(n.text().split()) for n in sidebar.css("a.md-nav__link")}
    assert links["./"] == "Wim Rampen" and links["../"] == "Stelling en inleiding"
    assert links["../../../auteurs/"] == "Auteurs"  # one entry: the authors' page lists them
    # a closed section is one link to its first page: the newest decade, the other years of this one
    assert links["../../2025-12-proef/"] == "2020\u20132029"
    assert links["../../2013-06-editie-2013/"] == "2013" and links["../../2019-06-editie-2019/"] == "2019"
    assert not any("2024" in h or "01-wim-rampen" in h for h in links), "nothing of a closed section is on every page"
    raw = (tmp_path / "site" / "brieven/2014-06-editie-2014/01-wim-rampen/index.html").read_bytes()
    assert b"2020&#8211;2029" in raw
