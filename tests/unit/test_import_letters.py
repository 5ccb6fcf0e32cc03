"""``klantbeleving import letters``: the corpus editions, export variants and bad input.

The corpus is read at run time (``corpus`` fixture); only short fragments (≤ 5 words) appear here.
Synthetic inputs below are our own words.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from klantbeleving.cli import main
from klantbeleving.importers import letters as imp
from klantbeleving.importers import writer
from klantbeleving.importers.common import InputError, escapes
from klantbeleving.load import load_site
from klantbeleving.model import Author
from klantbeleving.placeholders import STELLING_TODO
from klantbeleving.sources import parse_source
from tests.sitekit import AUTHORS, letter

W, J, R = "wim-rampen", "jan-hein-pierik", "rien-brus"

# file, month, [(author, city, addressees, first three words of the pull quote)]
CORPUS = [
    pytest.param(
        "2025-09-aparte-cx-strategie.txt", "2025-09",
        [(J, "Zeist", [W, R], "CX is bij"),
         (W, "Helmond", [J, R], "Een organisatiestrategie zonder"),
         (R, "Santpoort-Zuid", [J, W], "“There can only")],
        id="2025-09-no-blank-lines",
    ),
    pytest.param(
        "2025-10-ceo-omarmt-cx.txt", "2025-10",
        [(W, "Helmond", [J, R], "Als CX geen"),
         (J, "Zeist", [W, R], "Niet wachten tot"),
         (R, "Santpoort-Zuid", [W, J], "Je moet begrijpen")],
        id="2025-10-web-export",
    ),
    pytest.param(
        "2025-12-leiderschap-is-cx.txt", "2025-12",
        [(J, "Zeist", [R, W], "Klantgerichtheid ontstaat niet"),
         (R, "Santpoort-Zuid", [J, W], "Je bent het"),
         (W, "Helmond", [J, R], "Echte leiders nemen")],
        id="2025-12-with-a-list",
    ),
]
DEBRIS = ["powered by", "Disqus", "•", "Correspondentie over klantbeleving", "\nGroet,", "\nBeste "]


def docs_with_authors(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    return docs


def read(path: Path) -> tuple[dict, str]:
    source, problems = parse_source(path.name, path.read_text(encoding="utf-8"))
    assert problems == []
    return source.meta, source.body


def listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# -- the corpus ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "month", "expected"), CORPUS)
def test_corpus_edition_imports_into_clean_letters(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, month: str, expected: list
) -> None:
    docs = docs_with_authors(tmp_path)
    target = docs / "brieven" / f"{month}-proef"
    assert main(["import", "letters", str(corpus / "letters" / name), "--into", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.count("geschreven: ") == 4

    names = sorted(p.name for p in target.iterdir())
    assert names == [*[f"{i:02d}-{author}.md" for i, (author, *_rest) in enumerate(expected, 1)], "index.md"]
    index, lead = read(target / "index.md")
    assert index["date"] == month
    assert index["stelling"] == STELLING_TODO and index["draft"] is True, "a title is no stelling"
    assert index["title"] and "Correspondentie" not in index["title"]
    assert lead.strip()
    for i, (author, city, addressees, quote_start) in enumerate(expected, 1):
        meta, body = read(target / f"{i:02d}-{author}.md")
        assert (meta["author"], meta["city"], meta["date"]) == (author, city, month)
        assert meta["addressees"] == addressees
        assert meta["stelling"] == index["stelling"] and meta["draft"] is True
        assert meta["title"].startswith("Brief van ")
        assert (meta["number"], meta["text"]) == (i, "origineel"), "the first letters of a new site; the letter itself"
        assert meta["quote"].split()[:3] == quote_start.split()
        assert f"‘{meta['quote']}’" not in body, "the pull quote line belongs in the frontmatter only"
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        assert len(paragraphs) > 5
        assert not body.startswith(("Beste", "Zeist", "Helmond", "Santpoort"))
    for path in target.iterdir():
        text = path.read_text(encoding="utf-8")
        for debris in DEBRIS:
            assert debris not in text, (path.name, debris)

    site, problems = load_site(docs, include_drafts=True)
    assert [p.format() for p in problems] == []
    [edition] = site.editions
    assert [x.author for x in edition.letters] == [e[0] for e in expected]
    assert all(x.quote for x in edition.letters)


def test_a_list_in_a_letter_stays_a_markdown_list(corpus: Path, registry: dict[str, Author]) -> None:
    text = (corpus / "letters" / "2025-12-leiderschap-is-cx.txt").read_text(encoding="utf-8")
    edition = imp.parse_edition_text(text, registry)
    blocks = [b for b in edition.letters[0].paragraphs if b.startswith("- ")]
    assert len(blocks) == 1
    assert len(blocks[0].splitlines()) == 4


def test_all_three_corpus_files_at_once_make_three_edition_folders(corpus: Path, tmp_path: Path) -> None:
    docs = docs_with_authors(tmp_path)
    files = [str(p) for p in sorted((corpus / "letters").glob("*.txt"))]
    assert main(["import", "letters", *files, "--into", str(docs / "brieven")]) == 0
    assert sorted(p.name for p in (docs / "brieven").iterdir()) == [
        "2025-09-een-aparte-cx-strategie", "2025-10-ceo-omarmt-cx", "2025-12-leiderschap-cx-hx",
    ]
    site, problems = load_site(docs, include_drafts=True)
    assert problems == []
    assert [len(e.letters) for e in site.editions] == [3, 3, 3]
    assert [x.number for x in site.letters()] == list(range(1, 10)), "numbered oldest edition first"


def test_imported_letters_get_the_next_free_numbers_of_the_target_site(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Numbers go on above every number the site has given (drafts too, gaps stay gaps), in date
    order over several files; a letter replaced with --force keeps its number."""
    docs = docs_with_authors(tmp_path)
    ed = docs / "brieven" / "2024-01-oud"
    ed.mkdir(parents=True)
    (ed / "index.md").write_text("---\nstelling: Oud.\ndate: 2024-01\n---\n\nInleiding.\n", encoding="utf-8")
    (ed / "01-wim-rampen.md").write_text(letter("wim-rampen", "Helmond", date="2024-01", number=3), encoding="utf-8")
    (ed / "02-rien-brus.md").write_text(letter("rien-brus", "Zeist", date="2024-01", number=8, extra="draft: true\n"),
                                        encoding="utf-8")
    later, earlier = (str(corpus / "letters" / n) for n in ("2025-12-leiderschap-is-cx.txt", "2025-10-ceo-omarmt-cx.txt"))
    assert run_cli([later, earlier, "--into", str(docs / "brieven")], capsys)[0] == 0
    site, problems = load_site(docs, include_drafts=True)
    assert problems == []
    assert [[x.number for x in e.letters] for e in site.editions] == [[3, 8], [9, 10, 11], [12, 13, 14]]

    target = docs / "brieven" / "2025-10-ceo-omarmt-cx"
    assert run_cli([earlier, "--into", str(target), "--force"], capsys)[0] == 0
    assert [read(target / name)[0]["number"] for name in sorted(p.name for p in target.glob("0*.md"))] == [9, 10, 11]
    fresh = docs / "brieven" / "2026-01-nieuw"
    assert run_cli([earlier, "--into", str(fresh)], capsys)[0] == 0
    assert [read(p)[0]["number"] for p in sorted(fresh.glob("0*.md"))] == [15, 16, 17]


