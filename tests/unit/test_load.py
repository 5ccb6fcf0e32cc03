"""Parsing and validation on a table of good and bad sources: problems carry file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from klantbeleving.load import load_site
from klantbeleving.sources import parse_source
from tests.sitekit import changed_site, letter, small_site

ED = "brieven/2025-12-proef"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    docs = root / "docs"
    for rel, content in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return docs


def problems_for(tmp_path: Path, changes: dict[str, str | bytes | None]) -> list[str]:
    docs = write(tmp_path, changed_site(changes))
    _site, problems = load_site(docs, today=dt.date(2026, 1, 1))
    return [p.format() for p in problems]


def test_the_small_site_is_clean(tmp_path: Path) -> None:
    docs = write(tmp_path, dict(small_site()))
    site, problems = load_site(docs)
    assert problems == []
    [edition] = site.editions
    assert [x.author for x in edition.letters] == ["jan-hein-pierik", "rien-brus", "wim-rampen"]
    assert edition.letters[1].addressees == ["jan-hein-pierik", "wim-rampen"]
    assert edition.letters[1].in_reply_to == f"{ED}/01-jan-hein-pierik.md"
    assert edition.letters[0].replies == [f"{ED}/02-rien-brus.md"]
    assert edition.letters[0].stelling == "Een proef is nodig."


BAD = [
    pytest.param(
        {f"{ED}/02-rien-brus.md": "---\ntitle: x\ncity: Zeist\ndate: 2025-12\n---\n\nTekst.\n"},
        f"docs/{ED}/02-rien-brus.md:1: verplichte sleutel 'author' ontbreekt",
        id="missing-author",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("piet-paulusma", "Zeist")},
        f"docs/{ED}/02-rien-brus.md:3: onbekende auteur 'piet-paulusma'",
        id="unknown-author",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", date="2025-13-01")},
        f"docs/{ED}/02-rien-brus.md:5: 'date': '2025-13-01' is geen bestaande datum",
        id="month-13",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", date="2025-02-30")},
        f"docs/{ED}/02-rien-brus.md:5: 'date': '2025-02-30' is geen bestaande datum",
        id="february-30",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": "---\ntitle: x\nauthor: rien-brus\ncity: [Zeist\ndate: 2025-12\n---\n\nTekst.\n"},
        f"docs/{ED}/02-rien-brus.md:5: YAML-fout in frontmatter",
        id="yaml-syntax-error",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": "---\n- author\n- city\n---\n\nTekst.\n"},
        f"docs/{ED}/02-rien-brus.md:1: frontmatter moet een mapping",
        id="frontmatter-is-a-list",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="stelling: Iets heel anders.\n")},
        f"docs/{ED}/02-rien-brus.md:6: stelling wijkt af",
        id="stelling-disagrees",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="standpunt: misschien\n")},
        f"docs/{ED}/02-rien-brus.md:6: standpunt 'misschien' is niet een van",
        id="unknown-stance",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": b"---\ntitle: caf\xe9\n---\n"},
        f"docs/{ED}/02-rien-brus.md:2: bestand is geen geldige UTF-8-tekst",
        id="not-utf8",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": b"\x89PNG\r\n\x1a\n\x00\x00"},
        f"docs/{ED}/02-rien-brus.md: bestand is binair",
        id="binary",
    ),
    pytest.param(
        {"brieven/los.md": letter("rien-brus", "Zeist")},
        "docs/brieven/los.md: brief staat niet in een editiemap",
        id="letter-outside-edition",
    ),
    pytest.param(
        {f"{ED}/04-rien-brus.md": letter("rien-brus", "Zeist"), f"{ED}/2-wim-rampen.md": letter("wim-rampen", "Helmond")},
        f"docs/{ED}/2-wim-rampen.md: volgnummer 2 is al in gebruik door docs/{ED}/02-rien-brus.md",
        id="two-letters-one-place",
    ),
    pytest.param(
        {f"{ED}/index.md": "---\ntitle: x\ndate: 2025-12\n---\n\nLead.\n"},
        f"docs/{ED}/index.md:1: verplichte sleutel 'stelling' ontbreekt",
        id="edition-without-stelling",
    ),
    pytest.param(
        {"begrippen/cx.md": "---\nterm: CX\n---\n\n"},
        "docs/begrippen/cx.md:4: begrip zonder definitie",
        id="term-empty-definition",
    ),
    pytest.param(
        {"begrippen/cx.md": "---\nterm: CX\nrelated: [bestaat-niet]\n---\n\nKlantbeleving.\n"},
        "docs/begrippen/cx.md:3: verwant begrip 'bestaat-niet' bestaat niet",
        id="term-unknown-related",
    ),
    pytest.param(
        {".authors.yml": "authors:\n  wim-rampen:\n    city: Helmond\n"},
        "docs/.authors.yml:2: auteur 'wim-rampen' heeft geen 'name'",
        id="author-without-name",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="draft: ja\n")},
        f"docs/{ED}/02-rien-brus.md:6: 'draft' moet true of false zijn",
        id="draft-not-boolean",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="publish: binnenkort\n")},
        f"docs/{ED}/02-rien-brus.md:6: 'publish': 'binnenkort' is geen datum",
        id="publish-not-a-date",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", numbered=False)},
        f"docs/{ED}/02-rien-brus.md:1: verplichte sleutel 'number' (het briefnummer in de reeks) ontbreekt",
        id="published-letter-without-number",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", number=7),
         f"{ED}/03-wim-rampen.md": letter("wim-rampen", "Helmond", number=7)},
        f"docs/{ED}/03-wim-rampen.md:6: briefnummer 7 is al gegeven aan docs/{ED}/02-rien-brus.md",
        id="number-given-twice",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", number=7),
         "brieven/2026-01-later/index.md": "---\nstelling: Later.\ndate: 2026-01\ndraft: true\n---\n",
         "brieven/2026-01-later/01-wim-rampen.md": letter("wim-rampen", "Helmond", date="2026-01", number=7)},
        "docs/brieven/2026-01-later/01-wim-rampen.md:6: briefnummer 7 is al gegeven aan",
        id="number-given-twice-once-in-a-draft",
    ),
    *(pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra=f"number: {value}\n", numbered=False)},
        f"docs/{ED}/02-rien-brus.md:6: 'number' (het briefnummer) moet een geheel getal van 1 of hoger zijn",
        id=f"number-{name}",
    ) for name, value in [("text", "zeven"), ("zero", "0"), ("negative", "-3"), ("float", "7.5"), ("bool", "true"),
                          ("list", "[7]"), ("string-digits", "'7'")]),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="text: vertaling\n")},
        f"docs/{ED}/02-rien-brus.md:6: 'text' is 'vertaling', niet een van: samenvatting, origineel",
        id="text-unknown",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="text: [origineel]\n")},
        f"docs/{ED}/02-rien-brus.md:6: 'text' moet tekst zijn, geen lijst",
        id="text-a-list",
    ),
    pytest.param(
        {f"{ED}/index.md": "---\nstelling: Een proef is nodig.\ndate: 2025-12\ntags: {a: b}\n---\n"},
        f"docs/{ED}/index.md:4: 'tags' moet een lijst met tekst zijn",
        id="edition-tags-a-mapping",
    ),
    pytest.param(
        {f"{ED}/index.md": "---\nstelling: Een proef is nodig.\ndate: 2025-12\npublished_in: [a]\n---\n"},
        f"docs/{ED}/index.md:4: 'published_in' moet tekst zijn",
        id="published-in-a-list",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="tags: [x]\n")},
        f"docs/{ED}/02-rien-brus.md:6: onbekende sleutel 'tags' voor een brief",
        id="tags-on-a-letter",
    ),
    pytest.param(
        {f"{ED}/02-rien-brus.md": letter("rien-brus", "Zeist", extra="termlinks: hoofdstuk\n")},
        f"docs/{ED}/02-rien-brus.md:6: 'termlinks' moet pagina of sectie zijn, niet 'hoofdstuk'",
        id="termlinks-unknown-value",
    ),
    pytest.param(
        {"index.md": "---\ntitle: Start\ntermlinks: [sectie]\n---\n\nWelkom.\n"},
        "docs/index.md:3: 'termlinks' moet pagina of sectie zijn",
        id="termlinks-a-list",
    ),
    pytest.param(
        {"begrippen/cx.md": "---\nterm: CX\nlink: altijd\n---\n\nKlantbeleving.\n"},
        "docs/begrippen/cx.md:3: 'link' moet pagina of sectie zijn, niet 'altijd'",
        id="term-link-unknown-value",
    ),
    pytest.param(
        {"begrippen/cx.md": "---\nterm: CX\ntermlinks: sectie\n---\n\nKlantbeleving.\n"},
        "docs/begrippen/cx.md:3: onbekende sleutel 'termlinks' voor een begrip",
        id="termlinks-on-a-term",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), BAD)
def test_bad_sources_give_a_problem_with_file_and_line(tmp_path: Path, changes: dict, expected: str) -> None:
    problems = problems_for(tmp_path, changes)
    assert any(p.startswith(expected) for p in problems), problems


def test_numbers_text_and_publication_are_read(tmp_path: Path) -> None:
    """A draft may wait for its number; ``text`` defaults to a summary; an edition keeps where it
    appeared and its tags."""
    files: dict[str, str | bytes] = dict(small_site())
    files[f"{ED}/index.md"] = ("---\nstelling: Een proef is nodig.\ndate: 2025-12\npublished_in: 'Blad #5 - 2025'\n"
                               "tags: [klantcontact, <b>x</b>]\n---\n\nInleiding.\n")
    files[f"{ED}/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", number=1, extra="text: origineel\n")
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Zeist", number=2)
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", numbered=False, extra="draft: true\n")
    site, problems = load_site(write(tmp_path, files), include_drafts=True)
    assert problems == []
    edition = site.editions[0]
    assert (edition.published_in, edition.tags) == ("Blad #5 - 2025", ["klantcontact", "<b>x</b>"])
    assert [(x.number, x.text) for x in edition.letters] == [(1, "origineel"), (2, "samenvatting"), (None, "samenvatting")]


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("---\ncity: NO\n---\n", {"city": "NO"}),
        ("---\ndate: 2025-12-01\n---\n", {"date": "2025-12-01"}),
        ("---\ndraft: true\n---\n", {"draft": True}),
        ("---\ntitle: 2025\n---\n", {"title": 2025}),
        ("\ufeff---\ntitle: Bom\n---\n", {"title": "Bom"}),
        ("Geen frontmatter.\n", {}),
    ],
)
def test_yaml_values_are_normalised_in_one_place(text: str, meta: dict) -> None:
    source, problems = parse_source("x.md", text.removeprefix("\ufeff"))
    assert problems == []
    assert source.meta == meta


def test_drafts_and_embargo_are_left_out(tmp_path: Path) -> None:
    files = dict(small_site())
    files[f"{ED}/02-rien-brus.md"] = letter("rien-brus", "Santpoort-Zuid", extra="draft: true\n")
    files[f"{ED}/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", extra="publish: 2026-02-01\n")
    docs = write(tmp_path, files)
    site, problems = load_site(docs, today=dt.date(2026, 1, 15))
    assert problems == []
    assert [x.author for x in site.letters()] == ["jan-hein-pierik"]
    assert site.excluded == {f"{ED}/02-rien-brus.md", f"{ED}/03-wim-rampen.md"}
    site, _ = load_site(docs, today=dt.date(2026, 2, 1))
    assert [x.author for x in site.letters()] == ["jan-hein-pierik", "wim-rampen"]


def test_how_often_terms_are_linked_is_read(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(small_site())
    files["index.md"] = "---\ntitle: Start\ntermlinks: Sectie\n---\n\nWelkom.\n"
    files["begrippen/cx.md"] = "---\nterm: CX\nlink: sectie\n---\n\nKlantbeleving.\n"
    files["boek/index.md"] = "---\ntitle: Een boek\n---\n\nOver het boek.\n"
    files["brieven/index.md"] = "---\ntitle: Een reeks brieven\ntermlinks: pagina\n---\n\nOver de reeks.\n"
    site, problems = load_site(write(tmp_path, files))
    assert problems == []
    assert site.termlinks == {"index.md": "sectie", "brieven/index.md": "pagina"}
    assert site.terms["cx"].link == "sectie"
    assert site.terms["cxm"].link == "pagina"
    assert site.titles_of_works() == ["Een boek", "Een reeks brieven"]
