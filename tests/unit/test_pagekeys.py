"""The table of allowed frontmatter keys per page kind, value types, author keys and visible names."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeleving.checks import check_addressees, has_visible
from klantbeleving.pagekeys import (
    HIDE,
    INT,
    PAGE_KEYS,
    SEARCH,
    TEXT,
    TEXTS,
    check_author_fields,
    check_author_key,
    check_page_keys,
    check_plain,
    check_value,
    page_kind,
)
from klantbeleving.sources import parse_source


@pytest.mark.parametrize(("src", "meta", "kind"), [
    ("index.md", {}, "home"),
    ("over.md", {}, "page"),
    ("brieven/index.md", {}, "page"),
    ("brieven/2025-12-x/index.md", {}, "edition"),
    ("brieven/2025-12-x/01-wim-rampen.md", {}, "letter"),
    ("brieven/los.md", {}, "letter"),
    ("boek/index.md", {}, "book"),
    ("boek/inleiding.md", {}, "bookpage"),
    ("boek/deel-1/index.md", {"part": 1}, "part"),
    ("boek/deel-1/01-x.md", {"part": 1, "chapter": 1}, "chapter"),
    ("begrippen/index.md", {}, "glossary"),
    ("begrippen/cxm.md", {}, "term"),
    ("auteurs/piet.md", {}, "page"),
])
def test_page_kind_follows_the_place_of_a_source(src: str, meta: dict[str, Any], kind: str) -> None:
    assert page_kind(src, meta) == kind
    assert kind in PAGE_KEYS


@pytest.mark.parametrize("key", ["subtitle", "status", "template", "icon", "description", "location"])
def test_materials_raw_keys_are_allowed_on_no_page_kind(key: str) -> None:
    assert all(key not in allowed for allowed in PAGE_KEYS.values())


def test_tags_are_a_list_of_plain_text_where_allowed() -> None:
    """An edition's ``tags`` (from the letter importer) are plain strings, printed escaped."""
    assert {kind for kind, allowed in PAGE_KEYS.items() if "tags" in allowed} == {"edition"}
    assert PAGE_KEYS["edition"]["tags"] == TEXTS


@pytest.mark.parametrize(("value", "kind", "ok"), [
    ("Klant & <medewerker>", TEXT, True),
    (1984, TEXT, True),
    (["a"], TEXT, False),
    ({"a": 1}, TEXT, False),
    (True, TEXT, False),
    (["a", "b"], TEXTS, True),
    ([["a"]], TEXTS, False),
    (3, INT, True),
    (True, INT, False),
    ("3", INT, False),
    (["navigation", "toc"], HIDE, True),
    (["toc", "<img>"], HIDE, False),
    ("toc", HIDE, False),
    ({"boost": 2}, SEARCH, True),
    ({"boost": 0.5, "exclude": False}, SEARCH, True),
    ({"exclude": True}, SEARCH, True),
    ({"boost": 0}, SEARCH, False),
    ({"boost": 11}, SEARCH, False),
    ({"boost": float("nan")}, SEARCH, False),
    ({"boost": True}, SEARCH, False),
    ({"exclude": "ja"}, SEARCH, False),
    ({"boost": 2, "x": 1}, SEARCH, False),
    ("uit", SEARCH, False),
])
def test_value_types(value: Any, kind: str, ok: bool) -> None:
    assert (check_value("k", value, kind) is None) == ok


@pytest.mark.parametrize(("value", "ok"), [
    ("tekst", True), ([1, {"a": [None, 2.5]}], True), (b"<img>", False), ([["a", b"x"]], False), ({"a": {1, 2}}, False),
])
def test_only_plain_yaml_data_at_any_depth(value: Any, ok: bool) -> None:
    assert (check_plain("k", value) is None) == ok


def test_problems_name_the_line_and_the_allowed_keys() -> None:
    text = "---\nterm: CX\nsubtitle: '<b>x</b>'\ntitle: [a]\n---\n\nIets.\n"
    source, _ = parse_source("docs/begrippen/cx.md", text)
    problems = [p.format() for p in check_page_keys(source, "begrippen/cx.md")]
    assert problems == [
        "docs/begrippen/cx.md:3: onbekende sleutel 'subtitle' voor een begrip; toegestaan: aliases, forms, hide, link, "
        "quoted, related, search, source, term, title",
        "docs/begrippen/cx.md:4: 'title' moet tekst zijn, geen lijst",
    ]


@pytest.mark.parametrize(("key", "ok"), [
    ("wim-rampen", True), ("a1", True), ("index", False), ("../x", False), ("a/b", False), ("Wim", False),
    ("wim rampen", False), ("-x", False), ("x--y", False), ("", False), ("wïm", False),
])
def test_author_keys_are_slugs(key: str, ok: bool) -> None:
    assert (check_author_key(key) is None) == ok


def test_author_fields_are_text_and_known() -> None:
    assert check_author_fields("a", {"name": "A", "bio": "<b>mag</b>", "role": "boek", "avatar": "img/a.png"}) == []
    assert check_author_fields("a", {"avatar": "https://example.org/a.png"}) == []
    messages = check_author_fields("a", {"bio": ["x"], "url": "y", "role": "baas", "avatar": "javascript:alert(1)"})
    assert [m.split(":")[1].strip().split()[0] for m in messages] == ["'bio'", "onbekend", "'role'", "'avatar'"]


@pytest.mark.parametrize(("text", "visible"), [
    ("CX", True), ("é", True), ("-", True), ("€", True), (" x ", True),
    ("", False), (" \t\u00a0\u3000", False), ("\u200b\u200c\u200d\u2060\ufeff", False), ("\u00ad", False),
    ("\u0301", False), ("\u3164\uffa0", False), ("\u2800", False), ("\u202e\u2066", False),
])
def test_visible_names(text: str, visible: bool) -> None:
    assert has_visible(text) == visible


def test_addressees_without_the_writer_or_doubles() -> None:
    assert check_addressees("rien-brus", ["wim-rampen", "jan-hein-pierik"]) == []
    assert check_addressees("rien-brus", ["rien-brus", "wim-rampen", "wim-rampen"]) == [
        "de schrijver 'rien-brus' staat zelf bij de geadresseerden",
        "geadresseerde 'wim-rampen' staat er 2 keer in",
    ]
