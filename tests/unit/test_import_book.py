"""``klantbeleving import book``: Dutch dehyphenation, footnotes, the corpus fragment, guard rails.

Corpus text is read at run time; assertions use short fragments only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantbeleving.cli import main
from klantbeleving.importers import book as bk
from klantbeleving.importers import writer
from klantbeleving.importers.common import InputError, read_input
from klantbeleving.load import load_site
from klantbeleving.placeholders import find_placeholders
from klantbeleving.sources import parse_source

FRAGMENT = "book/customer-experience-fragment.txt"


# -- dehyphenation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "seen", "expected"),
    [
        # a word split at the line end is joined
        ("burgers of pati-", "ënten zijn", (), "burgers of patiënten zijn"),
        ("een goede kwali-", "teit van", (), "een goede kwaliteit van"),
        ("om te monito-", "ren en", (), "om te monitoren en"),
        ("de Tweede We-", "reldoorlog was", (), "de Tweede Wereldoorlog was"),
        ("naar Hanne-", "ke Mulder", (), "naar Hanneke Mulder"),
        ("het (Alexan- ", "der Ziekenhuis)", (), "het (Alexander Ziekenhuis)"),
        ("geen klant- ", "reis, geen", (), "geen klantreis, geen"),
        ("externe partij-", "en. Zij", (), "externe partijen. Zij"),
        # a hyphen that belongs to the word stays
        ("in de ISO-", "norm 23592", (), "in de ISO-norm 23592"),
        ("een 9+-", "organisatie", (), "een 9+-organisatie"),
        ("en niet-", "geborgde aanpak", (), "en niet-geborgde aanpak"),
        ("werkelijk niet-", "vrijblijvend", (), "werkelijk niet-vrijblijvend"),
        ("Anneke Teheux-", "Dalstra", (), "Anneke Teheux-Dalstra"),
        ("veel CX-", "professionals hier", ("cx-professionals",), "veel CX-professionals hier"),
        ("echt een must-", "have", ("must-have",), "echt een must-have"),
        ("echt een must-", "have", (), "echt een musthave"),
        ("een nice-to-", "have-idee", ("nice-to-have-idee",), "een nice-to-have-idee"),
        ("met CX-gerelateer-", "de trajecten", ("cx-gerelateerde",), "met CX-gerelateerde trajecten"),
        # an elision keeps hyphen and space
        ("van buiten – product- ", "en procesgericht –", (), "van buiten – product- en procesgericht –"),
        ("een productie- ", " naar een dienst", (), "een productie- naar een dienst"),
        ("veel lees-", "en kijkplezier", (), "veel lees- en kijkplezier"),
        ("binnen- ", "of buitendienst", (), "binnen- of buitendienst"),
        # no hyphen: a plain join with a space
        ("de cultuur en ", "-competentie, en", (), "de cultuur en -competentie, en"),
        ("het klantgericht – ", "waarbij", (), "het klantgericht – waarbij"),
    ],
)
def test_dehyphenate(left: str, right: str, seen: tuple[str, ...], expected: str) -> None:
    assert bk.dehyphenate(left, right, frozenset(seen)) == expected


def test_hyphenated_words_come_from_inside_lines_only() -> None:
    lines = bk.clean_lines("veel CX-professionals hier\nen must-\nhave\n")
    assert bk.hyphenated_words(lines) == frozenset({"cx-professionals"})


def test_join_lines_gives_one_line() -> None:
    assert bk.join_lines(["de kwali-", "teit  van", " het product"]) == "de kwaliteit van het product"


# -- footnotes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "marked", "next_note"),
    [
        ("dat kan breken1. Sinds", 1, "dat kan breken[^1]. Sinds", 2),
        ("Kahneman en Thaler6 hebben", 6, "Kahneman en Thaler[^6] hebben", 7),
        ("het rapport 20247. Een", 7, "het rapport 2024[^7]. Een", 8),
        ("als volgt9: ‘Iets", 9, "als volgt[^9]: ‘Iets", 10),
        ("een boek over tevredenheid2 dat", 2, "een boek over tevredenheid[^2] dat", 3),
        ("a1 en b2 en c3.", 1, "a[^1] en b[^2] en c[^3].", 4),
        ("eerst boek1 en later boek1", 1, "eerst boek[^1] en later boek1", 2),
        # real numbers stay numbers
        ("sinds 1999 al", 1, "sinds 1999 al", 1),
        ("de norm 23592 is", 2, "de norm 23592 is", 2),
        ("de 9+-organisatie", 9, "de 9+-organisatie", 9),
        ("koffie voor 10 euro", 10, "koffie voor 10 euro", 10),
        ("meer dan 90 procent", 9, "meer dan 90 procent", 9),
        ("in 2019 zelfs", 1, "in 2019 zelfs", 1),
        ("out of order breken2.", 1, "out of order breken2.", 1),
        ("minder CO2 en H2O", 2, "minder CO2 en H2O", 2),
        ("een ‘7’ was genoeg", 7, "een ‘7’ was genoeg", 7),
    ],
)
def test_mark_notes(text: str, expected: int, marked: str, next_note: int) -> None:
    assert bk.mark_notes(text, expected) == (marked, next_note)


def test_find_placeholders_gives_the_footnotes_line_and_number() -> None:
    markdown = "---\ntitle: X\n---\n\nTekst[^3].\n\n[^3]: Voetnoot 3 ontbreekt in de pdf-tekst; vul de bron aan.\n[^4]: Eigen bron.\n"
    assert find_placeholders(parse_source("x.md", markdown)[0]) == [(7, "voetnoot 3 heeft nog geen tekst (plaatshouder)")]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1994. Dat jaar", "1994\\. Dat jaar"),
        ("# geen kop", "\\# geen kop"),
        ("- geen lijst", "\\- geen lijst"),
        ("a *b* [c] <d>", "a \\*b\\* \\[c\\] &lt;d>"),
        ("gewoon – ‘tekst’ é", "gewoon – ‘tekst’ é"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert bk.escape_markdown(text) == escaped


# -- structure on synthetic input ----------------------------------------------------------

SYNTHETIC = """\
 INLEIDING
