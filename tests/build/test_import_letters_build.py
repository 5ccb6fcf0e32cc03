"""Imported corpus editions build strictly, without warnings, and show their pull quotes."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from klantbeleving.cli import main
from klantbeleving.sources import parse_source
from tests.sitekit import build, small_site, write_site


def test_imported_corpus_builds_strictly_with_pull_quotes(corpus: Path, tmp_path: Path) -> None:
    files = {rel: text for rel, text in small_site().items() if not rel.startswith("brieven/")}
    cfg = write_site(tmp_path, files)
    brieven = tmp_path / "docs" / "brieven"
    sources = []
    for path in sorted((corpus / "letters").glob("*.txt")):  # each export with a stelling line of our own
        title, rest = path.read_text(encoding="utf-8").split("\n", 1)
        copy = tmp_path / path.name
        copy.write_text(f"{title}\nStelling: Een stelling van de redactie voor {path.stem}.\n{rest}", encoding="utf-8")
        sources.append(str(copy))
    assert main(["import", "letters", *sources, "--into", str(brieven)]) == 0

    exc, log = build(cfg, strict=True)
    assert exc is None, log
    assert log == ""

    editions = sorted(p.name for p in brieven.iterdir())
    assert len(editions) == 3
    site = tmp_path / "site"
    for name in editions:
        letters = sorted((brieven / name).glob("0*.md"))
        assert len(letters) == 3
        for letter in letters:
            quote = parse_source(letter.name, letter.read_text(encoding="utf-8"))[0].meta["quote"]
            page = LexborHTMLParser((site / "brieven" / name / letter.stem / "index.html").read_text(encoding="utf-8"))
            node = page.css_first("article .kb-pullquote")
            assert node is not None, f"{name}/{letter.stem}: no pull quote"
            assert " ".join(node.text().split()) == " ".join(quote.split())
            body = page.css_first("article")
            assert "powered by" not in body.text()