def test_stelling_option_sets_index_and_letters(corpus: Path, tmp_path: Path) -> None:
    docs = docs_with_authors(tmp_path)
    target = docs / "brieven" / "2025-10-x"
    src = str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt")
    assert main(["import", "letters", src, "--into", str(target), "--stelling", "Zonder de top: kansloos?"]) == 0
    assert read(target / "index.md")[0]["stelling"] == "Zonder de top: kansloos?"
    assert read(target / "02-jan-hein-pierik.md")[0]["stelling"] == "Zonder de top: kansloos?"
    assert load_site(docs)[1] == []


# -- export variants (our own words) -------------------------------------------------------

PLAIN = """\
Correspondentie over klantbeleving - Geduld is een strategie

De redactie vraagt of geduld een strategie kan zijn.

Zeist, maart 2026
Beste Wim en Rien,
Eerste alinea van Jan-Hein.
‘Geduld loont altijd’
Tweede alinea, met “aanhalingstekens” en een — streep.
Groet,
Jan-Hein

Helmond, maart 2026
Beste Jan-Hein en Rien,
Wim antwoordt kort.
Nog een zin van Wim.
Groet,
Wim
"""


def variant(**changes: str) -> str:
    text = PLAIN
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text


VARIANTS = [
    pytest.param(PLAIN, id="plain"),
    pytest.param(PLAIN.replace("\n", "\r\n"), id="crlf"),
    pytest.param("\ufeff" + PLAIN.replace("\n", "\n\n"), id="bom-and-blank-lines"),
    pytest.param(PLAIN.replace("\nWim\n", "\nWimcomments powered by Disqus\n"), id="glued-disqus"),
    pytest.param(PLAIN + "\nReacties mogelijk gemaakt door Disqus\n", id="dutch-disqus"),
    pytest.param(PLAIN + "\nTags: geduld, strategie\nGepubliceerd in Nieuwsbrief maart\n", id="tags-inline"),
    pytest.param(PLAIN + "\nTags:\ngeduld\nstrategie\n\nPublished in CX Magazine\n", id="tags-list"),
    pytest.param(
        PLAIN.replace("\n\nDe redactie", "\n\nCorrespondentie over klantbeleving - Geduld is een strategie\n"
                      "  • 2 maart 2026\n  • Wim Rampen\n\nDe redactie"),
        id="web-header",
    ),
    pytest.param(PLAIN.replace("Groet,\nJan-Hein", "Groet, Jan-Hein"), id="closing-on-one-line"),
    pytest.param(PLAIN.replace("Groet,\nWim", "Hartelijke groet,\n\nWim Rampen"), id="closing-variant-full-name"),
]


