"""The glossary's concept map in a real build: an inline SVG whose nodes link to the term pages,
corpus markers from where the terms occur, the same relations as a list, the same bytes twice."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from tests.sitekit import build_clean, letter, small_site

ED = "brieven/2025-12-proef"
TERMS = {
    "begrippen/index.md": "---\ntitle: Begrippen\n---\n\nAlle begrippen.\n",
    "begrippen/cult.md": "---\nterm: cult\nrelated: [cultuur]\n---\n\nEen losse aanpak.\n",
    "begrippen/cultuur.md": "---\nterm: cultuur\nrelated: [cxm, cult]\n---\n\nHoe het er echt aan toe gaat.\n",
    "begrippen/merkbelofte.md": "---\nterm: merkbelofte\nrelated: [cxm]\n---\n\nWat een merk de klant toezegt.\n",
    "begrippen/iso-norm.md": "---\nterm: ISO <b>9999</b> & co\n---\n\nEen norm zonder verwante begrippen.\n",
}
CHAPTER = "---\ntitle: Over beleving\npart: 1\nchapter: 1\n---\n\n# Over beleving\n\nDe cultuur bepaalt veel, en CXM ook.\n"
# cxm (small_site): book and letters; cultuur: book; merkbelofte: letters; cult and the norm: nowhere
EXPECTED_MARKERS = {"cxm": "beide", "cultuur": "boek", "merkbelofte": "brieven", "cult": "geen", "iso-norm": "geen"}
EXPECTED_RELATIONS = {("cult", "cultuur"), ("cultuur", "cxm"), ("cxm", "merkbelofte")}


def site_files() -> dict[str, str]:
    files = dict(small_site())
    files.update(TERMS)
    files["boek/deel-1/index.md"] = "---\ntitle: Het begin\npart: 1\n---\n\nInleiding op deel I.\n"
    files["boek/deel-1/01-over-beleving.md"] = CHAPTER
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", body="Een merkbelofte is CXM in het klein.")
    return files


def built(root: Path) -> Path:
    return build_clean(root, site_files())


def glossary(site: Path) -> LexborHTMLParser:
    return LexborHTMLParser((site / "begrippen" / "index.html").read_text(encoding="utf-8"))


def target(site: Path, href: str) -> Path:
    """The built file a link on the glossary page leads to."""
    url = urljoin("https://proef.example/begrippen/", href)
    assert url.startswith("https://proef.example/"), href
    path = site / url.removeprefix("https://proef.example/")
    return path / "index.html" if url.endswith("/") else path


def test_glossary_has_an_inline_svg_whose_nodes_link_to_term_pages(tmp_path: Path) -> None:
    site = built(tmp_path)
    doc = glossary(site)
    svg = doc.css_first("figure.kb-map svg")
    assert svg is not None
    assert svg.attributes.get("viewBox", "").startswith("0 0 ")
    assert not doc.css("figure.kb-map script, figure.kb-map image, figure.kb-map use")  # nothing fetched or run
    nodes = doc.css("figure.kb-map svg a.kb-map__node")  # (selectolax finds nothing below an svg node)
    assert sorted(a.attributes["data-term"] or "" for a in nodes) == sorted(EXPECTED_MARKERS)
    for a in nodes:
        href = a.attributes.get("href") or ""
        assert not href.startswith(("/", "http")), href  # relative, like every link of the site
        page = target(site, href)
        assert page.exists(), href
        assert page.parent.name == a.attributes["data-term"]
        marker = EXPECTED_MARKERS[a.attributes["data-term"] or ""]
        assert f"kb-map__node--{marker}" in (a.attributes.get("class") or "")
        assert a.attributes.get("aria-label", "").startswith(a.text(deep=True, separator=" ").strip())
    # the frontmatter value is text, escaped
    norm = doc.css_first("figure.kb-map svg a[data-term='iso-norm']")
    assert norm is not None and "ISO <b>9999</b> & co" in norm.text(separator=" ")
    assert doc.css("figure.kb-map b") == []
    edges = {tuple(sorted((p.attributes["data-source"] or "", p.attributes["data-target"] or ""))) for p in doc.css("figure.kb-map svg path.kb-map__edge")}
    assert edges == EXPECTED_RELATIONS


def test_legend_names_each_marker_in_use(tmp_path: Path) -> None:
    doc = glossary(built(tmp_path))
    legend = [li.text(deep=True).strip() for li in doc.css(".kb-map__legend li")]
    assert legend == ["alleen in het boek (1)", "alleen in de brieven (1)", "in het boek en de brieven (1)",
                      "nog nergens genoemd (2)"]


def test_text_alternative_lists_the_same_relations(tmp_path: Path) -> None:
    site = built(tmp_path)
    doc = glossary(site)
    items = doc.css("details.kb-map__list li")
    listed = set()
    seen_terms = set()
    for li in items:
        links = li.css("a")
        head = target(site, links[0].attributes["href"] or "").parent.name
        seen_terms.add(head)
        for a in links[1:]:
            listed.add(tuple(sorted((head, target(site, a.attributes["href"] or "").parent.name))))
    assert seen_terms == set(EXPECTED_MARKERS)
    assert listed == EXPECTED_RELATIONS
    norm = next(li for li in items if "ISO" in li.text())
    assert "geen verwante begrippen" in norm.text() and "nog nergens genoemd" in norm.text()


def test_two_builds_give_the_same_glossary_page(tmp_path: Path) -> None:
    first = (built(tmp_path / "a") / "begrippen" / "index.html").read_bytes()
    shutil.rmtree(tmp_path / "a" / "site")
    again = (built(tmp_path / "a") / "begrippen" / "index.html").read_bytes()
    other = (built(tmp_path / "b") / "begrippen" / "index.html").read_bytes()
    assert first == again == other
