"""Real MkDocs builds of small sites written into tmp_path; HTML parsed with selectolax."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import subprocess
import sys
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


def test_two_builds_in_one_process_are_byte_identical(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, small_site())

    def snapshot() -> dict[str, str]:
        exc, log = build(cfg)
        assert exc is None, log
        site = tmp_path / "site"
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.endswith(".gz")
        }

    first = snapshot()
    cached = list((tmp_path / ".cache" / "klantbeleving").glob("templates-*/*.cache"))
    assert len(cached) > 10, "the first build keeps its compiled templates"
    second = snapshot()  # from the kept templates
    assert first == second
    assert "auteurs/rien-brus/index.html" in first


def test_a_damaged_or_blocked_template_cache_costs_a_compile_not_the_build(tmp_path: Path) -> None:
    import pickle

    from jinja2.bccache import bc_magic

    cfg = write_site(tmp_path, small_site())
    exc, log = build(cfg)
    assert exc is None, log
    page = tmp_path / "site" / "auteurs" / "rien-brus" / "index.html"
    expected = page.read_bytes()
    entries = sorted((tmp_path / ".cache" / "klantbeleving").glob("templates-*/*.cache"))
    entries[0].write_bytes(b"kapot")  # wrong header
    entries[1].write_bytes(bc_magic + b"\x00kapot")  # right header, unreadable checksum
    entries[2].write_bytes(bc_magic + pickle.dumps("ander") + b"kapot")  # a stale entry
    entries[3].write_bytes(bc_magic)  # cut short
    exc, log = build(cfg)
    assert exc is None, log
    assert page.read_bytes() == expected
    shutil.rmtree(tmp_path / ".cache")
    (tmp_path / ".cache").write_text("geen map")  # no folder can be made: the build goes on uncached
    exc, log = build(cfg)
    assert exc is None, log
    assert page.read_bytes() == expected


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
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f"{ED}/03-wim-rampen/" not in index and f"{ED}/02-rien-brus/" in index
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


def test_a_build_gives_the_cycle_collector_back_what_it_froze(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks freeze what a build keeps (``gc.freeze``) while the pages are rendered; after the
    build, failed or not, nothing stays frozen (``mkdocs serve`` and in-process builds go on)."""
    # Another hook: notes what is frozen while a page renders, fails on demand.
    cfg = site_with_probe(tmp_path, f"""\
        import gc, os
        def on_page_context(context, page, config, nav):
            open({str(tmp_path / "frozen.txt")!r}, "w").write(str(gc.get_freeze_count()))
            if os.environ.get("KB_PROBE_FAIL"):
                raise RuntimeError("kapot")
            return context
        """)
    assert gc.get_freeze_count() == 0
    exc, log = build(cfg)
    assert exc is None, log
    assert int((tmp_path / "frozen.txt").read_text()) > 1000  # the model and the pages, while rendering
    assert gc.get_freeze_count() == 0
    monkeypatch.setenv("KB_PROBE_FAIL", "1")
    exc, log = build(cfg)
    assert isinstance(exc, RuntimeError)
    assert gc.get_freeze_count() == 0


def test_the_build_process_ends_without_walking_the_site_once_more(tmp_path: Path) -> None:
    """``mkdocs build`` in its own process: at exit, what is still alive is frozen before Python's
    shutdown collections (they would walk the whole built site once more). A probe hook registers
    its ``atexit`` handler first, so it runs after ours (last in, first out) and notes the count."""
    cfg = site_with_probe(tmp_path, f"""\
        import atexit, gc
        def _note():
            open({str(tmp_path / "frozen-at-exit.txt")!r}, "w").write(str(gc.get_freeze_count()))
        def on_config(config):
            atexit.register(_note)
            return config
        """)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(cfg)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert int((tmp_path / "frozen-at-exit.txt").read_text()) > 1000  # the config, the pages, our model


def test_a_dirty_rebuild_renders_a_page_out_of_order_as_the_full_build_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Page views are made a few dozen at a time in the order MkDocs renders the pages; a page
    rendered out of that order (``mkdocs serve --dirty`` renders only what changed) gets its
    view made on its own, the same view."""
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
    config = load_config(str(cfg))
    hook = next(module for name, module in config.hooks.items() if name.endswith("content.py"))
    monkeypatch.setattr(hook, "VIEWS_AT_ONCE", 1)  # the first page's view only: not the changed one
    mkdocs_build(config, dirty=True)
    assert ours() == expected
    assert changed.stat().st_mtime > later - 10 and other.stat().st_mtime_ns == untouched  # only the changed page was rendered


def test_pages_of_one_byte_sources_stay_one_byte_text(tmp_path: Path) -> None:
    """Our templates write dashes and arrows as character references: one character above U+00FF
    makes Python hold a whole page as two-byte text (joined, encoded and written at about twice
    the cost). Pages whose sources have none stay one byte per character."""
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
    assert labels == ["Brieven", "2010\u20132019", "2014", "juni 2014: Editie 2014", "Begrippen", "Auteurs"]
    links = {n.attributes.get("href", ""): " ".join(n.text().split()) for n in sidebar.css("a.md-nav__link")}
    assert links["./"] == "Wim Rampen" and links["../"] == "Editie 2014"
    # a closed section is one link to its first page: the newest decade, the other years of this one
    assert links["../../2025-12-proef/"] == "2020\u20132029"
    assert links["../../2013-06-editie-2013/"] == "2013" and links["../../2019-06-editie-2019/"] == "2019"
    assert not any("2024" in h or "01-wim-rampen" in h for h in links), "nothing of a closed section is on every page"
    raw = (tmp_path / "site" / "brieven/2014-06-editie-2014/01-wim-rampen/index.html").read_bytes()
    assert b"2020&#8211;2029" in raw
