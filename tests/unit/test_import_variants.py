"""Generated export variants (our own words): line endings, spaces, greetings, sign-offs, place lines,
trailers with publication notes, tags and widgets, stelling lines. Media and tag words are invented
here so that no rule can key on the corpus; the corpus itself is varied at run time below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantbeleving.cli import main
from klantbeleving.importers import letters as imp
from klantbeleving.importers.trailer import classify_trailer
from klantbeleving.load import load_site
from klantbeleving.model import Author
from klantbeleving.placeholders import REVIEW_KEY, STELLING_TODO
from klantbeleving.sources import parse_source
from tests.sitekit import AUTHORS

W, J, R = "wim-rampen", "jan-hein-pierik", "rien-brus"
LETTERS = [
    (J, "Zeist", ["Wim", "Rien"], ["Jan-Hein"], ["Een eerste gedachte over geduld.", "Wachten is ook een keuze."]),
    (W, "Helmond", ["Jan-Hein", "Rien"], ["Wim"], ["Geduld kost geld, zegt men.", "Toch loont het soms."]),
    (R, "Santpoort-Zuid", ["Jan-Hein", "Wim"], ["Rien"], ["Ik sluit af met een vraag.", "Wie wacht er nog?"]),
]
FULL = {J: "Jan-Hein Pierik", W: "Wim Rampen", R: "Rien Brus"}
MEDIA = ["Vakblad Kwadraat", "KlantZaken", "De Dienstwijzer", "Servicepost Online"]
TAG_WORDS = ["wachttijd", "loyaliteit", "servicedesign", "klantreis", "empathie", "data"]


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, dict]:
    """An export of a three-letter edition and what the importer must make of it."""
    blank = draw(st.sampled_from(["", "\n"]))
    out = ["Correspondentie over klantbeleving" + draw(st.sampled_from([" - ", ": ", " – ", "\n"])) + "Geduld"]
    stelling = draw(st.sampled_from([None, "Geduld is de onderschatte strategie."]))
    if stelling:
        out.append(f"Stelling: {stelling}")
    out += ["", "De redactie legt drie brieven over geduld voor.", ""]
    for key, city, to, signed, sentences in LETTERS:
        day = draw(st.sampled_from(["", "12 "]))
        out.append(f"{city}, {day}maart 2026")
        out.append(blank)
        hello = draw(st.sampled_from(["Beste", "Hoi", "Beste"]))
        joiner = draw(st.sampled_from([" en ", ", "]))
        out.append(f"{hello} {joiner.join(to)}" + draw(st.sampled_from([",", ""])))
        for sentence in sentences:
            quote = draw(st.sampled_from(["", "straight", "curly"]))
            text = sentence
            if quote == "straight":
                text = sentence.replace(" ", ' "', 1).rstrip(".?") + '".'
            elif quote == "curly":
                text = sentence.replace(" ", " “", 1).rstrip(".?") + "”."
            out += [text, blank]
        closing = draw(st.sampled_from(["Groet,", "Hartelijke groet,", "Met vriendelijke groet,"]))
        name = draw(st.sampled_from([signed[0], FULL[key]]))
        out += [closing, blank, name, blank]
    medium = draw(st.sampled_from(MEDIA))
    issue = draw(st.sampled_from([f"#{draw(st.integers(1, 40)):02d} - 2026", "nr. 7", "2026"]))
    verb = draw(st.sampled_from(["gepubliceerd", "gepublideerd", "verschenen", "Verschenen", "gepubliceert"]))
    note = draw(st.sampled_from([f"Deze briefwisseling is {verb} in {medium} {issue}",
                                 f"{verb.capitalize()} in {medium} {issue}."]))
    tags = draw(st.lists(st.sampled_from(TAG_WORDS), min_size=2, max_size=4, unique=True))
    writer = draw(st.sampled_from(["", "Wim Rampen", "Rien Brus"]))
    bullet = draw(st.sampled_from(["- ", "• ", ""]))
    trailer = [note, *[f"{bullet}{t}" for t in tags], *([f"{bullet}{writer}"] if writer else [])]
    widgets = draw(st.lists(st.sampled_from([
        "Deel dit artikel: LinkedIn | X | E-mail", "Reacties (0)", "© 2026 Uitgeverij Proef. Alle rechten voorbehouden.",
        "« Vorige editie", "Volgende editie »", "comments powered by Disqus"]), max_size=3, unique=True))
    out += trailer + widgets
    text = "\n".join(out) + "\n"
    if draw(st.booleans()):
        text = text.replace("Geduld kost", "Geduld\u00a0kost")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, {"stelling": stelling, "medium": medium, "tags": tags}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports())
def test_generated_exports_give_three_clean_letters_and_the_trailer_as_metadata(
    registry: dict[str, Author], case: tuple[str, dict]
) -> None:
    text, want = case
    edition = imp.parse_edition_text(text, registry)
    assert edition.title == "Geduld"
    assert edition.stelling == (want["stelling"] or STELLING_TODO)
    assert [(x.author, x.city, x.date.year, x.date.month) for x in edition.letters] == [
        (key, city, 2026, 3) for key, city, *_rest in LETTERS]
    for letter, (_key, _city, _to, _signed, sentences) in zip(edition.letters, LETTERS, strict=True):
        body = " ".join(" ".join(letter.paragraphs).split())
        for sentence in sentences:
            words = re.sub(r"[\"“”.?]", "", sentence).split()
            assert all(w in re.sub(r"[\"“”.?]", "", body).split() for w in words), (sentence, body)
        for debris in ("Groet", "groet", "Beste", "Hoi", "Deel dit", "Reacties", "©", "Disqus", "Vorige"):
            assert debris not in body
    trailer = edition.trailer
    assert want["medium"] in trailer.published_in
    assert trailer.tags == want["tags"]
    assert trailer.review == []


def test_lines_that_fit_no_shape_are_kept_for_review() -> None:
    trailer = classify_trailer([(10, "PS: de volgende editie gaat over data."), (11, ""), (12, "Een losse zin hier.")],
                               {"wim"})
    assert trailer.review == [(10, "PS: de volgende editie gaat over data."), (12, "Een losse zin hier.")]
    assert trailer.tags == [] and trailer.published_in == ""


def test_review_lines_are_written_and_published_only_after_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text(
        "Correspondentie over klantbeleving\nGeduld\n\nInleiding.\n\nZeist, maart 2026\nBeste Wim,\nTekst.\n"
        "Groet,\nJan-Hein\nVerschenen in KlantZaken #3 – 2026\n- geduld\n- wachten\nEen regel die niemand kent.\n",
        encoding="utf-8",
    )
    target = docs / "brieven" / "ed"
    assert main(["import", "letters", str(src), "--into", str(target), "--stelling", "Geduld wint."]) == 0
    captured = capsys.readouterr()
    assert f"{src}:14: waarschuwing: niet herkend" in captured.err
    assert f"{src}:11: weggelaten (publicatievermelding" in captured.out
    meta = parse_source("index.md", (target / "index.md").read_text(encoding="utf-8"))[0].meta
    assert meta["title"] == "Geduld" and meta["stelling"] == "Geduld wint." and "draft" not in meta
    assert meta["published_in"] == "KlantZaken #3 – 2026"
    assert meta["tags"] == ["geduld", "wachten"]
    assert meta[REVIEW_KEY] == ["Een regel die niemand kent."]
    problems = [p.format() for p in load_site(docs)[1]]
    assert problems == ["docs/brieven/ed/index.md:9: 'review' bevat nog regels uit de import om na te kijken"]


def test_corpus_exports_with_a_generated_trailer(corpus: Path, registry: dict[str, Author]) -> None:
    for path in sorted((corpus / "letters").glob("*.txt")):
        base = path.read_text(encoding="utf-8").rstrip("\n")
        text = base + "\nVerschenen in Servicepost Online #06 – 2026\n• geduld\n• Rien Brus\nReacties (0)\n"
        edition = imp.parse_edition_text(text.replace("\n", "\r\n"), registry)
        assert len(edition.letters) == 3
        assert edition.trailer.published_in == "Servicepost Online #06 – 2026"
        assert edition.trailer.tags == ["geduld"]
        assert edition.trailer.review == []
        assert "Correspondentie" not in edition.title and edition.stelling == STELLING_TODO


def test_scaffold_placeholders_are_errors_once_draft_is_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    assert main(["new", "edition", "--stelling", "Geduld wint", "--date", "2026-01", "--docs", str(docs)]) == 0
    capsys.readouterr()
    assert main(["check", "--docs", str(docs)]) == 0, "placeholders in a draft are only noted"
    assert "(concept; info)" in capsys.readouterr().out
    for page in (docs / "brieven").rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    assert main(["check", "--docs", str(docs)]) == 1
    out = capsys.readouterr().out
    folder = "docs/brieven/2026-01-geduld-wint"
    assert f"{folder}/index.md:7: de inleiding is nog niet geschreven (plaatshouder)" in out
    assert f"{folder}/01-wim-rampen.md:11: de brief is nog niet geschreven (plaatshouder)" in out
