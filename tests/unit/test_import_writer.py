"""The importers' one writer: all files or none, under interrupts and concurrent imports; input size caps."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from klantbeleving.cli import main
from klantbeleving.importers import writer
from klantbeleving.importers.common import MAX_INPUT_BYTES, InputError, read_input
from tests.sitekit import AUTHORS, ROOT

EDITION = "2025-10-ceo-omarmt-cx.txt"


def tree(root: Path) -> dict[str, bytes]:
    """Every file and folder under ``root`` (folders as ``b"/"``), dot-folders included."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        out[rel] = b"/" if path.is_dir() else path.read_bytes()
    return out


def digest(folder: Path) -> str:
    return hashlib.sha256(repr(tree(folder)).encode()).hexdigest()


class Interrupt:
    """``os.rename`` that raises ``KeyboardInterrupt`` on its ``at``-th call (as Ctrl-C would)."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.calls = 0
        self.real = os.rename

    def __call__(self, src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        self.calls += 1
        if self.calls == self.at:
            raise KeyboardInterrupt
        self.real(src, dst)


OLD = {"boek": {"inleiding.md": "oud\n", "deel-1/01-a.md": "oud hoofdstuk\n", "eigen.md": "van de redactie\n"},
       "begrippen": {"cx.md": "oud begrip\n"}}
NEW = {"boek": {"inleiding.md": "nieuw\n", "deel-1/01-a.md": "nieuw hoofdstuk\n", "deel-2/index.md": "deel\n"},
       "begrippen": {"cx.md": "nieuw begrip\n", "hx.md": "nieuw\n"}}


def seed(base: Path, with_old: bool) -> None:
    base.mkdir(parents=True, exist_ok=True)
    if with_old:
        for root, files in OLD.items():
            for rel, text in files.items():
                (base / root / rel).parent.mkdir(parents=True, exist_ok=True)
                (base / root / rel).write_text(text, encoding="utf-8")


def expected_new(base: Path, with_old: bool) -> dict[str, bytes]:
    fresh = base.parent / (base.name + "-verwacht")
    seed(fresh, with_old)
    writer.write_folders({fresh / r: f for r, f in NEW.items()}, force=True)
    return tree(fresh)


@pytest.mark.parametrize("with_old", [True, False], ids=["force-over-old", "new-folders"])
def test_an_interrupt_at_any_rename_leaves_all_old_or_all_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_old: bool
) -> None:
    base = tmp_path / "docs"
    seed(base, with_old)
    before = tree(base)
    after = expected_new(base, with_old)
    renames = 0
    while True:
        renames += 1
        interrupt = Interrupt(renames)
        monkeypatch.setattr(writer.os, "rename", interrupt)
        try:
            writer.write_folders({base / r: f for r, f in NEW.items()}, force=True)
        except KeyboardInterrupt:
            assert tree(base) == before, f"interrupted at rename {renames}"
            continue
        finally:
            monkeypatch.undo()
        assert tree(base) == after
        break
    assert renames > 2, "the interrupt never hit a rename"


def test_an_interrupted_cli_import_with_force_keeps_the_old_edition(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    target = docs / "brieven" / "ed"
    src = str(corpus / "letters" / EDITION)
    assert main(["import", "letters", src, "--into", str(target)]) == 0
    (target / "index.md").write_text("eigen inleiding\n", encoding="utf-8")
    before = tree(docs)
    for at in (1, 2):
        monkeypatch.setattr(writer.os, "rename", Interrupt(at))
        assert main(["import", "letters", src, "--into", str(target), "--force"]) == 130
        monkeypatch.undo()
        err = capsys.readouterr().err
        assert "onderbroken" in err and "Traceback" not in err
        assert tree(docs) == before


def test_a_failed_rename_of_a_second_root_puts_the_first_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path / "docs"
    seed(base, True)
    before = tree(base)

    def disk_full(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).name.startswith(".begrippen.nieuw-"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    real = os.rename
    monkeypatch.setattr(writer.os, "rename", disk_full)
    with pytest.raises(writer.WriteError, match="niets gewijzigd"):
        writer.write_folders({base / r: f for r, f in NEW.items()}, force=True)
    assert tree(base) == before


def test_existing_files_are_refused_without_force(tmp_path: Path) -> None:
    base = tmp_path / "docs"
    seed(base, True)
    before = tree(base)
    with pytest.raises(writer.WriteError, match="bestaat al"):
        writer.write_folders({base / r: f for r, f in NEW.items()}, force=False)
    assert tree(base) == before


def test_overlapping_roots_are_refused(tmp_path: Path) -> None:
    with pytest.raises(writer.WriteError, match="overlappen"):
        writer.write_folders({tmp_path / "boek": {"a.md": "a"}, tmp_path / "boek" / "b": {"c.md": "c"}}, force=False)
    assert tree(tmp_path) == {}


def test_a_held_folder_is_refused_at_once(tmp_path: Path) -> None:
    parent = tmp_path / "brieven"
    parent.mkdir()
    with writer._locked(parent), pytest.raises(writer.WriteError, match="een andere import schrijft"):
        writer.write_folders({parent / "ed": {"index.md": "x"}}, force=True)
    assert tree(tmp_path) == {"brieven": b"/"}


def _race(plans: list[dict[Path, dict[str, str]]]) -> list[str]:
    """Run one ``write_folders`` per plan in threads released at the same moment; ``ok`` or the error."""
    barrier = threading.Barrier(len(plans))
    results: list[str] = []

    def work(plan: dict[Path, dict[str, str]]) -> None:
        barrier.wait()
        try:
            writer.write_folders(plan, force=False)
            results.append("ok")
        except writer.WriteError as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=work, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_threads_racing_into_one_new_folder_give_one_edition(tmp_path: Path) -> None:
    for trial in range(40):
        target = tmp_path / f"t{trial}" / "ed"
        results = _race([{target: {"index.md": f"{who}\n", "01-x.md": f"{who} 1\n"}} for who in "ab"])
        assert results.count("ok") == 1, results
        [refusal] = [r for r in results if r != "ok"]
        assert "een andere import schrijft" in refusal or "bestaat al" in refusal
        files = tree(target.parent)
        assert sorted(files) == ["ed", "ed/01-x.md", "ed/index.md"]
        who = files["ed/index.md"].decode().strip()
        assert files["ed/01-x.md"].decode() == f"{who} 1\n"


def test_two_processes_racing_into_one_new_edition_folder(corpus: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    sources = [str(corpus / "letters" / EDITION), str(corpus / "letters" / "2025-09-aparte-cx-strategie.txt")]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    for trial in range(8):
        target = docs / "brieven" / f"ed-{trial}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "klantbeleving.cli", "import", "letters", src, "--into", str(target)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
            )
            for src in sources
        ]
        outcomes = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
        for p in procs:
            for stream in (p.stdout, p.stderr):
                if stream:
                    stream.close()
        codes = sorted(code for code, _err in outcomes)
        assert codes == [0, 1], outcomes
        [err] = [e for code, e in outcomes if code == 1]
        assert ("een andere import schrijft" in err or "bestaat al" in err) and "Traceback" not in err
        letters = sorted(p.name for p in target.iterdir())
        assert len(letters) == 4 and letters[-1] == "index.md"
        stellingen = {(target / name).read_text(encoding="utf-8").split("stelling:")[1].split("\n")[0]
                      for name in letters}
        assert len(stellingen) == 1, "files of two editions mixed"
    assert [p.name for p in (docs / "brieven").iterdir() if p.name.startswith(".")] == []


# -- input size and kind, checked before reading ----------------------------------------------


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="geen gewoon bestand"):
        read_input(fifo)


def test_a_device_is_refused() -> None:
    with pytest.raises(InputError, match="geen gewoon bestand"):
        read_input(Path("/dev/zero"))


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    with big.open("wb") as handle:
        handle.truncate(49 * 1024 * 1024)
    with pytest.raises(InputError, match="te groot"):
        read_input(big)
    exact = tmp_path / "precies.txt"
    exact.write_bytes(b"a" * 100)
    assert read_input(exact, limit=100) == "a" * 100
    with pytest.raises(InputError, match="te groot"):
        read_input(exact, limit=99)
    assert MAX_INPUT_BYTES < 49 * 1024 * 1024


@pytest.mark.parametrize("what", ["letters", "book"])
@pytest.mark.parametrize("source", ["/dev/zero", "groot.txt", "pijp.txt"])
def test_the_commands_refuse_oversized_and_special_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], what: str, source: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if source == "groot.txt":
        with open(source, "wb") as handle:
            handle.truncate(49 * 1024 * 1024)
    elif source == "pijp.txt":
        os.mkfifo(source)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    into = "docs/brieven/ed" if what == "letters" else "docs/boek"
    code = main(["import", what, source, "--into", into])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"{source}: ") and ("te groot" in err or "geen gewoon bestand" in err), err
    assert "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [".authors.yml"]
