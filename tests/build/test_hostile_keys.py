"""Hostile frontmatter keys and relations: Material's own page keys (``subtitle``, ``status``,
``template``, ``icon``, ``hide``, ``search``, titles that are no text) on every page kind, the
author registry, replies, addressees and invisible term names. Each is refused by
`klantbeleving check`, the strict build and `mkdocs serve` with ``path:line: message``, no
traceback, sources untouched; a hostile but allowed value is printed escaped everywhere."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.build.test_search_build import fragments
from tests.sitekit import AUTHORS, EDITION, assert_refused, build, letter, small_site, write_site

ED = "brieven/2025-12-proef"
L1 = f"{ED}/01-jan-hein-pierik.md"
L2 = f"{ED}/02-rien-brus.md"
L3 = f"{ED}/03-wim-rampen.md"
XSS = "'<img src=x onerror=alert(1)>'"
BREAKOUT = "'x\"><img src=x onerror=alert(1)>'"

BOOK = {
    "boek/index.md": "---\ntitle: Customer Experience\n---\n\nOver het boek.\n",
    "boek/inleiding.md": "---\ntitle: Inleiding\norder: 0\n---\n\nEen inleiding.\n",
    "boek/deel-1/index.md": "---\ntitle: Eerste deel\npart: 1\n---\n\nOver dit deel.\n",
    "boek/deel-1/01-begin.md": "---\ntitle: Begin\npart: 1\nchapter: 1\n---\n\nHet begin.\n",
}


def _with(text: str, key_lines: str) -> str:
    """``text`` (a source with frontmatter) with ``key_lines`` added at the end of its frontmatter."""
    head, rest = text.split("\n---\n", 1)
    return f"{head}\n{key_lines}---\n{rest}"


def _page(path: str, key_lines: str) -> dict[str, str]:
    """A book or plain page of the test site with extra frontmatter lines."""
    base = {**small_site(), **BOOK, "brieven/index.md": "---\ntitle: Brieven\n---\n\nAlle brieven.\n",
            "begrippen/index.md": "---\ntitle: Begrippen\n---\n\nAlle begrippen.\n"}
    return {**BOOK, path: _with(base[path], key_lines)}


def _authors(extra: str) -> str:
    return AUTHORS + extra


# (id, changes to the small valid site, expected "path:line: message" start)
CASES: list[tuple[str, dict[str, str], str]] = [
    # Material's keys that print raw HTML or name files: unknown on every page kind
    ("subtitle-letter", {L2: letter("rien-brus", "Zeist", extra=f"subtitle: {XSS}\n")},
     f"docs/{L2}:6: onbekende sleutel 'subtitle' voor een brief; toegestaan: addressees, author"),
    ("subtitle-home", _page("index.md", f"subtitle: {XSS}\n"), "docs/index.md:3: onbekende sleutel 'subtitle' voor de startpagina"),
    ("subtitle-plain-page", _page("brieven/index.md", f"subtitle: {XSS}\n"), "docs/brieven/index.md:3: onbekende sleutel 'subtitle' voor een gewone pagina"),
    ("subtitle-chapter", _page("boek/deel-1/01-begin.md", f"subtitle: {XSS}\n"), "docs/boek/deel-1/01-begin.md:5: onbekende sleutel 'subtitle' voor een hoofdstuk"),
    ("subtitle-bookpage", _page("boek/inleiding.md", f"subtitle: {XSS}\n"), "docs/boek/inleiding.md:4: onbekende sleutel 'subtitle' voor een boekpagina"),
    ("status-edition", {f"{ED}/index.md": _with(EDITION, f"status: {BREAKOUT}\n")}, f"docs/{ED}/index.md:5: onbekende sleutel 'status' voor een editie"),
    ("status-term", {"begrippen/cxm.md": _with(small_site()["begrippen/cxm.md"], f"status: {BREAKOUT}\n")}, "docs/begrippen/cxm.md:4: onbekende sleutel 'status' voor een begrip"),
    ("status-part", _page("boek/deel-1/index.md", "status: new\n"), "docs/boek/deel-1/index.md:4: onbekende sleutel 'status' voor een deel van het boek"),
    ("status-glossary", _page("begrippen/index.md", f"status: {BREAKOUT}\n"), "docs/begrippen/index.md:3: onbekende sleutel 'status' voor de begrippenlijst"),
    ("description-book", _page("boek/index.md", f"description: {BREAKOUT}\n"), "docs/boek/index.md:3: onbekende sleutel 'description' voor de boekpagina"),
    ("description-letter", {L2: letter("rien-brus", "Zeist", extra=f"description: {BREAKOUT}\n")}, f"docs/{L2}:6: onbekende sleutel 'description' voor een brief"),
    ("author-on-plain-page", _page("brieven/index.md", f"author: {BREAKOUT}\n"), "docs/brieven/index.md:3: onbekende sleutel 'author' voor een gewone pagina"),
    ("template-redirect", {L2: letter("rien-brus", "Zeist", extra="template: redirect.html\nlocation: '\");alert(1);//'\n")},
     f"docs/{L2}:6: onbekende sleutel 'template' voor een brief"),
    ("template-missing", _page("index.md", "template: bestaat-niet.html\n"), "docs/index.md:3: onbekende sleutel 'template' voor de startpagina"),
    ("template-traversal", _page("boek/deel-1/01-begin.md", "template: ../../../etc/passwd\n"), "docs/boek/deel-1/01-begin.md:5: onbekende sleutel 'template'"),
    ("icon-missing", {"begrippen/cxm.md": _with(small_site()["begrippen/cxm.md"], "icon: material/bestaat-niet\n")}, "docs/begrippen/cxm.md:4: onbekende sleutel 'icon' voor een begrip"),
    ("icon-traversal", _page("boek/inleiding.md", "icon: ../../base\n"), "docs/boek/inleiding.md:4: onbekende sleutel 'icon' voor een boekpagina"),
    ("tags-letter", {L2: letter("rien-brus", "Zeist", extra=f"tags: [{XSS}]\n")}, f"docs/{L2}:6: onbekende sleutel 'tags' voor een brief"),
    # titles and other text keys that are no text
    ("title-list", {L2: "---\ntitle: [a, '<b>x</b>']\nauthor: rien-brus\ncity: Zeist\ndate: 2025-12\n---\nT.\n"}, f"docs/{L2}:2: 'title' moet tekst zijn, geen lijst"),
    ("title-mapping-term", {"begrippen/cx.md": "---\nterm: CX\ntitle: {'<b>': x}\n---\n\nIets.\n"}, "docs/begrippen/cx.md:3: 'title' moet tekst zijn, geen mapping"),
    ("title-binary-edition", {f"{ED}/index.md": "---\ntitle: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==\nstelling: Een proef is nodig.\ndate: 2025-12\n---\nLead.\n"},
     f"docs/{ED}/index.md:2: 'title' bevat een binaire waarde"),
    ("title-bool-home", {"index.md": "---\ntitle: true\n---\n\nWelkom.\n"}, "docs/index.md:2: 'title' moet tekst zijn, geen true/false"),
    ("title-set-chapter", {**BOOK, "boek/deel-1/01-begin.md": "---\ntitle: !!set {a, b}\npart: 1\nchapter: 1\n---\n\nT.\n"}, "docs/boek/deel-1/01-begin.md:2: 'title' bevat een verzameling"),
    ("author-binary", {L2: "---\nauthor: !!binary PGltZz4=\ncity: Zeist\ndate: 2025-12\n---\nT.\n"}, f"docs/{L2}:2: 'author' bevat een binaire waarde"),
    ("author-mapping", {L2: "---\nauthor: {'<b>': x}\ncity: Zeist\ndate: 2025-12\n---\nT.\n"}, f"docs/{L2}:2: 'author' moet tekst zijn"),
    ("alias-binary-deep", {"begrippen/cx.md": "---\nterm: CX\naliases: [a, !!binary PGltZz4=]\n---\n\nIets.\n"}, "docs/begrippen/cx.md:3: 'aliases' bevat een binaire waarde"),
    ("quote-list", {L2: letter("rien-brus", "Zeist", extra="quote: [a, b]\n")}, f"docs/{L2}:6: 'quote' moet tekst zijn, geen lijst"),
    ("standpunt-mapping", {L2: letter("rien-brus", "Zeist", extra="standpunt: {eens: 1}\n")}, f"docs/{L2}:6: 'standpunt' moet tekst zijn, geen mapping"),
    ("order-text", {**BOOK, "boek/inleiding.md": "---\ntitle: Inleiding\norder: eerst\n---\n\nT.\n"}, "docs/boek/inleiding.md:3: 'order' moet een geheel getal zijn"),
    # hide and search: Material's values only
    ("hide-unknown", {L2: letter("rien-brus", "Zeist", extra=f"hide: [navigation, {XSS}]\n")}, f"docs/{L2}:6: 'hide' moet een lijst zijn met waarden uit: navigation"),
    ("hide-text", _page("index.md", "hide: toc navigation\n"), "docs/index.md:3: 'hide' moet een lijst zijn"),
    ("search-boost-huge", {"begrippen/cxm.md": _with(small_site()["begrippen/cxm.md"], "search: {boost: 1000}\n")}, "docs/begrippen/cxm.md:4: 'search' moet een mapping zijn"),
    ("search-boost-negative", _page("boek/inleiding.md", "search: {boost: -2}\n"), "docs/boek/inleiding.md:4: 'search' moet een mapping zijn"),
    ("search-exclude-text", {f"{ED}/index.md": _with(EDITION, "search: {exclude: misschien}\n")}, f"docs/{ED}/index.md:5: 'search' moet een mapping zijn"),
    ("search-extra-key", _page("index.md", "search: {boost: 2, onload: x}\n"), "docs/index.md:3: 'search' moet een mapping zijn"),
    ("search-text", _page("brieven/index.md", "search: uit\n"), "docs/brieven/index.md:3: 'search' moet een mapping zijn"),
    # the author registry
    ("author-bio-list", {".authors.yml": AUTHORS.replace("bio: Schrijft over klantwaarde.", "bio: [a, '<b>']")}, "docs/.authors.yml:2: auteur 'wim-rampen': 'bio' moet tekst zijn, geen lijst"),
    ("author-name-mapping", {".authors.yml": AUTHORS.replace("name: Rien Brus", "name: {'<b>': x}")}, "docs/.authors.yml:12: auteur 'rien-brus': 'name' moet tekst zijn, geen mapping"),
    ("author-unknown-field", {".authors.yml": _authors("  piet:\n    name: Piet\n    url: 'javascript:alert(1)'\n")}, "docs/.authors.yml:17: auteur 'piet': onbekend veld 'url'; toegestaan: avatar, bio"),
    ("author-avatar-script", {".authors.yml": _authors("  piet:\n    name: Piet\n    avatar: 'javascript:alert(1)'\n")}, "docs/.authors.yml:17: auteur 'piet': 'avatar' moet een https-adres"),
    ("author-avatar-quote", {".authors.yml": _authors("  piet:\n    name: Piet\n    avatar: 'x.png\" onerror=\"alert(1)'\n")}, "docs/.authors.yml:17: auteur 'piet': 'avatar' moet een https-adres"),
    ("author-role-html", {".authors.yml": _authors(f"  piet:\n    name: Piet\n    role: {XSS}\n")}, "docs/.authors.yml:17: auteur 'piet': 'role' is niet een van: brieven, boek"),
    # class 8: author keys, replies, addressees, invisible names
    ("author-key-index", {".authors.yml": _authors("  index:\n    name: Niemand\n")}, "docs/.authors.yml:17: auteur 'index': deze sleutel is gereserveerd"),
    ("author-key-traversal", {".authors.yml": _authors("  ../../etc:\n    name: Niemand\n")}, "docs/.authors.yml:17: auteur '../../etc': een sleutel bestaat uit kleine letters"),
    ("author-key-slash", {".authors.yml": _authors("  a/b:\n    name: Niemand\n")}, "docs/.authors.yml:17: auteur 'a/b': een sleutel bestaat uit"),
    ("author-key-capitals", {".authors.yml": _authors("  Piet Jansen:\n    name: Piet\n")}, "docs/.authors.yml:17: auteur 'Piet Jansen': een sleutel bestaat uit"),
    ("reply-to-self", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: 02-rien-brus.md\n")}, f"docs/{L2}:6: 'in_reply_to' verwijst naar de brief zelf"),
    ("reply-cycle-default", {L1: letter("jan-hein-pierik", "Zeist", extra="in_reply_to: 02-rien-brus.md\n")},
     f"docs/{L1}:6: 'in_reply_to' vormt een kring: 01-jan-hein-pierik.md → 02-rien-brus.md → 01-jan-hein-pierik.md"),
    ("reply-cycle-explicit", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: 03-wim-rampen.md\n"),
                              L3: letter("wim-rampen", "Helmond", extra="in_reply_to: 02-rien-brus.md\n")},
     f"docs/{L2}:6: 'in_reply_to' vormt een kring"),
    ("reply-other-edition", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: ../2025-11-ander/01-wim-rampen.md\n")}, f"docs/{L2}:6: 'in_reply_to' noemt de bestandsnaam van een brief in dezelfde editie"),
    ("reply-unknown", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: 09-niemand.md\n")}, f"docs/{L2}:6: 'in_reply_to': onbekende brief '09-niemand.md'"),
    ("reply-number", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: 1\n")}, f"docs/{L2}:6: 'in_reply_to': onbekende brief '1' in deze editie (wel: 01-jan-hein-pierik.md"),
    ("reply-in-subfolder", {L2: letter("rien-brus", "Zeist", extra="in_reply_to: ./01-jan-hein-pierik.md\n")}, f"docs/{L2}:6: 'in_reply_to' noemt de bestandsnaam"),
    ("addressee-is-writer-alone", {L2: letter("rien-brus", "Zeist", extra="addressees: rien-brus\n")}, f"docs/{L2}:6: de schrijver 'rien-brus' staat zelf"),
    ("addressee-is-writer", {L2: letter("rien-brus", "Zeist", extra="addressees: [wim-rampen, rien-brus]\n")}, f"docs/{L2}:6: de schrijver 'rien-brus' staat zelf bij de geadresseerden"),
    ("addressee-twice", {L2: letter("rien-brus", "Zeist", extra="addressees: [wim-rampen, wim-rampen]\n")}, f"docs/{L2}:6: geadresseerde 'wim-rampen' staat er 2 keer in"),
    ("term-zero-width", {"begrippen/x.md": "---\nterm: \"\\u200b\\u200d\"\n---\n\nIets.\n"}, "docs/begrippen/x.md:2: 'term': '\\u200b\\u200d' heeft geen zichtbaar teken"),
    ("term-whitespace", {"begrippen/x.md": "---\nterm: \"\\u3000 \\t\"\n---\n\nIets.\n"}, "docs/begrippen/x.md:2: 'term':"),
    ("alias-nbsp", {"begrippen/x.md": "---\nterm: X\naliases: [\"\\u00a0\\u2009\"]\n---\n\nIets.\n"}, "docs/begrippen/x.md:3: 'aliases':"),
    ("form-soft-hyphen", {"begrippen/x.md": "---\nterm: X\nforms: [\"\\u00ad\\u2060\\ufeff\"]\n---\n\nIets.\n"}, "docs/begrippen/x.md:3: 'forms':"),
    ("form-hangul-filler", {"begrippen/x.md": "---\nterm: X\nforms: [\"\\u3164\"]\n---\n\nIets.\n"}, "docs/begrippen/x.md:3: 'forms':"),
    ("term-combining-only", {"begrippen/x.md": "---\nterm: \"\\u0301\\u0308\"\n---\n\nIets.\n"}, "docs/begrippen/x.md:2: 'term':"),
    # the series: letter numbers, what a letter's text is, where an edition appeared, its tags
    ("number-twice", {L2: letter("rien-brus", "Zeist", number=5), L3: letter("wim-rampen", "Helmond", number=5)},
     f"docs/{L3}:6: briefnummer 5 is al gegeven aan docs/{L2}"),
    ("number-text", {L2: letter("rien-brus", "Zeist", numbered=False, extra=f"number: {XSS}\n")}, f"docs/{L2}:6: 'number' (het briefnummer) moet een geheel getal"),
    ("number-missing", {L2: letter("rien-brus", "Zeist", numbered=False)}, f"docs/{L2}:1: verplichte sleutel 'number'"),
    ("text-html", {L2: letter("rien-brus", "Zeist", extra=f"text: {XSS}\n")}, f"docs/{L2}:6: 'text' is '<img src=x onerror=alert(1)>', niet een van"),
    ("published-in-mapping", {f"{ED}/index.md": _with(EDITION, "published_in: {'<b>': x}\n")}, f"docs/{ED}/index.md:5: 'published_in' moet tekst zijn"),
    ("tags-nested", {f"{ED}/index.md": _with(EDITION, "tags: [[a, '<b>']]\n")}, f"docs/{ED}/index.md:5: 'tags' moet een lijst met tekst zijn"),
    ("author-key-too-long", {".authors.yml": _authors("  " + "a" * 300 + ":\n    name: Niemand\n")}, "docs/.authors.yml:17: auteur 'aaaaaaaaaaaaaaaaaaaa…': de sleutel is te lang"),
    ("edition-at-timeline", {"brieven/tijdlijn/index.md": EDITION.replace("2025-12", "2025-11"),
                             "brieven/tijdlijn/01-wim-rampen.md": letter("wim-rampen", "Helmond", date="2025-11")},
     "docs/brieven/tijdlijn/index.md: dubbele slug: dit bestand krijgt hetzelfde adres (/brieven/tijdlijn/) als de gemaakte pagina"),
    ("page-at-print-page", {"boek/afdrukken/index.md": "---\ntitle: Afdruk\n---\n\nT.\n"}, "docs/boek/afdrukken/index.md: dubbele slug"),
    ("page-at-author-page", {"auteurs/rien-brus/index.md": "---\ntitle: Hand\n---\n\nT.\n"}, "docs/auteurs/rien-brus/index.md: dubbele slug"),
    ("page-at-authors-index", {"auteurs.md": "---\ntitle: Hand\n---\n\nT.\n"}, "docs/auteurs.md: dubbele slug"),
]


def _site(tmp_path: Path, changes: dict[str, str]) -> Path:
    return write_site(tmp_path, {**small_site(), **changes})


def test_cases_are_unique_and_cover_every_page_kind() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)
    messages = " ".join(c[2] for c in CASES)
    for kind in ("de startpagina", "een gewone pagina", "de begrippenlijst", "de boekpagina", "een boekpagina",
                 "een deel van het boek", "een hoofdstuk", "een editie", "een brief", "een begrip"):
        assert f"voor {kind};" in messages or f"voor {kind}" in messages, kind


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_key_is_refused_by_check_and_build(tmp_path: Path, changes: dict[str, str], expected: str) -> None:
    assert_refused(_site(tmp_path, changes), expected)
    assert not (tmp_path / "site" / "index.html").exists(), "nothing is published"


# -- hostile but allowed: printed escaped everywhere ---------------------------------------------

TITLE = "Klant & <medewerker>"
NAME = "Wim <b>Rampen</b>"
BIO = "Bio <script>alert(1)</script> [klik](javascript:alert(2)) {onclick=alert(3)}\n\n# <img src=x onerror=alert(4)>"


def _allowed_site() -> dict[str, str]:
    quoted = json.dumps(TITLE)
    files = {**small_site(), **BOOK}
    files["index.md"] = f"---\ntitle: {quoted}\n---\n\nWelkom.\n"
    files[f"{ED}/index.md"] = _with(EDITION.replace("title: Proefeditie", f"title: {quoted}"),
                                    f"published_in: {BREAKOUT}\ntags: [{XSS}, {quoted}]\n")
    files[L2] = letter("rien-brus", "Zeist \"><img src=x onerror=alert(5)>", extra=f"quote: {quoted}\n").replace(
        "title: Brief van rien-brus", f"title: {quoted}")
    files["boek/deel-1/index.md"] = f"---\ntitle: {quoted}\npart: 1\n---\n\nOver dit deel.\n"
    files["boek/deel-1/01-begin.md"] = f"---\ntitle: {quoted}\npart: 1\nchapter: 1\nsearch: {{boost: 3}}\nhide: [toc]\n---\n\nHet begin.\n"
    files["boek/inleiding.md"] = f"---\ntitle: {quoted}\norder: 0\n---\n\nEen inleiding.\n"
    files["begrippen/cxm.md"] = f"---\nterm: CXM\ntitle: {quoted}\n---\n\nHet sturen op klantbeleving.\n"
    files["over.md"] = "Template: redirect.html\nLocation: javascript:alert(6)\nSubtitle: Ondertitel\nStatus: new\n\nTekst.\n"
    files[".authors.yml"] = AUTHORS.replace("name: Wim Rampen", f"name: {json.dumps(NAME)}").replace(
        "bio: Schrijft over klantwaarde.", f"bio: {json.dumps(BIO)}").replace("city: Helmond", "city: '\"><b>Helmond</b>'")
    return files


def test_hostile_but_allowed_values_are_printed_escaped_everywhere(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, _allowed_site())
    exc, log = build(cfg)
    assert exc is None, log
    site = tmp_path / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        assert not tree.css("medewerker, b, img[src=x]"), where
        assert not tree.css(".md-nav small, .md-status"), where
        refresh = [m.attributes.get("content") for m in tree.css("meta[http-equiv]")]
        assert refresh in ([], ["0; url=../../brieven/per-auteur/"]), (where, refresh)  # only our own redirect page
        for node in tree.css("*"):
            assert not any(name.startswith("on") for name in node.attributes), (where, node.tag, node.attributes)
            assert "javascript:" not in (node.attributes.get("href") or ""), where
        for script in tree.css("script"):
            if script.attributes.get("type") == "application/ld+json":
                json.loads(script.text())  # the values stay inside their JSON strings
            else:
                assert "alert(" not in script.text(), where
    html_of = {p.relative_to(site).as_posix(): HTMLParser(p.read_text(encoding="utf-8")) for p in pages}

    letter_page = html_of[f"{ED}/02-rien-brus/index.html"]
    assert letter_page.css_first("article h1").text(strip=True) == TITLE
    assert letter_page.css_first(".kb-text-note cite").text() == BREAKOUT.strip("'")
    edition_page = html_of[f"{ED}/index.html"]
    assert edition_page.css_first(".kb-published-in cite").text() == BREAKOUT.strip("'")
    assert [t.text() for t in edition_page.css(".kb-tags .md-tag")] == [XSS.strip("'"), TITLE]
    assert letter_page.css_first(".md-header__topic[data-md-component=header-topic]").text(strip=True) == TITLE
    assert letter_page.css_first("title").text().startswith(TITLE)
    assert letter_page.css_first("meta[name=author]").attributes["content"] == "Rien Brus"
    assert "<img" in letter_page.css_first("meta[name=description]").attributes["content"]  # as text
    chapter = html_of["boek/deel-1/01-begin/index.html"]
    assert chapter.css_first(".md-header__topic[data-md-component=header-topic]").text(strip=True) == f"1 {TITLE}"
    assert chapter.css_first("meta[property='og:title']").attributes["content"] == f"1 {TITLE}"
    assert chapter.css_first("title").text().startswith(f"1 {TITLE}")
    # the navigation of other pages: the edition, part and chapter titles as text
    start = html_of["index.html"]
    nav_text = start.css_first("nav.md-nav--primary").text()
    assert f"1 {TITLE}" in nav_text and f"— {TITLE}" in nav_text
    assert start.css_first("title").text().strip().startswith("Proef")  # the home page's title is the site's
    assert start.css_first(".md-header__topic[data-md-component=header-topic]").text(strip=True) == TITLE
    author = html_of["auteurs/wim-rampen/index.html"]
    assert author.css_first("article h1").text(strip=True) == NAME
    article = author.css_first("article").text()
    assert "<script>alert(1)</script>" in article and "{onclick=alert(3)}" in article and "[klik](javascript:alert(2))" in article
    assert len(author.css("article h1")) == 1 and "# <img src=x onerror=alert(4)>" in article
    assert not author.css("article p a:not(.kb-term)")
    assert "Tekst." in html_of["over/index.html"].css_first("article").text()
    assert "Template: redirect.html" in html_of["over/index.html"].css_first("article").text()
    printed = html_of["boek/afdrukken/index.html"]
    assert [h.text(strip=True).rstrip("¶") for h in printed.css("section h2")][:3] == [
        TITLE, f"Deel I — {TITLE}", f"1 {TITLE}"]

    # The search index holds titles as text, whole (the dialog sets them with textContent).
    found = fragments(site)
    assert found[f"/{ED}/02-rien-brus/"]["meta"]["title"] == TITLE
    assert found["/auteurs/wim-rampen/"]["meta"]["title"] == NAME
    assert found["/boek/deel-1/01-begin/"]["meta"]["title"] == f"Hoofdstuk 1: {TITLE}"


# -- mkdocs serve ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _serve(cfg: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{port}"],
                                stdout=out, stderr=subprocess.STDOUT, env=env)


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.5)
    return False


def test_mkdocs_serve_refuses_a_hostile_key_at_start_and_on_rebuild(tmp_path: Path) -> None:
    expected = f"docs/{L2}:6: onbekende sleutel 'subtitle' voor een brief"
    hostile = letter("rien-brus", "Zeist", extra=f"subtitle: {XSS}\n")

    # at start: the first build fails, serve stops with the message and serves nothing
    first = tmp_path / "first"
    cfg = write_site(first, {**small_site(), L2: hostile})
    port = _free_port()
    log = tmp_path / "first.log"
    process = _serve(cfg, port, log)
    try:
        assert process.wait(timeout=120) != 0
    finally:
        process.kill()
    output = log.read_text(encoding="utf-8")
    assert expected in output and "Traceback" not in output, output

    # on rebuild: the error is reported, serve keeps running and recovers once the source is fixed
    second = tmp_path / "second"
    cfg = write_site(second, small_site())
    port = _free_port()
    log = tmp_path / "second.log"
    process = _serve(cfg, port, log)
    neighbour = f"http://127.0.0.1:{port}/{ED}/01-jan-hein-pierik/"
    try:
        assert _wait(lambda: _get(neighbour) is not None, 120), log.read_text(encoding="utf-8")
        (second / "docs" / L2).write_text(hostile, encoding="utf-8")
        assert _wait(lambda: "An error happened during the rebuild" in log.read_text(encoding="utf-8"), 120)
        assert process.poll() is None, "serve keeps running"
        page = _get(neighbour)  # MkDocs holds requests while the last build failed
        assert page is None or "onerror" not in page
        (second / "docs" / L2).write_text(small_site()[L2], encoding="utf-8")
        assert _wait(lambda: "Reloading browsers" in log.read_text(encoding="utf-8").rsplit("An error happened", 1)[-1], 120)
        page = _get(neighbour)
        assert page is not None and "onerror" not in page and "Rien Brus" in page
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = log.read_text(encoding="utf-8")
    assert expected in output and "Traceback" not in output, output