@pytest.mark.parametrize("text", VARIANTS)
def test_export_variants_give_the_same_edition(text: str, registry: dict[str, Author]) -> None:
    edition = imp.parse_edition_text(text, registry)
    assert edition.title == "Geduld is een strategie"
    assert edition.stelling == STELLING_TODO and edition.draft
    assert edition.date.iso() == "2026-03"
    assert edition.lead == ["De redactie vraagt of geduld een strategie kan zijn."]
    first, second = edition.letters
    assert (first.author, first.city, first.addressees) == ("jan-hein-pierik", "Zeist", ["wim-rampen", "rien-brus"])
    assert first.quote == "Geduld loont altijd"
    assert first.paragraphs == ["Eerste alinea van Jan-Hein.", "Tweede alinea, met “aanhalingstekens” en een — streep."]
    assert (second.author, second.city) == ("wim-rampen", "Helmond")
    assert second.paragraphs == ["Wim antwoordt kort.", "Nog een zin van Wim."]
    assert second.quote == ""


BLOCKS = [
    pytest.param(["Een.", "Twee."], ["Een.", "Twee."], id="line-per-paragraph"),
    pytest.param(["Kort.", "y" * 120, "Ook kort."], ["Kort.", "y" * 120, "Ook kort."], id="long-lines-are-paragraphs"),
    pytest.param(["Een korte regel die", "doorloopt op de volgende."], ["Een korte regel die\ndoorloopt op de volgende."],
                 id="hard-wrapped"),
    pytest.param(["Lijst:", "• een", "• twee", "Verder."], ["Lijst:", "- een\n- twee", "Verder."], id="bullets-to-list"),
    pytest.param(["Lijst:", "- een", "", "- twee"], ["Lijst:", "- een", "- twee"], id="list-split-by-blank"),
    pytest.param(["‘A’ zei ze, en ‘B’"], ["‘A’ zei ze, en ‘B’"], id="two-quotations-are-no-pull-quote"),
]


@pytest.mark.parametrize(("lines", "expected"), BLOCKS)
def test_paragraph_blocks(lines: list[str], expected: list[str], registry: dict[str, Author]) -> None:
    long = "x" * 120
    text = "Titel - T\n\nLead.\n\nZeist, mei 2026\nBeste Wim,\n" + long + "\n\n" + "\n".join(lines) + "\nGroet,\nRien\n"
    [letter] = imp.parse_edition_text(text, registry).letters
    assert letter.paragraphs == [long, *expected]


