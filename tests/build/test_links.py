"""Zero broken internal links and anchors in the built site (on top of MkDocs' own validation)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser

BASE = "https://klantbeleving.example/"


def broken_links(site: Path) -> list[str]:
    @cache
    def ids(path: Path) -> frozenset[str]:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        return frozenset(n.attributes.get("id") or "" for n in tree.css("[id]"))

    def target(url: str) -> Path | None:
        parsed = urlparse(url)
        if not parsed.path.startswith("/") or parsed.netloc != "klantbeleving.example":
            return None
        path = site / unquote(parsed.path.lstrip("/"))
        return path / "index.html" if url.endswith("/") or path.is_dir() else path

    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        page_url = BASE + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for a in tree.css("a[href], link[href]"):
            href = a.attributes.get("href") or ""
            if href.startswith(("mailto:", "javascript:")) or urlparse(href).scheme in ("http", "https") and not href.startswith(BASE):
                continue
            url, fragment = urldefrag(urljoin(page_url, href))
            path = target(url)
            if path is None:
                continue
            if not path.exists():
                problems.append(f"{rel}: {href} → missing {path.relative_to(site)}")
            elif fragment and path.suffix == ".html" and unquote(fragment) not in ids(path):
                problems.append(f"{rel}: {href} → no anchor #{fragment}")
    return problems


def test_no_broken_internal_links_or_anchors(real_site: Path) -> None:
    assert broken_links(real_site) == []


def test_the_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">kapot</a><a href="a/#nergens">x</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="hier">A</h1>')
    assert broken_links(tmp_path) == ["index.html: b/ → missing b/index.html", "index.html: a/#nergens → no anchor #nergens"]
