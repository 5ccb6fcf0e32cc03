"""Hostile input: every bad source gives a clear message naming file (and line), a non-zero
exit from both `klantbeleving check` and a real strict build, no traceback, and no source changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import AUTHORS, assert_refused, changed_site, letter, write_site

ED = "brieven/2025-12-proef"
L2 = f"{ED}/02-rien-brus.md"
FOOTNOTES = "Tekst.\n\n" + "".join(f"Zin[^{i}].\n" for i in range(10_000)) + "\n" + "".join(
    f"[^{i}]: Noot {i}.\n" for i in range(10_000)
)

# (id, changes to the small valid site (None deletes), expected "path[:line]: message" start)
CASES: list[tuple[str, dict[str, str | bytes | None], str]] = [
    ("yaml-syntax", {L2: "---\nauthor: rien-brus\ncity: [Zeist\ndate: 2025-12\n---\n"}, f"docs/{L2}:4: YAML-fout"),
    ("frontmatter-list", {L2: "---\n- a\n- b\n---\nTekst.\n"}, f"docs/{L2}:1: frontmatter moet een mapping"),
    ("frontmatter-scalar", {L2: "---\nzomaar tekst\n---\nTekst.\n"}, f"docs/{L2}:1: frontmatter moet een mapping"),
    ("frontmatter-unclosed", {L2: "---\nauthor: rien-brus\ncity: Zeist\n"}, f"docs/{L2}:1: frontmatter is niet afgesloten"),
    ("missing-author", {L2: "---\ncity: Zeist\ndate: 2025-12\n---\nT.\n"}, f"docs/{L2}:1: verplichte sleutel 'author'"),
    ("unknown-author", {L2: letter("rien-bruss", "Zeist")}, f"docs/{L2}:3: onbekende auteur 'rien-bruss'"),
    ("author-is-list", {L2: letter("[rien-brus]", "Zeist")}, f"docs/{L2}:3: 'author' moet tekst zijn"),
    ("missing-city", {L2: "---\nauthor: rien-brus\ndate: 2025-12\n---\nT.\n"}, f"docs/{L2}:1: verplichte sleutel 'city'"),
    ("missing-date", {L2: "---\nauthor: rien-brus\ncity: Zeist\n---\nT.\n"}, f"docs/{L2}:1: verplichte sleutel 'date'"),
    ("date-word", {L2: letter("rien-brus", "Zeist", date="gisteren")}, f"docs/{L2}:5: 'date': 'gisteren' is geen datum"),
    ("date-feb-30", {L2: letter("rien-brus", "Zeist", date="2025-02-30")}, f"docs/{L2}:5: 'date': '2025-02-30' is geen bestaande"),
    ("date-month-13", {L2: letter("rien-brus", "Zeist", date="2025-13-01")}, f"docs/{L2}:5: 'date': '2025-13-01' is geen bestaande"),
    ("date-month-0", {L2: letter("rien-brus", "Zeist", date="2025-00")}, f"docs/{L2}:5: 'date': '2025-00' is geen bestaande"),
    ("letter-outside-edition", {"brieven/los.md": letter("rien-brus", "Zeist")}, "docs/brieven/los.md: brief staat niet in een editiemap"),
    ("letter-too-deep", {f"{ED}/extra/01-rien-brus.md": letter("rien-brus", "Zeist")}, f"docs/{ED}/extra/01-rien-brus.md: te diep genest"),
    ("letter-without-number", {f"{ED}/rien.md": letter("rien-brus", "Zeist")}, f"docs/{ED}/rien.md: bestandsnaam van een brief"),
    ("same-place-twice", {f"{ED}/2-wim-rampen.md": letter("wim-rampen", "Helmond")}, f"docs/{ED}/2-wim-rampen.md: volgnummer 2 is al in gebruik"),
    ("stelling-disagrees", {L2: letter("rien-brus", "Zeist", extra="stelling: Iets anders.\n")}, f"docs/{L2}:6: stelling wijkt af"),
    ("edition-no-stelling", {f"{ED}/index.md": "---\ndate: 2025-12\n---\nLead.\n"}, f"docs/{ED}/index.md:1: verplichte sleutel 'stelling'"),
    ("edition-no-date", {f"{ED}/index.md": "---\nstelling: Een proef is nodig.\n---\nLead.\n"}, f"docs/{ED}/index.md:1: verplichte sleutel 'date'"),
    ("edition-without-index", {f"{ED}/index.md": None}, f"docs/{ED}/01-jan-hein-pierik.md: editie '2025-12-proef' heeft geen index.md"),
    ("stance-unknown", {L2: letter("rien-brus", "Zeist", extra="standpunt: jein\n")}, f"docs/{L2}:6: standpunt 'jein'"),
    ("draft-not-bool", {L2: letter("rien-brus", "Zeist", extra="draft: misschien\n")}, f"docs/{L2}:6: 'draft' moet true of false"),
    ("publish-not-date", {L2: letter("rien-brus", "Zeist", extra="publish: morgen\n")}, f"docs/{L2}:6: 'publish': 'morgen' is geen datum"),
    ("addressee-unknown", {L2: letter("rien-brus", "Zeist", extra="addressees: [piet]\n")}, f"docs/{L2}:6: onbekende geadresseerde 'piet'"),
    ("addressees-mapping", {L2: letter("rien-brus", "Zeist", extra="addressees: {a: b}\n")}, f"docs/{L2}:6: 'addressees' moet een lijst"),
    ("duplicate-slug-page", {"boek/inleiding.md": "# A\n", "boek/inleiding/index.md": "# B\n"}, "docs/boek/inleiding/index.md: dubbele slug"),
    ("duplicate-slug-case", {"begrippen/CXM.md": "---\nterm: CXM2\n---\n\nIets.\n"}, "docs/begrippen/cxm.md: dubbele slug"),
    ("term-name-clash", {"begrippen/cx.md": "---\nterm: CX\naliases: [CXM]\n---\n\nIets.\n"}, "docs/begrippen/cxm.md:2: 'CXM' hoort al bij een ander begrip"),
    ("term-missing-term", {"begrippen/cx.md": "---\naliases: [X]\n---\n\nIets.\n"}, "docs/begrippen/cx.md:1: verplichte sleutel 'term'"),
    ("term-empty-definition", {"begrippen/cx.md": "---\nterm: CX\n---\n\n   \n"}, "docs/begrippen/cx.md:5: begrip zonder definitie"),
    ("term-related-unknown", {"begrippen/cx.md": "---\nterm: CX\nrelated: [nergens]\n---\n\nIets.\n"}, "docs/begrippen/cx.md:3: verwant begrip 'nergens'"),
    ("term-related-cycle-self", {"begrippen/cx.md": "---\nterm: CX\nrelated: [cx]\n---\n\nIets.\n"}, "docs/begrippen/cx.md:3: een begrip kan niet aan zichzelf"),
    ("term-in-subfolder", {"begrippen/a/cx.md": "---\nterm: CX\n---\n\nIets.\n"}, "docs/begrippen/a/cx.md: begrippen staan direct"),
    ("term-source-unknown", {"begrippen/cx.md": "---\nterm: CX\nsource: boek/nergens.md\n---\n\nIets.\n"}, "docs/begrippen/cx.md:3: 'source' verwijst"),
    ("not-utf8", {L2: "---\nauthor: rien-brus\ncity: Zeist\ndate: 2025-12\n---\nCaf\xe9\n".encode("latin-1")}, f"docs/{L2}:6: bestand is geen geldige UTF-8"),
    ("binary-md", {L2: bytes(range(256)) * 4}, f"docs/{L2}: bestand is binair"),
    ("five-megabytes", {L2: letter("rien-brus", "Zeist", body="woord " * 900_000)}, f"docs/{L2}: bestand is te groot"),
    ("ten-thousand-footnotes", {L2: letter("rien-brus", "Zeist", body=FOOTNOTES)}, f"docs/{L2}:11012: te veel voetnoten"),
    ("author-without-name", {".authors.yml": "authors:\n  rien-brus:\n    city: X\n"}, "docs/.authors.yml:2: auteur 'rien-brus' heeft geen 'name'"),
    ("authors-yaml-broken", {".authors.yml": "authors:\n  rien-brus: [\n"}, "docs/.authors.yml:3: YAML-fout"),
    ("authors-not-mapping", {".authors.yml": "- Wim\n- Rien\n"}, "docs/.authors.yml:1: verwacht een mapping 'authors:'"),
    ("chapter-without-part", {"boek/deel-9/01-x.md": "---\ntitle: X\npart: 9\nchapter: 1\n---\nT.\n"}, "docs/boek/deel-9/01-x.md: hoofdstuk hoort bij deel 9"),
    ("chapter-number-text", {"boek/deel-1/index.md": "---\ntitle: D\npart: 1\n---\n", "boek/deel-1/01-x.md": "---\ntitle: X\npart: 1\nchapter: een\n---\nT.\n"}, "docs/boek/deel-1/01-x.md:4: 'chapter' moet een geheel getal"),
    ("part-twice", {"boek/deel-1/index.md": "---\ntitle: D\npart: 1\n---\n", "boek/deel-1b/index.md": "---\ntitle: E\npart: 1\n---\n"}, "docs/boek/deel-1b/index.md:3: deel 1 bestaat al"),
    ("explicit-unknown-term", {L2: letter("rien-brus", "Zeist", body="Regel een.\n\nOver [[Klantgeluk]] gesproken.")}, f"docs/{L2}:11: [[Klantgeluk]] verwijst naar een onbekend begrip"),
    ("explicit-unknown-in-term", {"begrippen/ces.md": "---\nterm: CES\n---\n\nZie [[CXM]] en [[CSAT|tevredenheid]].\n"}, "docs/begrippen/ces.md:5: [[CSAT]] verwijst naar een onbekend begrip"),
    ("duplicate-key", {L2: letter("rien-brus", "Zeist", extra="city: '<b>x</b>'\n")}, f"docs/{L2}:6: YAML-fout in frontmatter: sleutel 'city' staat er twee keer in"),
    ("authors-duplicate-key", {".authors.yml": AUTHORS + "  wim-rampen:\n    name: Wim Ander\n"}, "docs/.authors.yml:17: YAML-fout: sleutel 'wim-rampen' staat er twee keer in"),
    ("brackets-double-in-one-paragraph", {L2: letter("rien-brus", "Zeist", body="Regel een.\n\nOver " + "[[" * 3000 + " einde.")}, f"docs/{L2}:11: te veel haken '['"),
    ("brackets-single-in-one-paragraph", {L2: letter("rien-brus", "Zeist", body="Regel een.\n\n\nMet " + "[a " * 2500)}, f"docs/{L2}:12: te veel haken '['"),
    ("places-not-number", {".places.yml": "places:\n  Zeist:\n    geonames: veel\n"}, "docs/.places.yml: plaats 'Zeist': 'geonames' moet een getal"),
]


def _site(tmp_path: Path, changes: dict[str, str | bytes | None]) -> Path:
    return write_site(tmp_path, changed_site(changes))


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_clearly_by_check_and_build(tmp_path: Path, changes: dict, expected: str) -> None:
    assert_refused(_site(tmp_path, changes), expected)


@pytest.mark.parametrize("case", ["date-month-13", "not-utf8", "frontmatter-list"])
def test_mkdocs_build_command_exits_non_zero_without_traceback(tmp_path: Path, case: str) -> None:
    changes, expected = next(c[1:] for c in CASES if c[0] == case)
    cfg = _site(tmp_path, changes)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