def test_rendered_frontmatter_is_quoted_safely(registry: dict[str, Author]) -> None:
    text = PLAIN.replace("Geduld is een strategie", "Ja: nee # of 'toch' \"wel\"?")
    files = imp.render_edition(imp.parse_edition_text(text, registry, stelling="Ja: nee # of 'toch' \"wel\"?"))
    meta = parse_source("index.md", files["index.md"])[0].meta
    assert meta["stelling"] == "Ja: nee # of 'toch' \"wel\"?"


BAD_TEXT = [
    pytest.param("", "het bestand is leeg", None, id="empty"),
    pytest.param("Titel - T\n\nAlleen een inleiding.\nEn nog wat.\n", "geen brieven gevonden", None, id="no-letters"),
    pytest.param("Zeist, mei 2026\nBeste Wim,\nTekst.\nGroet,\nRien\n", "titelregel ontbreekt", 1, id="no-title"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nBeste Wim,\nTekst.\n", "geen afsluiting 'Groet,'", 3, id="no-closing"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nTekst.\nGroet,\nRien\n", "verwacht een aanhef", 4, id="no-salutation"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nBeste Wim,\nTekst.\nGroet,\nPiet\n", "onbekende naam 'Piet'", 7,
                 id="unknown-signature"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nBeste Kees,\nTekst.\nGroet,\nRien\n", "onbekende naam 'Kees'", 4,
                 id="unknown-addressee"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nBeste Wim,\nTekst.\nGroet,\n\n", "ontbreekt de naam", 6,
                 id="closing-without-name"),
    pytest.param("Titel - T\n\nZeist, mei 2026\nBeste Wim,\nGroet,\nRien\n", "heeft geen tekst", 3, id="empty-letter"),
]


@pytest.mark.parametrize(("text", "message", "line"), BAD_TEXT)
def test_text_that_cannot_be_split_gives_a_message_and_line(text: str, message: str, line: int | None, registry: dict[str, Author]) -> None:
    with pytest.raises(InputError) as info:
        imp.parse_edition_text(text, registry)
    assert message in info.value.message
    assert info.value.line == line


def test_ambiguous_first_name_is_refused(registry: dict[str, Author]) -> None:
    authors = {**registry, "wim-jansen": Author("wim-jansen", "Wim Jansen", "Utrecht")}
    with pytest.raises(InputError, match="meer auteurs"):
        imp.parse_edition_text(PLAIN, authors)


ESCAPES = [
    pytest.param("../escape", True, id="parent"),
    pytest.param("docs/../../escape", True, id="up-and-out"),
    pytest.param("docs/../docs/brieven/x", False, id="up-and-back-in"),
    pytest.param("docs/brieven/x", False, id="plain"),
    pytest.param("/srv/site/../other", True, id="absolute-up"),
]


@pytest.mark.parametrize(("path", "escaped"), ESCAPES)
def test_escaping_paths(tmp_path: Path, path: str, escaped: bool) -> None:
    assert escapes(Path(path), tmp_path) is escaped


# -- the command on bad input: a message, an exit code, nothing written ---------------------


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import", "letters", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_text_without_letters_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Titel - T\n\nGeen brieven hier.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code, text = run_cli([str(src), "--into", str(out / "ed")], capsys)
    assert code == 1
    assert f"{src}: geen brieven gevonden" in text
    assert "Traceback" not in text
    assert listing(out) == []


def test_non_utf8_input_is_refused_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(b"Titel - T\n\nCaf" + b"\xe9.\n")
    code, text = run_cli([str(src), "--into", str(tmp_path / "out")], capsys)
    assert code == 1
    assert f"{src}:3: bestand is geen geldige UTF-8-tekst" in text
    assert not (tmp_path / "out").exists()


