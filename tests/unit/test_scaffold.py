"""``klantbeleving new edition``: rotation, required frontmatter, drafts, refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from klantbeleving.cli import main
from klantbeleving.dates import PartialDate
from klantbeleving.load import load_site
from klantbeleving.model import Author, Edition, Letter
from klantbeleving.scaffold import next_order
from klantbeleving.sources import parse_source
from tests.sitekit import AUTHORS, letter, small_site

W, J, R = "wim-rampen", "jan-hein-pierik", "rien-brus"


def write_docs(root: Path, files: dict[str, str]) -> Path:
    docs = root / "docs"
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def new_edition(docs: Path, *extra: str, stelling: str = "Geduld is ook een strategie", date: str = "2026-01") -> int:
    return main(["new", "edition", "--stelling", stelling, "--date", date, "--docs", str(docs), *extra])


def edition(slug: str, date: str, authors: list[str]) -> Edition:
    when = PartialDate(int(date[:4]), int(date[5:7]))
    ed = Edition(src=f"brieven/{slug}/index.md", slug=slug, title=slug, stelling="s", date=when)
    ed.letters = [Letter(f"brieven/{slug}/{i:02d}-{a}.md", slug, i, a, "X", when, "t") for i, a in enumerate(authors, 1)]
    return ed


REGISTRY = {
    W: Author(W, "Wim Rampen", "Helmond", role="brieven"),
    "eric-de-haan": Author("eric-de-haan", "Eric de Haan", "Den Bosch", role="boek"),
    J: Author(J, "Jan-Hein Pierik", "Zeist", role="brieven"),
    R: Author(R, "Rien Brus", "Santpoort-Zuid", role="brieven"),
}

ROTATION = [
    pytest.param([], [W, J, R], id="no-editions-registry-order-letter-writers-only"),
    pytest.param([edition("a", "2025-10", [W, J, R])], [J, R, W], id="first-moves-to-the-end"),
    pytest.param([edition("a", "2025-12", [J, R, W])], [R, W, J], id="december-to-january"),
    pytest.param(
        [edition("a", "2025-09", [J, W, R]), edition("b", "2025-10", [W, J, R])], [J, R, W], id="latest-edition-wins"
    ),
    pytest.param([edition("a", "2025-09", [J, W, R]), edition("b", "2025-10", [])], [W, R, J],
                 id="edition-without-letters-is-skipped"),
]


@pytest.mark.parametrize(("editions", "expected"), ROTATION)
def test_rotation(editions: list[Edition], expected: list[str]) -> None:
    assert next_order(REGISTRY, editions) == expected


def test_new_edition_follows_the_rotation_and_loads_as_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_docs(tmp_path, small_site())  # latest edition: jan-hein, rien, wim
    highest = max(x.number or 0 for x in load_site(docs)[0].letters())
    assert new_edition(docs) == 0
    out = capsys.readouterr().out
    folder = docs / "brieven" / "2026-01-geduld-is-ook-een-strategie"
    assert sorted(p.name for p in folder.iterdir()) == ["01-rien-brus.md", "02-wim-rampen.md", "03-jan-hein-pierik.md",
                                                       "index.md"]
    assert out.count("geschreven: ") == 4
    index = parse_source("index.md", (folder / "index.md").read_text(encoding="utf-8"))[0]
    assert index.meta == {"title": "Geduld is ook een strategie", "stelling": "Geduld is ook een strategie",
                          "date": "2026-01", "draft": True}
    assert index.body.strip()
    letter = parse_source("x", (folder / "01-rien-brus.md").read_text(encoding="utf-8"))[0].meta
    assert letter == {"title": "Brief van Rien Brus", "number": highest + 1, "text": "samenvatting",
                      "author": "rien-brus", "city": "Santpoort-Zuid",
                      "date": "2026-01", "stelling": "Geduld is ook een strategie", "draft": True}

    site, problems = load_site(docs)
    assert problems == []
    assert [e.slug for e in site.editions] == ["2025-12-proef"], "a scaffolded edition never publishes"
    drafts, problems = load_site(docs, include_drafts=True)
    assert problems == []
    new = drafts.edition("2026-01-geduld-is-ook-een-strategie")
    assert new is not None and [x.author for x in new.letters] == [R, W, J]
    assert [x.number for x in new.letters] == [highest + 1, highest + 2, highest + 3]


def test_the_next_one_rotates_again_and_slug_option_is_used(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, small_site())
    assert new_edition(docs) == 0
    assert new_edition(docs, "--slug", "tweede-ronde", date="2026-02") == 0
    folder = docs / "brieven" / "2026-02-tweede-ronde"
    assert sorted(p.name for p in folder.iterdir())[:3] == ["01-wim-rampen.md", "02-jan-hein-pierik.md",
                                                           "03-rien-brus.md"]


def test_numbers_go_on_after_every_number_given_drafts_and_refused_letters_too(tmp_path: Path) -> None:
    """The next free numbers are above the highest in the site, gaps are never filled, and a draft's
    number or that of a letter the loader refuses (an unknown author) counts as given."""
    files = small_site()
    files["brieven/2025-12-proef/01-jan-hein-pierik.md"] = letter("jan-hein-pierik", "Zeist", number=4)
    files["brieven/2025-12-proef/02-rien-brus.md"] = letter("rien-brus", "Zeist", number=2)
    files["brieven/2025-12-proef/03-wim-rampen.md"] = letter("wim-rampen", "Helmond", number=9, extra="draft: true\n")
    files["brieven/2025-12-proef/04-onbekend.md"] = letter("onbekend", "Ergens", number=12)
    docs = write_docs(tmp_path, files)
    assert new_edition(docs) == 0
    site, _problems = load_site(docs, include_drafts=True)
    new = site.edition("2026-01-geduld-is-ook-een-strategie")
    assert new is not None and [x.number for x in new.letters] == [13, 14, 15]
    assert new_edition(docs, "--slug", "daarna", date="2026-02") == 0
    site, _problems = load_site(docs, include_drafts=True)
    then = site.edition("2026-02-daarna")
    assert then is not None and [x.number for x in then.letters] == [16, 17, 18]


def test_without_editions_the_registry_order_is_used(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, {".authors.yml": AUTHORS})
    assert new_edition(docs) == 0
    folder = docs / "brieven" / "2026-01-geduld-is-ook-een-strategie"
    assert sorted(p.name for p in folder.glob("0*.md")) == ["01-wim-rampen.md", "02-jan-hein-pierik.md",
                                                            "03-rien-brus.md"]
    site, _problems = load_site(docs, include_drafts=True)
    assert [x.number for x in site.letters()] == [1, 2, 3], "the first letters of a series are 1, 2, 3"


def test_an_existing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_docs(tmp_path, small_site())
    assert new_edition(docs) == 0
    folder = docs / "brieven" / "2026-01-geduld-is-ook-een-strategie"
    (folder / "01-rien-brus.md").write_text("al begonnen\n", encoding="utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    capsys.readouterr()
    assert new_edition(docs) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before


BAD_USAGE = [
    pytest.param(["--date", "2026-13"], "--date: '2026-13' is geen bestaande datum", id="month-13"),
    pytest.param(["--date", "januari 2026"], "--date: 'januari 2026' is geen datum", id="not-a-date"),
    pytest.param(["--slug", "Met Spaties"], "--slug 'Met Spaties': gebruik alleen kleine letters", id="bad-slug"),
    pytest.param(["--stelling", "   "], "--stelling mag niet leeg zijn", id="empty-stelling"),
    pytest.param(["--stelling", "?!"], "geef --slug", id="stelling-without-letters"),
]


@pytest.mark.parametrize(("args", "message"), BAD_USAGE)
def test_wrong_usage_gives_a_dutch_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    docs = write_docs(tmp_path, small_site())
    before = sorted(p.name for p in (docs / "brieven").iterdir())
    values = {"--stelling": "Geduld is ook een strategie", "--date": "2026-01"}
    extra: list[str] = []
    for flag, value in zip(args[::2], args[1::2], strict=True):
        if flag in values:
            values[flag] = value
        else:
            extra += [flag, value]
    code = new_edition(docs, *extra, stelling=values["--stelling"], date=values["--date"])
    assert code == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (docs / "brieven").iterdir()) == before


def test_missing_docs_folder_is_wrong_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_edition(tmp_path / "nergens") == 2
    assert "map niet gevonden" in capsys.readouterr().err
    assert not (tmp_path / "nergens").exists()


def test_no_authors_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_docs(tmp_path, {"index.md": "# Start\n"})
    assert new_edition(docs) == 1
    assert "geen auteurs" in capsys.readouterr().err
    assert not (docs / "brieven").exists()
