"""Search in a real build: which pages Pagefind indexes, with which metadata and filters, and its bundle."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest

from klantbeleving.searchindex import SEARCH_DIR, UNUSED_UI_FILES, write_search_index
from tests.build.test_glossary_build import site_files
from tests.sitekit import build, build_clean, letter, parse_page, site_bytes, write_site

ED = "brieven/2025-12-proef"
HOSTILE_TITLE = 'Brief "met" <b>tekens</b> & meer, titel[x]: y'


def built(tmp_path: Path, files: dict[str, str]) -> Path:
    return build_clean(tmp_path, dict(files))


html = parse_page


def fragments(site: Path) -> dict[str, dict]:
    """URL → Pagefind's fragment (the page's text, metadata and filters), decompressed."""
    out = {}
    for path, data in site_bytes(site / SEARCH_DIR / "fragment"):
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        out[fragment["url"]] = fragment
    return out


def search_files() -> dict[str, str]:
    files = site_files()
    files[f"{ED}/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", title=f"'{HOSTILE_TITLE}'")
    files["over.md"] = "---\ntitle: Over deze site\n---\n\nGewone pagina zonder soort.\n"
    files.setdefault("brieven/index.md", "---\ntitle: Brieven\n---\n\nAlle edities, nieuwste eerst.\n")
    return files


def test_letters_editions_book_terms_authors_and_written_pages_are_indexed(tmp_path: Path) -> None:
    site = built(tmp_path, search_files())
    indexed = set(fragments(site))
    assert {f"/{ED}/01-jan-hein-pierik/", f"/{ED}/02-rien-brus/", f"/{ED}/", "/boek/deel-1/01-over-beleving/",
            "/boek/deel-1/", "/begrippen/cult/", "/auteurs/rien-brus/", "/over/"} <= indexed
    never = {"/", "/boek/", "/boek/afdrukken/", f"/{ED}/afdrukken/", "/brieven/", "/brieven/tijdlijn/",
             "/brieven/per-auteur/", "/brieven/per-plaats/", "/brieven/stellingen/", "/begrippen/", "/auteurs/",
             f"/{ED}/03-wim-rampen/"}  # the last one is a draft
    assert not indexed & never
    marked = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()}
    assert {f"/{p.removesuffix('index.html')}" for p in marked} == indexed


def test_fragments_carry_title_type_writer_month_and_filters(tmp_path: Path) -> None:
    site = built(tmp_path, search_files())
    found = fragments(site)
    letter_page = found[f"/{ED}/02-rien-brus/"]
    assert {k: letter_page["meta"][k] for k in ("type", "writer", "month")} == {
        "type": "Brief", "writer": "Rien Brus", "month": "december 2025"}
    assert letter_page["filters"] == {"type": ["Brief"], "writer": ["Rien Brus"], "year": ["2025"]}
    edition = found[f"/{ED}/"]
    assert edition["meta"]["type"] == "Editie" and "writer" not in edition["meta"]
    assert sorted(edition["filters"]["writer"]) == ["Jan-Hein Pierik", "Rien Brus"]  # the third letter is a draft
    assert found["/boek/deel-1/01-over-beleving/"]["meta"]["title"] == "Hoofdstuk 1: Over beleving"
    assert found["/boek/deel-1/01-over-beleving/"]["filters"] == {"type": ["Hoofdstuk"]}
    assert found["/begrippen/cult/"]["meta"]["type"] == "Begrip"
    assert {k: found["/over/"]["meta"][k] for k in ("title", "type")} == {"title": "Over deze site", "type": "Pagina"}
    assert found["/auteurs/rien-brus/"]["meta"] == {**found["/auteurs/rien-brus/"]["meta"], "type": "Auteur", "title": "Rien Brus"}
    # A title from frontmatter arrives as text: escaped in the attribute, whole in the index.
    hostile = found[f"/{ED}/01-jan-hein-pierik/"]
    assert hostile["meta"]["title"] == HOSTILE_TITLE
    span = html(site, f"{ED}/01-jan-hein-pierik/index.html").css_first("[data-kb-search-meta]")
    assert span.attributes["data-title"] == HOSTILE_TITLE and not span.css("b")


def test_the_index_holds_the_text_without_lists_that_repeat_other_pages(tmp_path: Path) -> None:
    site = built(tmp_path, search_files())
    found = fragments(site)
    chapter = found["/boek/deel-1/01-over-beleving/"]["content"]
    assert "bedrijfscultuur bepaalt veel" in chapter  # term links indexed as their text
    assert "Begrippen in dit hoofdstuk" not in chapter and "Customer Experience" not in chapter  # list, kicker
    assert "Komt voor in" in found["/begrippen/cult/"]["content"]  # the heading stays, the places do not
    assert "Onze cultuur" not in found["/begrippen/cult/"]["content"]
    assert "Citeer" not in found[f"/{ED}/02-rien-brus/"]["content"]
    anchors = [a["id"] for a in found["/boek/deel-1/01-over-beleving/"]["anchors"]]
    assert "klantgerichte-organisaties" in anchors  # sections for sub-results


def test_search_exclude_in_frontmatter_keeps_a_page_out(tmp_path: Path) -> None:
    files = search_files()
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", extra="search:\n  exclude: true\n")
    site = built(tmp_path, files)
    assert f"/{ED}/02-rien-brus/" not in fragments(site)
    assert f"/{ED}/01-jan-hein-pierik/" in fragments(site)


def test_search_boost_in_frontmatter_weighs_the_pages_text(tmp_path: Path) -> None:
    files = search_files()
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", extra="search:\n  boost: 3\n")
    site = built(tmp_path, files)
    assert html(site, f"{ED}/02-rien-brus/index.html").css_first("[data-pagefind-body]").attributes[
        "data-pagefind-weight"] == "3.0"
    assert "data-pagefind-weight" not in html(site, f"{ED}/01-jan-hein-pierik/index.html").css_first(
        "[data-pagefind-body]").attributes


def test_the_bundle_is_dutch_and_has_no_unused_interfaces(tmp_path: Path) -> None:
    site = built(tmp_path, search_files())
    entry = json.loads((site / SEARCH_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert (site / SEARCH_DIR / "pagefind.js").is_file()
    assert not [name for name in UNUSED_UI_FILES if (site / SEARCH_DIR / name).exists()]
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off


def test_indexing_again_replaces_the_old_bundle(tmp_path: Path) -> None:
    site = built(tmp_path, search_files())
    stale = site / SEARCH_DIR / "fragment" / "nl_oud.pf_fragment"
    stale.write_bytes(b"oud")
    (site / ED / "02-rien-brus" / "index.html").unlink()
    index, problems = write_search_index(site)
    assert problems == [] and index is not None and index.pages == len(fragments(site))
    assert not stale.exists() and f"/{ED}/02-rien-brus/" not in fragments(site)


def test_a_site_without_pages_to_index_builds_without_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<html lang="nl"><body><p>Alleen een startpagina.</p></body></html>')
    index, problems = write_search_index(tmp_path)
    assert problems == [] and index is not None and index.pages == 0
    assert not (tmp_path / SEARCH_DIR).exists()


def test_indexing_works_where_an_event_loop_already_runs(tmp_path: Path) -> None:
    """A build started from async code (a notebook, a test driving a browser) still gets its index."""
    site = built(tmp_path, search_files())

    async def index_from_a_coroutine() -> tuple[object, list]:
        return write_search_index(site)

    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    results: list[tuple[object, list]] = []
    worker = threading.Thread(target=lambda: results.append(asyncio.run(index_from_a_coroutine())))
    worker.start()
    worker.join()
    index, problems = results[0]
    assert problems == [] and index is not None and f"/{ED}/02-rien-brus/" in fragments(site)


def test_a_missing_pagefind_binary_is_a_dutch_problem_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "geen-pagefind"))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<html lang="nl"><body><main data-pagefind-body>Tekst.</main></body></html>')
    index, problems = write_search_index(tmp_path / "a")
    assert index is None and len(problems) == 1
    assert problems[0].format().startswith(f"{tmp_path / 'a'}: Pagefind ontbreekt")
    files = search_files()
    exc, log = build(write_site(tmp_path / "b", files))
    assert exc is not None and "Pagefind ontbreekt" in log and "Traceback" not in log