Een eerste alinea over de kwali-
teit van iets1.

Tot ziens,

Utrecht, mei 2024

Anna de Vries
 DEEL II
EEN
TITEL
Dit deel gaat over
iets.
 HOOFDSTUK 3
EEN HOOFDSTUK
Een alinea zonder voetnoot.
12
"""


def test_synthetic_book_structure() -> None:
    book = bk.split_book(SYNTHETIC)
    kinds = [(s.kind, s.title, s.rel) for s in book.sections]
    assert kinds == [
        ("page", "Inleiding", "inleiding.md"),
        ("part", "Een titel", "deel-2/index.md"),
        ("chapter", "Een hoofdstuk", "deel-2/03-een-hoofdstuk.md"),
    ]
    assert book.authors == ["Anna de Vries"]
    assert book.notes == 1
    assert [d.reason for d in book.dropped] == ["paginanummer"]
    files = bk.render_book(book)
    assert "de kwaliteit van iets[^1]." in files["inleiding.md"]
    assert "authors:\n- anna-de-vries\n" in files["inleiding.md"]
    assert "Dit deel gaat over iets." in files["deel-2/index.md"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "bestand is leeg"),
        ("  \n\n", "bestand is leeg"),
        ("Gewoon wat tekst.\n", "geen inleiding of hoofdstuk gevonden"),
        (" HOOFDSTUK 1\nTITEL\nTekst.\n", "staat niet in een deel: geef --part N"),
        (" DEEL I\nTITEL\n HOOFDSTUK 1\nNiet in hoofdletters.\n", "heeft geen titel"),
    ],
)
def test_bad_structure_is_refused_with_a_dutch_message(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        bk.split_book(text)


# -- the corpus fragment -------------------------------------------------------------------


@pytest.fixture(scope="module")
def fragment(corpus: Path) -> bk.Book:
    return bk.split_book(read_input(corpus / FRAGMENT))


@pytest.fixture(scope="module")
def files(fragment: bk.Book) -> dict[str, str]:
    return bk.render_book(fragment)


CHAPTER = "deel-1/01-customer-experience.md"


def _meta(text: str) -> dict[str, object]:
    source, problems = parse_source("x.md", text)
    assert problems == []
    return source.meta


def test_corpus_pages_and_frontmatter(files: dict[str, str]) -> None:
    assert sorted(files) == ["deel-1/01-customer-experience.md", "deel-1/index.md", "inleiding.md", "over-de-auteurs.md"]
    authors = ["jean-pierre-thomassen", "eric-de-haan"]
    assert _meta(files["inleiding.md"]) == {"title": "Inleiding", "order": 0, "authors": authors}
    assert _meta(files["deel-1/index.md"]) == {"title": "Customer experience als uitdaging", "part": 1}
    assert _meta(files[CHAPTER]) == {"title": "Customer Experience", "part": 1, "chapter": 1, "authors": authors}
    assert _meta(files["over-de-auteurs.md"]) == {"title": "Over de auteurs", "order": 98}


def test_corpus_epigraph_is_a_classed_blockquote(files: dict[str, str]) -> None:
    chapter = files[CHAPTER]
    body = chapter.split("---\n", 2)[2].lstrip()
    assert body.startswith('<blockquote class="kb-epigraph" markdown>\nElke twintig jaar')
    epigraph = body.split("</blockquote>")[0]
    assert "\n— Don Peppers\n" in epigraph


def test_corpus_footnotes(fragment: bk.Book, files: dict[str, str]) -> None:
    refs = {rel: re.findall(r"(?<=\S)\[\^(\d+)\]", text) for rel, text in files.items()}
    assert fragment.notes == 9
    assert sum(len(x) for x in refs.values()) == 9
    assert refs["inleiding.md"] == ["1"]
    assert refs[CHAPTER] == [str(n) for n in range(2, 10)]
    assert "Trendrapport 2024[^7]" in files[CHAPTER]
    assert "Thaler[^6]" in files[CHAPTER]
    placeholders = [m for t in files.values() for _line, m in find_placeholders(parse_source("x.md", t)[0])]
    assert sorted(placeholders) == sorted(f"voetnoot {n} heeft nog geen tekst (plaatshouder)" for n in range(1, 10))


def test_corpus_keeps_real_numbers(files: dict[str, str]) -> None:
    text = "\n".join(files.values())
    for fragment in ("9+-organisatie", "ISO-norm 23592", "in 1999,", "10 euro", "in 2019 zelfs", "90 procent"):
        assert fragment in text


def test_corpus_drops_page_furniture_and_back_cover(fragment: bk.Book, files: dict[str, str]) -> None:
    text = "\n".join(files.values())
    assert not [line for line in text.splitlines() if line.strip().isdigit()]
    assert "9 7 8 9" not in text
    assert "boom.nl" not in text
    assert "HOOFDSTUK" not in text and "DEEL I" not in text
    assert "must-have\n" not in files["deel-1/index.md"]
    body = files["over-de-auteurs.md"].split("---\n", 2)[2]
    assert "Fasegewijs" not in body and "THOMASSEN" not in body
    assert {d.reason for d in fragment.dropped if d.known} >= {"paginanummer", "kopregel", "titelpagina", "ISBN"}


def test_corpus_keeps_figure_text_in_the_page(fragment: bk.Book, files: dict[str, str]) -> None:
    assert fragment.unplaced == []
    figures = fragment.figures
    assert [x.number for x in figures] == [462, 463, 465, 467, 468, 470]
    assert figures[2].text == "ANTWOORDEN"
    page = files[CHAPTER]
    assert f'!!! {bk.FIGURE_TYPE} "' in page
    for line in figures:
        assert bk.escape_markdown(line.text) in page


def test_corpus_dutch_typesetting(files: dict[str, str]) -> None:
    text = "\n".join(files.values())
    for fragment in (
        "patiënten",
        "kwaliteit",
        "ISO-norm",
        "product- en procesgericht",
        "productie- naar",
        "lees- en vooral",
        "niet-vrijblijvend",
        "niet-geborgde",
        "organisatiecultuur en -competentie",
        "Alexander Monro",
        "Hanneke Mulder",
        "Tweede Wereldoorlog",
        "externe partijen.",
        "te creëren.",
        "(voorheen ZorgDomein)",
        "klantreis, geen",
        "‘klantvolwassener’",
        "’s-Hertogenbosch",
    ):
        assert fragment in text, fragment
    assert "pati-" not in text and "kwali-" not in text


def test_corpus_paragraphs_are_one_line_each(files: dict[str, str]) -> None:
    body = files[CHAPTER].split("---\n", 2)[2]
    blocks = [p.strip() for p in body.split("\n\n") if not p.startswith("    ")]  # not inside a box or figure
    paragraphs = [p for p in blocks if p and not p.startswith(("<", "— ", "!!!", "**", "##", "[^"))]
    assert len(paragraphs) >= 20
    assert all("\n" not in p for p in paragraphs)
    assert "Maar hoe komt dat?\n\nDat komt omdat" in files["inleiding.md"]


def test_corpus_subheadings(files: dict[str, str]) -> None:
    headings = [line for line in files[CHAPTER].splitlines() if line.startswith("## ")]
    assert len(headings) >= 5
    assert "## Customer Experience" in headings
    assert "## En Shareholder Experience dan?" in headings
    assert "## Van een efficiënte CX" in " ".join(headings)


def test_corpus_definitions_box(files: dict[str, str]) -> None:
    chapter = files[CHAPTER]
    assert '\n!!! kader "Definities"\n' in chapter
    box = chapter.split('!!! kader "Definities"\n', 1)[1].split("\n## ", 1)[0]
    entries = re.findall(r"^    \*\*(.+?)\*\*: ", box, flags=re.MULTILINE)
    assert len(entries) == 7
    assert entries[0] == "Klant" and "Customer Experience (CX)" in entries


def test_corpus_signoff(files: dict[str, str]) -> None:
    intro = files["inleiding.md"]
    assert "augustus 2024\n{: .kb-signoff }" in intro
    assert "Jean-Pierre Thomassen<br>\nEric de Haan\n{: .kb-signoff }" in intro


def test_corpus_about_the_authors(files: dict[str, str]) -> None:
    about = files["over-de-auteurs.md"]
    assert re.findall(r"^## (.+)$", about, flags=re.MULTILINE) == ["Jean-Pierre Thomassen", "Eric de Haan"]


def test_corpus_glossary(fragment: bk.Book) -> None:
    terms = bk.render_glossary(fragment, "boek")
    assert len(terms) == 7
    cx = _meta(terms["cx.md"])
    assert cx == {"term": "CX", "aliases": ["Customer Experience"], "source": f"boek/{CHAPTER}", "quoted": True}
    assert _meta(terms["cxm.md"])["aliases"] == ["Customer Experience Management"]
    assert _meta(terms["klant.md"])["aliases"] == []
    assert parse_source("cult.md", terms["cult.md"])[0].body.startswith("Onze definitie")


def test_corpus_output_loads_into_the_model(tmp_path: Path, fragment: bk.Book, files: dict[str, str]) -> None:
    docs = tmp_path / "docs"
    written = {**{f"boek/{k}": v for k, v in files.items()},
               **{f"begrippen/{k}": v for k, v in bk.render_glossary(fragment, "boek").items()}}
    for rel, text in written.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    site, problems = load_site(docs)
    # the importer's footnote placeholders are errors until an editor fills them in
    assert sorted(p.message for p in problems) == sorted(
        f"voetnoot {n} heeft nog geen tekst (plaatshouder)" for n in range(1, 10))
    assert [(c.part, c.number, c.title) for c in site.chapters] == [(1, 1, "Customer Experience")]
    assert [p.title for p in site.parts] == ["Customer experience als uitdaging"]
    assert [(p.title, p.order) for p in site.book_pages] == [("Inleiding", 0), ("Over de auteurs", 98)]
    assert site.terms["cx"].source == f"boek/{CHAPTER}"
    assert len(site.terms) == 7


# -- command line and guard rails ----------------------------------------------------------


def _run(monkeypatch: pytest.MonkeyPatch, cwd: Path, *argv: str) -> int:
    monkeypatch.chdir(cwd)
    return main(["import", "book", *argv])


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_cli_writes_and_reports(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(monkeypatch, tmp_path, str(corpus / FRAGMENT), "--into", "docs/boek", "--glossary", "docs/begrippen")
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "geschreven: docs/boek/inleiding.md" in out
    assert f"geschreven: docs/boek/{CHAPTER}" in out
    assert "geschreven: docs/begrippen/cx.md" in out
    assert f"{corpus / FRAGMENT}:465: als figuurtekst in de pagina gezet (nakijken): ANTWOORDEN" in err
    assert "regel 556" not in err and "regel 474" not in err
    assert len(list((tmp_path / "docs" / "begrippen").glob("*.md"))) == 7
    assert "source: boek/deel-1/01-customer-experience.md" in (tmp_path / "docs/begrippen/cx.md").read_text("utf-8")
    assert not [p for p in tmp_path.rglob(".klantbeleving-import-*")]


def test_cli_refuses_to_overwrite_without_force(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "docs" / "boek" / "inleiding.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("eigen tekst\n", encoding="utf-8")
    before = _tree(tmp_path)
    code = _run(monkeypatch, tmp_path, str(corpus / FRAGMENT), "--into", "docs/boek")
    out, err = capsys.readouterr()
    assert code == 1
    assert "inleiding.md bestaat al (gebruik --force" in err
    assert "niets geschreven" in err
    assert out == ""
    assert _tree(tmp_path) == before

    code = _run(monkeypatch, tmp_path, str(corpus / FRAGMENT), "--into", "docs/boek", "--force")
    assert code == 0
    assert existing.read_text("utf-8").startswith("---\ntitle: Inleiding\n")
    assert (tmp_path / "docs" / "boek" / CHAPTER).is_file()


def test_cli_glossary_conflict_writes_nothing_at_all(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    term = tmp_path / "docs" / "begrippen" / "cxm.md"
    term.parent.mkdir(parents=True)
    term.write_text("---\nterm: CXM\n---\n\nEigen woorden.\n", encoding="utf-8")
    before = _tree(tmp_path)
    code = _run(monkeypatch, tmp_path, str(corpus / FRAGMENT), "--into", "docs/boek", "--glossary", "docs/begrippen")
    assert code == 1
    assert "cxm.md bestaat al" in capsys.readouterr().err
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("option", ["--into", "--glossary"])
def test_cli_refuses_paths_that_escape(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    work = tmp_path / "werk"
    work.mkdir()
    args = ["--into", "docs/boek", "--glossary", "docs/begrippen"]
    args[args.index(option) + 1] = "../buiten"
    code = _run(monkeypatch, work, str(corpus / FRAGMENT), *args)
    err = capsys.readouterr().err
    assert code == 2
    assert f"{option} ../buiten: pad valt buiten" in err
    assert _tree(tmp_path) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b" INLEIDING\nTekst met \xff erin.\n", "boek.txt:2: bestand is geen geldige UTF-8-tekst"),
        (b"", "boek.txt: bestand is leeg"),
        (b"\n  \n", "boek.txt: bestand is leeg"),
        (b"Alleen een alinea.\n", "boek.txt: geen inleiding of hoofdstuk gevonden"),
        (b"\x00\x01binair", "boek.txt: bestand is binair"),
    ],
)
def test_cli_bad_input(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    message: str,
) -> None:
    (tmp_path / "boek.txt").write_bytes(data)
    code = _run(monkeypatch, tmp_path, "boek.txt", "--into", "docs/boek")
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert message in err
    assert "niets geschreven" in err
    assert "Traceback" not in err
    assert not (tmp_path / "docs").exists()


def test_cli_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(monkeypatch, tmp_path, "weg.txt", "--into", "docs/boek")
    assert code == 1
    assert "weg.txt: bestand niet gevonden" in capsys.readouterr().err


def test_write_tree_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "boek"
    root.mkdir()
    (root / "b.md").write_text("oud\n", encoding="utf-8")
    real_rename = os.rename
    calls = {"n": 0}

    def failing_rename(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_rename(src, dst)

    monkeypatch.setattr(writer.os, "rename", failing_rename)
    plan = {root: {"a.md": "a\n", "b.md": "b\n", "sub/c.md": "c\n"}}
    with pytest.raises(writer.WriteError, match="niets gewijzigd"):
        writer.write_folders(plan, force=True)
    assert _tree(tmp_path) == {"boek/b.md": b"oud\n"}


def test_write_tree_refuses_relative_paths_leaving_the_root(tmp_path: Path) -> None:
    with pytest.raises(writer.WriteError, match="valt buiten"):
        writer.write_folders({tmp_path / "boek": {"../x.md": "x"}}, force=False)
    assert _tree(tmp_path) == {}


@pytest.mark.parametrize(
    ("into", "expected"),
    [("/site/docs/boek", "boek"), ("/site/docs/nl/boek", "nl/boek"), ("/tmp/uit", "uit")],
)
def test_book_dir_of(into: str, expected: str) -> None:
    assert bk.book_dir_of(Path(into)) == expected


_PIECES = ["pati-", "ënten", "ISO-", "norm", "product-", "en procesgericht", "niet-", "vrijblijvend",
           "de klant", "cx-", "professionals", "Teheux-", "Dalstra", "a-b-", "c", "(kwali-", "teit)", " ", "x-"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_join_lines_equals_joining_the_whole_text_so_far(lines: list[str]) -> None:
    hyphenated = bk.hyphenated_words([bk.Line(1, "cx-professionals en a-b-c")])
    text = ""
    for line in lines:  # the definition: each line joined to everything before it
        text = bk.dehyphenate(text, line, hyphenated) if text else line.strip()
    assert bk.join_lines(lines, hyphenated) == " ".join(text.split())


LONE = " HOOFDSTUK 2\nEEN LOS HOOFDSTUK\n\nDit hoofdstuk staat op zichzelf.\n\nEn het gaat nog even door.\n"


def test_a_lone_chapter_goes_into_the_part_given() -> None:
    [chapter] = bk.split_book(LONE, part=3).sections
    assert (chapter.kind, chapter.part, chapter.number) == ("chapter", 3, 2)
    assert chapter.rel == "deel-3/02-een-los-hoofdstuk.md"


def test_a_lone_chapter_goes_where_the_book_already_has_it() -> None:
    [chapter] = bk.split_book(LONE, known_parts={1: 1, 2: 4}).sections
    assert chapter.part == 4


def test_parts_in_the_file_win_over_part() -> None:
    text = " DEEL II\nTWEEDE DEEL\n" + LONE
    sections = bk.split_book(text, part=5).sections
    assert [(s.kind, s.part or s.number) for s in sections] == [("part", 2), ("chapter", 2)]


def test_cli_lone_chapter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "los.txt").write_text(LONE, encoding="utf-8")
    assert _run(monkeypatch, tmp_path, "los.txt", "--into", "docs/boek") == 1
    err = capsys.readouterr().err
    assert "los.txt:1: hoofdstuk 2 staat niet in een deel: geef --part N" in err and "Traceback" not in err
    assert not (tmp_path / "docs").exists()
    assert _run(monkeypatch, tmp_path, "los.txt", "--into", "docs/boek", "--part", "2") == 0
    assert (tmp_path / "docs/boek/deel-2/02-een-los-hoofdstuk.md").is_file()
    # again, without --part: the book in --into knows where chapter 2 stands
    assert _run(monkeypatch, tmp_path, "los.txt", "--into", "docs/boek", "--force") == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "docs").rglob("*.md")) == [
        "docs/boek/deel-2/02-een-los-hoofdstuk.md"]
    with pytest.raises(SystemExit):
        _run(monkeypatch, tmp_path, "los.txt", "--into", "docs/boek", "--part", "nul")
    assert "geen deelnummer" in capsys.readouterr().err