def test_unknown_signature_names_file_and_line(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (corpus / "letters" / "2025-09-aparte-cx-strategie.txt").read_text(encoding="utf-8").split("\n")
    number = lines.index("Wim") + 1
    lines[number - 1] = "Piet"
    src = tmp_path / "in.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    code, text = run_cli([str(src), "--into", str(tmp_path / "out")], capsys)
    assert code == 1
    assert f"{src}:{number}: onbekende naam 'Piet' in de ondertekening" in text
    assert not (tmp_path / "out").exists()


def test_existing_files_are_kept_without_force_and_replaced_with_it(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = docs_with_authors(tmp_path)
    target = docs / "brieven" / "ed"
    src = str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt")
    assert run_cli([src, "--into", str(target)], capsys)[0] == 0
    (target / "02-jan-hein-pierik.md").write_text("eigen wijziging\n", encoding="utf-8")
    before = digest(target)

    code, text = run_cli([src, "--into", str(target)], capsys)
    assert code == 1
    assert "bestaat al" in text and "--force" in text
    assert digest(target) == before

    code, text = run_cli([src, "--into", str(target), "--force"], capsys)
    assert code == 0
    assert "eigen wijziging" not in (target / "02-jan-hein-pierik.md").read_text(encoding="utf-8")
    assert listing(target) == ["01-wim-rampen.md", "02-jan-hein-pierik.md", "03-rien-brus.md", "index.md"]


def test_force_does_not_mix_two_editions_in_one_folder(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = docs_with_authors(tmp_path)
    target = docs / "brieven" / "ed"
    assert run_cli([str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt"), "--into", str(target)], capsys)[0] == 0
    before = digest(target)
    code, text = run_cli([str(corpus / "letters" / "2025-09-aparte-cx-strategie.txt"), "--into", str(target),
                          "--force"], capsys)
    assert code == 1
    assert "bevat al andere brieven" in text
    assert digest(target) == before


def test_into_that_escapes_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, text = run_cli([str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt"), "--into", "../escape"], capsys)
    assert code == 2
    assert "geweigerd" in text
    assert listing(tmp_path) == ["work"]


def test_into_an_existing_file_is_refused(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ed"
    target.write_text("geen map\n", encoding="utf-8")
    code, text = run_cli([str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt"), "--into", str(target)], capsys)
    assert code == 2
    assert "geen map" in text
    assert target.read_text(encoding="utf-8") == "geen map\n"


def test_one_bad_file_among_several_writes_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = docs_with_authors(tmp_path)
    (docs / "brieven").mkdir()
    bad = tmp_path / "bad.txt"
    bad.write_text("Titel - T\n\nZeist, mei 2026\nBeste Wim,\nTekst zonder groet.\n", encoding="utf-8")
    good = [str(p) for p in sorted((corpus / "letters").glob("*.txt"))]
    code, text = run_cli([*good, str(bad), "--into", str(docs / "brieven")], capsys)
    assert code == 1
    assert f"{bad}:3: " in text
    assert "niets geschreven" in text
    assert listing(docs / "brieven") == []


def test_a_failing_move_takes_everything_back(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = docs_with_authors(tmp_path)
    target = docs / "brieven" / "ed"
    src = str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt")
    assert run_cli([src, "--into", str(target)], capsys)[0] == 0
    (target / "index.md").write_text("oud\n", encoding="utf-8")
    before = digest(target)
    calls = {"n": 0}
    real_rename = os.rename

    def flaky_rename(a: object, b: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_rename(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.os, "rename", flaky_rename)
    code, text = run_cli([src, "--into", str(target), "--force"], capsys)
    assert code == 1
    assert "niets gewijzigd" in text
    assert digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["ed"]


def test_stelling_with_several_files_is_wrong_usage(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in sorted((corpus / "letters").glob("*.txt"))]
    code, text = run_cli([*files, "--into", str(tmp_path / "brieven"), "--stelling", "X"], capsys)
    assert code == 2
    assert "--stelling" in text
    assert listing(tmp_path) == []


def test_authors_option_uses_that_registry(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elders"
    other.mkdir()
    (other / ".authors.yml").write_text(
        "authors:\n  wim:\n    name: Wim Rampen\n  jh:\n    name: Jan-Hein Pierik\n  rien:\n    name: Rien Brus\n",
        encoding="utf-8",
    )
    target = tmp_path / "ed"
    src = str(corpus / "letters" / "2025-10-ceo-omarmt-cx.txt")
    assert run_cli([src, "--into", str(target), "--authors", str(other / ".authors.yml")], capsys)[0] == 0
    assert listing(target) == ["01-wim.md", "02-jh.md", "03-rien.md", "index.md"]
    assert read(target / "01-wim.md")[0]["addressees"] == ["jh", "rien"]


def test_help_explains_one_and_several_files(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import", "letters", "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "editiemap" in text and "brieven/" in text and "--force" in text
