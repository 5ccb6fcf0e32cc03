"""Every page type carries a description, canonical URL, OpenGraph/Twitter tags and complete JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

BASE = "https://klantbeleving.example/"
PAGES = {
    "home": ("index.html", "WebPage"),
    "edition": ("brieven/2025-12-leiderschap-is-cx/index.html", "CollectionPage"),
    "letter": ("brieven/2025-10-ceo-omarmt-cx/03-rien-brus/index.html", "Article"),
    "chapter": ("boek/deel-1/01-customer-experience/index.html", "Article"),
    "book": ("boek/index.html", "Book"),
    "term": ("begrippen/cxm/index.html", "DefinedTerm"),
    "author": ("auteurs/wim-rampen/index.html", "Person"),
}
REQUIRED = {
    "Article": ["headline", "author", "url", "inLanguage", "description"],
    "DefinedTerm": ["name", "description", "url", "inDefinedTermSet"],
    "Person": ["name", "url"],
    "Book": ["name", "author", "publisher", "datePublished"],
    "CollectionPage": ["name", "url", "description", "isPartOf"],
    "WebPage": ["name", "url"],
}


def head(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("rel", "schema_type"), PAGES.values(), ids=PAGES.keys())
def test_page_metadata_is_complete(real_site: Path, rel: str, schema_type: str) -> None:
    tree = head(real_site, rel)
    description = tree.css_first("meta[name=description]").attributes["content"]
    assert 20 <= len(description) <= 160
    canonical = tree.css_first("link[rel=canonical]").attributes["href"]
    assert canonical == BASE + rel.removesuffix("index.html")
    og = {m.attributes["property"]: m.attributes["content"] for m in tree.css("meta[property^='og:']")}
    assert og["og:url"] == canonical
    assert og["og:description"] == description
    assert og["og:site_name"] == "Klantbeleving" and og["og:title"]
    assert tree.css_first("meta[name='twitter:card']").attributes["content"] == "summary"
    scripts = tree.css("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].text())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    missing = [k for k in REQUIRED[schema_type] if not data.get(k)]
    assert missing == []


def test_letter_has_article_author_and_time(real_site: Path) -> None:
    tree = head(real_site, PAGES["letter"][0])
    og = {m.attributes["property"]: m.attributes["content"] for m in tree.css("meta[property^='article:']")}
    assert og["article:author"] == "Rien Brus"
    assert og["article:published_time"] == "2025-10"
    assert "Zonder een CEO die CX omarmt" in tree.css_first("meta[name=description]").attributes["content"]


def test_term_description_is_first_sentence_of_definition(real_site: Path) -> None:
    tree = head(real_site, PAGES["term"][0])
    data = json.loads(tree.css_first("script[type='application/ld+json']").text())
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["alternateName"] == ["Customer Experience Management"]
    assert tree.css_first("meta[name=description]").attributes["content"].startswith("CXM (Customer Experience")
