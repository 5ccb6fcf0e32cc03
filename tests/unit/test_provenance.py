"""No sentences from the authors' texts in the repository (runs of 9+ words)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from klantbeleving.provenance import copied_runs, corpus_shingles, shingles
from tests.sitekit import ROOT


def tracked_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return [ROOT / name for name in out.stdout.splitlines() if (ROOT / name).is_file()]


def test_no_tracked_file_holds_a_run_of_nine_words_from_the_corpus(corpus: Path) -> None:
    reference = corpus_shingles(corpus)
    assert reference, "the corpus should not be empty"
    hits = copied_runs(tracked_files(), reference)
    report = {str(p.relative_to(ROOT)): sorted(runs)[:2] for p, runs in hits.items()}
    assert report == {}


def test_the_check_finds_a_copied_run(corpus: Path, tmp_path: Path) -> None:
    source = next(corpus.rglob("*.txt")).read_text(encoding="utf-8")
    words = source.split()
    copied = tmp_path / "copied.md"
    copied.write_text("Inleiding. " + " ".join(words[40:52]) + " Einde.", encoding="utf-8")
    own = tmp_path / "own.md"
    own.write_text("Een tekst die wij zelf schreven over klantbeleving en strategie.", encoding="utf-8")
    hits = copied_runs([copied, own], corpus_shingles(corpus))
    assert list(hits) == [copied]


def test_shingles_are_runs_of_nine_words() -> None:
    assert shingles("een twee drie vier vijf zes zeven acht") == set()
    assert shingles("Een, twee drie vier vijf zes zeven acht negen!") == {"een twee drie vier vijf zes zeven acht negen"}
