"""Text that enters through the importers and the authors' registry: characters XML cannot hold
and YAML beyond our limits are refused with file and line, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantbeleving.cli import main
from tests.sitekit import AUTHORS, CORPUS

LETTERS = CORPUS / "letters" / "2025-10-ceo-omarmt-cx.txt"
BOOK = CORPUS / "book" / "customer-experience-fragment.txt"


def _with_char(path: Path, tmp_path: Path, line: int, char: str) -> Path:
    """A copy of a corpus file with ``char`` put into the middle of line ``line``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    text = lines[line - 1]
    lines[line - 1] = text[: len(text) // 2] + char + text[len(text) // 2:]
    copy = tmp_path / path.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return copy


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _written(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize(("line", "char"), [(1, "\x1b"), (5, "\x01"), (12, "\x7f"), (20, "\ufffe"), (30, "\x85"), (40, "\x0c")])
def test_the_letter_importer_refuses_control_characters_with_their_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: int, char: str) -> None:
    src = _with_char(LETTERS, tmp_path, line, char)
    code, text = _run(["import", "letters", str(src), "--into", str(tmp_path / "out" / "ed")], capsys)
    assert code == 1
    assert f"{src}:{line}: teken U+{ord(char):04X} is niet toegestaan" in text, text
    assert "Traceback" not in text and _written(tmp_path / "out") == []


def test_the_letter_importer_refuses_a_control_character_in_the_stelling(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(["import", "letters", str(LETTERS), "--into", str(tmp_path / "ed"), "--stelling", "Top\x1b[2J"], capsys)
    assert code == 1
    assert "--stelling: teken U+001B" in text, text
    assert _written(tmp_path / "ed") == []


@pytest.mark.parametrize("tail", ["woord " * 10_000, "".join(f"Losse regel {i} na de brieven.\n\n" for i in range(1_000)),
                                  "Gepubliceerd in " + "x" * 30_000 + " 2025"])
def test_the_letter_importer_refuses_more_trailing_text_than_index_md_may_hold(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], tail: str) -> None:
    src = tmp_path / "lang.txt"
    text = LETTERS.read_text(encoding="utf-8").rstrip("\n")
    src.write_text(f"{text}\n\n{tail}\n", encoding="utf-8")
    line = text.count("\n") + 3
    code, out = _run(["import", "letters", str(src), "--into", str(tmp_path / "out" / "ed")], capsys)
    assert code == 1
    assert f"{src}:{line}: na de brieven staan meer dan 20.000 tekens" in out or f"{src}: na de brieven" in out, out
    assert "interne fout" not in out and "Traceback" not in out and _written(tmp_path / "out") == []


@pytest.mark.parametrize(("registry", "line", "message"), [
    ("authors:\n  x: " + "[" * 25_000 + "]" * 25_000 + "\n", 2, "te diep genest"),
    ("authors:\n  wim: &w {name: Wim}\n  rien: *w\n", 2, "ankers"),
    ('authors:\n  wim:\n    name: "Wim\\e"\n', 3, "teken U+001B"),
    ("authors:\n  wim:\n    name: Wim\n  wim:\n    name: Ander\n", 4, "sleutel 'wim' staat er twee keer in"),
])
def test_the_letter_importer_refuses_a_hostile_registry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], registry: str, line: int, message: str) -> None:
    authors = tmp_path / "reg" / ".authors.yml"
    authors.parent.mkdir()
    authors.write_text(registry, encoding="utf-8")
    code, text = _run(["import", "letters", str(LETTERS), "--into", str(tmp_path / "ed"), "--authors", str(authors)], capsys)
    assert code == 1
    assert f"{authors}:{line}: YAML-fout: {message}" in text, text
    assert "Traceback" not in text and _written(tmp_path / "ed") == []


def test_the_letter_importer_still_reads_a_plain_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    authors = tmp_path / "reg" / ".authors.yml"
    authors.parent.mkdir()
    authors.write_text(AUTHORS, encoding="utf-8")
    code, text = _run(["import", "letters", str(LETTERS), "--into", str(tmp_path / "ed"), "--authors", str(authors)], capsys)
    assert code == 0, text


@pytest.mark.parametrize(("line", "char"), [(3, "\x00"), (10, "\x1b"), (100, "\x9b"), (200, "\uffff")])
def test_the_book_importer_refuses_control_characters_with_their_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: int, char: str) -> None:
    src = _with_char(BOOK, tmp_path, line, char)
    code, text = _run(["import", "book", str(src), "--into", str(tmp_path / "boek")], capsys)
    assert code == 1
    expected = "bestand is binair" if char == "\x00" else f"{src}:{line}: teken U+{ord(char):04X} is niet toegestaan"
    assert expected in text, text
    assert "Traceback" not in text and _written(tmp_path / "boek") == []
