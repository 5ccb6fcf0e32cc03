"""Where terms occur: plain-text sections, mentions per corpus, unknown explicit links, unused terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantbeleving.load import load_site
from klantbeleving.model import Term
from klantbeleving.termlink import build_matcher
from klantbeleving.xref import (
    find_unknown_explicit,
    index_mentions,
    plain_sections,
    section_mentions,
    unused_terms,
)
from tests.sitekit import small_site

TERMS = [
    Term("begrippen/cult.md", "cult", "cult", definition="x"),
    Term("begrippen/cultuur.md", "cultuur", "cultuur", forms=["bedrijfscultuur"], definition="x"),
    Term("begrippen/cx.md", "cx", "CX", aliases=["Customer Experience"], definition="x"),
    Term("begrippen/cxm.md", "cxm", "CXM", aliases=["Customer Experience Management"], definition="x"),
    Term("begrippen/klant.md", "klant", "klant", forms=["klanten"], definition="x"),
]
MATCHER = build_matcher(TERMS)


def slugs(markdown: str) -> list[list[str]]:
    return [[slug for slug, _, _ in section_mentions(s, MATCHER)] for s in plain_sections(markdown)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("De cultuur is geen cult.", [["cultuur", "cult"]]),
        ("Customer Experience Management en CX.", [["cxm", "cx"]]),
        ("Code: `CX` en\n\n```\nCXM\n```\n\nnu CX.", [["cx"]]),
        ("Een [link over cult](https://cult.example/cx) hier.", [["cult"]]),
        ("![CX in beeld](cx.png) en klanten", [["klant"]]),
        ("Een [[!klant]] die geen term is, en een [[klant|klantje]].", [["klant"]]),
        ("*[CX]: Customer Experience\n\nIets over cult.", [["cult"]]),
        ("!!! kader \"CX\"\n    Over de klant.", [["klant"]]),
        ("| CX | cult |\n|----|------|\n| klant | x |", [["cx", "cult", "klant"]]),
        ("Tekst <em>CX</em> en <span title=\"cult\">x</span>", [["cx"]]),
        ("Een voetnoot[^1].\n\n[^1]: Over bedrijfscultuur.", [["cultuur"]]),
        ("# Over CX\n\nGeen vermelding hier.", [[]]),
    ],
)
def test_mentions_are_what_the_reader_sees(markdown: str, expected: list[list[str]]) -> None:
    assert slugs(markdown) == expected


def test_sections_carry_the_anchor_toc_gives_them() -> None:
    sections = plain_sections(
        "Voor de kop.\n\n## Waarom de klant telt\n\nTekst.\n\n## Waarom de klant telt\n\nNog eens.\n\n"
        "### Eigen anker {#eigen}\n\nTekst.\n\n## Efficiënte *CX*\n\nTekst."
    )
    assert [(s.title, s.anchor) for s in sections] == [
        ("", ""),
        ("Waarom de klant telt", "waarom-de-klant-telt"),
        ("Waarom de klant telt", "waarom-de-klant-telt_1"),
        ("Eigen anker", "eigen"),
        ("Efficiënte CX", "efficiente-cx"),
    ]


def test_unknown_explicit_link_is_reported_with_its_file_line() -> None:
    body = "Eerste regel.\n\nMet [[CXM]] en [[klant|klanten]].\n\nEn [[Onbekend ding]] hier.\n\n`[[ook onbekend]]` in code.\n"
    problems = find_unknown_explicit("docs/x.md", body, 6, MATCHER)
    assert [(p.path, p.line) for p in problems] == [("docs/x.md", 10)]
    assert "Onbekend ding" in problems[0].message


def small(tmp_path: Path, extra: dict[str, str]) -> Path:
    files = {**small_site(), **extra}
    for rel, text in files.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def test_index_splits_book_and_letters_and_counts(tmp_path: Path) -> None:
    ed = "brieven/2025-12-proef"
    docs = small(tmp_path, {
        f"{ed}/01-jan-hein-pierik.md": "---\ntitle: B\nauthor: jan-hein-pierik\ncity: Zeist\ndate: 2025-12\n---\n\nCXM en nog eens CXM.\n",
        "boek/inleiding.md": "---\ntitle: Inleiding\n---\n\n## Opbouw\n\nHier CXM.\n",
    })
    site, problems = load_site(docs)
    assert problems == []
    index = index_mentions(site)
    assert [(o.corpus, o.src, o.anchor, o.count) for o in index.of("cxm")] == [
        ("boek", "boek/inleiding.md", "opbouw", 1),
        ("brieven", f"{ed}/01-jan-hein-pierik.md", "", 2),
    ]
    assert index.count("cxm", "boek") == 1
    assert index.count("cxm", "brieven") == 2
    assert "CXM" in index.of("cxm")[1].snippet


def test_drafts_leave_no_backlinks(tmp_path: Path) -> None:
    ed = "brieven/2025-12-proef"
    docs = small(tmp_path, {
        f"{ed}/03-wim-rampen.md": "---\ntitle: B\nauthor: wim-rampen\ncity: Helmond\ndate: 2025-12\ndraft: true\n---\n\nOver CXM.\n",
    })
    site, _ = load_site(docs)
    assert index_mentions(site).of("cxm") == []
    site, _ = load_site(docs, include_drafts=True)
    assert len(index_mentions(site).of("cxm")) == 1


def test_unused_terms_are_the_ones_no_page_mentions(tmp_path: Path) -> None:
    docs = small(tmp_path, {
        "begrippen/klant.md": "---\nterm: klant\n---\n\nWie iets afneemt; zie ook CXM.\n",
        "begrippen/wees.md": "---\nterm: weesbegrip\n---\n\nNiemand noemt dit.\n",
    })
    site, _ = load_site(docs)
    index = index_mentions(site)
    assert [t.slug for t in unused_terms(site, index)] == ["klant", "wees"]


def test_term_page_quotes_the_first_places_and_lists_the_rest(tmp_path: Path) -> None:
    from klantbeleving.views import SNIPPETS_PER_CORPUS, mentions_view

    extra: dict[str, str] = {}
    for n in range(SNIPPETS_PER_CORPUS + 5):  # one edition of one letter per month
        ed = f"brieven/{2000 + n // 12}-{n % 12 + 1:02d}-proef-{n}"
        extra[f"{ed}/index.md"] = f"---\ntitle: E{n}\nstelling: Stelling {n}\ndate: {2000 + n // 12}-{n % 12 + 1:02d}\n---\n\nLead.\n"
        extra[f"{ed}/01-wim-rampen.md"] = (f"---\ntitle: B{n}\nauthor: wim-rampen\ncity: Helmond\n"
                                           f"date: {2000 + n // 12}-{n % 12 + 1:02d}\n---\n\nBrief {n} over CXM.\n")
    site, problems = load_site(small(tmp_path, extra))
    assert problems == []
    view = mentions_view(site, index_mentions(site), "cxm", lambda src: src)
    places = [p for g in view["brieven"] for p in g["places"]]
    assert len(places) == SNIPPETS_PER_CORPUS + 5  # every place is listed
    assert all("CXM" in p["snippet"] for p in places[:SNIPPETS_PER_CORPUS])
    assert [p["snippet"] for p in places[SNIPPETS_PER_CORPUS:]] == [""] * 5
    assert view["places"]["brieven"] == SNIPPETS_PER_CORPUS + 5 and view["snippets"] == SNIPPETS_PER_CORPUS
